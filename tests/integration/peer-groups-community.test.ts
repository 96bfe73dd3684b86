// Forming peer groups in a community through the page's loader and action, on
// the real database: propose, move, publish; what publishing writes
// (documents, phases, the match history, notifications, the export); newcomers
// and leavers since the proposal; bad input changing nothing.
import { describe, expect, it } from 'vitest'
import { exportAccountData } from '~/services/profile.server'
import { prisma } from '~/utils/db.server'
import { taxonomyId } from '../factories'
import { communitySetup, draftOf, makePeople, propose, snapshot, type ActionData } from '../support/peer-groups'

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
