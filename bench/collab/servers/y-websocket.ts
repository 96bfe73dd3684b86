// y-websocket 2.1's bundled server (bin/utils setupWSConnection, in memory, as
// its bin/server.cjs runs it without YPERSISTENCE), on ws 8, in its own process.
import http from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { serve } from '../lib/ipc'
import { serverHandlers } from './common'

const require = createRequire(import.meta.url)
const utils = require('y-websocket/bin/utils') as {
  setupWSConnection: (conn: WebSocket, req: http.IncomingMessage, options?: { docName?: string; gc?: boolean }) => void
  docs: Map<string, unknown>
}

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' })
  res.end('okay')
})
const wss = new WebSocketServer({ noServer: true })
wss.on('connection', (conn: WebSocket, req: http.IncomingMessage) => utils.setupWSConnection(conn, req))
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const { port } = server.address() as AddressInfo

serve(
  serverHandlers(() => utils.docs.size),
  { port },
)
