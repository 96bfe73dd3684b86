// How the live relay appends updates, loads documents, marks them as edited
// and compacts them (docs/decisions/0008-collab-transport-and-persistence.md,
// "SQLite fast path"). The portable implementation is Prisma's
// (`insertUpdates`, `readStoredDocument`, `markEdited`, `compactDocument`),
// and it is what runs on any database but a SQLite file. On SQLite all four
// run in a worker thread with its own better-sqlite3 connection
// (document-store-worker.ts): the same one INSERT per batch in one
// transaction, committed (synchronous = FULL) before the promise resolves,
// the same consistent read of snapshot + tail, the same edit marks and the
// same compaction steps (the Yjs merge included), but without Prisma's query
// compiler, without its byte-by-byte conversion of blobs, and without blocking
// the event loop that relays to everyone.
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
import {
  compactDocument,
  COMPACTION_CHUNK,
  insertUpdates,
  markEdited,
  readStoredDocument,
  type DocumentEdit,
  type NewUpdate,
  type StoredDocument,
} from './document-persistence.server'
import { WORKER_SOURCE } from './document-store-worker'

export interface DocumentStore {
  /** Resolves after the updates are committed (in one transaction); rejects when they are not. */
  append(updates: NewUpdate[]): Promise<void>
  /** readStoredDocument: the snapshot and the tail, read in one transaction; null when the document does not exist. */
  read(documentId: string): Promise<StoredDocument | null>
  /** markEdited: lastEditedAt/lastEditedById of each document, in one transaction. */
  markEdited(edits: DocumentEdit[]): Promise<void>
  /** compactDocument: folds the tail into the snapshot in steps of at most `chunk` rows; how many it folded. */
  compact(documentId: string, options?: { chunk?: number }): Promise<number>
  close(): Promise<void>
}

/** Prisma's: portable (PostgreSQL later), and the reference the fast path must match. */
export const prismaStore: DocumentStore = {
  append: (updates) => insertUpdates(updates),
  read: (documentId) => readStoredDocument(documentId),
  markEdited: (edits) => markEdited(edits),
  compact: (documentId, options) => compactDocument(documentId, options),
  close: async () => {},
}

/** The SQLite fast path for a SQLite file URL, else Prisma's. */
export function createDocumentStore(url = databaseUrl()): DocumentStore {
  return url.startsWith('file:') ? new SqliteWorkerStore(sqliteFilePath(url)) : prismaStore
}

/** Rows as Prisma writes them: DateTime as ISO 8601 text with +00:00 (the adapter's default format). */
type Row = [documentId: string, data: Uint8Array, userId: string | null, createdAt: string]
type EditRow = [documentId: string, userId: string | null, at: string]
type Message =
  | { kind: 'append'; rows: Row[] }
  | { kind: 'read'; documentId: string }
  | { kind: 'mark'; edits: EditRow[] }
  | { kind: 'compact'; documentId: string; chunk: number }

const sqliteTime = (at: Date) => at.toISOString().replace('Z', '+00:00')

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
    const createdAt = sqliteTime(new Date())
    const rows: Row[] = updates.map((u) => [u.documentId, u.data, u.userId, createdAt])
    return this.call({ kind: 'append', rows }).then(() => undefined)
  }

  async read(documentId: string): Promise<StoredDocument | null> {
    const result = (await this.call({ kind: 'read', documentId })) as { snapshot: Uint8Array | null; tail: Uint8Array[] } | null
    if (!result) return null
    const updates = [...(result.snapshot ? [result.snapshot] : []), ...result.tail]
    return { updates: updates.map((u) => new Uint8Array(u.buffer, u.byteOffset, u.byteLength)), tailLength: result.tail.length }
  }

  markEdited(edits: DocumentEdit[]): Promise<void> {
    if (edits.length === 0) return Promise.resolve()
    const rows: EditRow[] = edits.map((e) => [e.documentId, e.userId, sqliteTime(e.at)])
    return this.call({ kind: 'mark', edits: rows }).then(() => undefined)
  }

  /** Each step is one message (one transaction in the worker), so appends queued meanwhile go between the steps. */
  async compact(documentId: string, { chunk = COMPACTION_CHUNK } = {}): Promise<number> {
    let folded = 0
    for (;;) {
      const step = (await this.call({ kind: 'compact', documentId, chunk })) as number
      folded += step
      if (step < chunk) return folded
    }
  }

  private call(message: Message): Promise<unknown> {
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
    const require = createRequire(import.meta.url)
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver: require.resolve('better-sqlite3'),
        yjs: require.resolve('yjs'),
        file: this.file,
        busyTimeoutMs: BUSY_TIMEOUT_MS,
      },
    })
    worker.unref()
    type Answer = { id: number; error: { message: string; code?: string; name?: string } | null; result: unknown }
    worker.on('message', ({ id, error, result }: Answer) => {
      const waiting = this.pending.get(id)
      this.pending.delete(id)
      if (!waiting) return
      if (error === null) waiting.resolve(result)
      else waiting.reject(Object.assign(new Error(error.message), { code: error.code, name: error.name ?? 'Error' }))
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
