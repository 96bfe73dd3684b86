// @hocuspocus/server 3.4's built-in Server with its defaults (no extensions,
// so nothing is persisted), in its own process.
import { Server } from '@hocuspocus/server'
import { serve } from '../lib/ipc'
import { serverHandlers } from './common'

const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: false })
await server.listen()

serve(
  serverHandlers(() => server.hocuspocus.getDocumentsCount()),
  { port: server.address.port },
)
