// Live sockets lose what their people lose: access to a community's documents
// (visibility, archive, admin role) and the session itself (logout, expiry,
// account deletion), with a real server on port 0 and the real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSession, invalidateSession } from '~/auth/session.server'
import { setRole } from '~/services/admin.server'
import { setArchived, updateCommunity } from '~/services/communities.server'
import { createDocument } from '~/services/documents.server'
import { deleteAccount } from '~/services/profile.server'
import { prisma } from '~/utils/db.server'
import { makeCommunity, makeLoggedInUser } from '../factories'
import { RawClient, startCollabServer, until } from '../support/collab'

let server: Awaited<ReturnType<typeof startCollabServer>>
const clients: RawClient[] = []

beforeAll(async () => {
  server = await startCollabServer()
})
afterAll(async () => {
  for (const c of clients) c.close()
  await server.close()
})

async function setup(visibility: 'open' | 'on_request' | 'invite_only' = 'open') {
  const editor = await makeLoggedInUser({ name: 'Eva Editor' })
  const outsider = await makeLoggedInUser({ name: 'Olga Outsider' })
  const community = await makeCommunity({ visibility, members: [editor.user.id] })
  const { id: docId } = await createDocument({ communityId: community.id, title: 'Notulen', createdById: editor.user.id })
  return { editor, outsider, community, docId }
}

async function client(token: string, docId: string) {
  const c = await RawClient.connect(server.url, token, docId)
  clients.push(c)
  return c
}

const sessionIdOf = (token: string) => token.split('.')[0]!

describe('live access after the handshake', () => {
  it('closes an outside reader when the open community becomes invite-only; the rejoin is refused', async () => {
    const { editor, outsider, community, docId } = await setup('open')
    const reader = await client(outsider.token, docId)
    const writer = await client(editor.token, docId)
    expect(await reader.joinAndSync()).toBe('viewer')
    expect(await writer.joinAndSync()).toBe('editor')
    const current = await prisma.community.findUniqueOrThrow({ where: { id: community.id } })
    await updateCommunity(community.id, {
      kind: current.kind as 'cop',
      name: current.name,
      description: current.description,
      visibility: 'invite_only',
      themeIds: [],
      phaseIds: [],
      positionIds: [],
    })
    await until(() => reader.disconnected, 'reader closed')
    expect(writer.disconnected).toBe(false)
    const again = await client(outsider.token, docId)
    expect((await again.join()).error).toEqual({ code: 'not_found' })
  })

  it('turns every editor into a viewer when the community is archived', async () => {
    const { editor, community, docId } = await setup('on_request')
    const a = await client(editor.token, docId)
    expect(await a.joinAndSync()).toBe('editor')
    await setArchived(community.id, true)
    await until(() => a.disconnected, 'editor closed on archive')
    const again = await client(editor.token, docId)
    expect(await again.joinAndSync()).toBe('viewer')
  })

  it('closes what an admin had open in an invite-only community once they are no longer admin', async () => {
    const { docId } = await setup('invite_only')
    const admin = await makeLoggedInUser({ role: 'admin' })
    await makeLoggedInUser({ role: 'admin' })
    const a = await client(admin.token, docId)
    expect(await a.joinAndSync()).toBe('editor')
    await setRole(admin.user.id, 'member')
    await until(() => a.disconnected, 'former admin closed')
    const again = await client(admin.token, docId)
    expect((await again.join()).error).toEqual({ code: 'not_found' })
  })

  it("closes a logged-out session's socket, and only that session's", async () => {
    const { editor, docId } = await setup()
    const second = await createSession(editor.user.id)
    const a = await client(editor.token, docId)
    const b = await client(second.token, docId)
    await a.joinAndSync()
    await b.joinAndSync()
    await invalidateSession(sessionIdOf(editor.token))
    await until(() => a.disconnected, 'logged-out socket closed')
    expect(b.disconnected).toBe(false)
  })

  it('closes the sockets of a deleted account', async () => {
    const { editor, docId } = await setup()
    const a = await client(editor.token, docId)
    await a.joinAndSync()
    await deleteAccount(editor.user.id)
    await until(() => a.disconnected, 'deleted account closed')
  })

  it('closes a socket when its session expires', async () => {
    const { editor, docId } = await setup()
    const soon = new Date(Date.now() + 400)
    await prisma.session.update({
      where: { id: sessionIdOf(editor.token) },
      data: { expiresAt: soon, absoluteExpiresAt: soon },
    })
    const a = await client(editor.token, docId)
    await a.joinAndSync()
    await until(() => a.disconnected, 'expired session closed', 3000)
  })
})
