// Peer groups of a masterclass (its confirmed participants), who has moved on
// since publishing, and what a deleted account leaves behind in groupings.
import { describe, expect, it } from 'vitest'
import { action as masterclassAction, loader as masterclassLoader } from '~/routes/masterclasses.$id.groups'
import { loader as groupLoader } from '~/routes/groups.$id'
import { documentAccess } from '~/services/documents.server'
import { latestMailTo } from '~/services/mail.server'
import { deleteAccount } from '~/services/profile.server'
import { register } from '~/services/registrations.server'
import { prisma } from '~/utils/db.server'
import { formRequest, getRequest, makeLoggedInUser, makeMasterclass, routeArgs, taxonomyId } from '../factories'
import { communitySetup, contextFor, draftOf, makePeople, propose, type ActionData } from '../support/peer-groups'

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

describe('a deleted account in groupings', () => {
  it('leaves no copy of its phase in published groups and leaves the draft, an emptied group with it', async () => {
    const { community, people, post } = await communitySetup(4)
    await post(propose('2', '2'))
    await post({ intent: 'publish', groupingId: (await draftOf({ communityId: community.id })).id })
    await post(propose('2', '2'))
    let draft = await draftOf({ communityId: community.id })
    // Alone in a new group of the draft, so deleting the account empties that group.
    const gone = people[0]!
    await post({ intent: 'move', groupingId: draft.id, userId: gone.id, to: 'new' })
    expect((await draftOf({ communityId: community.id })).groups).toHaveLength(3)

    await deleteAccount(gone.id)
    const published = await prisma.peerGroupMember.findFirstOrThrow({
      where: { userId: gone.id, group: { grouping: { status: 'published' } } },
    })
    expect(published.phaseIdAtPublish).toBeNull()
    // The others' phases at publishing stay: they are the facilitator's record of who moved on.
    const others = await prisma.peerGroupMember.findMany({
      where: { userId: { not: gone.id }, group: { grouping: { communityId: community.id, status: 'published' } } },
    })
    expect(others.every((m) => m.phaseIdAtPublish !== null)).toBe(true)
    draft = await draftOf({ communityId: community.id })
    expect(draft.groups.flatMap((g) => g.members.map((m) => m.userId))).not.toContain(gone.id)
    expect(draft.groups.map((g) => g.number)).toEqual([1, 2])
    expect(draft.groups.map((g) => g.members.length).sort()).toEqual([1, 2])
  })
})
