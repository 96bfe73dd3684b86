// The server's own share of the fan-out latency, measured the same way in
// every server under test, at its TCP sockets: from the first bytes of an
// update arriving from the writer to that update's bytes being handed to each
// reader's socket (`socket.write`). The client libraries (socket.io-client,
// y-websocket's and Hocuspocus' providers) and the readers' one process are
// left out, which the end-to-end latency includes.
//
// How an update is recognised: the writer's token `[seq]` travels as plain
// UTF-8 inside the Yjs update, and servers send unmasked WebSocket frames, so
// it can be read from what a server writes. What arrives is masked, so the
// sender of an update is the connection whose bytes came last before the
// first write of its token (every server relays synchronously or within a
// microtask of the last bytes), and the update's arrival is that connection's
// first bytes since the previous update went out: for socket.io, whose
// message is two frames, the share starts at the first. Only connections the
// server accepted are watched. Writes to the sender (y-websocket and
// Hocuspocus echo an update to it) are left out.
import net from 'node:net'

/** Per update: ms from its arrival to each write to a reader, in write order. */
const times = new Map<number, number[]>()
/** The connections the server accepted. */
const accepted = new WeakSet<net.Socket>()
/** Per connection, its first bytes since the last update went out. */
const arrivals = new Map<net.Socket, number>()
let lastData: net.Socket | null = null
const started = new Map<number, { socket: net.Socket; at: number }>()

/** The sender of a new update (the connection whose bytes came last) and when its bytes began to arrive. */
function takeArrival(): { socket: net.Socket; at: number } | undefined {
  const at = lastData ? arrivals.get(lastData) : undefined
  const start = lastData && at !== undefined ? { socket: lastData, at } : undefined
  arrivals.clear()
  lastData = null
  return start
}

const OPEN = 0x5b // '['
const CLOSE = 0x5d // ']'

/** The first `[digits]` token in bytes a server writes, or null. */
function tokenIn(chunk: unknown): number | null {
  if (!(chunk instanceof Uint8Array) || chunk.length > 4096) return null
  for (let i = chunk.indexOf(OPEN); i !== -1; i = chunk.indexOf(OPEN, i + 1)) {
    let seq = 0
    let j = i + 1
    while (j < chunk.length && chunk[j]! >= 0x30 && chunk[j]! <= 0x39 && j - i <= 9) seq = seq * 10 + chunk[j++]! - 0x30
    if (j > i + 1 && chunk[j] === CLOSE) return seq
  }
  return null
}

const write = net.Socket.prototype.write
net.Socket.prototype.write = function (this: net.Socket, chunk: unknown, ...rest: unknown[]) {
  const seq = accepted.has(this) ? tokenIn(chunk) : null
  if (seq !== null) {
    let start = started.get(seq)
    if (!start) {
      start = takeArrival()
      if (start) started.set(seq, start)
    }
    if (start && start.socket !== this) {
      const list = times.get(seq) ?? []
      list.push(performance.now() - start.at)
      times.set(seq, list)
    }
  }
  return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest)
} as typeof net.Socket.prototype.write

const emit = net.Server.prototype.emit as (this: net.Server, event: string | symbol, ...args: unknown[]) => boolean
net.Server.prototype.emit = function (this: net.Server, event: string | symbol, ...args: unknown[]) {
  if (event === 'connection') {
    const socket = args[0] as net.Socket
    accepted.add(socket)
    socket.prependListener('data', () => {
      if (!arrivals.has(socket)) arrivals.set(socket, performance.now())
      lastData = socket
    })
    socket.once('close', () => arrivals.delete(socket))
  }
  return emit.call(this, event, ...args)
} as typeof net.Server.prototype.emit

/** What was measured since the last call, by update token; then starts again. */
export function takeWireTimes(): Array<[number, number[]]> {
  const out = [...times]
  times.clear()
  started.clear()
  arrivals.clear()
  lastData = null
  return out
}
