// A /collab server alone, as a child process the crash test can kill -9:
// `node --import tsx tests/support/collab-server-main.ts` with DATABASE_URL
// set. With CRASH_SEED=1 it first makes an editor, a community and a document.
// Prints one JSON line: { port, token?, docId? }.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createSession } from '~/auth/session.server'
import { createCollabServer } from '~/realtime/collab.server'
import { createDocument } from '~/services/documents.server'
import { prepareDatabase, prisma } from '~/utils/db.server'

await prepareDatabase()
let seed: { token: string; docId: string } | undefined
if (process.env.CRASH_SEED === '1') {
  const user = await prisma.user.create({ data: { name: 'Crash Editor', email: `crash-${Date.now()}@example.nl` } })
  const community = await prisma.community.create({
    data: {
      kind: 'cop',
      slug: `crash-${Date.now()}`,
      name: 'Crash',
      visibility: 'open',
      memberships: { create: { userId: user.id } },
    },
  })
  const { token } = await createSession(user.id)
  const { id } = await createDocument({ communityId: community.id, title: 'Crash', createdById: user.id })
  seed = { token, docId: id }
}
const server = http.createServer()
createCollabServer(server, { compactAfter: 100 })
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
console.log(JSON.stringify({ port: (server.address() as AddressInfo).port, ...seed }))
