// Relaying one `msg` to the members of a live document, with the same bytes on
// the wire as `nsp.local.to(room).emit('msg', docId, data)` but less work per
// member. socket.io sends an event with bytes as two engine.io packets, each
// its own WebSocket frame: a text header
// (`451-["msg","<docId>",{"_placeholder":true,"num":0}]`) and the bytes. Sent
// the ordinary way, each member's connection encodes both frames anew, writes
// the header at once and the bytes only after the header's write has called
// back: two writes (system calls) per member and message in two turns of the
// event loop, which the server's profile showed as its largest cost
// (`writev`). Here the packet is encoded once and both frames are framed once
// (socket.io does the same for a broadcast without bytes: `wsPreEncodedFrame`),
// and each member's two frames are written together, with its TCP socket
// corked: one write.
//
// It uses engine.io's connection and transport (`writable`, `flush`, the
// pre-encoded frame option) and ws' socket, so every step checks what it
// finds: a connection that is not an open WebSocket with nothing in flight
// takes engine.io's own path, where the frames are encoded from the packet
// as usual.
import type { Socket as NetSocket } from 'node:net'

interface EngineConnection {
  readyState?: string
  transport?: { name?: string; writable?: boolean; socket?: { _socket?: NetSocket } }
  writeBuffer?: unknown[]
  flush?: () => void
}

/** What is used of socket.io's server-side Socket. */
export interface RelaySocket {
  conn: unknown
  client: unknown
}

interface PacketOptions {
  preEncoded: true
  wsPreEncodedFrame: Buffer[]
}

/** socket.io-parser's Encoder: a packet as engine.io packets (strings and bytes). */
export interface PacketEncoder {
  encode(packet: { type: number; nsp: string; data: unknown[] }): unknown[]
}

const EVENT = 2

/** Emits the event `args` (name first) of namespace `nsp` to `sockets`, as socket.io would. */
export function relayEvent(sockets: RelaySocket[], encoder: PacketEncoder, nsp: string, args: unknown[]): void {
  if (sockets.length === 0) return
  const packets = encoder.encode({ type: EVENT, nsp, data: args })
  // The engine.io frames, built once: a string is a "message" packet ('4' + text), bytes go as they are.
  const options: PacketOptions[] = packets.map((packet) => ({
    preEncoded: true,
    wsPreEncodedFrame:
      typeof packet === 'string' ? webSocketFrame(Buffer.from(`4${packet}`), TEXT) : webSocketFrame(asBuffer(packet), BINARY),
  }))
  const held = holdConnections(sockets)
  try {
    for (const socket of sockets) {
      const client = socket.client as { writeToEngine(packets: unknown[], options: PacketOptions): void }
      // Each packet with its own frame: the options travel with the packet through engine.io's buffer.
      for (let i = 0; i < packets.length; i++) client.writeToEngine([packets[i]], options[i]!)
    }
  } finally {
    releaseConnections(held)
  }
}

/**
 * Marks each open WebSocket connection with nothing in flight as not writable,
 * so that engine.io buffers what is sent until releaseConnections.
 */
function holdConnections(sockets: RelaySocket[]): EngineConnection[] {
  const held: EngineConnection[] = []
  for (const socket of sockets) {
    const conn = socket.conn as EngineConnection
    const transport = conn.transport
    if (
      transport?.name === 'websocket' &&
      transport.writable === true &&
      conn.readyState === 'open' &&
      conn.writeBuffer?.length === 0 &&
      typeof conn.flush === 'function'
    ) {
      transport.writable = false
      held.push(conn)
    }
  }
  return held
}

/** Flushes each held connection's buffer in one write (its TCP socket corked meanwhile). */
function releaseConnections(held: EngineConnection[]): void {
  for (const conn of held) {
    const transport = conn.transport!
    const raw = transport.socket?._socket
    const cork = typeof raw?.cork === 'function' && typeof raw.uncork === 'function'
    if (cork) raw.cork()
    transport.writable = true
    try {
      conn.flush!()
    } finally {
      if (cork) raw.uncork()
    }
  }
}

const TEXT = 0x1
const BINARY = 0x2

/** One unmasked, final WebSocket frame (RFC 6455 §5.2), as ws' `Sender.frame` returns it: [header, payload]. */
export function webSocketFrame(payload: Buffer, opcode: typeof TEXT | typeof BINARY): Buffer[] {
  const length = payload.length
  const header = Buffer.allocUnsafe(length < 126 ? 2 : length < 65536 ? 4 : 10)
  header[0] = 0x80 | opcode
  if (length < 126) {
    header[1] = length
  } else if (length < 65536) {
    header[1] = 126
    header.writeUInt16BE(length, 2)
  } else {
    header[1] = 127
    header.writeUInt32BE(Math.floor(length / 2 ** 32), 2)
    header.writeUInt32BE(length >>> 0, 6)
  }
  return [header, payload]
}

function asBuffer(bytes: unknown): Buffer {
  if (Buffer.isBuffer(bytes)) return bytes
  if (bytes instanceof Uint8Array) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes instanceof ArrayBuffer) return Buffer.from(bytes)
  throw new TypeError('an attachment that is not bytes')
}
