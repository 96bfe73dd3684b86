// One Yjs client of each server under test, each with that server's own
// client library: Peloton's CollabProvider (socket.io-client), y-websocket's
// WebsocketProvider and @hocuspocus/provider, all on the `ws` package in Node.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { io, type Socket } from 'socket.io-client'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import WebSocket from 'ws'
import { CollabProvider } from '~/realtime/collab-provider'
import * as decoding from 'lib0/decoding'
import { COLLAB_NAMESPACE, encodeUpdate, MESSAGE_SYNC, SYNC_UPDATE } from '~/realtime/protocol'

export type ServerKind = 'peloton' | 'y-websocket' | 'hocuspocus' | 'bare-socket.io' | 'bare-ws'
export const SERVER_KINDS: ServerKind[] = ['peloton', 'y-websocket', 'hocuspocus', 'bare-socket.io', 'bare-ws']
/** The transports alone (servers/bare.ts): fan-out only, for the floor under the comparison. */
export const BARE_KINDS: ServerKind[] = ['bare-socket.io', 'bare-ws']

export interface Target {
  kind: ServerKind
  /** http://127.0.0.1:port */
  url: string
  docName: string
  /** Peloton only: the session cookie (`name=token`). */
  cookie?: string
}

export interface BenchClient {
  doc: Y.Doc
  synced: Promise<void>
  destroy(): void
}

/** Called for every update the server acknowledged (Peloton acks after the commit). */
export type AckListener = (error: unknown) => void

const wsUrl = (url: string) => url.replace(/^http/, 'ws')

export function pelotonSocket(target: Target): Socket {
  return io(`${target.url}${COLLAB_NAMESPACE}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { cookie: target.cookie ?? '', origin: target.url },
  })
}

/**
 * Wraps a socket's emit so that every `msg` sent with an ack callback (an
 * update, as CollabProvider sends them) reports its acknowledgement.
 */
function observeAcks(socket: Socket, onSend: () => AckListener | null): void {
  const emit = socket.emit.bind(socket) as (...args: unknown[]) => Socket
  ;(socket as unknown as { emit: (...args: unknown[]) => Socket }).emit = (...args: unknown[]) => {
    const ack = args[args.length - 1]
    if (args[0] === 'msg' && typeof ack === 'function') {
      const listener = onSend()
      if (listener) {
        args[args.length - 1] = (error: unknown) => {
          listener(error)
          ;(ack as (e: unknown) => void)(error)
        }
      }
    }
    return emit(...args)
  }
}

export function connectClient(target: Target, { onSend }: { onSend?: () => AckListener | null } = {}): BenchClient {
  const doc = new Y.Doc()
  switch (target.kind) {
    case 'peloton': {
      const provider = new CollabProvider({ docId: target.docName, doc, socket: pelotonSocket(target) })
      if (onSend) observeAcks(provider.socket, onSend)
      const synced = new Promise<void>((resolve, reject) => {
        provider.on('synced', (s) => s && resolve())
        provider.on('error', (e) => reject(new Error(`peloton client: ${e.code}`)))
      })
      return {
        doc,
        synced,
        destroy() {
          provider.destroy()
          provider.socket.disconnect()
          doc.destroy()
        },
      }
    }
    case 'y-websocket': {
      const provider = new WebsocketProvider(wsUrl(target.url), target.docName, doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        // Several clients of one document live in this process: they must talk through the server only.
        disableBc: true,
      })
      const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()))
      return {
        doc,
        synced,
        destroy() {
          provider.destroy()
          doc.destroy()
        },
      }
    }
    case 'bare-socket.io':
    case 'bare-ws':
      return bareClient(target, doc)
    case 'hocuspocus': {
      const socket = new HocuspocusProviderWebsocket({ url: wsUrl(target.url), WebSocketPolyfill: WebSocket })
      let resolveSynced!: () => void
      const synced = new Promise<void>((resolve) => (resolveSynced = resolve))
      const provider = new HocuspocusProvider({
        name: target.docName,
        document: doc,
        websocketProvider: socket,
        onSynced: ({ state }) => state && resolveSynced(),
      })
      provider.attach()
      return {
        doc,
        synced,
        destroy() {
          provider.destroy()
          socket.destroy()
          doc.destroy()
        },
      }
    }
  }
}

/**
 * A client of the bare relays (servers/bare.ts): sends each local update as a
 * y-protocols update message and applies what arrives, nothing else (no sync:
 * the readers are connected before the writer types).
 */
function bareClient(target: Target, doc: Y.Doc): BenchClient {
  const remote = Symbol('remote')
  const receive = (data: ArrayBuffer | Uint8Array) => {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data)
    const decoder = decoding.createDecoder(bytes)
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC || decoding.readVarUint(decoder) !== SYNC_UPDATE) return
    Y.applyUpdate(doc, decoding.readVarUint8Array(decoder), remote)
  }
  let send: (message: Uint8Array) => void
  let close: () => void
  let opened: Promise<void>
  if (target.kind === 'bare-socket.io') {
    const socket = io(`${target.url}${COLLAB_NAMESPACE}`, { transports: ['websocket'], forceNew: true, reconnection: false })
    socket.on('msg', (_docId: string, data: ArrayBuffer | Uint8Array) => receive(data))
    send = (message) => socket.emit('msg', target.docName, message)
    close = () => socket.disconnect()
    opened = new Promise((resolve) => socket.once('connect', () => resolve()))
  } else {
    const ws = new WebSocket(wsUrl(target.url))
    ws.binaryType = 'arraybuffer'
    ws.on('message', (data: ArrayBuffer) => receive(data))
    send = (message) => ws.send(message)
    close = () => ws.close()
    opened = new Promise((resolve) => ws.once('open', () => resolve()))
  }
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== remote) send(encodeUpdate(update))
  })
  return {
    doc,
    synced: opened,
    destroy() {
      close()
      doc.destroy()
    },
  }
}
