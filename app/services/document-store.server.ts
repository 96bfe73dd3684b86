// How the live relay appends updates and loads documents
// (docs/decisions/0008-collab-transport-and-persistence.md, "SQLite fast path").
// The portable implementation is Prisma's (`insertUpdates`,
// `readStoredDocument`), and it is what runs on any database but a SQLite
// file. On SQLite both run in a worker thread with its own better-sqlite3
// connection: the same one INSERT per batch in one transaction, committed
// (synchronous = FULL) before the promise resolves, and the same consistent
// read of snapshot + tail, but without Prisma's query compiler, without its
// byte-by-byte conversion of blobs, and without blocking the event loop that
// relays to everyone.
//
// Each operation holds the process's database lock (sqlite-adapter.server.ts)
// from before it is posted until the worker has answered, so no Prisma query
// or transaction of this process runs meanwhile: all database work of the
// process stays serialised as with one connection (ADR 0002), and a Prisma
// transaction never sees a commit of the worker between its read and its
// write.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { databaseUrl, sqliteFilePath } from '~/utils/database-url'
import { BUSY_TIMEOUT_MS } from '~/utils/db.server'
import { exclusiveDatabaseAccess } from '~/utils/sqlite-adapter.server'
import { insertUpdates, readStoredDocument, type NewUpdate, type StoredDocument } from './document-persistence.server'

export interface DocumentStore {
  /** Resolves after the updates are committed (in one transaction); rejects when they are not. */
  append(updates: NewUpdate[]): Promise<void>
  /** readStoredDocument: the snapshot and the tail, read in one transaction; null when the document does not exist. */
  read(documentId: string): Promise<StoredDocument | null>
  close(): Promise<void>
}

/** Prisma's: portable (PostgreSQL later), and the reference the fast path must match. */
export const prismaStore: DocumentStore = {
  append: (updates) => insertUpdates(updates),
  read: (documentId) => readStoredDocument(documentId),
  close: async () => {},
}

/** The SQLite fast path for a SQLite file URL, else Prisma's. */
export function createDocumentStore(url = databaseUrl()): DocumentStore {
  return url.startsWith('file:') ? new SqliteWorkerStore(sqliteFilePath(url)) : prismaStore
}

/** Rows as Prisma writes them: DateTime as ISO 8601 text with +00:00 (the adapter's default format). */
type Row = [documentId: string, data: Uint8Array, userId: string | null, createdAt: string]

// Plain CommonJS, run with `eval` so that the bundled server (esbuild, one file) needs no second file.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
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
parentPort.on('message', ({ id, kind, rows, documentId }) => {
  try {
    const result = kind === 'append' ? appendAll(rows) : read(documentId)
    parentPort.postMessage({ id, error: null, result: result ?? null })
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } })
  }
})
`

interface Pending {
  worker: Worker
  resolve: (result: unknown) => void
  reject: (error: unknown) => void
}

export class SqliteWorkerStore implements DocumentStore {
  private worker: Worker | null = null
  private readonly pending = new Map<number, Pending>()
  private nextId = 0

  constructor(private readonly file: string) {
    this.start()
  }

  append(updates: NewUpdate[]): Promise<void> {
    if (updates.length === 0) return Promise.resolve()
    const createdAt = new Date().toISOString().replace('Z', '+00:00')
    const rows: Row[] = updates.map((u) => [u.documentId, u.data, u.userId, createdAt])
    return this.call({ kind: 'append', rows }).then(() => undefined)
  }

  async read(documentId: string): Promise<StoredDocument | null> {
    const result = (await this.call({ kind: 'read', documentId })) as { snapshot: Uint8Array | null; tail: Uint8Array[] } | null
    if (!result) return null
    const updates = [...(result.snapshot ? [result.snapshot] : []), ...result.tail]
    return { updates: updates.map((u) => new Uint8Array(u.buffer, u.byteOffset, u.byteLength)), tailLength: result.tail.length }
  }

  private call(message: { kind: 'append'; rows: Row[] } | { kind: 'read'; documentId: string }): Promise<unknown> {
    return exclusiveDatabaseAccess(
      () =>
        new Promise<unknown>((resolve, reject) => {
          const worker = this.worker ?? this.start()
          const id = ++this.nextId
          this.pending.set(id, { worker, resolve, reject })
          worker.postMessage({ id, ...message })
        }),
    )
  }

  async close(): Promise<void> {
    const worker = this.worker
    this.worker = null
    if (worker) {
      await worker.terminate()
      this.failAll(worker, new Error('the document store was closed'))
    }
  }

  private start(): Worker {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3')
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver, file: this.file, busyTimeoutMs: BUSY_TIMEOUT_MS },
    })
    worker.unref()
    type Answer = { id: number; error: { message: string; code?: string } | null; result: unknown }
    worker.on('message', ({ id, error, result }: Answer) => {
      const waiting = this.pending.get(id)
      this.pending.delete(id)
      if (!waiting) return
      if (error === null) waiting.resolve(result)
      else waiting.reject(Object.assign(new Error(error.message), { code: error.code }))
    })
    // A worker that dies fails what it had; the next append starts a new one.
    const gone = (error: unknown) => {
      if (this.worker === worker) this.worker = null
      this.failAll(worker, error)
    }
    worker.on('error', gone)
    worker.on('exit', (code) => gone(new Error(`the document store's worker stopped (exit code ${code})`)))
    this.worker = worker
    return worker
  }

  private failAll(worker: Worker, error: unknown): void {
    for (const [id, waiting] of this.pending) {
      if (waiting.worker !== worker) continue
      this.pending.delete(id)
      waiting.reject(error)
    }
  }
}
