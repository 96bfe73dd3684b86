// Forming peer groups through the pages' loaders and actions, on the real
// database: propose, move, publish for a community and a masterclass; what
// publishing writes (documents, phases, the match history, notifications);
// bad input changing nothing; who has moved on since.
import { describe, expect, it } from 'vitest'
import { action as communityAction, loader as communityLoader } from '~/routes/communities.$slug.groups'
import { loader as groupLoader } from '~/routes/groups.$id'
import { action as masterclassAction, loader as masterclassLoader } from '~/routes/masterclasses.$id.groups'
import { documentAccess } from '~/services/documents.server'
import { latestMailTo } from '~/services/mail.server'
import { deleteAccount, exportAccountData } from '~/services/profile.server'
import { register } from '~/services/registrations.server'
import { prisma } from '~/utils/db.server'
import { formRequest, getRequest, makeCommunity, makeLoggedInUser, makeMasterclass, routeArgs, taxonomyId } from '../factories'
import { contextFor, makePeople } from '../support/peer-groups'

type ActionData = Awaited<ReturnType<typeof communityAction>>

async function communitySetup(count = 8) {
  const facilitator = await makeLoggedInUser({ role: 'facilitator' })
  const people = await makePeople(count)
  const community = await makeCommunity({ facilitators: [facilitator.user.id], members: people.map((p) => p.id) })
  const post = (fields: Record<string, string>, context: unknown = facilitator.context) =>
    communityAction(routeArgs(formRequest(`/communities/${community.slug}/groups`, fields), context, { slug: community.slug }))
  const load = (context: unknown = facilitator.context) =>
    communityLoader(routeArgs(getRequest(`/communities/${community.slug}/groups`), context, { slug: community.slug }))
  return { facilitator, people, community, post, load }
}

const propose = (minSize: string, maxSize: string, rule = 'samePhaseMixedTypes') => ({
  intent: 'propose',
  minSize,
  maxSize,
  rule,
})

async function draftOf(owner: { communityId: string } | { masterclassId: string }) {
  return prisma.peerGrouping.findFirstOrThrow({
    where: { ...owner, status: 'draft' },
    include: { groups: { orderBy: { number: 'asc' }, include: { members: true } } },
  })
}

/** Everything a failed action must leave as it was. */
async function snapshot() {
  return {
    groupings: await prisma.peerGrouping.findMany({ orderBy: { id: 'asc' } }),
    groups: await prisma.peerGroup.findMany({ orderBy: { id: 'asc' } }),
    members: await prisma.peerGroupMember.findMany({ orderBy: [{ groupId: 'asc' }, { userId: 'asc' }] }),
    matches: await prisma.peerMatch.count(),
    documents: await prisma.document.count(),
  }
}

describe('forming groups in a community', () => {
  it('proposes a draft among the members (not the facilitators), moves a person, refuses an out-of-bounds publish, then publishes', async () => {
    const { facilitator, people, community, post, load } = await communitySetup(8)
    const proposed = (await post(propose('4', '5'))) as ActionData
    expect(proposed.notice).toBe('groups.notices.proposed')

    let draft = await draftOf({ communityId: community.id })
    expect(draft.groups.map((g) => g.members.length)).toEqual([4, 4])
    const grouped = draft.groups.flatMap((g) => g.members.map((m) => m.userId)).sort()
    expect(grouped).toEqual(people.map((p) => p.id).sort())
    expect(grouped).not.toContain(facilitator.user.id)

    // The page shows the draft with each group's fit and the overall quality.
    const page = await load()
    expect(page.draft?.groups).toHaveLength(2)
    expect(page.draft?.quality.overall).toBeGreaterThan(0)
    expect(page.draft?.groups[0]?.fit?.explanation.rule.rule).toBe('samePhaseMixedTypes')
    expect(page.draft?.groups[0]?.members[0]).toMatchObject({ organisation: expect.any(String), phase: { name: 'Planvorming' } })

    // Moving one person makes groups of 3 and 5: publishing is refused, nothing changes.
    const mover = draft.groups[0]!.members[0]!.userId
    const moved = (await post({ intent: 'move', groupingId: draft.id, userId: mover, to: '2' })) as ActionData
    expect(moved.notice).toBe('groups.notices.moved?number=2')
    draft = await draftOf({ communityId: community.id })
    expect(draft.groups.map((g) => g.members.length)).toEqual([3, 5])
    const before = await snapshot()
    const refused = (await post({ intent: 'publish', groupingId: draft.id })) as ActionData
    expect(refused.errors).toEqual(['groups.errors.groupOutOfBounds?number=1&size=3&min=4&max=5'])
    expect(await snapshot()).toEqual(before)

    // Move someone else back, and publish.
    const back = draft.groups[1]!.members.find((m) => m.userId !== mover)!.userId
    await post({ intent: 'move', groupingId: draft.id, userId: back, to: '1' })
    const published = (await post({ intent: 'publish', groupingId: draft.id })) as ActionData
    expect(published).toMatchObject({ errors: [], notice: 'groups.notices.published' })

    const grouping = await prisma.peerGrouping.findUniqueOrThrow({
      where: { id: draft.id },
      include: { groups: { include: { members: { include: { user: true } }, documents: true } } },
    })
    expect(grouping.status).toBe('published')
    expect(grouping.publishedAt).not.toBeNull()
    const planvorming = await taxonomyId('transitionPhase', 'planvorming')
    for (const group of grouping.groups) {
      expect(group.members).toHaveLength(4)
      // Its live document belongs to the group.
      expect(group.documentId).not.toBeNull()
      expect(group.documents.map((d) => d.id)).toEqual([group.documentId])
      for (const m of group.members) expect(m.phaseIdAtPublish).toBe(planvorming)
      // Every pair is in the match history, once, spelled a < b.
      const matches = await prisma.peerMatch.findMany({ where: { peerGroupId: group.id } })
      expect(matches).toHaveLength(6)
      expect(matches.every((m) => m.source === 'group' && m.userAId < m.userBId)).toBe(true)
      // The members are told, with a link to their group.
      const notes = await prisma.notification.findMany({ where: { link: `/groups/${group.id}` } })
      expect(notes.map((n) => n.userId).sort()).toEqual(group.members.map((m) => m.userId).sort())
      expect(notes.every((n) => n.kind === 'peer_group_community')).toBe(true)
    }

    // The members' data export lists their group and the people in it.
    const first = grouping.groups.find((g) => g.number === 1)!
    const member = first.members[0]!
    const exported = await exportAccountData(member.userId)
    expect(exported.peerGroups).toEqual([
      {
        in: community.name,
        group: 1,
        publishedAt: grouping.publishedAt,
        with: first.members
          .filter((m) => m.userId !== member.userId)
          .map((m) => m.user.name)
          .sort(),
      },
    ])
    expect(exported.matchHistory.map((m) => m.source)).toEqual(['group', 'group', 'group'])

    // A published grouping never changes: no more moves, no second publish.
    const after = await snapshot()
    const late = (await post({ intent: 'move', groupingId: draft.id, userId: mover, to: '2' })) as ActionData
    expect(late.errors).toEqual(['groups.errors.noDraft'])
    expect(((await post({ intent: 'publish', groupingId: draft.id })) as ActionData).errors).toEqual(['groups.errors.noDraft'])
    expect(await snapshot()).toEqual(after)
  })

  it('moves a person to a new group, drops a group left empty and numbers the rest again', async () => {
    const { community, post } = await communitySetup(6)
    await post(propose('2', '3'))
    let draft = await draftOf({ communityId: community.id })
    expect(draft.groups.map((g) => g.members.length)).toEqual([3, 3])
    const [a, b, c] = draft.groups[0]!.members.map((m) => m.userId)
    expect(((await post({ intent: 'move', groupingId: draft.id, userId: a!, to: 'new' })) as ActionData).notice).toBe(
      'groups.notices.movedToNew',
    )
    draft = await draftOf({ communityId: community.id })
    expect(draft.groups.map((g) => [g.number, g.members.length])).toEqual([
      [1, 2],
      [2, 3],
      [3, 1],
    ])
    // Emptying group 1 removes it; groups 2 and 3 become 1 and 2.
    await post({ intent: 'move', groupingId: draft.id, userId: b!, to: '3' })
    await post({ intent: 'move', groupingId: draft.id, userId: c!, to: '3' })
    draft = await draftOf({ communityId: community.id })
    expect(draft.groups.map((g) => [g.number, g.members.length])).toEqual([
      [1, 3],
      [2, 3],
    ])
    expect(draft.groups[1]!.members.map((m) => m.userId).sort()).toEqual([a, b, c].sort())
  })

  it('replaces the draft with a new proposal, and discards it', async () => {
    const { community, post } = await communitySetup(6)
    await post(propose('2', '3'))
    const first = await draftOf({ communityId: community.id })
    await post(propose('3', '3'))
    const second = await draftOf({ communityId: community.id })
    expect(second.id).not.toBe(first.id)
    expect(await prisma.peerGrouping.count({ where: { communityId: community.id } })).toBe(1)
    expect(((await post({ intent: 'discard', groupingId: second.id })) as ActionData).notice).toBe('groups.notices.discarded')
    expect(await prisma.peerGrouping.count({ where: { communityId: community.id } })).toBe(0)
  })

  it('shows who joined or left since the proposal, and refuses publishing until it is proposed again', async () => {
    const { community, people, post, load } = await communitySetup(4)
    await post(propose('2', '2'))
    const draft = await draftOf({ communityId: community.id })
    const [newcomer] = await makePeople(1)
    await prisma.membership.create({ data: { communityId: community.id, userId: newcomer!.id, role: 'member' } })
    const leaver = people[0]!
    await prisma.membership.delete({ where: { communityId_userId: { communityId: community.id, userId: leaver.id } } })
    const page = await load()
    expect(page.draft?.newcomers.map((p) => p.id)).toEqual([newcomer!.id])
    const shown = page.draft!.groups.flatMap((g) => g.members)
    expect(shown.find((p) => p.id === leaver.id)?.participant).toBe(false)
    expect(shown.filter((p) => !p.participant)).toHaveLength(1)
    const before = await snapshot()
    expect(((await post({ intent: 'publish', groupingId: draft.id })) as ActionData).errors).toEqual([
      'groups.errors.participantsChanged',
    ])
    expect(await snapshot()).toEqual(before)
  })
})

describe('bad input', () => {
  it('answers each with a clear translated error beside its field, and changes nothing', async () => {
    const { community, post } = await communitySetup(7)
    await post(propose('3', '4'))
    const cases: [Record<string, string>, string, string][] = [
      [propose('1', '4'), 'minSize', 'groups.errors.groupSizeTooSmall?count=7&min=1&max=4'],
      [propose('5', '4'), 'maxSize', 'groups.errors.minAboveMax?count=7&min=5&max=4'],
      [propose('4', '5'), '', 'groups.errors.sizesImpossible?count=7&min=4&max=5'],
      [propose('8', '9'), '', 'groups.errors.tooFewPeople?count=7&min=8&max=9'],
      // Everyone is in the same phase: nobody is one phase ahead of anyone.
      [propose('3', '4', 'mixedPhasesWithAhead'), 'rule', 'groups.errors.ruleImpossible?count=7&min=3&max=4'],
      [propose('2.5', '4'), 'minSize', 'groups.errors.sizeInvalid'],
      [propose('', '4'), 'minSize', 'groups.errors.sizeRequired'],
      [propose('3', '400'), 'maxSize', 'groups.errors.sizeTooLarge?max=30'],
      [propose('3', '4', 'everyoneTogether'), 'rule', 'groups.errors.ruleRequired'],
    ]
    const before = await snapshot()
    for (const [fields, field, code] of cases) {
      const result = (await post(fields)) as ActionData
      expect(result.notice, code).toBeNull()
      const errors = result.result?.error ?? {}
      expect(errors[field], code).toEqual([code])
    }
    expect(await snapshot()).toEqual(before)
    expect((await draftOf({ communityId: community.id })).minSize).toBe(3)
  })

  it('refuses a move to a group that does not exist or of someone not in the draft', async () => {
    const { community, post } = await communitySetup(4)
    const [outsider] = await makePeople(1)
    await post(propose('2', '2'))
    const draft = await draftOf({ communityId: community.id })
    const someone = draft.groups[0]!.members[0]!.userId
    const before = await snapshot()
    const cases: [Record<string, string>, string][] = [
      [{ intent: 'move', groupingId: draft.id, userId: someone, to: '7' }, 'groups.errors.unknownGroup'],
      [{ intent: 'move', groupingId: draft.id, userId: someone, to: 'x' }, 'groups.errors.chooseGroup'],
      [{ intent: 'move', groupingId: draft.id, userId: outsider!.id, to: '2' }, 'groups.errors.unknownPerson'],
      [{ intent: 'move', groupingId: 'nope', userId: someone, to: '2' }, 'groups.errors.noDraft'],
      [{ intent: 'publish', groupingId: 'nope' }, 'groups.errors.noDraft'],
      [{ intent: 'discard', groupingId: 'nope' }, 'groups.errors.noDraft'],
      [{ intent: 'shuffle' }, 'errors.invalidChoice'],
    ]
    for (const [fields, code] of cases) expect(((await post(fields)) as ActionData).errors, code).toEqual([code])
    expect(await snapshot()).toEqual(before)
  })
})

describe('forming groups for a masterclass', () => {
  it('groups the confirmed participants only; members see their own group, which others may not open', async () => {
    const facilitator = await makeLoggedInUser({ role: 'facilitator' })
    const m = await makeMasterclass({ facilitators: [facilitator.user.id], capacity: 6 })
    const people = await makePeople(7)
    for (const p of people) await register(m.id, p.id)
    // The seventh is on the waitlist and stays out.
    const confirmed = people.slice(0, 6)
    const post = (fields: Record<string, string>, context: unknown = facilitator.context) =>
      masterclassAction(routeArgs(formRequest(`/masterclasses/${m.id}/groups`, fields), context, { id: m.id }))
    await post(propose('3', '3', 'samePosition'))
    const draft = await draftOf({ masterclassId: m.id })
    expect(
      draft.groups
        .flatMap((g) => g.members.map((x) => x.userId))
        .sort()
        .join(),
    ).toBe(
      confirmed
        .map((p) => p.id)
        .sort()
        .join(),
    )
    expect(((await post({ intent: 'publish', groupingId: draft.id })) as ActionData).notice).toBe('groups.notices.published')

    const member = confirmed[0]!
    const memberContext = await contextFor(member.id)
    const page = await masterclassLoader(routeArgs(getRequest('/x'), memberContext, { id: m.id }))
    expect(page.mayForm).toBe(false)
    expect(page.draft).toBeNull()
    expect(page.published).toEqual([])
    expect(page.mine).toHaveLength(1)
    const groupId = page.mine[0]!.id

    const group = await groupLoader(routeArgs(getRequest(`/groups/${groupId}`), memberContext, { id: groupId }))
    expect(group.members).toHaveLength(3)
    expect(group.members.map((x) => x.id)).toContain(member.id)
    expect(group.group.documentId).not.toBeNull()
    expect(await documentAccess(group.group.documentId!, { id: member.id, role: 'member' })).toEqual({ role: 'editor' })
    const notification = await prisma.notification.findFirstOrThrow({ where: { userId: member.id } })
    expect(notification).toMatchObject({ kind: 'peer_group_masterclass', link: `/groups/${groupId}` })
    // …and mailed, in their language, with the others' names and the link.
    const mail = await latestMailTo(member.email)
    expect(mail?.subject).toBe(`Je peergroep in ${m.title}`)
    const others = group.members.filter((x) => x.id !== member.id).map((x) => x.name)
    for (const name of others) expect(mail?.text).toContain(name)
    expect(mail?.text).toContain(`/groups/${groupId}`)
    expect(await prisma.mailMessage.count({ where: { subject: `Je peergroep in ${m.title}` } })).toBe(6)
  })
})

describe('who has moved on', () => {
  it('shows the facilitator each member whose phase changed since publishing; the group stays as it was', async () => {
    const { community, people, post, load } = await communitySetup(4)
    await post(propose('2', '2'))
    const draft = await draftOf({ communityId: community.id })
    await post({ intent: 'publish', groupingId: draft.id })
    const mover = people[0]!
    await prisma.user.update({ where: { id: mover.id }, data: { phaseId: await taxonomyId('transitionPhase', 'uitvoering') } })

    const page = await load()
    const members = page.published[0]!.groups.flatMap((g) => g.members)
    expect(members.find((x) => x.id === mover.id)).toMatchObject({
      phase: { name: 'Uitvoering' },
      phaseChange: { direction: 'ahead', was: { name: 'Planvorming' } },
    })
    expect(members.filter((x) => x.phaseChange !== null)).toHaveLength(1)
    // The grouping itself did not change.
    const stored = await prisma.peerGroupMember.findFirstOrThrow({ where: { userId: mover.id } })
    expect(stored.phaseIdAtPublish).toBe(await taxonomyId('transitionPhase', 'planvorming'))

    // A deleted account leaves the lists (nothing of it is left to show).
    const gone = people[1]!
    await deleteAccount(gone.id)
    const names = (await load()).published[0]!.groups.flatMap((g) => g.members.map((x) => x.id))
    expect(names).toHaveLength(3)
    expect(names).not.toContain(gone.id)
  })
})
