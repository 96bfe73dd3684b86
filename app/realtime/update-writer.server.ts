// Writes incoming updates to the database in batches: what arrives within a
// few milliseconds (from any document) goes into one transaction, one
// transaction at a time. A failed write is not retried here: every caller in
// that batch is told, never silently dropped, and retries with its own
// back-off (DocRoom) — one retry layer on the server, not two.
//
// Which document was edited when, and by whom (Document.lastEditedAt/By), is
// not part of that transaction: it is written at most once per
// `editedEveryMs` per document (the first edit at once, later ones when that
// interval has passed), and whatever is pending when a document is unloaded
// or the server shuts down (`flushEdits`, `idle`). So a batch is one INSERT.
import { insertUpdates, markEdited, type DocumentEdit, type NewUpdate } from '~/services/document-persistence.server'
import { logger } from '~/utils/logger.server'

export interface UpdateWriterOptions {
  /** How long to gather updates before a transaction starts. */
  batchWindowMs?: number
  append?: (updates: NewUpdate[]) => Promise<void>
  /** How often at most a document's lastEditedAt/lastEditedById is written. */
  editedEveryMs?: number
  markEdited?: (edits: DocumentEdit[]) => Promise<void>
}

interface Waiting {
  updates: NewUpdate[]
  resolve: () => void
  reject: (error: unknown) => void
}

export const EDITED_EVERY_MS = 5000

export class UpdateWriter {
  private queue: Waiting[] = []
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null
  private readonly windowMs: number
  private readonly append: (updates: NewUpdate[]) => Promise<void>
  private readonly editedEveryMs: number
  private readonly markEdited: (edits: DocumentEdit[]) => Promise<void>
  /** Edits stored but not yet marked on their document, per document. */
  private readonly edits = new Map<string, DocumentEdit>()
  /** When each document's edit mark was last written (Date.now()). */
  private readonly marked = new Map<string, number>()
  private editTimer: NodeJS.Timeout | null = null
  private marking: Promise<void> = Promise.resolve()

  constructor({
    batchWindowMs = 3,
    append = insertUpdates,
    editedEveryMs = EDITED_EVERY_MS,
    markEdited: mark = markEdited,
  }: UpdateWriterOptions = {}) {
    this.windowMs = batchWindowMs
    this.append = append
    this.editedEveryMs = editedEveryMs
    this.markEdited = mark
  }

  /** Resolves once these updates are committed; rejects when they could not be stored. */
  write(updates: NewUpdate[]): Promise<void> {
    if (updates.length === 0) return Promise.resolve()
    return new Promise((resolve, reject) => {
      this.queue.push({ updates, resolve, reject })
      this.schedule()
    })
  }

  /** Resolves when everything queued so far has been written (or has failed), edit marks included. */
  async idle(): Promise<void> {
    while (this.queue.length > 0 || this.running || this.timer) {
      if (this.timer) {
        clearTimeout(this.timer)
        this.timer = null
        this.start()
      }
      await this.running
    }
    await this.flushEdits()
  }

  /** Writes the pending edit marks now: of one document (it is being unloaded, and then forgotten), or of all. */
  async flushEdits(documentId?: string): Promise<void> {
    if (documentId === undefined && this.editTimer) {
      clearTimeout(this.editTimer)
      this.editTimer = null
    }
    const due = [...this.edits.values()].filter((e) => documentId === undefined || e.documentId === documentId)
    await this.mark(due)
    if (documentId !== undefined && !this.edits.has(documentId)) this.marked.delete(documentId)
  }

  private schedule(): void {
    if (this.timer || this.running) return
    this.timer = setTimeout(() => {
      this.timer = null
      this.start()
    }, this.windowMs)
  }

  private start(): void {
    if (this.running || this.queue.length === 0) return
    const batch = this.queue.splice(0)
    this.running = this.run(batch).finally(() => {
      this.running = null
      if (this.queue.length > 0) this.schedule()
    })
  }

  private async run(batch: Waiting[]): Promise<void> {
    try {
      await this.append(batch.flatMap((w) => w.updates))
      for (const w of batch) this.stored(w)
      return
    } catch (error) {
      if (batch.length === 1) {
        logger.error({ err: error, updates: batch[0]!.updates.length }, 'storing document updates failed')
        batch[0]!.reject(error)
        return
      }
    }
    // One document's bad row must not fail the others: write each caller's updates on its own.
    for (const w of batch) {
      try {
        await this.append(w.updates)
        this.stored(w)
      } catch (error) {
        logger.error({ err: error, documentId: w.updates[0]?.documentId }, 'storing document updates failed')
        w.reject(error)
      }
    }
  }

  private stored(w: Waiting): void {
    const at = new Date()
    for (const u of w.updates) {
      // A change without a user (the server's own) keeps the last user who edited.
      const userId = u.userId ?? this.edits.get(u.documentId)?.userId ?? null
      this.edits.set(u.documentId, { documentId: u.documentId, userId, at })
    }
    w.resolve()
    this.scheduleEdits()
  }

  /** Marks what is due now; plans a timer for the rest. */
  private scheduleEdits(): void {
    const now = Date.now()
    const due: DocumentEdit[] = []
    let next = Infinity
    for (const edit of this.edits.values()) {
      const at = (this.marked.get(edit.documentId) ?? -Infinity) + this.editedEveryMs
      if (at <= now) due.push(edit)
      else next = Math.min(next, at)
    }
    if (due.length > 0) void this.mark(due)
    if (next < Infinity && !this.editTimer) {
      this.editTimer = setTimeout(() => {
        this.editTimer = null
        this.scheduleEdits()
      }, next - now)
      this.editTimer.unref()
    }
  }

  /** Writes edit marks, one write at a time; a failed one stays pending for the next try. */
  private mark(edits: DocumentEdit[]): Promise<void> {
    if (edits.length === 0) return this.marking
    const now = Date.now()
    for (const edit of edits) {
      this.marked.set(edit.documentId, now)
      if (this.edits.get(edit.documentId) === edit) this.edits.delete(edit.documentId)
    }
    this.marking = this.marking.then(() =>
      this.markEdited(edits).catch((error: unknown) => {
        logger.error({ err: error, documents: edits.length }, 'marking documents as edited failed')
        // Kept for the next try, unless a newer edit has come meanwhile.
        for (const edit of edits) if (!this.edits.has(edit.documentId)) this.edits.set(edit.documentId, edit)
        this.scheduleEdits()
      }),
    )
    return this.marking
  }
}
