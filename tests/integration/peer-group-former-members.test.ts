// A group member who is no longer part of the group's owner — left or was
// removed from the community, cancelled the masterclass registration — keeps
// their published group's page and can still read its document, but no
// longer edits it (document access, which the socket join also asks).
import { describe, expect, it } from 'vitest'
import { loader as groupLoader } from '~/routes/groups.$id'
import { documentAccess } from '~/services/documents.server'
import { leaveCommunity, removeMember } from '~/services/membership.server'
import { publishGrouping } from '~/services/peer-group-publish.server'
import { proposeGrouping } from '~/services/peer-groups.server'
import { cancelRegistration, register } from '~/services/registrations.server'
import { prisma } from '~/utils/db.server'
import { getRequest, makeCommunity, makeMasterclass, makeUser, routeArgs } from '../factories'
import { contextFor, makePeople } from '../support/peer-groups'

const settings = { minSize: 2, maxSize: 2, rule: 'samePhaseMixedTypes' }

async function publishedGroups(owner: { communityId: string } | { masterclassId: string }, by: string) {
  const { id } = await proposeGrouping(owner, settings, by)
  await publishGrouping(owner, id, { ownerName: 'Test', publishedById: by })
  return prisma.peerGroup.findMany({ where: { groupingId: id }, include: { members: true }, orderBy: { number: 'asc' } })
}

const asMember = (id: string) => ({ id, role: 'member' as const })

async function groupPageStatus(groupId: string, userId: string): Promise<number> {
  try {
    await groupLoader(routeArgs(getRequest(`/groups/${groupId}`), await contextFor(userId), { id: groupId }))
    return 200
  } catch (error) {
    if (error instanceof Response) return error.status
    throw error
  }
}

describe('a former member of the community', () => {
  it('who was removed, or left, still sees the group and reads its document, but no longer edits it', async () => {
    const facilitator = await makeUser({ role: 'facilitator' })
    const people = await makePeople(4)
    const community = await makeCommunity({ facilitators: [facilitator.id], members: people.map((p) => p.id) })
    const [group] = await publishedGroups({ communityId: community.id }, facilitator.id)
    const [removed, leaver] = group!.members.map((m) => m.userId) as [string, string]
    const docId = group!.documentId!
    expect(await documentAccess(docId, asMember(removed))).toEqual({ role: 'editor' })

    await removeMember(community.id, { userId: removed, removerId: facilitator.id })
    expect(await documentAccess(docId, asMember(removed))).toEqual({ role: 'viewer' })
    expect(await groupPageStatus(group!.id, removed)).toBe(200)
    // The one who stayed still edits; so does the facilitator.
    expect(await documentAccess(docId, asMember(leaver))).toEqual({ role: 'editor' })
    expect(await documentAccess(docId, { id: facilitator.id, role: 'facilitator' })).toEqual({ role: 'editor' })

    await leaveCommunity(community.id, leaver)
    expect(await documentAccess(docId, asMember(leaver))).toEqual({ role: 'viewer' })
    expect(await groupPageStatus(group!.id, leaver)).toBe(200)
  })
})

describe('a former participant of the masterclass', () => {
  it('who cancelled still sees the group and reads its document, but no longer edits it', async () => {
    const facilitator = await makeUser({ role: 'facilitator' })
    const m = await makeMasterclass({ facilitators: [facilitator.id], capacity: 10 })
    const people = await makePeople(4)
    for (const p of people) await register(m.id, p.id)
    const [group] = await publishedGroups({ masterclassId: m.id }, facilitator.id)
    const [leaving, staying] = group!.members.map((x) => x.userId) as [string, string]
    const docId = group!.documentId!
    expect(await documentAccess(docId, asMember(leaving))).toEqual({ role: 'editor' })

    await cancelRegistration(m.id, leaving)
    expect(await documentAccess(docId, asMember(leaving))).toEqual({ role: 'viewer' })
    expect(await groupPageStatus(group!.id, leaving)).toBe(200)
    expect(await documentAccess(docId, asMember(staying))).toEqual({ role: 'editor' })
  })
})
