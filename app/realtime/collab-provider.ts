// The client side of the /collab contract, for the browser editor and for
// Node (tests, scripts): joins one document, speaks y-protocols sync and
// awareness over socket.io, and tells whether everything typed is stored.
//
//   const provider = new CollabProvider({ docId, doc, url: window.location.origin })
//   provider.on('save-state', (state) => …)   // 'saving' | 'saved' | 'offline' | 'error'
//
// "saved" means: connected, and every update sent has been acknowledged by the
// server after its database commit. Edits made while offline are kept in the
// Y.Doc; after a reconnect the provider joins again, and its answer to the
// server's sync step 1 carries everything the server is missing (typing
// before that answer has gone out stays local: sent alone it could skip clocks
// the server lacks). A join refused as `unavailable` is asked again with
// back-off while connected; every other refusal is final.
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import {
  asBytes,
  COLLAB_NAMESPACE,
  encodeAwareness,
  encodeSyncStep1,
  MESSAGE_AWARENESS,
  MESSAGE_SYNC,
  type CollabErrorCode,
  type CollabRole,
  type JoinErrorCode,
} from './protocol'
import { ProviderEmitter, type ConnectionStatus, type ProviderError, type SaveState } from './collab-provider-events'

export type { ConnectionStatus, ProviderError, SaveState }

export interface CollabProviderOptions {
  docId: string
  doc: Y.Doc
  /** An existing socket on the /collab namespace (the provider then leaves it open on destroy)… */
  socket?: Socket
  /** …or the app's URL, e.g. window.location.origin. */
  url?: string
  socketOptions?: Partial<ManagerOptions & SocketOptions>
  awareness?: Awareness
  /** How often a write_failed update is sent again before the save state becomes 'error'. */
  maxResends?: number
  /** The first delay before a join that failed with `unavailable` is tried again (it doubles, up to 30 s). */
  joinRetryMs?: number
}

const MAX_JOIN_RETRY_MS = 30_000

export class CollabProvider extends ProviderEmitter {
  readonly doc: Y.Doc
  readonly docId: string
  readonly awareness: Awareness
  readonly socket: Socket
  role: CollabRole | null = null
  status: ConnectionStatus = 'connecting'
  saveState: SaveState = 'offline'
  synced = false
  error: ProviderError | null = null
  private joined = false
  /** Local changes not yet covered by a message the server acknowledged or will acknowledge. */
  private dirty = false
  private unacked = 0
  /** Counts connections, so a retry planned on an earlier one is dropped (the resync covers it). */
  private epoch = 0
  private failed = false
  private destroyed = false
  private readonly ownsSocket: boolean
  private readonly maxResends: number
  private readonly joinRetryMs: number
  private joinRetryDelay = 0
  private joinTimer: ReturnType<typeof setTimeout> | null = null
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null

  constructor(options: CollabProviderOptions) {
    super()
    this.doc = options.doc
    this.docId = options.docId
    this.maxResends = options.maxResends ?? 5
    this.joinRetryMs = options.joinRetryMs ?? 1000
    this.awareness = options.awareness ?? new Awareness(options.doc)
    this.ownsSocket = !options.socket
    this.socket =
      options.socket ??
      io(`${options.url ?? ''}${COLLAB_NAMESPACE}`, {
        withCredentials: true,
        randomizationFactor: 0.5,
        reconnectionDelayMax: 10_000,
        ...options.socketOptions,
      })
    this.doc.on('update', this.onDocUpdate)
    this.awareness.on('update', this.onAwarenessUpdate)
    this.socket.on('connect', this.onConnect)
    this.socket.on('disconnect', this.onDisconnect)
    this.socket.on('connect_error', this.onConnectError)
    this.socket.on('msg', this.onMessage)
    this.socket.on('collab_error', this.onCollabError)
    if (this.socket.connected) this.onConnect()
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    if (this.joinTimer) clearTimeout(this.joinTimer)
    if (this.joined) {
      removeAwarenessStates(this.awareness, [this.doc.clientID], 'local')
      this.socket.emit('leave', this.docId)
    }
    this.doc.off('update', this.onDocUpdate)
    this.awareness.off('update', this.onAwarenessUpdate)
    this.socket.off('connect', this.onConnect)
    this.socket.off('disconnect', this.onDisconnect)
    this.socket.off('connect_error', this.onConnectError)
    this.socket.off('msg', this.onMessage)
    this.socket.off('collab_error', this.onCollabError)
    if (this.ownsSocket) this.socket.disconnect()
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.status !== status) {
      this.status = status
      this.emit('status', status)
    }
    this.updateSaveState()
  }

  private updateSaveState(): void {
    const state: SaveState =
      this.error && this.error.code !== 'write_failed'
        ? 'error'
        : this.failed
          ? 'error'
          : !this.joined
            ? 'offline'
            : this.unacked > 0 || this.dirty
              ? 'saving'
              : 'saved'
    if (state !== this.saveState) {
      this.saveState = state
      this.emit('save-state', state)
    }
  }

  private fail(error: ProviderError): void {
    this.error = error
    this.emit('error', error)
    this.updateSaveState()
  }

  /** Sends one message; with `track`, counts it until the server acknowledges the commit. */
  private send(data: Uint8Array, track: boolean, resends = 0): void {
    if (!track) {
      this.socket.emit('msg', this.docId, data)
      return
    }
    this.unacked++
    this.updateSaveState()
    const socket = this.socket
    socket.emit('msg', this.docId, data, (error: { code: 'write_failed' } | null) => {
      if (socket.id === undefined || this.destroyed) return
      this.unacked = Math.max(0, this.unacked - 1)
      if (error) {
        if (resends < this.maxResends) {
          // The server keeps the update queued and retries; sending it again asks for the outcome.
          const epoch = this.epoch
          this.unacked++
          setTimeout(
            () => {
              if (epoch !== this.epoch || this.destroyed) return
              this.unacked--
              this.send(data, true, resends + 1)
            },
            500 * 2 ** resends,
          )
        } else {
          this.failed = true
          this.fail({ code: 'write_failed' })
        }
      } else if (this.unacked === 0) {
        this.failed = false
      }
      this.updateSaveState()
    })
  }

  private onConnect = (): void => {
    this.setStatus('connecting')
    this.joinRetryDelay = 0
    this.join()
  }

  private join(): void {
    const epoch = this.epoch
    this.socket.emit('join', this.docId, (error: { code: JoinErrorCode } | null, result?: { role: CollabRole }) => {
      if (this.destroyed || epoch !== this.epoch) return
      if (error?.code === 'unavailable') {
        // The server could not load the document just now (e.g. its database): ask again while
        // connected, with back-off. Every other refusal is final.
        this.joinRetryDelay = Math.min(Math.max(this.joinRetryMs, this.joinRetryDelay * 2), MAX_JOIN_RETRY_MS)
        this.joinTimer = setTimeout(() => {
          this.joinTimer = null
          if (epoch === this.epoch && this.socket.connected && !this.destroyed) this.join()
        }, this.joinRetryDelay)
        return
      }
      if (error || !result) return this.fail(error ?? { code: 'unavailable' })
      this.role = result.role
      this.joined = true
      this.error = null
      this.emit('role', result.role)
      this.setStatus('connected')
      this.send(encodeSyncStep1(Y.encodeStateVector(this.doc)), false)
      if (this.awareness.getLocalState() !== null) {
        this.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, [this.doc.clientID])), false)
      }
    })
  }

  private onDisconnect = (reason: string): void => {
    const hadPending = this.unacked > 0
    this.epoch++
    if (this.joinTimer) clearTimeout(this.joinTimer)
    this.joinTimer = null
    this.joined = false
    this.unacked = 0
    if (hadPending) this.dirty = true
    if (this.synced) {
      this.synced = false
      this.emit('synced', false)
    }
    // Other clients' presence is stale now; it comes back with the next join.
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID)
    removeAwarenessStates(this.awareness, others, this)
    this.setStatus('offline')
    // The server closed us without an error of ours (e.g. it reloads the document): come back.
    if (reason === 'io server disconnect' && !this.error && !this.destroyed) {
      this.reconnectTimer = setTimeout(() => this.socket.connect(), 500 + Math.random() * 1000)
    }
  }

  private onConnectError = (error: Error): void => {
    if (error.message === 'unauthorized') this.fail({ code: 'unauthorized' })
    this.setStatus('offline')
  }

  private onCollabError = (error: { code: CollabErrorCode }): void => this.fail({ code: error.code })

  private onMessage = (docId: string, data: unknown): void => {
    const message = asBytes(data)
    if (docId !== this.docId || !message || !this.joined) return
    const decoder = decoding.createDecoder(message)
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE_SYNC) {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MESSAGE_SYNC)
      const step = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this)
      if (step === syncProtocol.messageYjsSyncStep1) {
        // Our answer carries every local change the server lacks, offline edits included.
        const editor = this.role === 'editor'
        if (editor) this.dirty = false
        this.send(encoding.toUint8Array(encoder), editor)
      } else if (step === syncProtocol.messageYjsSyncStep2 && !this.synced) {
        this.synced = true
        this.emit('synced', true)
      }
    } else if (type === MESSAGE_AWARENESS) {
      applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this)
    }
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this || this.role === 'viewer') return
    // While offline edits are unsent (dirty), an update on its own could depend on clocks the server
    // lacks and be refused as a gap: it stays local until our answer to the server's step 1, which
    // carries everything, has gone out.
    if (!this.joined || this.dirty) {
      this.dirty = true
      this.updateSaveState()
      return
    }
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    syncProtocol.writeUpdate(encoder, update)
    this.send(encoding.toUint8Array(encoder), true)
  }

  private onAwarenessUpdate = ({ added, updated, removed }: Record<string, number[]>, origin: unknown): void => {
    if (origin !== 'local' || !this.joined) return
    const changed = [...added!, ...updated!, ...removed!]
    this.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, changed)), false)
  }
}
