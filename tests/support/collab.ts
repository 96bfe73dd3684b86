// Real /collab servers on port 0 and Node clients that speak the raw contract
// (socket.io-client + yjs + y-protocols), for the collaboration tests.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { io, type Socket } from 'socket.io-client'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { createCollabServer, type CollabOptions } from '~/realtime/collab.server'
import { COLLAB_NAMESPACE, encodeAwareness, encodeUpdate, MESSAGE_AWARENESS, MESSAGE_SYNC } from '~/realtime/protocol'

export async function startCollabServer(options: CollabOptions & { maxMessageBytes?: number } = {}) {
  const server = http.createServer()
  const { io: ioServer, collab } = createCollabServer(server, { idleUnloadMs: 200, ...options })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    collab,
    io: ioServer,
    async close() {
      await collab.close()
      await new Promise<void>((resolve) => ioServer.close(() => resolve()))
    },
  }
}

export function collabSocket(url: string, { token, origin = url }: { token?: string; origin?: string } = {}): Socket {
  return io(`${url}${COLLAB_NAMESPACE}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { ...(token ? { cookie: `peloton_session=${token}` } : {}), origin },
  })
}

/** Resolves with the connect error message, or 'connected'. */
export function connectOutcome(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'))
    socket.once('connect_error', (error) => resolve(error.message))
  })
}

/** Waits until `check` holds, polling; fails with `what` after the timeout. */
export async function until(check: () => boolean, what = 'condition', timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** A client speaking the contract by hand: its own Y.Doc, answers sync step 1, records everything. */
export class RawClient {
  readonly awareness: Awareness
  readonly errors: Array<{ code: string }> = []
  disconnected = false
  synced = false

  constructor(
    readonly socket: Socket,
    readonly docId: string,
    /** Its own Y.Doc; pass one to reconnect with what an earlier client had (e.g. with gc off). */
    readonly doc = new Y.Doc(),
  ) {
    this.awareness = new Awareness(this.doc)
    socket.on('collab_error', (e: { code: string }) => this.errors.push(e))
    socket.on('disconnect', () => (this.disconnected = true))
    socket.on('msg', (docId: string, data: ArrayBuffer | Uint8Array) => {
      if (docId !== this.docId) return
      const decoder = decoding.createDecoder(data instanceof Uint8Array ? data : new Uint8Array(data))
      const type = decoding.readVarUint(decoder)
      if (type === MESSAGE_SYNC) {
        const encoder = encoding.createEncoder()
        encoding.writeVarUint(encoder, MESSAGE_SYNC)
        const step = syncProtocol.readSyncMessage(decoder, encoder, this.doc, 'server')
        if (step === syncProtocol.messageYjsSyncStep1) socket.emit('msg', this.docId, encoding.toUint8Array(encoder))
        if (step === syncProtocol.messageYjsSyncStep2) this.synced = true
      } else if (type === MESSAGE_AWARENESS) {
        applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), 'server')
      }
    })
  }

  static async connect(url: string, token: string, docId: string, doc?: Y.Doc) {
    const socket = collabSocket(url, { token })
    const outcome = await connectOutcome(socket)
    if (outcome !== 'connected') throw new Error(outcome)
    return new RawClient(socket, docId, doc)
  }

  join(docId = this.docId): Promise<{ error: { code: string } | null; role?: string }> {
    return new Promise((resolve) =>
      this.socket.emit('join', docId, (error: { code: string } | null, result?: { role: string }) =>
        resolve({ error, role: result?.role }),
      ),
    )
  }

  /** Joins and completes the first sync (our step 1 → the server's step 2). */
  async joinAndSync(): Promise<string | undefined> {
    const { error, role } = await this.join()
    if (error) throw new Error(error.code)
    this.socket.emit('msg', this.docId, encodeSyncStepOne(this.doc))
    await until(() => this.synced, 'sync')
    return role
  }

  /** Makes a local change and sends it as an update; resolves with the ack. */
  edit(change: (doc: Y.Doc) => void): Promise<{ code: string } | null> {
    const updates: Uint8Array[] = []
    const collect = (u: Uint8Array, origin: unknown) => origin !== 'server' && updates.push(u)
    this.doc.on('update', collect)
    this.doc.transact(() => change(this.doc))
    this.doc.off('update', collect)
    return this.sendUpdate(Y.mergeUpdates(updates))
  }

  sendUpdate(update: Uint8Array): Promise<{ code: string } | null> {
    return new Promise((resolve) => this.socket.emit('msg', this.docId, encodeUpdate(update), resolve))
  }

  sendAwareness(state: Record<string, unknown>): void {
    this.awareness.setLocalState(state)
    this.socket.emit('msg', this.docId, encodeAwareness(encodeAwarenessUpdate(this.awareness, [this.doc.clientID])))
  }

  text(): string {
    return this.doc.getText('t').toString()
  }

  close(): void {
    this.socket.disconnect()
    this.awareness.destroy()
    this.doc.destroy()
  }
}

export function encodeSyncStepOne(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}
