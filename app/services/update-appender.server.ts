// Where the live relay appends updates (docs/decisions/0008-collab-transport-and-persistence.md,
// "SQLite fast path"). The portable implementation is Prisma's (`insertUpdates`),
// and it is what runs on any database but a SQLite file. On SQLite the appends
// run in a worker thread with its own better-sqlite3 connection: the same one
// INSERT per batch in one transaction, committed (synchronous = FULL) before
// the promise resolves, but without Prisma's query compiler and without the
// commit blocking the event loop that relays to everyone.
//
// Each append holds the process's database lock (sqlite-adapter.server.ts)
// from before it is posted until the worker has committed, so no Prisma query
// or transaction of this process runs meanwhile: all database work of the
// process stays serialised as with one connection (ADR 0002), and a Prisma
// transaction never sees a commit of the worker between its read and its
// write.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { databaseUrl, sqliteFilePath } from '~/utils/database-url'
import { BUSY_TIMEOUT_MS } from '~/utils/db.server'
import { exclusiveDatabaseAccess } from '~/utils/sqlite-adapter.server'
import { insertUpdates, type NewUpdate } from './document-persistence.server'

export interface UpdateAppender {
  /** Resolves after the updates are committed (in one transaction); rejects when they are not. */
  append(updates: NewUpdate[]): Promise<void>
  close(): Promise<void>
}

/** Prisma's: portable (PostgreSQL later), and the reference the fast path must match. */
export const prismaAppender: UpdateAppender = {
  append: (updates) => insertUpdates(updates),
  close: async () => {},
}

/** The SQLite fast path for a SQLite file URL, else Prisma's. */
export function createUpdateAppender(url = databaseUrl()): UpdateAppender {
  return url.startsWith('file:') ? new SqliteWorkerAppender(sqliteFilePath(url)) : prismaAppender
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
parentPort.on('message', ({ id, rows }) => {
  try {
    appendAll(rows)
    parentPort.postMessage({ id, error: null })
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } })
  }
})
`

interface Pending {
  worker: Worker
  resolve: () => void
  reject: (error: unknown) => void
}

export class SqliteWorkerAppender implements UpdateAppender {
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
    return exclusiveDatabaseAccess(
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = this.worker ?? this.start()
          const id = ++this.nextId
          this.pending.set(id, { worker, resolve, reject })
          worker.postMessage({ id, rows })
        }),
    )
  }

  async close(): Promise<void> {
    const worker = this.worker
    this.worker = null
    if (worker) {
      await worker.terminate()
      this.failAll(worker, new Error('the update appender was closed'))
    }
  }

  private start(): Worker {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3')
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver, file: this.file, busyTimeoutMs: BUSY_TIMEOUT_MS },
    })
    worker.unref()
    worker.on('message', ({ id, error }: { id: number; error: { message: string; code?: string } | null }) => {
      const waiting = this.pending.get(id)
      this.pending.delete(id)
      if (!waiting) return
      if (error === null) waiting.resolve()
      else waiting.reject(Object.assign(new Error(error.message), { code: error.code }))
    })
    // A worker that dies fails what it had; the next append starts a new one.
    const gone = (error: unknown) => {
      if (this.worker === worker) this.worker = null
      this.failAll(worker, error)
    }
    worker.on('error', gone)
    worker.on('exit', (code) => gone(new Error(`the update appender stopped (exit code ${code})`)))
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
