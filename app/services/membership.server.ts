// Membership of a community: join, request and decide, invite, leave, remove.
// Routes check access with the community policy first (requireCommunity +
// requireCan); these functions do the writes so that repeating one, or two
// facilitators acting at once, leaves exactly one outcome.
import { INVITATION_TTL_DAYS, JOIN_MESSAGE_MAX_LENGTH, MAX_INVITES } from '~/utils/membership-limits'
import { encodeHexLowerCase } from '@oslojs/encoding'
import { randomToken, sha256Of } from '~/auth/crypto.server'
import { can, type Actor, type CommunityFacts } from '~/auth/community-policy'
import type { CommunityAccess } from '~/services/community-access.server'
import type { Language } from '~/i18n/config'
import { isLanguage } from '~/i18n/config'
import { fixedT } from '~/i18n/i18next.server'
import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { appUrl } from '~/utils/env.server'
import { UserInputError } from '~/utils/errors'
import { revokeLiveAccess } from './document-live.server'
import { queueMail, wakeMailWorker } from './mail.server'
import { notify, notifyMany } from './notifications.server'

type Tx = Prisma.TransactionClient
interface Community {
  id: string
  slug: string
  name: string
}

const DAY = 24 * 60 * 60 * 1000

/** Member of the community (idempotent: an existing membership, facilitator or not, is left as it is). */
async function addMember(tx: Tx, communityId: string, userId: string): Promise<void> {
  await tx.membership.upsert({
    where: { communityId_userId: { communityId, userId } },
    create: { communityId, userId, role: 'member' },
    update: {},
  })
  // Became a member some other way (an invitation, joining): an open request is settled.
  await tx.joinRequest.updateMany({ where: { communityId, userId, status: 'pending' }, data: { status: 'withdrawn' } })
}

function facilitatorIds(tx: Tx, communityId: string): Promise<string[]> {
  return tx.membership
    .findMany({ where: { communityId, role: 'facilitator' }, select: { userId: true } })
    .then((rows) => rows.map((r) => r.userId))
}

/** Joins an open community; joining twice changes nothing. */
export async function joinCommunity(communityId: string, userId: string): Promise<void> {
  await prisma.$transaction((tx) => addMember(tx, communityId, userId))
}

/**
 * Asks to join an on-request community and tells its facilitators. A member,
 * or someone whose request is still pending, asking again changes nothing.
 */
export async function requestToJoin(
  community: Community,
  user: { id: string; name: string },
  message = '',
): Promise<{ created: boolean }> {
  const text = message.trim().slice(0, JOIN_MESSAGE_MAX_LENGTH)
  return prisma.$transaction(async (tx) => {
    const [membership, pending] = await Promise.all([
      tx.membership.findUnique({ where: { communityId_userId: { communityId: community.id, userId: user.id } } }),
      tx.joinRequest.findFirst({ where: { communityId: community.id, userId: user.id, status: 'pending' } }),
    ])
    if (membership || pending) return { created: false }
    await tx.joinRequest.create({ data: { communityId: community.id, userId: user.id, message: text } })
    await notifyMany(tx, await facilitatorIds(tx, community.id), {
      kind: 'join_request',
      link: `/communities/${community.slug}/requests`,
      data: { community: community.name, person: user.name },
    })
    return { created: true }
  })
}

export function hasPendingRequest(communityId: string, userId: string): Promise<boolean> {
  return prisma.joinRequest.count({ where: { communityId, userId, status: 'pending' } }).then((n) => n > 0)
}

/** Pending requests, oldest first, with what a facilitator needs to decide. */
export function listPendingRequests(communityId: string) {
  return prisma.joinRequest.findMany({
    where: { communityId, status: 'pending' },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      message: true,
      createdAt: true,
      user: {
        select: {
          id: true,
          name: true,
          organisation: { select: { name: true } },
          position: { select: { name: true, nameEn: true } },
          phase: { select: { name: true, nameEn: true, sortOrder: true } },
        },
      },
    },
  })
}
export type PendingRequest = Awaited<ReturnType<typeof listPendingRequests>>[number]

/**
 * Approves or declines a pending request. The status moves from pending in one
 * conditional update, so of two facilitators deciding at once exactly one
 * decision counts; the other gets null. Approval makes the requester a member.
 */
export async function decideJoinRequest(
  community: Community,
  { requestId, deciderId, approve }: { requestId: string; deciderId: string; approve: boolean },
): Promise<{ status: 'approved' | 'declined'; name: string } | null> {
  return prisma.$transaction(async (tx) => {
    const status = approve ? 'approved' : 'declined'
    const { count } = await tx.joinRequest.updateMany({
      where: { id: requestId, communityId: community.id, status: 'pending' },
      data: { status, decidedById: deciderId, decidedAt: new Date() },
    })
    if (count !== 1) return null
    const request = await tx.joinRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { userId: true, user: { select: { name: true } } },
    })
    if (approve) await addMember(tx, community.id, request.userId)
    await notify(tx, {
      userId: request.userId,
      kind: approve ? 'join_approved' : 'join_declined',
      link: `/communities/${community.slug}`,
      data: { community: community.name },
    })
    return { status, name: request.user.name }
  })
}

/** Leaves the community. The last facilitator stays while other members remain. */
export async function leaveCommunity(communityId: string, userId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const own = await tx.membership.findUnique({ where: { communityId_userId: { communityId, userId } } })
    if (!own) return
    if (own.role === 'facilitator') {
      const [otherFacilitators, others] = await Promise.all([
        tx.membership.count({ where: { communityId, role: 'facilitator', userId: { not: userId } } }),
        tx.membership.count({ where: { communityId, userId: { not: userId } } }),
      ])
      if (otherFacilitators === 0 && others > 0) throw new UserInputError(null, 'membership.errors.lastFacilitator')
    }
    await tx.membership.delete({ where: { communityId_userId: { communityId, userId } } })
    // A later request to join again starts afresh.
    await tx.joinRequest.updateMany({ where: { communityId, userId, status: 'pending' }, data: { status: 'withdrawn' } })
  })
  await revokeLiveAccess(userId)
}

/** A facilitator removes someone else; access ends at once (their posts stay). Returns the name removed. */
export async function removeMember(communityId: string, { userId, removerId }: { userId: string; removerId: string }) {
  if (userId === removerId) throw new UserInputError(null, 'membership.errors.removeSelf')
  const removed = await prisma.$transaction(async (tx) => {
    const row = await tx.membership.findUnique({
      where: { communityId_userId: { communityId, userId } },
      select: { role: true, user: { select: { name: true } } },
    })
    if (!row) throw new UserInputError(null, 'membership.errors.notAMember')
    if (row.role === 'facilitator' && (await tx.membership.count({ where: { communityId, role: 'facilitator' } })) <= 1) {
      throw new UserInputError(null, 'membership.errors.lastFacilitator')
    }
    await tx.membership.delete({ where: { communityId_userId: { communityId, userId } } })
    return { name: row.user.name }
  })
  // Open live documents of that community close for them too.
  await revokeLiveAccess(userId)
  return removed
}

// -------------------------------------------------------------- invitations

function hashToken(token: string): string {
  return encodeHexLowerCase(sha256Of(token))
}

/**
 * Invites addresses (already lower-cased and valid): each gets an e-mail with
 * a link that works once; someone with an account also gets a notification,
 * which links by invitation id so that no usable token is stored anywhere.
 * Addresses of current members are skipped.
 */
export async function inviteByEmail(
  community: Community,
  inviter: { id: string; name: string },
  emails: string[],
  lng: Language,
  now = new Date(),
): Promise<{ invited: string[]; skipped: string[] }> {
  const unique = [...new Set(emails.map((e) => e.trim().toLowerCase()))].slice(0, MAX_INVITES)
  const result = await prisma.$transaction(async (tx) => {
    const invited: string[] = []
    const skipped: string[] = []
    for (const email of unique) {
      const account = await tx.user.findFirst({
        where: { email, deletedAt: null },
        select: {
          id: true,
          locale: true,
          emailVerifiedAt: true,
          memberships: { where: { communityId: community.id }, select: { role: true } },
        },
      })
      if (account?.memberships.length) {
        skipped.push(email)
        continue
      }
      const token = randomToken(25)
      const invitation = await tx.invitation.create({
        data: {
          communityId: community.id,
          email,
          tokenHash: hashToken(token),
          invitedById: inviter.id,
          expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * DAY),
        },
        select: { id: true },
      })
      const t = await fixedT(isLanguage(account?.locale) ? account.locale : lng)
      const params = { community: community.name, person: inviter.name, days: INVITATION_TTL_DAYS }
      const body = t('membership.mail.inviteBody', { ...params, url: `${appUrl()}/invitations/${token}` })
      await queueMail(
        {
          to: email,
          subject: t('membership.mail.inviteSubject', params),
          text: `${t('membership.mail.greeting')}\n\n${body}\n\n${t('membership.mail.signoff')}\n`,
        },
        tx,
      )
      // In the app only for a verified address (see findInvitation); the e-mail goes in any case.
      if (account?.emailVerifiedAt) {
        await notify(tx, {
          userId: account.id,
          kind: 'invitation',
          link: `/invitations/${invitation.id}`,
          data: { community: community.name, person: inviter.name },
        })
      }
      invited.push(email)
    }
    return { invited, skipped }
  })
  if (result.invited.length) wakeMailWorker()
  return result
}

export type InvitationState = 'usable' | 'used' | 'expired'

/**
 * The invitation behind a link: the e-mailed token, or (from the in-app
 * notification) the invitation id, which only opens it for the invited account.
 */
async function findInvitation(key: string, user: { email: string; emailVerified: boolean } | null) {
  if (key.length === 0 || key.length > 100) return null
  const select = {
    id: true,
    email: true,
    expiresAt: true,
    acceptedAt: true,
    community: { select: { id: true, slug: true, name: true, archivedAt: true } },
  } as const
  const byToken = await prisma.invitation.findUnique({ where: { tokenHash: hashToken(key) }, select })
  if (byToken) return byToken
  // By id only for an account that proved it reads the invited mailbox: otherwise
  // someone who registered the address first could accept without the e-mail.
  if (!user?.emailVerified) return null
  return prisma.invitation.findFirst({ where: { id: key, email: user.email.toLowerCase() }, select })
}

function stateOf(inv: { acceptedAt: Date | null; expiresAt: Date; community: { archivedAt: Date | null } }, now: Date) {
  if (inv.acceptedAt) return 'used' as const
  if (inv.expiresAt <= now || inv.community.archivedAt) return 'expired' as const
  return 'usable' as const
}

/** What the invitation page shows; null for a link that leads nowhere. */
export async function describeInvitation(key: string, user: { email: string; emailVerified: boolean } | null, now = new Date()) {
  const inv = await findInvitation(key, user)
  if (!inv) return null
  return {
    community: { slug: inv.community.slug, name: inv.community.name },
    state: stateOf(inv, now) as InvitationState,
    forThisUser: user ? user.email.toLowerCase() === inv.email : null,
  }
}

export type AcceptResult = { ok: true; slug: string } | { ok: false; reason: 'invalid' | 'used' | 'expired' | 'wrongAccount' }

/**
 * Accepts an invitation for the logged-in user, whose address must be the
 * invited one. One conditional update (not yet accepted, not expired) spends
 * the link, so it works once even for two requests at the same moment.
 */
export async function acceptInvitation(
  key: string,
  user: { id: string; email: string; emailVerified: boolean },
  now = new Date(),
): Promise<AcceptResult> {
  const inv = await findInvitation(key, user)
  if (!inv) return { ok: false, reason: 'invalid' }
  if (inv.email !== user.email.toLowerCase()) return { ok: false, reason: 'wrongAccount' }
  const state = stateOf(inv, now)
  if (state !== 'usable') return { ok: false, reason: state }
  return prisma.$transaction(async (tx): Promise<AcceptResult> => {
    const { count } = await tx.invitation.updateMany({
      where: { id: inv.id, acceptedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now, acceptedById: user.id },
    })
    if (count !== 1) return { ok: false, reason: 'used' }
    await addMember(tx, inv.community.id, user.id)
    await tx.notification.updateMany({
      where: { userId: user.id, kind: 'invitation', link: `/invitations/${inv.id}`, readAt: null },
      data: { readAt: now },
    })
    return { ok: true, slug: inv.community.slug }
  })
}

// ------------------------------------------------------------ the panel

export interface MembershipPanelData {
  slug: string
  facts: CommunityFacts
  actor: Actor
  pendingRequest: boolean
  /** Pending requests, for those who decide them; 0 for everyone else. */
  pendingRequests: number
}

/** What <MembershipPanel> needs, for the community home's loader. */
export async function membershipPanelData(access: CommunityAccess): Promise<MembershipPanelData> {
  const { community, facts, actor } = access
  const [pendingRequest, pendingRequests] = await Promise.all([
    actor && facts.membership === null ? hasPendingRequest(community.id, actor.id) : false,
    can(actor, facts, 'decideJoinRequests')
      ? prisma.joinRequest.count({ where: { communityId: community.id, status: 'pending' } })
      : 0,
  ])
  return { slug: community.slug, facts, actor, pendingRequest, pendingRequests }
}
