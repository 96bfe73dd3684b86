// Writes incoming updates to the database in batches: what arrives within a
// few milliseconds (from any document) goes into one transaction, one
// transaction at a time. A failed write is not retried here: every caller in
// that batch is told, never silently dropped, and retries with its own
// back-off (DocRoom) — one retry layer on the server, not two.
import { appendUpdates, type NewUpdate } from '~/services/document-persistence.server'
import { logger } from '~/utils/logger.server'

export interface UpdateWriterOptions {
  /** How long to gather updates before a transaction starts. */
  batchWindowMs?: number
  append?: (updates: NewUpdate[]) => Promise<void>
}

interface Waiting {
  updates: NewUpdate[]
  resolve: () => void
  reject: (error: unknown) => void
}

export class UpdateWriter {
  private queue: Waiting[] = []
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null
  private readonly windowMs: number
  private readonly append: (updates: NewUpdate[]) => Promise<void>

  constructor({ batchWindowMs = 3, append = appendUpdates }: UpdateWriterOptions = {}) {
    this.windowMs = batchWindowMs
    this.append = append
  }

  /** Resolves once these updates are committed; rejects when they could not be stored. */
  write(updates: NewUpdate[]): Promise<void> {
    if (updates.length === 0) return Promise.resolve()
    return new Promise((resolve, reject) => {
      this.queue.push({ updates, resolve, reject })
      this.schedule()
    })
  }

  /** Resolves when everything queued so far has been written (or has failed). */
  async idle(): Promise<void> {
    while (this.queue.length > 0 || this.running || this.timer) {
      if (this.timer) {
        clearTimeout(this.timer)
        this.timer = null
        this.start()
      }
      await this.running
    }
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
      for (const w of batch) w.resolve()
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
        w.resolve()
      } catch (error) {
        logger.error({ err: error, documentId: w.updates[0]?.documentId }, 'storing document updates failed')
        w.reject(error)
      }
    }
  }
}
