// Peloton's /collab server as server.ts runs it (createCollabServer on an
// HTTP server, the real SQLite database through Prisma, production mode), in
// its own process. DATABASE_URL comes from the parent. Options the parent may
// set: BENCH_IDLE_UNLOAD_MS.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { sessionCookieName } from '~/auth/cookie.server'
import { createCollabServer } from '~/realtime/collab.server'
import { prepareDatabase } from '~/utils/db.server'
import { serve } from '../lib/ipc'
import { serverHandlers } from './common'

await prepareDatabase()
const server = http.createServer()
const idle = process.env.BENCH_IDLE_UNLOAD_MS
const { io, collab } = createCollabServer(server, idle ? { idleUnloadMs: Number(idle) } : {})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const { port } = server.address() as AddressInfo

serve(
  {
    ...serverHandlers(() => collab.loadedDocuments().length),
    flush: () => collab.flush(),
    loaded: () => collab.loadedDocuments(),
    close: async () => {
      await collab.close()
      await new Promise<void>((resolve) => io.close(() => resolve()))
    },
  },
  { port, cookieName: sessionCookieName() },
)
