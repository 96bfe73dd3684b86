// A peer group's live document over the real /collab socket: its members and
// the facilitators join as editors; another member of the same community and
// an outsider are refused (the join goes through documentAccess).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setArchived } from '~/services/communities.server'
import { removeMember } from '~/services/membership.server'
import { masterclassFormValues } from '~/services/masterclass-form.server'
import { cancelMasterclass, updateMasterclass } from '~/services/masterclasses.server'
import { register } from '~/services/registrations.server'
import { publishGrouping } from '~/services/peer-group-publish.server'
import { proposeGrouping } from '~/services/peer-groups.server'
import { prisma } from '~/utils/db.server'
import { actorOf, makeCommunity, makeLoggedInUser, makeMasterclass } from '../factories'
import { RawClient, startCollabServer, until } from '../support/collab'
import { contextFor, makePeople } from '../support/peer-groups'

let server: Awaited<ReturnType<typeof startCollabServer>>
const clients: RawClient[] = []

beforeAll(async () => {
  server = await startCollabServer()
})
afterAll(async () => {
  for (const c of clients) c.close()
  await server.close()
})

async function client(token: string, docId: string) {
  const c = await RawClient.connect(server.url, token, docId)
  clients.push(c)
  return c
}

describe('a peer group’s document room', () => {
  it('lets the group’s members and the facilitator in as editors, and nobody else', async () => {
    const facilitator = await makeLoggedInUser({ role: 'facilitator' })
    const people = await makePeople(4)
    const community = await makeCommunity({ facilitators: [facilitator.user.id], members: people.map((p) => p.id) })
    const owner = { communityId: community.id }
    const { id } = await proposeGrouping(owner, { minSize: 2, maxSize: 2, rule: 'samePhaseMixedTypes' }, facilitator.user.id)
    await publishGrouping(owner, id, { ownerName: community.name, publishedById: facilitator.user.id })
    const [group, other] = await prisma.peerGroup.findMany({ where: { groupingId: id }, include: { members: true } })
    const docId = group!.documentId!

    const member = await contextFor(group!.members[0]!.userId)
    const memberClient = await client(member.token, docId)
    expect(await memberClient.joinAndSync()).toBe('editor')
    expect(await (await client(facilitator.token, docId)).joinAndSync()).toBe('editor')

    // A member of the same community, in the other group: may see the community, not this document.
    const neighbour = await contextFor(other!.members[0]!.userId)
    expect((await (await client(neighbour.token, docId)).join()).error).toEqual({ code: 'forbidden' })
    const outsider = await makeLoggedInUser()
    expect((await (await client(outsider.token, docId)).join()).error).toEqual({ code: 'forbidden' })

    // Archiving the community makes the group's document read-only at once, live sockets included.
    await setArchived(community.id, true)
    await until(() => memberClient.disconnected, 'the member’s editor socket closed on archive')
    expect(await (await client(member.token, docId)).joinAndSync()).toBe('viewer')
  })

  it('turns a member removed from the community into a reader, their open socket included', async () => {
    const facilitator = await makeLoggedInUser({ role: 'facilitator' })
    const people = await makePeople(2)
    const community = await makeCommunity({ facilitators: [facilitator.user.id], members: people.map((p) => p.id) })
    const owner = { communityId: community.id }
    const { id } = await proposeGrouping(owner, { minSize: 2, maxSize: 2, rule: 'samePhaseMixedTypes' }, facilitator.user.id)
    await publishGrouping(owner, id, { ownerName: community.name, publishedById: facilitator.user.id })
    const { documentId } = await prisma.peerGroup.findFirstOrThrow({ where: { groupingId: id } })
    const removed = await contextFor(people[0]!.id)
    const socket = await client(removed.token, documentId!)
    expect(await socket.joinAndSync()).toBe('editor')
    await removeMember(community.id, { userId: people[0]!.id, removerId: facilitator.user.id })
    await until(() => socket.disconnected, 'the removed member’s editor socket closed')
    expect(await (await client(removed.token, documentId!)).joinAndSync()).toBe('viewer')
  })

  it('closes a masterclass facilitator’s socket once they are taken off the masterclass', async () => {
    const facilitator = await makeLoggedInUser({ role: 'facilitator' })
    const colleague = await makeLoggedInUser({ role: 'facilitator' })
    const m = await makeMasterclass({ facilitators: [facilitator.user.id, colleague.user.id] })
    const people = await makePeople(2)
    for (const p of people) await register(m.id, p.id)
    const owner = { masterclassId: m.id }
    const { id } = await proposeGrouping(owner, { minSize: 2, maxSize: 2, rule: 'samePosition' }, facilitator.user.id)
    await publishGrouping(owner, id, { ownerName: m.title, publishedById: facilitator.user.id })
    const { documentId } = await prisma.peerGroup.findFirstOrThrow({ where: { groupingId: id } })
    const socket = await client(colleague.token, documentId!)
    expect(await socket.joinAndSync()).toBe('editor')
    await updateMasterclass(m.id, actorOf(facilitator.user), {
      ...(await masterclassFormValues(m.id)),
      facilitatorIds: [facilitator.user.id],
    })
    await until(() => socket.disconnected, 'the former facilitator’s socket closed')
    expect((await (await client(colleague.token, documentId!)).join()).error).toEqual({ code: 'forbidden' })
  })

  it('makes a cancelled masterclass’s group document read-only at once, open sockets included', async () => {
    const facilitator = await makeLoggedInUser({ role: 'facilitator' })
    const m = await makeMasterclass({ facilitators: [facilitator.user.id] })
    const people = await makePeople(2)
    for (const p of people) await register(m.id, p.id)
    const owner = { masterclassId: m.id }
    const { id } = await proposeGrouping(owner, { minSize: 2, maxSize: 2, rule: 'samePosition' }, facilitator.user.id)
    await publishGrouping(owner, id, { ownerName: m.title, publishedById: facilitator.user.id })
    const { documentId } = await prisma.peerGroup.findFirstOrThrow({ where: { groupingId: id } })
    const member = await contextFor(people[0]!.id)
    const socket = await client(member.token, documentId!)
    expect(await socket.joinAndSync()).toBe('editor')
    await cancelMasterclass(m.id)
    await until(() => socket.disconnected, 'the member’s editor socket closed on cancelling')
    expect(await (await client(member.token, documentId!)).joinAndSync()).toBe('viewer')
  })
})
