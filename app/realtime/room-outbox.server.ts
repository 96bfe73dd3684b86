// A live document's ordered queue of updates on their way to the database
// (ADR 0008): each batch goes to the UpdateWriter in order; a failed write
// keeps its updates queued and tries again after a back-off (1 s doubling to
// 30 s, reset only by a success), and the acks waiting for it learn it failed.
import type { NewUpdate } from '~/services/document-persistence.server'

const MAX_RETRY_DELAY_MS = 30_000

export class RoomOutbox {
  private queue: Array<{ seq: number; update: NewUpdate }> = []
  private waiters: Array<{ seq: number; resolve: () => void; reject: (e: unknown) => void }> = []
  private seq = 0
  private committed = 0
  private writing = false
  private retryTimer: NodeJS.Timeout | null = null
  private retryDelay = 0

  constructor(
    private readonly write: (updates: NewUpdate[]) => Promise<void>,
    /** Called after each committed batch with the number of updates in it. */
    private readonly onStored: (count: number) => void,
  ) {}

  /** Queues updates; resolves when they (and everything before) are committed. */
  push(updates: NewUpdate[]): Promise<void> {
    for (const update of updates) this.queue.push({ seq: ++this.seq, update })
    return this.flush()
  }

  /**
   * Resolves when every update queued so far is committed; rejects if the
   * next attempt fails. While a failed write waits for its back-off, new
   * updates wait too (a database that is down is not hammered per keystroke);
   * `immediate` (unloading, shutdown) tries at once.
   */
  flush({ immediate = false } = {}): Promise<void> {
    const target = this.seq
    if (this.committed >= target) return Promise.resolve()
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ seq: target, resolve, reject }))
    if (immediate && this.retryTimer) {
      clearTimeout(this.retryTimer)
      this.retryTimer = null
    }
    this.drain()
    return done
  }

  /** Updates not yet committed. */
  get unsaved(): number {
    return this.queue.length
  }

  /** Something is queued or being written. */
  get busy(): boolean {
    return this.queue.length > 0 || this.writing
  }

  stop(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
  }

  private drain(): void {
    if (this.writing || this.queue.length === 0 || this.retryTimer) return
    this.writing = true
    const batch = this.queue.slice()
    const last = batch[batch.length - 1]!.seq
    this.write(batch.map((b) => b.update)).then(
      () => {
        this.writing = false
        this.queue.splice(0, batch.length)
        this.committed = last
        this.retryDelay = 0
        this.settle((w) => w.seq <= last, null)
        this.onStored(batch.length)
        this.drain()
      },
      (error: unknown) => {
        this.writing = false
        // The updates stay queued, in order, and are tried again; waiting acks learn it failed.
        this.settle(() => true, error)
        this.retryDelay = Math.min(Math.max(1000, this.retryDelay * 2), MAX_RETRY_DELAY_MS)
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null
          this.drain()
        }, this.retryDelay)
      },
    )
  }

  private settle(which: (w: { seq: number }) => boolean, error: unknown): void {
    const done = this.waiters.filter(which)
    this.waiters = this.waiters.filter((w) => !which(w))
    for (const w of done) {
      if (error === null) w.resolve()
      else w.reject(error)
    }
  }
}
