// Who gets into the peer-group pages, actions and documents: outsiders,
// members (in the group or not), facilitators and admins, for a community
// and a masterclass; every loader and action checked on the server.
import { beforeAll, describe, expect, it } from 'vitest'
import { action as communityAction, loader as communityLoader } from '~/routes/communities.$slug.groups'
import { loader as docLoader } from '~/routes/docs.$docId._index'
import { action as archiveAction } from '~/routes/docs.$docId.archive'
import { loader as exportLoader } from '~/routes/docs.$docId.export[.md]'
import { action as versionsAction, loader as versionsLoader } from '~/routes/docs.$docId.versions._index'
import { loader as groupLoader } from '~/routes/groups.$id'
import { action as masterclassAction, loader as masterclassLoader } from '~/routes/masterclasses.$id.groups'
import { documentAccess } from '~/services/documents.server'
import { publishGrouping } from '~/services/peer-group-publish.server'
import { proposeGrouping } from '~/services/peer-groups.server'
import { register } from '~/services/registrations.server'
import { prisma } from '~/utils/db.server'
import {
  anonymousContext,
  formRequest,
  getRequest,
  locationOf,
  makeCommunity,
  makeLoggedInUser,
  makeMasterclass,
  routeArgs,
  statusOf,
} from '../factories'
import { contextFor, makePeople } from '../support/peer-groups'

type Context = unknown

const settings = { minSize: 2, maxSize: 2, rule: 'samePhaseMixedTypes' }

async function publishedGroups(owner: { communityId: string } | { masterclassId: string }, by: string) {
  const { id } = await proposeGrouping(owner, settings, by)
  await publishGrouping(owner, id, { ownerName: 'Test', publishedById: by })
  return prisma.peerGroup.findMany({ where: { groupingId: id }, include: { members: true }, orderBy: { number: 'asc' } })
}

describe('a community’s groups', () => {
  let slug: string
  let ctx: Record<'facilitator' | 'admin' | 'inGroup' | 'otherGroup' | 'outsider' | 'otherFacilitator', Context>
  let groupId: string
  let docId: string

  beforeAll(async () => {
    const facilitator = await makeLoggedInUser({ role: 'facilitator' })
    const otherFacilitator = await makeLoggedInUser({ role: 'facilitator' })
    const people = await makePeople(4)
    const community = await makeCommunity({
      visibility: 'on_request',
      facilitators: [facilitator.user.id],
      members: people.map((p) => p.id),
    })
    // Facilitates another community: no say here.
    await makeCommunity({ facilitators: [otherFacilitator.user.id] })
    slug = community.slug
    const groups = await publishedGroups({ communityId: community.id }, facilitator.user.id)
    const [first, second] = groups
    groupId = first!.id
    docId = first!.documentId!
    ctx = {
      facilitator: facilitator.context,
      otherFacilitator: otherFacilitator.context,
      admin: (await makeLoggedInUser({ role: 'admin' })).context,
      inGroup: await contextFor(first!.members[0]!.userId),
      otherGroup: await contextFor(second!.members[0]!.userId),
      outsider: (await makeLoggedInUser()).context,
    }
  })

  const page = (c: Context) => communityLoader(routeArgs(getRequest(`/communities/${slug}/groups`), c, { slug }))
  const propose = (c: Context) =>
    communityAction(
      routeArgs(
        formRequest(`/communities/${slug}/groups`, { intent: 'propose', minSize: '2', maxSize: '2', rule: 'samePosition' }),
        c,
        {
          slug,
        },
      ),
    )

  it('the groups page: members and those who run it; 403 for outsiders, the login page for visitors', async () => {
    expect(await statusOf(page(ctx.outsider))).toBe(403)
    expect(await statusOf(page(ctx.otherFacilitator))).toBe(403)
    expect(locationOf(await page(anonymousContext).catch((r: unknown) => r))).toMatch(/^\/login\?redirectTo=/)
    const member = await page(ctx.inGroup)
    expect(member).toMatchObject({ mayForm: false, mayReadAll: false, draft: null, published: [] })
    expect(member.mine.map((g) => g.id)).toEqual([groupId])
    for (const who of ['facilitator', 'admin'] as const) {
      const data = await page(ctx[who])
      expect(data, who).toMatchObject({ mayForm: true, mayReadAll: true })
      expect(data.published, who).toHaveLength(1)
    }
  })

  it('its action: only those who run it (members get 403, outsiders 403)', async () => {
    for (const who of ['inGroup', 'outsider', 'otherFacilitator'] as const)
      expect(await statusOf(propose(ctx[who])), who).toBe(403)
    expect(await prisma.peerGrouping.count({ where: { status: 'draft' } })).toBe(0)
    expect(await statusOf(propose(ctx.admin))).toBe(200)
    expect(await prisma.peerGrouping.count({ where: { status: 'draft' } })).toBe(1)
  })

  it('a group’s page and its document: its members, the facilitators and admins; 403 for other members and outsiders', async () => {
    const group = (c: Context) => groupLoader(routeArgs(getRequest(`/groups/${groupId}`), c, { id: groupId }))
    const doc = (c: Context) => docLoader(routeArgs(getRequest(`/docs/${docId}`), c, { docId }))
    for (const who of ['inGroup', 'facilitator', 'admin'] as const) {
      expect(await statusOf(group(ctx[who])), who).toBe(200)
      expect((await doc(ctx[who])).role, who).toBe('editor')
    }
    for (const who of ['otherGroup', 'outsider', 'otherFacilitator'] as const) {
      expect(await statusOf(group(ctx[who])), who).toBe(403)
      expect(await statusOf(doc(ctx[who])), who).toBe(403)
    }
    expect(await statusOf(groupLoader(routeArgs(getRequest('/groups/none'), ctx.admin, { id: 'none' })))).toBe(404)
    // Its versions and exports follow the same rule; archiving is for those who run the community.
    const versions = (c: Context) => versionsLoader(routeArgs(getRequest('/x'), c, { docId }))
    const exported = (c: Context) => exportLoader(routeArgs(getRequest('/x'), c, { docId }))
    const archive = (c: Context) => archiveAction(routeArgs(formRequest('/x', { archived: 'true' }), c, { docId }))
    const save = (c: Context) => versionsAction(routeArgs(formRequest('/x', { name: 'Eerste afspraken' }), c, { docId }))
    expect((await versions(ctx.inGroup)).mayEdit).toBe(true)
    expect(await statusOf(exported(ctx.inGroup))).toBe(200)
    expect(locationOf(await save(ctx.inGroup))).toBe(`/docs/${docId}/versions?notice=saved`)
    for (const who of ['otherGroup', 'outsider'] as const) {
      expect(await statusOf(versions(ctx[who])), who).toBe(403)
      expect(await statusOf(exported(ctx[who])), who).toBe(403)
      expect(await statusOf(save(ctx[who])), who).toBe(403)
      expect(await statusOf(archive(ctx[who])), who).toBe(403)
    }
    expect(await statusOf(archive(ctx.inGroup))).toBe(403)
    expect((await doc(ctx.inGroup)).mayArchive).toBe(false)
    expect((await doc(ctx.facilitator)).mayArchive).toBe(true)
    expect(await prisma.documentVersion.count({ where: { documentId: docId } })).toBe(1)

    // Only those who run it see who moved on; the members see the group.
    expect((await group(ctx.facilitator)).runs).toBe(true)
    expect((await group(ctx.inGroup)).runs).toBe(false)
  })
})

describe('an invite-only community’s groups', () => {
  it('are a 404 for whoever may not know the community exists', async () => {
    const facilitator = await makeLoggedInUser({ role: 'facilitator' })
    const outsider = await makeLoggedInUser()
    const people = await makePeople(2)
    const community = await makeCommunity({
      visibility: 'invite_only',
      facilitators: [facilitator.user.id],
      members: people.map((p) => p.id),
    })
    const [group] = await publishedGroups({ communityId: community.id }, facilitator.user.id)
    const params = { slug: community.slug }
    expect(await statusOf(communityLoader(routeArgs(getRequest('/x'), outsider.context, params)))).toBe(404)
    expect(await statusOf(communityAction(routeArgs(formRequest('/x', { intent: 'discard' }), outsider.context, params)))).toBe(
      404,
    )
    expect(await statusOf(groupLoader(routeArgs(getRequest('/x'), outsider.context, { id: group!.id })))).toBe(404)
    expect(await documentAccess(group!.documentId!, { id: outsider.user.id, role: 'member' })).toEqual({ code: 'not_found' })
  })
})

describe('a masterclass’s groups', () => {
  it('the page for its facilitators, admins and confirmed participants; the action only for those who run it', async () => {
    const facilitator = await makeLoggedInUser({ role: 'facilitator' })
    const m = await makeMasterclass({ facilitators: [facilitator.user.id], capacity: 4 })
    const people = await makePeople(5)
    for (const p of people) await register(m.id, p.id)
    const groups = await publishedGroups({ masterclassId: m.id }, facilitator.user.id)
    const participant = await contextFor(people[0]!.id)
    const waitlisted = await contextFor(people[4]!.id)
    const outsider = (await makeLoggedInUser()).context
    const admin = (await makeLoggedInUser({ role: 'admin' })).context
    const page = (c: Context) => masterclassLoader(routeArgs(getRequest('/x'), c, { id: m.id }))
    const discard = (c: Context) =>
      masterclassAction(routeArgs(formRequest('/x', { intent: 'discard', groupingId: 'x' }), c, { id: m.id }))

    expect(await statusOf(page(outsider))).toBe(403)
    expect(await statusOf(page(waitlisted))).toBe(403)
    expect((await page(participant)).mine).toHaveLength(1)
    expect((await page(facilitator.context)).published).toHaveLength(1)
    expect((await page(admin)).mayForm).toBe(true)
    for (const c of [outsider, waitlisted, participant]) expect(await statusOf(discard(c))).toBe(403)
    expect(await statusOf(discard(facilitator.context))).toBe(200)

    const groupOf = groups.find((g) => g.members.some((x) => x.userId === people[0]!.id))!
    const other = groups.find((g) => g !== groupOf)!
    const group = (c: Context, id: string) => groupLoader(routeArgs(getRequest('/x'), c, { id }))
    expect(await statusOf(group(participant, groupOf.id))).toBe(200)
    expect(await statusOf(group(participant, other.id))).toBe(403)
    expect(await statusOf(group(facilitator.context, other.id))).toBe(200)
    expect(await statusOf(group(outsider, other.id))).toBe(403)

    // A participant who cancels keeps their group (published groups never change).
    await prisma.registration.updateMany({ where: { masterclassId: m.id, userId: people[0]!.id }, data: { status: 'cancelled' } })
    expect(await statusOf(group(participant, groupOf.id))).toBe(200)
    expect((await page(participant)).mine).toHaveLength(1)
  })

  it('a draft group has no page and no document for anyone', async () => {
    const facilitator = await makeLoggedInUser({ role: 'facilitator' })
    const m = await makeMasterclass({ facilitators: [facilitator.user.id] })
    const people = await makePeople(2)
    for (const p of people) await register(m.id, p.id)
    const { id } = await proposeGrouping({ masterclassId: m.id }, settings, facilitator.user.id)
    const draftGroup = await prisma.peerGroup.findFirstOrThrow({ where: { groupingId: id } })
    expect(draftGroup.documentId).toBeNull()
    expect(await statusOf(groupLoader(routeArgs(getRequest('/x'), facilitator.context, { id: draftGroup.id })))).toBe(404)
    expect(await statusOf(groupLoader(routeArgs(getRequest('/x'), await contextFor(people[0]!.id), { id: draftGroup.id })))).toBe(
      404,
    )
  })
})
