// The SQLite fast path for the relay's appends, loads and edit marks (a worker thread with
// its own connection) against Prisma's, the portable one it must match.
import { afterAll, describe, expect, it } from 'vitest'
import { createDocumentStore, prismaStore, SqliteWorkerStore } from '~/services/document-store.server'
import { createDocument } from '~/services/documents.server'
import { readStoredDocument } from '~/services/document-persistence.server'
import { prisma } from '~/utils/db.server'
import { makeCommunity, makeUser } from '../factories'
import { until } from '../support/collab'

const store = createDocumentStore()
afterAll(() => store.close())

async function newDocument() {
  const user = await makeUser()
  const community = await makeCommunity({ members: [user.id] })
  const { id } = await createDocument({ communityId: community.id, title: 'Snel', createdById: user.id })
  return { docId: id, userId: user.id }
}

const rowsOf = (documentId: string) =>
  prisma.documentUpdate.findMany({
    where: { documentId },
    orderBy: { id: 'asc' },
    select: { data: true, userId: true, createdAt: true },
  })

describe('the document store', () => {
  it('is the worker on a SQLite file and Prisma elsewhere', () => {
    expect(store).toBeInstanceOf(SqliteWorkerStore)
    expect(createDocumentStore('postgresql://localhost/peloton')).toBe(prismaStore)
  })

  it('stores rows Prisma reads exactly as it reads its own', async () => {
    const { docId, userId } = await newDocument()
    const before = Date.now()
    await store.append([
      { documentId: docId, data: new Uint8Array([1, 2, 3]), userId },
      { documentId: docId, data: new Uint8Array([4]), userId: null },
    ])
    await prismaStore.append([{ documentId: docId, data: new Uint8Array([5, 6]), userId }])
    const rows = await rowsOf(docId)
    expect(rows.map((r) => [[...r.data], r.userId])).toEqual([
      [[1, 2, 3], userId],
      [[4], null],
      [[5, 6], userId],
    ])
    for (const row of rows) {
      expect(row.createdAt).toBeInstanceOf(Date)
      expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1)
      expect(row.createdAt.getTime()).toBeLessThanOrEqual(Date.now())
    }
    // The same text format as Prisma's, so ordering and comparisons in SQL agree.
    const raw = await prisma.$queryRawUnsafe<Array<{ createdAt: string }>>(
      'SELECT CAST(createdAt AS TEXT) AS createdAt FROM DocumentUpdate WHERE documentId = ? ORDER BY id',
      docId,
    )
    const format = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/
    expect(raw.map((r) => format.test(r.createdAt))).toEqual([true, true, true])
  })

  it('commits a batch whole or not at all, and reports the failure', async () => {
    const { docId } = await newDocument()
    await expect(
      store.append([
        { documentId: docId, data: new Uint8Array([1]), userId: null },
        { documentId: 'no-such-document', data: new Uint8Array([2]), userId: null },
      ]),
    ).rejects.toThrow(/FOREIGN KEY/)
    expect(await rowsOf(docId)).toEqual([])
  })

  it('waits while a Prisma transaction of this process is open', async () => {
    const { docId } = await newDocument()
    let appended = false
    await prisma.$transaction(async (tx) => {
      const append = store.append([{ documentId: docId, data: new Uint8Array([9]), userId: null }]).then(() => (appended = true))
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(appended).toBe(false)
      expect(await tx.documentUpdate.count({ where: { documentId: docId } })).toBe(0)
      void append
    })
    await until(() => appended, 'the append')
    expect(await prisma.documentUpdate.count({ where: { documentId: docId } })).toBe(1)
  })

  it('reads a document as readStoredDocument does: snapshot first, then the tail in id order', async () => {
    const { docId, userId } = await newDocument()
    expect(await store.read(docId)).toEqual(await readStoredDocument(docId))
    await prisma.document.update({ where: { id: docId }, data: { snapshot: Buffer.from([7, 7, 7]) } })
    await store.append([{ documentId: docId, data: new Uint8Array([1]), userId }])
    await prismaStore.append([{ documentId: docId, data: new Uint8Array([2, 2]), userId: null }])
    const fast = await store.read(docId)
    expect(fast).toEqual(await readStoredDocument(docId))
    expect(fast!.updates.map((u) => [...u])).toEqual([[7, 7, 7], [1], [2, 2]])
    expect(fast!.tailLength).toBe(2)
    expect(await store.read('no-such-document')).toBeNull()
  })
})

describe('edit marks through the document store', () => {
  it.each([
    ['Prisma', () => prismaStore],
    ['the SQLite worker', () => store],
  ])('%s marks the editor and the time, and keeps the last editor when the user is gone or null', async (_name, of) => {
    const { docId, userId } = await newDocument()
    const marks = () =>
      prisma.document.findUniqueOrThrow({ where: { id: docId }, select: { lastEditedAt: true, lastEditedById: true } })
    const at = new Date(Date.now() - 60_000)
    await of().markEdited([{ documentId: docId, userId, at }])
    expect(await marks()).toEqual({ lastEditedAt: at, lastEditedById: userId })
    const later = new Date(at.getTime() + 1000)
    await of().markEdited([{ documentId: docId, userId: null, at: later }])
    expect(await marks()).toEqual({ lastEditedAt: later, lastEditedById: userId })
    const latest = new Date(at.getTime() + 2000)
    await of().markEdited([
      { documentId: docId, userId: 'removed-user', at: latest },
      { documentId: 'no-such-document', userId, at: latest },
    ])
    expect(await marks()).toEqual({ lastEditedAt: latest, lastEditedById: userId })
  })
})
