// The SQLite document store's worker thread (document-store.server.ts, ADR
// 0008 "SQLite fast path"): plain CommonJS, run with `eval` so that the
// bundled server (esbuild, one file) needs no second file. Its own
// better-sqlite3 connection does what Prisma's functions in
// document-persistence.server.ts do, statement for statement:
// - append: insertUpdates, one INSERT per row in one transaction;
// - read: readStoredDocument, snapshot and tail in one transaction;
// - mark: markEdited, an editor removed meanwhile leaves the editor as it was;
// - compact: ONE step of compactDocument (at most `chunk` rows): read, merge
//   in a fresh gc'd Y.Doc that must hold everything with nothing pending,
//   write the snapshot under the optimistic lock (snapshotUpdateId) and
//   delete exactly the rows it folded, all in one IMMEDIATE transaction.
//   Returns how many rows it folded (0: nothing to fold or lost the lock).
export const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const Y = require(workerData.yjs)
const db = new Database(workerData.file, { timeout: workerData.busyTimeoutMs })
db.pragma('foreign_keys = ON')
const insert = db.prepare('INSERT INTO "DocumentUpdate" ("documentId", "data", "userId", "createdAt") VALUES (?, ?, ?, ?)')
const appendAll = db.transaction((rows) => {
  for (const row of rows) insert.run(row[0], row[1], row[2], row[3])
})
const document = db.prepare('SELECT "snapshot" FROM "Document" WHERE "id" = ?')
const tail = db.prepare('SELECT "data" FROM "DocumentUpdate" WHERE "documentId" = ? ORDER BY "id" ASC').pluck()
// Every row still there is unfolded, whatever its id (as readStoredDocument reads them).
const read = db.transaction((documentId) => {
  const row = document.get(documentId)
  if (!row) return null
  return { snapshot: row.snapshot, tail: tail.all(documentId) }
})

const user = db.prepare('SELECT "id" FROM "User" WHERE "id" = ?').pluck()
const markBy = db.prepare('UPDATE "Document" SET "lastEditedAt" = ?, "lastEditedById" = ? WHERE "id" = ?')
const markAt = db.prepare('UPDATE "Document" SET "lastEditedAt" = ? WHERE "id" = ?')
const markAll = db.transaction((edits) => {
  for (const [documentId, userId, at] of edits) {
    const editor = userId === null ? undefined : user.get(userId)
    if (editor === undefined) markAt.run(at, documentId)
    else markBy.run(at, editor, documentId)
  }
})

const compacted = db.prepare('SELECT "snapshot", "snapshotUpdateId" FROM "Document" WHERE "id" = ?')
const chunkOf = db.prepare('SELECT "id", "data" FROM "DocumentUpdate" WHERE "documentId" = ? ORDER BY "id" ASC LIMIT ?')
const setSnapshot = db.prepare(
  'UPDATE "Document" SET "snapshot" = ?, "snapshotUpdateId" = ? WHERE "id" = ? AND "snapshotUpdateId" IS ?',
)
// The chunk is the document's lowest ids, read in this transaction: every row up to its last id is in it.
const deleteFolded = db.prepare('DELETE FROM "DocumentUpdate" WHERE "documentId" = ? AND "id" <= ?')
function merge(documentId, parts) {
  const doc = new Y.Doc()
  try {
    doc.transact(() => {
      for (const part of parts) Y.applyUpdate(doc, part)
    })
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) throw new Error('the update has missing parts')
    return Y.encodeStateAsUpdate(doc)
  } catch (error) {
    throw Object.assign(new Error('document ' + documentId + ' could not be loaded: ' + (error && error.message)), {
      name: 'DocumentLoadError',
    })
  } finally {
    doc.destroy()
  }
}
const compactStep = db.transaction((documentId, chunk) => {
  const doc = compacted.get(documentId)
  if (!doc) return 0
  const rows = chunkOf.all(documentId, chunk)
  if (rows.length === 0) return 0
  const parts = doc.snapshot ? [doc.snapshot] : []
  for (const row of rows) parts.push(row.data)
  const merged = merge(documentId, parts)
  const last = rows[rows.length - 1].id
  if (setSnapshot.run(merged, last, documentId, doc.snapshotUpdateId).changes !== 1) return 0
  const { changes } = deleteFolded.run(documentId, last)
  if (changes !== rows.length) throw new Error('compaction would delete ' + changes + ' rows, folded ' + rows.length)
  return rows.length
})

parentPort.on('message', ({ id, kind, rows, documentId, edits, chunk }) => {
  try {
    let result
    if (kind === 'append') result = appendAll(rows)
    else if (kind === 'read') result = read(documentId)
    else if (kind === 'mark') result = markAll(edits)
    else result = compactStep.immediate(documentId, chunk)
    parentPort.postMessage({ id, error: null, result: result ?? null })
  } catch (error) {
    parentPort.postMessage({
      id,
      error: { message: String(error && error.message), code: error && error.code, name: error && error.name },
    })
  }
})
`
