// One live document: its Y.Doc and awareness in memory while anyone is
// connected, the sockets that joined it, and the ordered queue of its updates
// on their way to the database. An editor's update is applied, relayed to the
// others at once, and acknowledged only after it is committed.
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { compactDocument, type NewUpdate } from '~/services/document-persistence.server'
import { logger } from '~/utils/logger.server'
import { sanitiseAwarenessState } from './awareness-state'
import type { DocBus } from './doc-bus.server'
import { documentFacts } from './doc-structure'
import {
  colourFor,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  type CollabRole,
  type Frame,
  type MessageAck,
} from './protocol'
import { missingDependency } from './update-dependencies'
import { MalformedUpdateError } from './update-validation'
import type { UpdateWriter } from './update-writer.server'

export interface RoomMember {
  socketId: string
  user: { id: string; name: string }
  role: CollabRole
  send(data: Uint8Array): void
}

export interface DocRoomOptions {
  writer: UpdateWriter
  bus: DocBus
  /** Compact once this many updates follow the snapshot. */
  compactAfter: number
  /** Unload after nobody has been connected for this long. */
  idleMs: number
  onIdle(room: DocRoom): void
  onBroken(room: DocRoom): void
  /**
   * Sends one message to every member but one (`exceptSocketId`; null: all).
   * collab.server emits it to the document's socket.io room, so the packet is
   * encoded once, not once per member; without it, each member's `send`.
   */
  broadcast?(documentId: string, data: Uint8Array, exceptSocketId: string | null): void
}

/** Awareness client ids one socket may speak for in one document (a tab has one). */
const MAX_CLIENT_IDS_PER_MEMBER = 4
const MAX_RETRY_DELAY_MS = 30_000
const FROM_BUS = Symbol('bus')

export class DocRoom {
  readonly members = new Map<string, RoomMember>()
  readonly awareness: Awareness
  broken = false
  private readonly owners = new Map<number, string>()
  private capture: Uint8Array[] | null = null
  private outbox: Array<{ seq: number; update: NewUpdate }> = []
  private waiters: Array<{ seq: number; resolve: () => void; reject: (e: unknown) => void }> = []
  private seq = 0
  private committed = 0
  private writing = false
  private retryTimer: NodeJS.Timeout | null = null
  private retryDelay = 0
  private idleTimer: NodeJS.Timeout | null = null
  private compacting: Promise<void> | null = null
  private readonly unsubscribe: () => void

  constructor(
    readonly id: string,
    readonly doc: Y.Doc,
    private tailLength: number,
    private readonly options: DocRoomOptions,
  ) {
    this.awareness = new Awareness(doc)
    this.awareness.setLocalState(null)
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (this.capture) this.capture.push(update)
      else if (origin === FROM_BUS) this.relay(encodeUpdate(update), null)
    })
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      const changed = [...added!, ...updated!, ...removed!]
      const update = encodeAwarenessUpdate(this.awareness, changed)
      this.relay(encodeAwareness(update), typeof origin === 'string' ? origin : null)
      if (origin !== FROM_BUS) this.options.bus.publish(this.id, 'awareness', update)
    })
    this.unsubscribe = options.bus.subscribe(id, (kind, data) => this.fromBus(kind, data))
    this.scheduleIdle()
    // A long tail (a crash before compaction caught up) is folded now, so the next load is short.
    this.maybeCompact()
  }

  /** Adds a socket; it then receives the server's sync step 1 and everyone's presence. */
  join(member: RoomMember): void {
    this.members.set(member.socketId, member)
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    member.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
    const clients = [...this.awareness.getStates().keys()]
    if (clients.length > 0) member.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, clients)))
  }

  /** Removes a socket and, for everyone else, its presence. */
  leave(socketId: string): void {
    if (!this.members.delete(socketId)) return
    const owned = [...this.owners].filter(([, owner]) => owner === socketId).map(([clientId]) => clientId)
    for (const clientId of owned) this.owners.delete(clientId)
    removeAwarenessStates(this.awareness, owned, socketId)
    this.scheduleIdle()
  }

  /** Handles one parsed frame from a member. Throws MalformedUpdateError for an update that cannot be integrated. */
  receive(member: RoomMember, frame: Frame, ack: MessageAck | undefined): void {
    switch (frame.type) {
      case 'sync-step-1':
        member.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, frame.stateVector)))
        return
      case 'sync-step-2':
      case 'update': {
        // A viewer's changes are ignored: not applied, not relayed, not acknowledged.
        if (member.role !== 'editor') return
        const missing = missingDependency(frame.parsed, documentFacts(this.doc))
        if (missing) throw new MalformedUpdateError(missing)
        const stored = this.integrate(
          () => Y.applyUpdate(this.doc, frame.update, member.socketId),
          member.socketId,
          member.user.id,
        )
        stored.then(
          () => ack?.(null),
          () => ack?.({ code: 'write_failed' }),
        )
        return
      }
      case 'awareness':
        this.receiveAwareness(member, frame.entries)
    }
  }

  /** A change made on the server (restoring a version): stored and relayed like an editor's. */
  change(change: (doc: Y.Doc) => void, userId: string | null): Promise<void> {
    return this.integrate(() => change(this.doc), null, userId)
  }

  /**
   * Resolves when every update received so far is committed; rejects if the
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

  get unsaved(): number {
    return this.outbox.length
  }

  async destroy(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.unsubscribe()
    await this.compacting
    this.awareness.destroy()
    this.doc.destroy()
  }

  private integrate(apply: () => void, originSocketId: string | null, userId: string | null): Promise<void> {
    const captured: Uint8Array[] = []
    this.capture = captured
    try {
      apply()
    } catch (error) {
      // Validated input should never get here; if it does, memory may differ
      // from what is stored, so nothing of it is kept, relayed or written.
      this.broken = true
      logger.error({ err: error, documentId: this.id }, 'applying an update failed; reloading the document')
      this.options.onBroken(this)
      throw new MalformedUpdateError('update could not be applied')
    } finally {
      this.capture = null
    }
    for (const update of captured) {
      this.relay(encodeUpdate(update), originSocketId)
      this.options.bus.publish(this.id, 'update', update)
    }
    for (const data of captured) this.outbox.push({ seq: ++this.seq, update: { documentId: this.id, data, userId } })
    return this.flush()
  }

  private drain(): void {
    if (this.writing || this.outbox.length === 0 || this.retryTimer) return
    this.writing = true
    const batch = this.outbox.slice()
    const last = batch[batch.length - 1]!.seq
    this.options.writer.write(batch.map((b) => b.update)).then(
      () => {
        this.writing = false
        this.outbox.splice(0, batch.length)
        this.committed = last
        this.retryDelay = 0
        this.tailLength += batch.length
        this.settle((w) => w.seq <= last, null)
        this.maybeCompact()
        this.drain()
        this.scheduleIdle()
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

  private maybeCompact(): void {
    if (this.compacting || this.tailLength < this.options.compactAfter) return
    this.compacting = compactDocument(this.id)
      .then((folded) => {
        this.tailLength = Math.max(0, this.tailLength - folded)
      })
      .catch((error: unknown) => logger.error({ err: error, documentId: this.id }, 'compacting a document failed'))
      .finally(() => {
        this.compacting = null
      })
  }

  private scheduleIdle(): void {
    if (this.members.size > 0 || this.idleTimer) return
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null
      if (this.members.size > 0) return
      if (this.outbox.length > 0 || this.writing) return this.scheduleIdle()
      this.options.onIdle(this)
    }, this.options.idleMs)
  }

  private receiveAwareness(
    member: RoomMember,
    entries: Array<{ clientId: number; clock: number; state: Record<string, unknown> | null }>,
  ): void {
    const mine = [...this.owners.values()].filter((owner) => owner === member.socketId).length
    let claimed = mine
    const user = { name: member.user.name, color: colourFor(member.user.id), role: member.role }
    const kept = entries.flatMap((entry) => {
      const owner = this.owners.get(entry.clientId)
      if (owner !== undefined && owner !== member.socketId) return []
      // Only the fields the server knows the shape of are relayed (awareness-state.ts); null is leaving.
      const state = entry.state === null ? null : sanitiseAwarenessState(entry.state, user)
      if (entry.state !== null && state === null) return []
      if (owner === undefined) {
        if (claimed >= MAX_CLIENT_IDS_PER_MEMBER) return []
        claimed++
        this.owners.set(entry.clientId, member.socketId)
      }
      return [{ ...entry, state }]
    })
    if (kept.length > 0) applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(kept), member.socketId)
  }

  private relay(data: Uint8Array, exceptSocketId: string | null): void {
    if (this.members.size === 0) return
    if (this.options.broadcast) return this.options.broadcast(this.id, data, exceptSocketId)
    for (const member of this.members.values()) {
      if (member.socketId !== exceptSocketId) member.send(data)
    }
  }

  private fromBus(kind: 'update' | 'awareness', data: Uint8Array): void {
    try {
      if (kind === 'update') Y.applyUpdate(this.doc, data, FROM_BUS)
      else applyAwarenessUpdate(this.awareness, data, FROM_BUS)
    } catch (error) {
      logger.error({ err: error, documentId: this.id }, 'applying a message from another process failed')
    }
  }
}
