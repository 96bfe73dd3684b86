// Membership through the routes' actions and loaders on a fresh database:
// join, request and decide, invite, leave, remove, and who may do which.
import { describe, expect, it } from 'vitest'
import { action as inviteAction } from '~/routes/communities.$slug.invite'
import { action as joinAction } from '~/routes/communities.$slug.join'
import { action as leaveAction } from '~/routes/communities.$slug.leave'
import { action as removeAction } from '~/routes/communities.$slug.members.$userId.remove'
import { action as requestAction, loader as requestLoader } from '~/routes/communities.$slug.request'
import { action as decideAction, loader as requestsLoader } from '~/routes/communities.$slug.requests'
import { action as acceptAction, loader as invitationLoader } from '~/routes/invitations.$token'
import { requireCan, requireCommunity } from '~/services/community-access.server'
import { latestMailTo } from '~/services/mail.server'
import { decideJoinRequest, membershipPanelData, requestToJoin } from '~/services/membership.server'
import { prisma } from '~/utils/db.server'
import {
  anonymousContext,
  formRequest,
  getRequest,
  locationOf,
  makeCommunity,
  makeLoggedInUser,
  routeArgs,
  statusOf,
} from '../factories'

const isMember = async (communityId: string, userId: string) =>
  (await prisma.membership.count({ where: { communityId, userId } })) === 1

async function setup(visibility: 'open' | 'on_request' | 'invite_only') {
  const facilitator = await makeLoggedInUser()
  const member = await makeLoggedInUser()
  const outsider = await makeLoggedInUser()
  const community = await makeCommunity({ visibility, facilitators: [facilitator.user.id], members: [member.user.id] })
  return { facilitator, member, outsider, community, slug: { slug: community.slug } }
}

describe('joining', () => {
  it('joins an open community in one click; twice changes nothing', async () => {
    const { outsider, community, slug } = await setup('open')
    const first = await joinAction(routeArgs(formRequest(`/c/join`, {}), outsider.context, slug))
    expect(locationOf(first)).toBe(`/communities/${community.slug}?notice=joined`)
    expect(await isMember(community.id, outsider.user.id)).toBe(true)
    await joinAction(routeArgs(formRequest(`/c/join`, {}), outsider.context, slug))
    expect(await prisma.membership.count({ where: { communityId: community.id } })).toBe(3)
  })

  it('refuses one-click joining of on-request (403) and invite-only (404) communities', async () => {
    const onRequest = await setup('on_request')
    expect(await statusOf(joinAction(routeArgs(formRequest('/j', {}), onRequest.outsider.context, onRequest.slug)))).toBe(403)
    const inviteOnly = await setup('invite_only')
    expect(await statusOf(joinAction(routeArgs(formRequest('/j', {}), inviteOnly.outsider.context, inviteOnly.slug)))).toBe(404)
    expect(await isMember(onRequest.community.id, onRequest.outsider.user.id)).toBe(false)
    expect(await isMember(inviteOnly.community.id, inviteOnly.outsider.user.id)).toBe(false)
  })

  it('sends a visitor to log in', async () => {
    const { slug } = await setup('open')
    const thrown = await joinAction(routeArgs(formRequest('/j', {}), anonymousContext, slug)).catch((r: unknown) => r)
    expect(locationOf(thrown)).toMatch(/^\/login\?redirectTo=/)
  })
})

describe('requests to join', () => {
  it('request → facilitators notified → approve → member and requester notified', async () => {
    const { facilitator, outsider, community, slug } = await setup('on_request')
    const ok = await requestAction(
      routeArgs(formRequest('/r', { message: 'Ik werk aan het omgevingsplan.' }), outsider.context, slug),
    )
    expect(locationOf(ok)).toBe(`/communities/${community.slug}?notice=requested`)
    // Asking twice changes nothing.
    await requestAction(routeArgs(formRequest('/r', { message: 'nog eens' }), outsider.context, slug))
    expect(await prisma.joinRequest.count({ where: { communityId: community.id, userId: outsider.user.id } })).toBe(1)
    expect(locationOf(await requestLoader(routeArgs(getRequest('/r'), outsider.context, slug)).catch((r: unknown) => r))).toBe(
      `/communities/${community.slug}`,
    )
    const notice = await prisma.notification.findFirstOrThrow({ where: { userId: facilitator.user.id } })
    expect(notice).toMatchObject({ kind: 'join_request', link: `/communities/${community.slug}/requests` })
    expect(JSON.parse(notice.data)).toEqual({ community: community.name, person: outsider.user.name })

    const page = await requestsLoader(routeArgs(getRequest('/rs'), facilitator.context, slug))
    expect(page.requests).toHaveLength(1)
    expect(page.requests[0]!.message).toBe('Ik werk aan het omgevingsplan.')
    // Opening the requests page marks the join-request notification read.
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: notice.id } })).readAt).not.toBeNull()

    const decided = await decideAction(
      routeArgs(formRequest('/rs', { requestId: page.requests[0]!.id, intent: 'approve' }), facilitator.context, slug),
    )
    expect(decided).toEqual({ outcome: 'approved', name: outsider.user.name })
    expect(await isMember(community.id, outsider.user.id)).toBe(true)
    const approved = await prisma.notification.findFirstOrThrow({ where: { userId: outsider.user.id } })
    expect(approved).toMatchObject({ kind: 'join_approved', link: `/communities/${community.slug}` })
  })

  it('request → decline: not a member, requester notified, may ask again later', async () => {
    const { facilitator, outsider, community, slug } = await setup('on_request')
    await requestAction(routeArgs(formRequest('/r', {}), outsider.context, slug))
    const request = await prisma.joinRequest.findFirstOrThrow({ where: { communityId: community.id } })
    const result = await decideAction(
      routeArgs(formRequest('/rs', { requestId: request.id, intent: 'decline' }), facilitator.context, slug),
    )
    expect(result).toEqual({ outcome: 'declined', name: outsider.user.name })
    expect(await isMember(community.id, outsider.user.id)).toBe(false)
    expect((await prisma.joinRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('declined')
    expect((await prisma.notification.findFirstOrThrow({ where: { userId: outsider.user.id } })).kind).toBe('join_declined')
  })

  it('after a decline, asking again waits 14 days: refused with a reason, facilitators not told again', async () => {
    const { facilitator, outsider, community, slug } = await setup('on_request')
    await requestAction(routeArgs(formRequest('/r', {}), outsider.context, slug))
    const request = await prisma.joinRequest.findFirstOrThrow({ where: { communityId: community.id } })
    await decideAction(routeArgs(formRequest('/rs', { requestId: request.id, intent: 'decline' }), facilitator.context, slug))
    const noticesBefore = await prisma.notification.count({ where: { userId: facilitator.user.id } })

    const again = await requestAction(routeArgs(formRequest('/r', { message: 'Toch graag?' }), outsider.context, slug))
    expect((again as { error: Record<string, string[]> }).error['']).toEqual(['membership.errors.recentlyDeclined?days=14'])
    expect(await prisma.joinRequest.count({ where: { communityId: community.id } })).toBe(1)
    expect(await prisma.notification.count({ where: { userId: facilitator.user.id } })).toBe(noticesBefore)
    const access = await requireCommunity(community.slug, outsider.sessionUser)
    expect(await membershipPanelData(access)).toMatchObject({ declinedRecently: true, pendingRequest: false })

    // Fifteen days later the door is open again.
    await prisma.joinRequest.update({ where: { id: request.id }, data: { decidedAt: new Date(Date.now() - 15 * 86_400_000) } })
    expect(locationOf(await requestAction(routeArgs(formRequest('/r', {}), outsider.context, slug)))).toBe(
      `/communities/${community.slug}?notice=requested`,
    )
    expect(await prisma.joinRequest.count({ where: { communityId: community.id, status: 'pending' } })).toBe(1)
    expect(await prisma.notification.count({ where: { userId: facilitator.user.id } })).toBe(noticesBefore + 1)
  })

  it('the service refuses an over-long message rather than cutting it short', async () => {
    const { outsider, community } = await setup('on_request')
    await expect(requestToJoin(community, outsider.user, 'x'.repeat(1001))).rejects.toMatchObject({
      field: 'message',
      code: 'errors.tooLong?max=1000',
    })
    expect(await prisma.joinRequest.count({ where: { communityId: community.id } })).toBe(0)
  })

  it('refuses a message over 1000 characters and creates nothing', async () => {
    const { outsider, community, slug } = await setup('on_request')
    const result = await requestAction(routeArgs(formRequest('/r', { message: 'x'.repeat(1001) }), outsider.context, slug))
    expect((result as { error: Record<string, string[]> }).error.message).toEqual(['errors.tooLong?max=1000'])
    expect(await prisma.joinRequest.count({ where: { communityId: community.id } })).toBe(0)
  })

  it('two facilitators approving at once make exactly one decision', async () => {
    const { facilitator, outsider, community } = await setup('on_request')
    const second = await makeLoggedInUser()
    await prisma.membership.create({ data: { communityId: community.id, userId: second.user.id, role: 'facilitator' } })
    await requestAction(routeArgs(formRequest('/r', {}), outsider.context, { slug: community.slug }))
    const request = await prisma.joinRequest.findFirstOrThrow({ where: { communityId: community.id } })
    const results = await Promise.all(
      [facilitator, second].map((f) =>
        decideAction(
          routeArgs(formRequest('/rs', { requestId: request.id, intent: 'approve' }), f.context, { slug: community.slug }),
        ),
      ),
    )
    expect(results.filter((r) => r.outcome === 'approved')).toHaveLength(1)
    expect(results.filter((r) => r.outcome === 'alreadyDecided')).toHaveLength(1)
    // And an approval racing a decline: still one decision.
    const late = await makeLoggedInUser()
    await requestAction(routeArgs(formRequest('/r', {}), late.context, { slug: community.slug }))
    const lateRequest = await prisma.joinRequest.findFirstOrThrow({ where: { userId: late.user.id } })
    const mixed = await Promise.all(
      [facilitator, second].map((f, i) =>
        decideJoinRequest(community, { requestId: lateRequest.id, deciderId: f.user.id, approve: i === 0 }),
      ),
    )
    expect(mixed.filter((r) => r !== null)).toHaveLength(1)
    const lateRow = await prisma.joinRequest.findUniqueOrThrow({ where: { id: lateRequest.id } })
    expect(await isMember(community.id, late.user.id)).toBe(lateRow.status === 'approved')
    const row = await prisma.joinRequest.findUniqueOrThrow({ where: { id: request.id } })
    expect(['approved', 'declined']).toContain(row.status)
    expect(await isMember(community.id, outsider.user.id)).toBe(row.status === 'approved')
    expect(await prisma.notification.count({ where: { userId: outsider.user.id } })).toBe(1)
  })

  it('a request decided already (in whatever order the writes land) cannot be decided again', async () => {
    const { facilitator, outsider, community } = await setup('on_request')
    await requestAction(routeArgs(formRequest('/r', {}), outsider.context, { slug: community.slug }))
    const request = await prisma.joinRequest.findFirstOrThrow({ where: { communityId: community.id } })
    // Decided behind this facilitator's back (another process, another tab).
    await prisma.joinRequest.update({ where: { id: request.id }, data: { status: 'declined' } })
    expect(
      await decideJoinRequest(community, { requestId: request.id, deciderId: facilitator.user.id, approve: true }),
    ).toBeNull()
    expect(await isMember(community.id, outsider.user.id)).toBe(false)
    expect(await prisma.notification.count({ where: { userId: outsider.user.id } })).toBe(0)
  })

  it('a member cannot see or decide requests (403)', async () => {
    const { member, outsider, community, slug } = await setup('on_request')
    await requestAction(routeArgs(formRequest('/r', {}), outsider.context, slug))
    const request = await prisma.joinRequest.findFirstOrThrow({ where: { communityId: community.id } })
    expect(await statusOf(requestsLoader(routeArgs(getRequest('/rs'), member.context, slug)))).toBe(403)
    expect(
      await statusOf(
        decideAction(routeArgs(formRequest('/rs', { requestId: request.id, intent: 'approve' }), member.context, slug)),
      ),
    ).toBe(403)
    expect((await prisma.joinRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('pending')
  })
})

const tokenIn = (text: string) => /\/invitations\/([a-z2-7]+)/.exec(text)![1]!

describe('invitations', () => {
  it('e-mails a link (and notifies an existing account) that works once and makes the invitee a member', async () => {
    const { facilitator, member, community, slug } = await setup('invite_only')
    const invitee = await makeLoggedInUser()
    const emails = `${invitee.user.email.toUpperCase()}\nnieuw-${community.slug}@example.nl\n${member.user.email}`
    const result = await inviteAction(routeArgs(formRequest('/i', { emails }), facilitator.context, slug))
    // A current member is skipped, and only counted: the page does not say which address is a member's.
    expect(result).toMatchObject({ invited: 2, skipped: 1 })
    expect(JSON.stringify(result)).not.toContain(member.user.email)
    expect(await latestMailTo(member.user.email)).toBeNull()
    const mail = await latestMailTo(invitee.user.email)
    expect(mail?.subject).toContain(community.name)
    const token = tokenIn(mail!.text)
    expect(await latestMailTo(`nieuw-${community.slug}@example.nl`)).not.toBeNull()
    // Only the hash of the token is stored, anywhere.
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { email: invitee.user.email } })
    expect(invitation.tokenHash).not.toContain(token)
    const notice = await prisma.notification.findFirstOrThrow({ where: { userId: invitee.user.id } })
    expect(notice).toMatchObject({ kind: 'invitation', link: `/invitations/${invitation.id}` })
    expect(await prisma.notification.count({ where: { link: { contains: token } } })).toBe(0)

    // Before accepting the community is invisible to the invitee; the link page shows it.
    expect(await statusOf(requireCommunity(community.slug, invitee.context.session!.user))).toBe(404)
    const page = await invitationLoader(routeArgs(getRequest('/x'), invitee.context, { token }))
    expect(page.invitation).toMatchObject({ state: 'usable', forThisUser: true, community: { name: community.name } })
    // The notification's link opens the same invitation for this account only.
    expect(
      (await invitationLoader(routeArgs(getRequest('/x'), invitee.context, { token: invitation.id }))).invitation?.state,
    ).toBe('usable')
    expect(
      (await invitationLoader(routeArgs(getRequest('/x'), facilitator.context, { token: invitation.id }))).invitation,
    ).toBeNull()

    const accepted = await acceptAction(routeArgs(formRequest('/x', {}), invitee.context, { token }))
    expect(locationOf(accepted)).toBe(`/communities/${community.slug}?notice=accepted`)
    expect(await isMember(community.id, invitee.user.id)).toBe(true)
    // Reused: refused with a clear reason, not an error.
    expect(await acceptAction(routeArgs(formRequest('/x', {}), invitee.context, { token }))).toEqual({ reason: 'used' })
    expect((await invitationLoader(routeArgs(getRequest('/x'), invitee.context, { token }))).invitation?.state).toBe('used')
  })

  it('does not open an invitation by its id for an account whose address is not confirmed', async () => {
    const { facilitator, slug } = await setup('invite_only')
    // Someone registered the address before the invitation, without confirming it.
    const squatter = await makeLoggedInUser({ emailVerified: false })
    await inviteAction(routeArgs(formRequest('/i', { emails: squatter.user.email }), facilitator.context, slug))
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { email: squatter.user.email } })
    expect(await prisma.notification.count({ where: { userId: squatter.user.id } })).toBe(0)
    expect(
      (await invitationLoader(routeArgs(getRequest('/x'), squatter.context, { token: invitation.id }))).invitation,
    ).toBeNull()
    expect(await acceptAction(routeArgs(formRequest('/x', {}), squatter.context, { token: invitation.id }))).toEqual({
      reason: 'invalid',
    })
  })

  it('refuses an expired link, an unknown one, and another account', async () => {
    const { facilitator, community, slug } = await setup('invite_only')
    const invitee = await makeLoggedInUser()
    const other = await makeLoggedInUser()
    await inviteAction(routeArgs(formRequest('/i', { emails: invitee.user.email }), facilitator.context, slug))
    const token = tokenIn((await latestMailTo(invitee.user.email))!.text)
    expect(await acceptAction(routeArgs(formRequest('/x', {}), other.context, { token }))).toEqual({ reason: 'wrongAccount' })
    expect(await acceptAction(routeArgs(formRequest('/x', {}), invitee.context, { token: 'nietbestaand' }))).toEqual({
      reason: 'invalid',
    })
    await prisma.invitation.updateMany({ where: { communityId: community.id }, data: { expiresAt: new Date(Date.now() - 1000) } })
    expect(await acceptAction(routeArgs(formRequest('/x', {}), invitee.context, { token }))).toEqual({ reason: 'expired' })
    expect((await invitationLoader(routeArgs(getRequest('/x'), anonymousContext, { token }))).invitation?.state).toBe('expired')
    expect(await isMember(community.id, invitee.user.id)).toBe(false)
    expect(await isMember(community.id, other.user.id)).toBe(false)
  })

  it('validates the addresses and lets only facilitators invite', async () => {
    const { facilitator, member, community, slug } = await setup('invite_only')
    const bad = await inviteAction(
      routeArgs(formRequest('/i', { emails: 'geen-adres\nok@example.nl' }), facilitator.context, slug),
    )
    expect((bad as { result: { error: Record<string, string[]> } }).result.error.emails).toEqual([
      'membership.errors.invalidEmail?email=geen-adres',
    ])
    const many = Array.from({ length: 21 }, (_, i) => `p${i}@example.nl`).join('\n')
    const tooMany = await inviteAction(routeArgs(formRequest('/i', { emails: many }), facilitator.context, slug))
    expect((tooMany as { result: { error: Record<string, string[]> } }).result.error.emails).toEqual([
      'membership.errors.tooManyEmails?max=20',
    ])
    expect(await statusOf(inviteAction(routeArgs(formRequest('/i', { emails: 'a@example.nl' }), member.context, slug)))).toBe(403)
    expect(await prisma.invitation.count({ where: { communityId: community.id } })).toBe(0)
  })
})

describe('leaving and removing', () => {
  it('a member leaves; an invite-only community then answers 404', async () => {
    const { member, community, slug } = await setup('invite_only')
    const left = await leaveAction(routeArgs(formRequest('/l', {}), member.context, slug))
    expect(locationOf(left)).toBe('/communities?notice=left')
    expect(await isMember(community.id, member.user.id)).toBe(false)
    expect(await statusOf(requireCommunity(community.slug, member.context.session!.user))).toBe(404)
  })

  it('the last facilitator cannot leave while others remain', async () => {
    const { facilitator, community, slug } = await setup('open')
    const refused = await leaveAction(routeArgs(formRequest('/l', {}), facilitator.context, slug))
    expect(locationOf(refused)).toBe(`/communities/${community.slug}?error=membership.errors.lastFacilitator`)
    expect(await isMember(community.id, facilitator.user.id)).toBe(true)
  })

  it('a facilitator removes a member, who loses access at once; a member cannot remove', async () => {
    const { facilitator, member, community, slug } = await setup('on_request')
    const other = await makeLoggedInUser()
    await prisma.membership.create({ data: { communityId: community.id, userId: other.user.id } })
    expect(
      await statusOf(removeAction(routeArgs(formRequest('/rm', {}), member.context, { ...slug, userId: other.user.id }))),
    ).toBe(403)
    expect(await isMember(community.id, other.user.id)).toBe(true)

    const access = await requireCommunity(community.slug, member.context.session!.user)
    expect(() => requireCan(access, 'readMembers')).not.toThrow()
    const done = await removeAction(routeArgs(formRequest('/rm', {}), facilitator.context, { ...slug, userId: member.user.id }))
    expect(locationOf(done)).toBe(`/communities/${community.slug}/members?notice=removed`)
    const after = await requireCommunity(community.slug, member.context.session!.user)
    expect(await statusOf(Promise.resolve().then(() => requireCan(after, 'readMembers')))).toBe(403)

    const self = await removeAction(
      routeArgs(formRequest('/rm', {}), facilitator.context, { ...slug, userId: facilitator.user.id }),
    )
    expect(locationOf(self)).toContain('error=membership.errors.removeSelf')
    expect(await isMember(community.id, facilitator.user.id)).toBe(true)
  })
})
