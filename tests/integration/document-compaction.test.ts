// Compaction, through both implementations of the document store: Prisma's
// (compactDocument, the portable path) and the SQLite worker's (one step per
// message in the worker thread), which must behave the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { appendUpdates, readStoredDocument } from '~/services/document-persistence.server'
import { createDocument } from '~/services/documents.server'
import { prismaStore, SqliteWorkerStore } from '~/services/document-store.server'
import { databaseUrl, sqliteFilePath } from '~/utils/database-url'
import { prisma } from '~/utils/db.server'
import { makeCommunity, makeLoggedInUser } from '../factories'
import { RawClient, startCollabServer, until } from '../support/collab'

let server: Awaited<ReturnType<typeof startCollabServer>>
const worker = new SqliteWorkerStore(sqliteFilePath(databaseUrl()))
beforeAll(async () => {
  server = await startCollabServer({ compactAfter: 1_000_000 })
})
afterAll(async () => {
  await server.close()
  await worker.close()
})

async function setup() {
  const editor = await makeLoggedInUser({ name: 'Eva Editor' })
  const community = await makeCommunity({ visibility: 'on_request', members: [editor.user.id] })
  return { editor, community }
}

describe.each([
  ['Prisma', prismaStore],
  ['the SQLite worker', worker],
])('compaction through %s', (_name, store) => {
  const compact = (documentId: string, options?: { chunk?: number }) => store.compact(documentId, options)

  it('compacts in bounded chunks without changing the content', async () => {
    const { editor, community } = await setup()
    const { id } = await createDocument({ communityId: community.id, title: 'Lang', createdById: editor.user.id })
    const a = await RawClient.connect(server.url, editor.token, id)
    await a.joinAndSync()
    for (let i = 0; i < 120; i++) {
      await a.edit((d) => d.getText('t').insert(d.getText('t').length, `${i % 10}`))
      if (i % 7 === 0) await a.edit((d) => d.getText('t').delete(0, 1))
    }
    const before = await readStoredDocument(id)
    expect(before!.tailLength).toBeGreaterThan(120)
    const folded = await compact(id, { chunk: 50 })
    expect(folded).toBe(before!.tailLength)
    const after = await readStoredDocument(id)
    expect(after!.tailLength).toBe(0)
    const doc = new Y.Doc()
    for (const u of after!.updates) Y.applyUpdate(doc, u)
    expect(doc.getText('t').toString()).toBe(a.text())
    // The live copy keeps working on top of the new snapshot.
    await a.edit((d) => d.getText('t').insert(0, '!'))
    a.close()
  })

  it('compaction stores the garbage-collected state: deleted text is gone, the text is the same, clients that synced before still converge', async () => {
    const { editor, community } = await setup()
    const { id } = await createDocument({ communityId: community.id, title: 'Opruimen', createdById: editor.user.id })
    // This client keeps deleted content (gc off), as an editor that synced long ago may.
    const a = await RawClient.connect(server.url, editor.token, id, new Y.Doc({ gc: false }))
    await a.joinAndSync()
    const text = (d: Y.Doc) => d.getText('t')
    await a.edit((d) => text(d).insert(0, 'Openbaar. '))
    await a.edit((d) => text(d).insert(text(d).length, 'GEHEIM-WACHTWOORD'))
    await a.edit((d) => text(d).insert(text(d).length, ' Einde.'))
    await a.edit((d) => text(d).delete('Openbaar. '.length, 'GEHEIM-WACHTWOORD'.length))
    const stored = await readStoredDocument(id)
    const bytes = (updates: Uint8Array[]) => Buffer.concat(updates.map((u) => Buffer.from(u)))
    expect(bytes(stored!.updates).includes('GEHEIM-WACHTWOORD')).toBe(true)
    // What compaction used to store: every struct, deleted content included.
    expect(Buffer.from(Y.mergeUpdates(stored!.updates)).includes('GEHEIM-WACHTWOORD')).toBe(true)

    expect(await compact(id)).toBe(stored!.tailLength)
    const after = (await readStoredDocument(id))!
    expect(after.tailLength).toBe(0)
    expect(after.updates).toHaveLength(1)
    expect(Buffer.from(after.updates[0]!).includes('GEHEIM')).toBe(false)
    const loaded = new Y.Doc()
    Y.applyUpdate(loaded, after.updates[0]!)
    expect(text(loaded).toString()).toBe('Openbaar.  Einde.')
    expect(text(loaded).toString()).toBe(a.text())

    // The server forgets its copy and loads the compacted one; `a` comes back with edits made
    // offline right where the deleted text was (its items are their neighbours).
    const offline = new Y.Doc({ gc: false })
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(a.doc))
    a.close()
    await until(() => !server.collab.loadedDocuments().includes(id), 'unload')
    text(offline).insert('Openbaar. '.length, '[hier]')
    text(offline).insert(0, '>')
    const back = await RawClient.connect(server.url, editor.token, id, offline)
    await back.joinAndSync()
    const fresh = await RawClient.connect(server.url, editor.token, id)
    await fresh.joinAndSync()
    await until(() => fresh.text() === back.text(), 'convergence after compaction')
    expect(back.text()).toBe('>Openbaar. [hier] Einde.')
    // Both keep editing and converge.
    await Promise.all([back.edit((d) => text(d).insert(0, 'B')), fresh.edit((d) => text(d).insert(text(d).length, 'F'))])
    await until(() => fresh.text() === back.text() && back.text() === 'B>Openbaar. [hier] Einde.F', 'convergence')
    await server.collab.flush()
    const final = new Y.Doc()
    for (const u of (await readStoredDocument(id))!.updates) Y.applyUpdate(final, u)
    expect(text(final).toString()).toBe(back.text())
    back.close()
    fresh.close()
  })

  it('compacts a chunk larger than one statement may bind', async () => {
    const { community } = await setup()
    const { id } = await createDocument({ communityId: community.id, title: 'Groot', createdById: null })
    const source = new Y.Doc()
    const updates: Uint8Array[] = []
    source.on('update', (u: Uint8Array) => updates.push(u))
    for (let i = 0; i < 1200; i++) source.getText('t').insert(i, `${i % 10}`)
    await appendUpdates(updates.map((data) => ({ documentId: id, data, userId: null })))
    expect(await compact(id, { chunk: 5000 })).toBe(1200)
    const after = (await readStoredDocument(id))!
    expect(after.tailLength).toBe(0)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, after.updates[0]!)
    expect(doc.getText('t').toString()).toBe(source.getText('t').toString())
  })

  it('compaction deletes exactly the rows it folded: a row with a lower id that commits late is kept and folded next time', async () => {
    const { community } = await setup()
    const { id } = await createDocument({ communityId: community.id, title: 'Laat', createdById: null })
    // Independent updates (one client each), so any subset of them loads completely.
    const setKey = (key: string) => {
      const d = new Y.Doc()
      d.getMap('m').set(key, true)
      return Y.encodeStateAsUpdate(d)
    }
    await appendUpdates(['a', 'b', 'c', 'd', 'e'].map((key) => ({ documentId: id, data: setKey(key), userId: null })))
    const keys = async () => {
      const doc = new Y.Doc()
      for (const u of (await readStoredDocument(id))!.updates) Y.applyUpdate(doc, u)
      return [...doc.getMap('m').keys()].sort()
    }
    const rows = await prisma.documentUpdate.findMany({ where: { documentId: id }, orderBy: { id: 'asc' } })
    const late = rows[2]!
    // On PostgreSQL ids can commit out of order: row "c" is not visible yet when compaction reads.
    await prisma.documentUpdate.delete({ where: { id: late.id } })
    expect(await compact(id)).toBe(4)
    await prisma.documentUpdate.create({
      data: { id: late.id, documentId: id, data: late.data, userId: null, createdAt: late.createdAt },
    })
    expect((await readStoredDocument(id))!.tailLength).toBe(1)
    expect(await keys()).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(await compact(id)).toBe(1)
    expect(await prisma.documentUpdate.count({ where: { documentId: id } })).toBe(0)
    expect(await keys()).toEqual(['a', 'b', 'c', 'd', 'e'])
  })
})

describe('compaction in the SQLite worker while updates keep arriving', () => {
  const setKey = (key: string) => {
    const d = new Y.Doc()
    d.getMap('m').set(key, true)
    return Y.encodeStateAsUpdate(d)
  }

  it('folds every update exactly once and loses none', async () => {
    const { community } = await setup()
    const { id } = await createDocument({ communityId: community.id, title: 'Druk', createdById: null })
    const keys = Array.from({ length: 300 }, (_, i) => `k${i}`)
    let appending = true
    const producer = (async () => {
      for (let i = 0; i < keys.length; i += 3) {
        await worker.append(keys.slice(i, i + 3).map((key) => ({ documentId: id, data: setKey(key), userId: null })))
      }
      appending = false
    })()
    let folded = 0
    let steps = 0
    while (appending) {
      folded += await worker.compact(id, { chunk: 7 })
      steps++
    }
    await producer
    folded += await worker.compact(id, { chunk: 7 })
    expect(steps).toBeGreaterThan(5)
    // Each row folded once: as many as were appended, and none left.
    expect(folded).toBe(keys.length)
    expect(await prisma.documentUpdate.count({ where: { documentId: id } })).toBe(0)
    const doc = new Y.Doc()
    for (const u of (await readStoredDocument(id))!.updates) Y.applyUpdate(doc, u)
    expect([...doc.getMap('m').keys()].sort()).toEqual([...keys].sort())
  })

  it('a live document compacted by the server as it is edited keeps every acknowledged change', async () => {
    const live = await startCollabServer({ compactAfter: 20 })
    try {
      const { editor, community } = await setup()
      const { id } = await createDocument({ communityId: community.id, title: 'Live', createdById: editor.user.id })
      const a = await RawClient.connect(live.url, editor.token, id)
      await a.joinAndSync()
      for (let i = 0; i < 150; i++) await a.edit((d) => d.getText('t').insert(d.getText('t').length, `${i % 10}`))
      await live.collab.flush()
      await until(() => a.text().length === 150, 'the edits')
      const stored = async () => {
        const doc = new Y.Doc()
        const { updates, tailLength } = (await readStoredDocument(id))!
        for (const u of updates) Y.applyUpdate(doc, u)
        return { text: doc.getText('t').toString(), tailLength }
      }
      // Compactions ran meanwhile (the tail is shorter than what was sent), and the text is whole.
      const { text, tailLength } = await stored()
      expect(tailLength).toBeLessThan(150)
      expect(text).toBe(a.text())
      a.close()
    } finally {
      await live.close()
    }
  })
})
