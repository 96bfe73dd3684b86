// How the relay stores under trouble, with a real server, real database and
// real Yjs clients; only the writer's append is wrapped (a CollabOptions hook)
// to make the database fail or wait on cue.
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { liveDocuments } from '~/services/document-live.server'
import {
  appendUpdates,
  markEdited,
  readStoredDocument,
  type DocumentEdit,
  type NewUpdate,
} from '~/services/document-persistence.server'
import { createDocument } from '~/services/documents.server'
import { prisma } from '~/utils/db.server'
import { makeCommunity, makeLoggedInUser } from '../factories'
import { RawClient, startCollabServer, until } from '../support/collab'

const cleanup: Array<() => unknown> = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

async function setup(
  append: (updates: NewUpdate[]) => Promise<void>,
  writer: { markEdited?: (edits: DocumentEdit[]) => Promise<void>; editedEveryMs?: number } = {},
) {
  const server = await startCollabServer({ writer: { append, ...writer } })
  cleanup.push(() => server.close())
  const editor = await makeLoggedInUser({ name: 'Eva Editor' })
  const community = await makeCommunity({ members: [editor.user.id] })
  const { id: docId } = await createDocument({ communityId: community.id, title: 'Opslag', createdById: editor.user.id })
  const connect = async () => {
    const c = await RawClient.connect(server.url, editor.token, docId)
    cleanup.push(() => c.close())
    return c
  }
  return { server, docId, connect }
}

async function storedText(docId: string): Promise<string> {
  const doc = new Y.Doc()
  for (const u of (await readStoredDocument(docId))!.updates) Y.applyUpdate(doc, u)
  return doc.getText('t').toString()
}

const type = (c: RawClient, text: string) => c.edit((d) => d.getText('t').insert(d.getText('t').length, text))

describe('storing live documents', () => {
  it('retries a failed write with one back-off, not again for every new keystroke', async () => {
    let failing = true
    let attempts = 0
    const { server, docId, connect } = await setup(async (updates) => {
      attempts++
      if (failing) throw new Error('database down')
      await appendUpdates(updates)
    })
    const a = await connect()
    await a.joinAndSync()
    const first = await Promise.all(['a', 'b', 'c', 'd'].map((t) => type(a, t)))
    expect(first.every((ack) => ack?.code === 'write_failed')).toBe(true)
    expect(attempts).toBe(1)
    // Typing on while the database is down waits for the back-off instead of trying again at once.
    const second = await Promise.all(['e', 'f', 'g', 'h'].map((t) => type(a, t)))
    expect(second.every((ack) => ack?.code === 'write_failed')).toBe(true)
    expect(attempts).toBe(2)
    failing = false
    await server.collab.flush()
    expect(await storedText(docId)).toBe(a.text())
    expect(a.disconnected).toBe(false)
  })

  it('lets a join during an unload wait until the old copy is stored, so it never loads a stale one', async () => {
    const gate = { hold: false, open: null as (() => void) | null }
    const { docId, connect } = await setup(async (updates) => {
      if (gate.hold) await new Promise<void>((resolve) => (gate.open = resolve))
      await appendUpdates(updates)
    })
    const a = await connect()
    await a.joinAndSync()
    expect(await type(a, 'stored ')).toBeNull()
    gate.hold = true
    void type(a, 'pending')
    await until(() => gate.open !== null, 'write waiting')
    // The live copy breaks (as when Yjs throws on an update): it is unloaded, its queue still being written.
    await expect(
      liveDocuments()!.change(docId, null, () => {
        throw new Error('boom')
      }),
    ).rejects.toThrow()
    await until(() => a.disconnected, 'members closed')
    const b = await connect()
    const joined = b.joinAndSync()
    // A negative needs a window: while the old copy's write waits, the new join does not complete.
    await expect(until(() => b.synced, 'a stale sync', 300)).rejects.toThrow()
    gate.hold = false
    gate.open!()
    await joined
    expect(b.text()).toBe('stored pending')
    expect(await storedText(docId)).toBe('stored pending')
  })

  it('marks the document as edited at once, then at most once per interval, and when it is unloaded', async () => {
    const marks: DocumentEdit[][] = []
    const { server, docId, connect } = await setup(appendUpdates, {
      editedEveryMs: 60_000,
      markEdited: async (edits) => {
        marks.push(edits)
        await markEdited(edits)
      },
    })
    const a = await connect()
    await a.joinAndSync()
    expect(await type(a, 'een ')).toBeNull()
    await until(() => marks.length === 1, 'the first mark')
    for (const t of ['twee ', 'drie ']) expect(await type(a, t)).toBeNull()
    const lastAck = new Date()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(marks).toHaveLength(1)
    a.close()
    // Unloading (idle after 200 ms here) writes the pending mark, long before the interval.
    await until(() => marks.length === 2, 'the mark at unload')
    expect(server.collab.loadedDocuments()).not.toContain(docId)
    expect(marks[1]!.map((e) => e.documentId)).toEqual([docId])
    const doc = await prisma.document.findUniqueOrThrow({ where: { id: docId } })
    expect(doc.lastEditedAt.getTime()).toBeGreaterThan(marks[0]![0]!.at.getTime())
    expect(doc.lastEditedAt.getTime()).toBeLessThanOrEqual(lastAck.getTime())
    expect(doc.lastEditedById).not.toBeNull()
  })
})
