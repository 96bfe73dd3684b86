// Relaying one `msg` to the members of a live document, with the same bytes on
// the wire as `nsp.local.to(room).emit('msg', docId, data)` but less work per
// member. socket.io sends an event with bytes as two engine.io packets, each
// its own WebSocket frame: a text header
// (`451-["msg","<docId>",{"_placeholder":true,"num":0}]`) and the bytes. Sent
// the ordinary way, each member's connection encodes both frames anew and
// writes the header at once and the bytes only after the header's write has
// called back: two writes (system calls) per member and message in two turns
// of the event loop, which the server's profile showed as its largest cost
// (`writev`), and engine.io's packets, events, buffers and ws' corked writes
// per member were most of what the server allocated per update.
//
// Here the packet is encoded once and both frames are framed once, into one
// buffer (the update's bytes copied once, for everyone), and each member whose
// connection is an open WebSocket with nothing in flight gets that buffer in
// one write to its TCP socket: what engine.io's WebSocket transport would end
// up doing (ws' `sendFrame`, with the pre-encoded frames socket.io itself uses
// for a broadcast without bytes, `wsPreEncodedFrame`), without the objects on
// the way. Every step checks what it finds: any other connection (polling, a
// write in flight, something buffered, compression) takes engine.io's own
// path, with the frames pre-encoded, so its order is engine.io's.
import type { Socket as NetSocket } from 'node:net'

interface EngineConnection {
  readyState?: string
  transport?: {
    name?: string
    writable?: boolean
    opts?: { perMessageDeflate?: unknown }
    socket?: { readyState?: number; _socket?: NetSocket; _sender?: { sendFrame?: unknown } }
  }
  writeBuffer?: unknown[]
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
  const frames = packets.map((packet) =>
    typeof packet === 'string' ? webSocketFrame(Buffer.from(`4${packet}`), TEXT) : webSocketFrame(asBuffer(packet), BINARY),
  )
  const wire = Buffer.concat(frames.flat())
  let options: PacketOptions[] | null = null
  for (const socket of sockets) {
    const raw = idleWebSocket(socket.conn as EngineConnection)
    if (raw) {
      raw.write(wire)
      continue
    }
    // Each packet with its own frame: the options travel with the packet through engine.io's buffer.
    options ??= frames.map((frame) => ({ preEncoded: true, wsPreEncodedFrame: frame }))
    const client = socket.client as { writeToEngine(packets: unknown[], options: PacketOptions): void }
    for (let i = 0; i < packets.length; i++) client.writeToEngine([packets[i]], options[i]!)
  }
}

/**
 * The TCP socket of an open WebSocket connection with nothing in flight or
 * buffered, whose transport would write pre-encoded frames as they are; else null.
 */
function idleWebSocket(conn: EngineConnection): NetSocket | null {
  const transport = conn.transport
  const raw = transport?.socket?._socket
  if (
    transport?.name === 'websocket' &&
    transport.writable === true &&
    !transport.opts?.perMessageDeflate &&
    typeof transport.socket?._sender?.sendFrame === 'function' &&
    // ws' own state: OPEN (1). Once either side has sent its close frame, no data frame may follow.
    transport.socket.readyState === WS_OPEN &&
    conn.readyState === 'open' &&
    conn.writeBuffer?.length === 0 &&
    raw?.writable === true
  ) {
    return raw
  }
  return null
}

const WS_OPEN = 1
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
