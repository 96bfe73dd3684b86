// The transports alone, for the floor under the fan-out comparison: a relay
// with no Yjs, no checks and no database, on socket.io with Peloton's contract
// shape (`msg`, docId, bytes) and Peloton's own relay (relay.server.ts), or on
// plain `ws` (what y-websocket and Hocuspocus speak; `ws.send` to each other
// client). Their clients (clients/adapters.ts) do the same Yjs work. The
// servers still differ in what receiving and sending cost on each transport
// (their own share is measured too); the rest of the difference is socket.io's
// wire format (two frames a message) and client library. BENCH_BARE=socket.io|ws.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server as SocketServer } from 'socket.io'
import { WebSocketServer, type WebSocket } from 'ws'
import { COLLAB_NAMESPACE } from '~/realtime/protocol'
import { relayEvent, type PacketEncoder } from '~/realtime/relay.server'
import { serve } from '../lib/ipc'
import { serverHandlers } from './common'

const server = http.createServer()

if (process.env.BENCH_BARE === 'socket.io') {
  const io = new SocketServer(server, { serveClient: false })
  const nsp = io.of(COLLAB_NAMESPACE)
  nsp.on('connection', (socket) => {
    void socket.join('doc')
    socket.on('msg', (docId: string, data: Uint8Array) => {
      const others = [...(nsp.adapter.rooms.get('doc') ?? [])].filter((id) => id !== socket.id).map((id) => nsp.sockets.get(id)!)
      relayEvent(others, io.encoder as PacketEncoder, COLLAB_NAMESPACE, ['msg', docId, data])
    })
  })
} else {
  const wss = new WebSocketServer({ server })
  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', (data: Buffer) => {
      for (const other of wss.clients) if (other !== ws) other.send(data)
    })
  })
}

await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
// One document (only the memory phase asks, and it does not run the bare relays).
serve(
  serverHandlers(() => 1),
  { port: (server.address() as AddressInfo).port },
)
