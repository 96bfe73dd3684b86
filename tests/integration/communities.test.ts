// Communities themselves: create, edit, archive, the list with its visibility
// rule and "recommended for you", the home page and the member list.
import { beforeEach, describe, expect, it } from 'vitest'
import { action as newAction, loader as newLoader } from '~/routes/communities.new'
import { loader as listLoader } from '~/routes/communities._index'
import { loader as layoutLoader } from '~/routes/communities.$slug'
import { loader as homeLoader } from '~/routes/communities.$slug._index'
import { action as editAction, loader as editLoader } from '~/routes/communities.$slug.edit'
import { action as membersAction, loader as membersLoader } from '~/routes/communities.$slug.members'
import { slugify } from '~/services/communities.server'
import { prisma } from '~/utils/db.server'
import {
  anonymousContext,
  formRequest,
  getRequest,
  makeCommunity,
  makeLoggedInUser,
  makeOrganisation,
  makeUser,
  routeArgs,
  status,
  taxonomyId,
} from '../factories'

async function validFields(extra: Record<string, string | string[]> = {}) {
  return {
    kind: 'cop',
    name: 'Bodem in Utrecht',
    description: 'Over **grondwater**.',
    visibility: 'on_request',
    themeIds: [await taxonomyId('theme', 'grondwater')],
    phaseIds: [await taxonomyId('transitionPhase', 'planvorming')],
    positionIds: [await taxonomyId('position', 'beleidsmedewerker')],
    ...extra,
  }
}

async function clearCommunities() {
  await prisma.community.deleteMany()
}

describe('creating a community', () => {
  beforeEach(clearCommunities)

  it('makes the creator its first facilitator, with a unique slug from the name', async () => {
    const { user, context } = await makeLoggedInUser({ role: 'facilitator' })
    await expect(newLoader(routeArgs(getRequest('/communities/new'), context))).resolves.toBeTruthy()
    const first = await newAction(
      routeArgs(formRequest('/communities/new', await validFields({ name: 'Bodem in Utrecht' })), context),
    )
    expect(first).toSatisfy((r: Response) => r.status === 302 && r.headers.get('Location') === '/communities/bodem-in-utrecht')
    const second = await newAction(
      routeArgs(formRequest('/communities/new', await validFields({ name: 'Bodem in Útrecht!' })), context),
    )
    expect((second as Response).headers.get('Location')).toBe('/communities/bodem-in-utrecht-2')

    const community = await prisma.community.findUniqueOrThrow({
      where: { slug: 'bodem-in-utrecht' },
      include: { memberships: true, themes: true, targetPhases: true, targetPositions: true },
    })
    expect(community.memberships).toEqual([expect.objectContaining({ userId: user.id, role: 'facilitator' })])
    expect(community.createdById).toBe(user.id)
    expect([community.themes.length, community.targetPhases.length, community.targetPositions.length]).toEqual([1, 1, 1])
    expect(community.visibility).toBe('on_request')
  })

  it('makes slugs without accents or odd characters and never "new"', () => {
    expect(slugify('Çà et là: bodem & water')).toBe('ca-et-la-bodem-water')
    expect(slugify('!!!')).toBe('community')
    expect(slugify('New')).toBe('new-community')
  })

  it('refuses members without the facilitator role (403) and sends visitors to log in', async () => {
    const { context } = await makeLoggedInUser()
    await expect(newLoader(routeArgs(getRequest('/communities/new'), context))).rejects.toSatisfy(status(403))
    await expect(newAction(routeArgs(formRequest('/communities/new', await validFields()), context))).rejects.toSatisfy(
      status(403),
    )
    await expect(newAction(routeArgs(formRequest('/communities/new', await validFields()), anonymousContext))).rejects.toSatisfy(
      status(302),
    )
    expect(await prisma.community.count()).toBe(0)
  })

  it('gives a translated field error for bad input and saves nothing', async () => {
    const { context } = await makeLoggedInUser({ role: 'admin' })
    const cases: Array<[Record<string, string | string[]>, string, string]> = [
      [{ name: '' }, 'name', 'errors.required'],
      [{ name: 'x'.repeat(101) }, 'name', 'errors.tooLong?max=100'],
      [{ description: 'x'.repeat(20_001) }, 'description', 'errors.tooLong?max=20000'],
      [{ kind: 'club' }, 'kind', 'errors.invalidChoice'],
      [{ visibility: 'secret' }, 'visibility', 'errors.invalidChoice'],
      [{ themeIds: ['no-such-theme'] }, 'themeIds', 'errors.invalidChoice'],
      [{ phaseIds: ['no-such-phase'] }, 'phaseIds', 'errors.invalidChoice'],
      [{ positionIds: ['no-such-position'] }, 'positionIds', 'errors.invalidChoice'],
    ]
    for (const [extra, field, code] of cases) {
      const result = (await newAction(routeArgs(formRequest('/communities/new', await validFields(extra)), context))) as {
        result: { error: Record<string, string[]> }
      }
      expect(result.result.error[field]).toEqual([code])
    }
    expect(await prisma.community.count()).toBe(0)
    expect(await prisma.membership.count()).toBe(0)
  })
})

describe('the list', () => {
  beforeEach(clearCommunities)

  const names = (data: { communities: Array<{ name: string }> }) => data.communities.map((c) => c.name).sort()

  it('hides invite-only communities from non-members and visitors, also in the count', async () => {
    const member = await makeLoggedInUser()
    const outsider = await makeLoggedInUser()
    const admin = await makeLoggedInUser({ role: 'admin' })
    await makeCommunity({ name: 'Open', visibility: 'open' })
    await makeCommunity({ name: 'Aanvraag', visibility: 'on_request' })
    await makeCommunity({ name: 'Geheim', visibility: 'invite_only', members: [member.user.id] })
    await makeCommunity({ name: 'Oud', visibility: 'open', archived: true })

    const visitor = await listLoader(routeArgs(getRequest('/communities'), anonymousContext))
    expect(names(visitor)).toEqual(['Aanvraag', 'Open'])
    expect(visitor.total).toBe(2)
    const other = await listLoader(routeArgs(getRequest('/communities?q=Geheim'), outsider.context))
    expect(other.total).toBe(0)
    expect(names(await listLoader(routeArgs(getRequest('/communities'), member.context)))).toEqual(['Aanvraag', 'Geheim', 'Open'])
    const all = await listLoader(routeArgs(getRequest('/communities?archived=1'), admin.context))
    expect(names(all)).toEqual(['Aanvraag', 'Geheim', 'Open', 'Oud'])
    expect(all.total).toBe(4)
    expect(all.canCreate).toBe(true)
    expect(visitor.canCreate).toBe(false)
  })

  it('filters by kind, theme, phase, position and text', async () => {
    const { context } = await makeLoggedInUser()
    await makeCommunity({ name: 'Warmte', kind: 'learning_community', themes: ['bodemenergie-en-warmte'] })
    await makeCommunity({ name: 'Water', description: 'Alles over drinkwater', phases: ['uitvoering'], positions: ['manager'] })
    const list = async (q: string) => names(await listLoader(routeArgs(getRequest(`/communities?${q}`), context)))
    expect(await list('kind=learning_community')).toEqual(['Warmte'])
    expect(await list(`themeId=${await taxonomyId('theme', 'bodemenergie-en-warmte')}`)).toEqual(['Warmte'])
    expect(await list(`phaseId=${await taxonomyId('transitionPhase', 'uitvoering')}`)).toEqual(['Water'])
    expect(await list(`positionId=${await taxonomyId('position', 'manager')}`)).toEqual(['Water'])
    expect(await list('q=drinkwater')).toEqual(['Water'])
    expect(await list('kind=bogus')).toEqual(['Warmte', 'Water'])
  })

  it('puts the best fit first for a member, with the reasons in words', async () => {
    const { context } = await makeLoggedInUser({
      phase: 'planvorming',
      position: 'beleidsmedewerker',
      themes: ['grondwater', 'nazorg'],
    })
    await makeCommunity({ name: 'Past niet', phases: ['borging'] })
    await makeCommunity({ name: 'Thema', themes: ['grondwater'] })
    await makeCommunity({ name: 'Fase en functie', phases: ['planvorming'], positions: ['beleidsmedewerker'] })
    await makeCommunity({
      name: 'Alles',
      phases: ['planvorming'],
      positions: ['beleidsmedewerker'],
      themes: ['grondwater', 'nazorg'],
    })
    await makeCommunity({ name: 'Functie', positions: ['beleidsmedewerker', 'manager'] })

    const data = await listLoader(routeArgs(getRequest('/communities'), context))
    expect(data.sort).toBe('recommended')
    expect(data.communities.map((c) => [c.name, c.score])).toEqual([
      ['Alles', 7],
      ['Fase en functie', 5],
      ['Functie', 2],
      ['Thema', 1],
      ['Past niet', 0],
    ])
    expect(data.communities[0]!.reasons.map((r) => [r.kind, r.name])).toEqual([
      ['phase', 'Planvorming'],
      ['position', 'Beleidsmedewerker'],
      ['theme', 'Grondwater'],
      ['theme', 'Nazorg'],
    ])
    const byName = await listLoader(routeArgs(getRequest('/communities?sort=name'), context))
    expect(byName.communities.map((c) => c.name)).toEqual(['Alles', 'Fase en functie', 'Functie', 'Past niet', 'Thema'])
    // Visitors have no profile: the newest first, and no "recommended" choice.
    const visitor = await listLoader(routeArgs(getRequest('/communities?sort=recommended'), anonymousContext))
    expect(visitor.sort).toBe('newest')
    expect(visitor.sorts).not.toContain('recommended')
  })
})

describe('editing and archiving', () => {
  it('lets a facilitator edit everything but the slug, and archive and bring back', async () => {
    const facilitator = await makeLoggedInUser()
    const community = await makeCommunity({ name: 'Oude naam', facilitators: [facilitator.user.id] })
    const params = { slug: community.slug }
    const url = `/communities/${community.slug}/edit`
    await expect(editLoader(routeArgs(getRequest(url), facilitator.context, params))).resolves.toBeTruthy()
    const saved = await editAction(
      routeArgs(
        formRequest(url, await validFields({ name: 'Nieuwe naam', visibility: 'invite_only', kind: 'learning_community' })),
        facilitator.context,
        params,
      ),
    )
    expect(saved.notice).toBe('saved')
    const row = await prisma.community.findUniqueOrThrow({ where: { id: community.id }, include: { themes: true } })
    expect([row.name, row.slug, row.visibility, row.kind, row.themes.length]).toEqual([
      'Nieuwe naam',
      community.slug,
      'invite_only',
      'learning_community',
      1,
    ])

    const bad = await editAction(routeArgs(formRequest(url, await validFields({ name: '' })), facilitator.context, params))
    expect((bad.result as { error: Record<string, string[]> }).error.name).toEqual(['errors.required'])
    expect((await prisma.community.findUniqueOrThrow({ where: { id: community.id } })).name).toBe('Nieuwe naam')

    await editAction(routeArgs(formRequest(url, { intent: 'archive' }), facilitator.context, params))
    expect((await prisma.community.findUniqueOrThrow({ where: { id: community.id } })).archivedAt).not.toBeNull()
    // Archived: no edits, but it can be brought back.
    await expect(editAction(routeArgs(formRequest(url, await validFields()), facilitator.context, params))).rejects.toSatisfy(
      status(403),
    )
    await editAction(routeArgs(formRequest(url, { intent: 'unarchive' }), facilitator.context, params))
    expect((await prisma.community.findUniqueOrThrow({ where: { id: community.id } })).archivedAt).toBeNull()
  })

  it('refuses a plain member (403) and hides an invite-only community from a non-member (404)', async () => {
    const member = await makeLoggedInUser()
    const outsider = await makeLoggedInUser({ role: 'facilitator' })
    const open = await makeCommunity({ members: [member.user.id] })
    const secret = await makeCommunity({ visibility: 'invite_only', members: [member.user.id] })
    const edit = (slug: string, fields: Record<string, string | string[]>, context: unknown) =>
      editAction(routeArgs(formRequest(`/communities/${slug}/edit`, fields), context, { slug }))
    await expect(edit(open.slug, await validFields(), member.context)).rejects.toSatisfy(status(403))
    await expect(edit(open.slug, { intent: 'archive' }, member.context)).rejects.toSatisfy(status(403))
    await expect(editLoader(routeArgs(getRequest('/x'), member.context, { slug: open.slug }))).rejects.toSatisfy(status(403))
    await expect(edit(secret.slug, { intent: 'archive' }, outsider.context)).rejects.toSatisfy(status(404))
    await expect(layoutLoader(routeArgs(getRequest('/x'), outsider.context, { slug: secret.slug }))).rejects.toSatisfy(
      status(404),
    )
    await expect(homeLoader(routeArgs(getRequest('/x'), anonymousContext, { slug: secret.slug }))).rejects.toSatisfy(status(404))
    expect((await prisma.community.findUniqueOrThrow({ where: { id: open.id } })).archivedAt).toBeNull()

    const admin = await makeLoggedInUser({ role: 'admin' })
    expect((await edit(secret.slug, { intent: 'archive' }, admin.context)).notice).toBe('archived')
  })
})

describe('home and members', () => {
  it('shows the safe description and facilitators to everyone, activity only to those who may see it', async () => {
    const facilitator = await makeUser({ name: 'Fenna Facilitator' })
    const member = await makeLoggedInUser({ name: 'Mark Lid' })
    const community = await makeCommunity({
      visibility: 'on_request',
      description: 'Hallo <script>alert(1)</script> **wereld**',
      facilitators: [facilitator.id],
      members: [member.user.id],
    })
    await prisma.thread.create({
      data: { communityId: community.id, authorId: member.user.id, title: 'Eerste vraag', body: 'Wie weet het?' },
    })
    const params = { slug: community.slug }

    const visitor = await homeLoader(routeArgs(getRequest('/x'), anonymousContext, params))
    expect(visitor.descriptionHtml).toContain('<strong>wereld</strong>')
    expect(visitor.descriptionHtml).not.toContain('<script')
    expect(visitor.home.facilitators.map((f) => f.name)).toEqual(['Fenna Facilitator'])
    expect(visitor.home.activity).toEqual([])

    const asMember = await homeLoader(routeArgs(getRequest('/x'), member.context, params))
    expect(asMember.home.activity.map((a) => a.type).sort()).toEqual(['member', 'member', 'thread'])
  })

  it('lists members with filters for members only, and lets facilitators appoint facilitators', async () => {
    const facilitator = await makeLoggedInUser()
    const org = await makeOrganisation({ type: 'waterschap' })
    const member = await makeLoggedInUser({ organisationId: org.id, position: 'manager', phase: 'uitvoering' })
    const outsider = await makeLoggedInUser()
    const community = await makeCommunity({ facilitators: [facilitator.user.id], members: [member.user.id] })
    const params = { slug: community.slug }
    const url = `/communities/${community.slug}/members`

    await expect(membersLoader(routeArgs(getRequest(url), outsider.context, params))).rejects.toSatisfy(status(403))
    await expect(membersLoader(routeArgs(getRequest(url), anonymousContext, params))).rejects.toSatisfy(status(302))
    const all = await membersLoader(routeArgs(getRequest(url), member.context, params))
    expect(all.total).toBe(2)
    expect(all.mayAppoint).toBe(false)
    const filtered = await membersLoader(
      routeArgs(
        getRequest(`${url}?organisationTypeId=${await taxonomyId('organisationType', 'waterschap')}`),
        member.context,
        params,
      ),
    )
    expect(filtered.members.map((m) => m.user.id)).toEqual([member.user.id])
    expect(filtered.members[0]!.user.position?.name).toBe('Manager')

    await expect(
      membersAction(routeArgs(formRequest(url, { userId: facilitator.user.id }), member.context, params)),
    ).rejects.toSatisfy(status(403))
    expect((await membersAction(routeArgs(formRequest(url, { userId: outsider.user.id }), facilitator.context, params))).ok).toBe(
      false,
    )
    expect((await membersAction(routeArgs(formRequest(url, { userId: member.user.id }), facilitator.context, params))).ok).toBe(
      true,
    )
    const row = await prisma.membership.findUniqueOrThrow({
      where: { communityId_userId: { communityId: community.id, userId: member.user.id } },
    })
    expect(row.role).toBe('facilitator')
    expect(await prisma.membership.count({ where: { userId: outsider.user.id } })).toBe(0)
  })
})
