// One live document: its Y.Doc and awareness in memory while anyone is
// connected, the sockets that joined it, and the ordered queue of its updates
// on their way to the database. An editor's update is applied, relayed to the
// others at once, and acknowledged only after it is committed. A room starts
// from the stored bytes: the first joiners' sync step 1 is answered from them
// (stored-state.server.ts) and the Y.Doc is built right after, or at once when
// anything needs it.
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { compactDocument, type StoredDocument } from '~/services/document-persistence.server'
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
import { RoomOutbox } from './room-outbox.server'
import { StoredState } from './stored-state.server'
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
  /** Compact once this many updates follow the snapshot; with `compact`, else compactDocument. */
  compactAfter: number
  compact?(documentId: string): Promise<number>
  /** Unload after nobody has been connected for this long. */
  idleMs: number
  onIdle(room: DocRoom): void
  onBroken(room: DocRoom): void
  /**
   * Sends one message to every member but one (`exceptSocketId`; null: all).
   * collab.server sends it to the document's socket.io room, encoded and
   * framed once for all (relay.server.ts); without it, each member's `send`.
   */
  broadcast?(documentId: string, data: Uint8Array, exceptSocketId: string | null): void
}

/** Awareness client ids one socket may speak for in one document (a tab has one). */
const MAX_CLIENT_IDS_PER_MEMBER = 4
const FROM_BUS = Symbol('bus')
/**
 * A room answered from the stored bytes builds its Y.Doc this long after it
 * was loaded at the latest (its joiners' step 1 usually comes first, and the
 * build follows its answer).
 */
const BUILD_DELAY_MS = 100

export class DocRoom {
  readonly members = new Map<string, RoomMember>()
  readonly awareness: Awareness
  broken = false
  /** The stored state until the Y.Doc is built from it (build()). */
  private stored: StoredState | null
  private buildTimer: NodeJS.Timeout | null = null
  /** Members who joined before the build: they get the server's sync step 1 from the built doc. */
  private readonly awaitingStepOne = new Set<RoomMember>()
  private readonly ydoc = new Y.Doc()
  private readonly owners = new Map<number, string>()
  private capture: Uint8Array[] | null = null
  private readonly outbox: RoomOutbox
  private idleTimer: NodeJS.Timeout | null = null
  private compacting: Promise<void> | null = null
  private readonly unsubscribe: () => void

  private tailLength: number

  /** Throws DocumentLoadError when the stored bytes cannot be decoded. */
  constructor(
    readonly id: string,
    stored: StoredDocument,
    private readonly options: DocRoomOptions,
  ) {
    this.stored = new StoredState(id, stored)
    this.tailLength = stored.tailLength
    this.outbox = new RoomOutbox(
      (updates) => options.writer.write(updates),
      (count) => {
        this.tailLength += count
        this.maybeCompact()
        this.scheduleIdle()
      },
    )
    this.buildTimer = setTimeout(() => this.build(), BUILD_DELAY_MS)
    this.awareness = new Awareness(this.ydoc)
    this.awareness.setLocalState(null)
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

  /** The live Y.Doc, built from the stored state first if it is not yet. */
  get doc(): Y.Doc {
    this.build()
    return this.ydoc
  }

  /**
   * Builds the Y.Doc from the stored state, if that is still to do. A failure
   * (Yjs throwing on bytes it could merge) breaks the room, as a failed apply
   * does: everyone reconnects to a fresh load.
   */
  private build(): void {
    const stored = this.stored
    if (!stored) return
    this.stored = null
    if (this.buildTimer) clearTimeout(this.buildTimer)
    this.buildTimer = null
    try {
      stored.applyTo(this.ydoc)
    } catch (error) {
      this.breakRoom(error, 'building a document from what is stored failed; reloading it')
    }
    // Observed only now: the build's own update event would encode the whole state for nobody.
    this.ydoc.on('update', (update: Uint8Array, origin: unknown) => {
      if (this.capture) this.capture.push(update)
      else if (origin === FROM_BUS) this.relay(encodeUpdate(update), null)
    })
    const waiting = [...this.awaitingStepOne].filter((member) => this.members.get(member.socketId) === member)
    this.awaitingStepOne.clear()
    if (this.broken || waiting.length === 0) return
    const stepOne = encodeSyncStep1(Y.encodeStateVector(this.ydoc))
    for (const member of waiting) member.send(stepOne)
  }

  /** Adds a socket; it then receives the server's sync step 1 and everyone's presence. */
  join(member: RoomMember): void {
    this.members.set(member.socketId, member)
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    // Before the build, the server's step 1 follows it (within BUILD_DELAY_MS): a client's own step 1
    // needs nothing from it, and its state vector is free from the built doc, not from the bytes.
    if (this.stored) this.awaitingStepOne.add(member)
    else member.send(encodeSyncStep1(Y.encodeStateVector(this.ydoc)))
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
        if (this.stored) {
          // Answered from the stored bytes; the doc is built once this answer has gone out.
          member.send(encodeSyncStep2(this.stored.diff(frame.stateVector)))
          setImmediate(() => this.build())
        } else {
          member.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.ydoc, frame.stateVector)))
        }
        return
      case 'sync-step-2':
      case 'update': {
        // A viewer's changes are ignored: not applied, not relayed, not acknowledged.
        if (member.role !== 'editor') return
        const doc = this.doc
        // A room whose build failed is being reloaded: its members are already disconnected.
        if (this.broken) return
        const missing = missingDependency(frame.parsed, documentFacts(doc))
        if (missing) throw new MalformedUpdateError(missing)
        const stored = this.integrate(() => Y.applyUpdate(doc, frame.update, member.socketId), member.socketId, member.user.id)
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

  /** Resolves when every update received so far is committed (RoomOutbox.flush). */
  flush(options: { immediate?: boolean } = {}): Promise<void> {
    return this.outbox.flush(options)
  }

  get unsaved(): number {
    return this.outbox.unsaved
  }

  async destroy(): Promise<void> {
    if (this.buildTimer) clearTimeout(this.buildTimer)
    this.stored = null
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.outbox.stop()
    this.unsubscribe()
    await this.compacting
    this.awareness.destroy()
    this.ydoc.destroy()
  }

  private breakRoom(error: unknown, message: string): void {
    this.broken = true
    logger.error({ err: error, documentId: this.id }, message)
    this.options.onBroken(this)
  }

  private integrate(apply: () => void, originSocketId: string | null, userId: string | null): Promise<void> {
    this.build()
    if (this.broken) throw new MalformedUpdateError('the document could not be loaded')
    const captured: Uint8Array[] = []
    this.capture = captured
    try {
      apply()
    } catch (error) {
      // Validated input should never get here; if it does, memory may differ
      // from what is stored, so nothing of it is kept, relayed or written.
      this.breakRoom(error, 'applying an update failed; reloading the document')
      throw new MalformedUpdateError('update could not be applied')
    } finally {
      this.capture = null
    }
    for (const update of captured) {
      this.relay(encodeUpdate(update), originSocketId)
      this.options.bus.publish(this.id, 'update', update)
    }
    return this.outbox.push(captured.map((data) => ({ documentId: this.id, data, userId })))
  }

  private maybeCompact(): void {
    if (this.compacting || this.tailLength < this.options.compactAfter) return
    this.compacting = (this.options.compact ?? compactDocument)(this.id)
      .then((folded) => {
        this.tailLength = Math.max(0, this.tailLength - folded)
      })
      .catch((error: unknown) => logger.error({ err: error, documentId: this.id }, 'compacting a document failed'))
      .finally(() => (this.compacting = null))
  }

  private scheduleIdle(): void {
    if (this.members.size > 0 || this.idleTimer) return
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null
      if (this.members.size > 0) return
      if (this.outbox.busy) return this.scheduleIdle()
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
      if (kind === 'update') {
        const doc = this.doc
        if (!this.broken) Y.applyUpdate(doc, data, FROM_BUS)
      } else applyAwarenessUpdate(this.awareness, data, FROM_BUS)
    } catch (error) {
      logger.error({ err: error, documentId: this.id }, 'applying a message from another process failed')
    }
  }
}
