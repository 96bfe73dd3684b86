// Loading a live document from what is stored: the first joiners' sync step 1
// is answered from the stored bytes (snapshot + tail) while the room's Y.Doc
// is built after it, and updates that arrive meanwhile are applied after the
// stored state, relayed and stored (doc-room.server.ts, stored-state.server.ts).
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { localOnlyBus } from '~/realtime/doc-bus.server'
import { DocRoom, type RoomMember } from '~/realtime/doc-room.server'
import { encodeSyncStep1, encodeUpdate, parseFrame } from '~/realtime/protocol'
import { UpdateWriter } from '~/realtime/update-writer.server'
import {
  appendUpdates,
  compactDocument,
  docFromUpdates,
  readStoredDocument,
  type StoredDocument,
} from '~/services/document-persistence.server'
import { createDocument } from '~/services/documents.server'
import { makeCommunity, makeLoggedInUser } from '../factories'
import { encodeSyncStepOne, RawClient, startCollabServer, until } from '../support/collab'

const cleanup: Array<() => unknown> = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

/** A document stored as a garbage-collected snapshot plus a tail, with deletions in both. */
async function storedDocument() {
  const editor = await makeLoggedInUser({ name: 'Lotte Laden' })
  const community = await makeCommunity({ members: [editor.user.id] })
  const { id: docId } = await createDocument({ communityId: community.id, title: 'Laden', createdById: editor.user.id })
  const source = new Y.Doc()
  const updates: Uint8Array[] = []
  source.on('update', (u: Uint8Array) => updates.push(u))
  const text = source.getText('t')
  text.insert(0, 'Bodemkwaliteit in de omgevingsvisie. ')
  text.delete(0, 6)
  text.insert(text.length, 'Grondwater beschermen. ')
  const store = (batch: Uint8Array[]) => appendUpdates(batch.map((data) => ({ documentId: docId, data, userId: editor.user.id })))
  await store(updates.splice(0))
  await compactDocument(docId)
  text.insert(text.length, 'Nog een alinea. ')
  text.delete(0, 8)
  text.insert(0, 'Start: ')
  await store(updates.splice(0))
  const stored = (await readStoredDocument(docId))!
  expect(stored.tailLength).toBe(3)
  return { editor, docId, stored, text: text.toString() }
}

function room(docId: string, stored: StoredDocument) {
  const r = new DocRoom(docId, stored, {
    writer: new UpdateWriter(),
    bus: localOnlyBus,
    compactAfter: 1_000_000,
    idleMs: 60_000,
    onIdle: () => undefined,
    onBroken: () => {
      throw new Error('the room broke')
    },
  })
  cleanup.push(() => r.destroy())
  return r
}

function member(socketId: string, userId: string): RoomMember & { sent: Uint8Array[] } {
  const sent: Uint8Array[] = []
  return { socketId, user: { id: userId, name: 'Lotte' }, role: 'editor', send: (data) => sent.push(data), sent }
}

/** The update inside a sync step 2 frame ([0, 1, varUint length, …]). */
function stepTwoUpdate(frame: Uint8Array): Uint8Array {
  const parsed = parseFrame(frame)
  if (parsed.type !== 'sync-step-2') throw new Error(`not a sync step 2 but ${parsed.type}`)
  return parsed.update
}

describe('loading a live document from what is stored', () => {
  it('answers sync step 1 from the stored bytes, before the Y.Doc is built', async () => {
    const { editor, docId, stored, text } = await storedDocument()
    const r = room(docId, stored)
    const reference = docFromUpdates(docId, stored.updates)
    const a = member('a', editor.user.id)
    r.join(a)
    // The server's own step 1 follows the build (below); a client's step 1 needs nothing from it.
    expect(a.sent).toHaveLength(0)

    // A new client (empty state vector) gets the snapshot and the tail as one update: the stored bytes, merged.
    r.receive(a, parseFrame(encodeSyncStep1(new Uint8Array([0]))), undefined)
    const answer = stepTwoUpdate(a.sent.at(-1)!)
    expect(answer).toEqual(Y.mergeUpdates(stored.updates))
    const fresh = new Y.Doc()
    Y.applyUpdate(fresh, answer)
    expect(fresh.getText('t').toString()).toBe(text)

    // A client that has the snapshot only gets what it lacks, and ends with the same text.
    const partial = docFromUpdates(docId, [stored.updates[0]!])
    r.receive(a, parseFrame(encodeSyncStep1(Y.encodeStateVector(partial))), undefined)
    const rest = stepTwoUpdate(a.sent.at(-1)!)
    expect(rest.length).toBeLessThan(answer.length)
    Y.applyUpdate(partial, rest)
    expect(partial.getText('t').toString()).toBe(text)
    expect(Y.encodeStateVector(partial)).toEqual(Y.encodeStateVector(reference))

    // Built right after that answer: the room holds exactly the stored state, and a gets the server's step 1.
    await new Promise((resolve) => setImmediate(resolve))
    expect(a.sent.at(-1)).toEqual(encodeSyncStep1(Y.encodeStateVector(reference)))
    expect(r.doc.getText('t').toString()).toBe(text)
    expect(Y.encodeStateVector(r.doc)).toEqual(Y.encodeStateVector(reference))
  })

  it('applies an update that arrives before the build after the stored state, relays it and stores it', async () => {
    const { editor, docId, stored, text } = await storedDocument()
    const r = room(docId, stored)
    const a = member('a', editor.user.id)
    const b = member('b', editor.user.id)
    r.join(a)
    r.join(b)
    r.receive(a, parseFrame(encodeSyncStep1(new Uint8Array([0]))), undefined)
    // In the same turn, before the build the answer scheduled: a's client syncs and types.
    const client = new Y.Doc()
    Y.applyUpdate(client, stepTwoUpdate(a.sent.at(-1)!))
    const typed: Uint8Array[] = []
    client.on('update', (u: Uint8Array) => typed.push(u))
    client.getText('t').insert(client.getText('t').length, 'Getypt.')
    let acked: unknown = 'none'
    r.receive(a, parseFrame(encodeUpdate(typed[0]!)), (error) => (acked = error))

    expect(r.doc.getText('t').toString()).toBe(`${text}Getypt.`)
    // Relayed to b (not back to a) as an update frame carrying exactly what was integrated.
    const relayed = b.sent.filter((frame) => parseFrame(frame).type === 'update')
    expect(relayed).toHaveLength(1)
    expect(a.sent.some((frame) => parseFrame(frame).type === 'update')).toBe(false)
    await r.flush()
    await until(() => acked === null, 'the ack')
    const after = (await readStoredDocument(docId))!
    expect(after.tailLength).toBe(stored.tailLength + 1)
    expect(docFromUpdates(docId, after.updates).getText('t').toString()).toBe(`${text}Getypt.`)
  })

  it('lets clients that join a cold document together, one typing at once, converge on what is stored', async () => {
    const { editor, docId, text } = await storedDocument()
    const server = await startCollabServer()
    cleanup.push(() => server.close())
    const connect = async () => {
      const c = await RawClient.connect(server.url, editor.token, docId)
      cleanup.push(() => c.close())
      return c
    }
    const [typist, reader] = await Promise.all([connect(), connect()])
    const joins = [typist.join(), reader.join()]
    // The typist types as soon as its join is acknowledged: before it has the stored state, and while
    // the reader's sync step 1 may still be answered from the stored bytes.
    expect((await joins[0])!.error).toBeNull()
    const acked = typist.edit((d) => d.getText('t').insert(0, 'Eerst! '))
    const sync = async (c: RawClient) => {
      c.socket.emit('msg', docId, encodeSyncStepOne(c.doc))
      await until(() => c.synced, 'sync')
    }
    await Promise.all([sync(typist), joins[1]!.then(() => sync(reader))])
    expect(await acked).toBeNull()
    await until(() => typist.text() === reader.text() && reader.text().includes('Eerst! '), 'convergence')
    expect(reader.text().replace('Eerst! ', '')).toBe(text)
    await server.collab.flush()
    const stored = (await readStoredDocument(docId))!
    expect(docFromUpdates(docId, stored.updates).getText('t').toString()).toBe(reader.text())

    // Unloaded when idle, then loaded again from the stored bytes: the same text.
    typist.close()
    reader.close()
    await until(() => !server.collab.loadedDocuments().includes(docId), 'unload')
    const late = await connect()
    await late.joinAndSync()
    expect(late.text()).toBe(reader.text())
  })
})
