// Membership of a community: join, request and decide, leave, remove
// (invitations are in invitations.server.ts). Routes check access with the
// community policy first (requireCommunity + requireCan); these functions do
// the writes so that repeating one, or two facilitators acting at once, leaves
// exactly one outcome.
import { JOIN_MESSAGE_MAX_LENGTH, REQUEST_AGAIN_AFTER_DAYS } from '~/utils/membership-limits'
import { can, type Actor, type CommunityFacts } from '~/auth/community-policy'
import type { CommunityAccess } from '~/services/community-access.server'
import { prisma, type Tx } from '~/utils/db.server'
import { UserInputError } from '~/utils/errors'
import { message as errorMessage } from '~/utils/validation'
import { revokeLiveAccess } from './document-live.server'
import { notify, notifyMany } from './notifications.server'

interface Community {
  id: string
  slug: string
  name: string
}

const DAY = 24 * 60 * 60 * 1000

/** Member of the community (idempotent: an existing membership, facilitator or not, is left as it is). */
export async function addMember(tx: Tx, communityId: string, userId: string): Promise<void> {
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

/** Since when a declined request keeps its requester from asking again. */
function declinedSince(now: Date): Date {
  return new Date(now.getTime() - REQUEST_AGAIN_AFTER_DAYS * DAY)
}

/**
 * Asks to join an on-request community and tells its facilitators. A member,
 * or someone whose request is still pending, asking again changes nothing;
 * someone declined lately must wait REQUEST_AGAIN_AFTER_DAYS, so a decline is
 * not followed by the same notice to the facilitators a minute later.
 */
export async function requestToJoin(
  community: Community,
  user: { id: string; name: string },
  message = '',
  now = new Date(),
): Promise<{ created: boolean }> {
  const text = message.trim()
  if (text.length > JOIN_MESSAGE_MAX_LENGTH) {
    throw new UserInputError('message', errorMessage('errors.tooLong', { max: JOIN_MESSAGE_MAX_LENGTH }))
  }
  return prisma.$transaction(async (tx) => {
    const where = { communityId: community.id, userId: user.id }
    const [membership, pending, declined] = await Promise.all([
      tx.membership.findUnique({ where: { communityId_userId: where } }),
      tx.joinRequest.findFirst({ where: { ...where, status: 'pending' } }),
      tx.joinRequest.findFirst({ where: { ...where, status: 'declined', decidedAt: { gt: declinedSince(now) } } }),
    ])
    if (membership || pending) return { created: false }
    if (declined)
      throw new UserInputError(null, errorMessage('membership.errors.recentlyDeclined', { days: REQUEST_AGAIN_AFTER_DAYS }))
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

/** Whether a facilitator declined this person's request lately (they may not ask again yet). */
export function wasDeclinedRecently(communityId: string, userId: string, now = new Date()): Promise<boolean> {
  return prisma.joinRequest
    .count({ where: { communityId, userId, status: 'declined', decidedAt: { gt: declinedSince(now) } } })
    .then((n) => n > 0)
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

// ------------------------------------------------------------ the panel

export interface MembershipPanelData {
  slug: string
  facts: CommunityFacts
  actor: Actor
  pendingRequest: boolean
  /** Declined lately: may not ask again yet. */
  declinedRecently: boolean
  /** Pending requests, for those who decide them; 0 for everyone else. */
  pendingRequests: number
}

/** What <MembershipPanel> needs, for the community home's loader. */
export async function membershipPanelData(access: CommunityAccess): Promise<MembershipPanelData> {
  const { community, facts, actor } = access
  const asking = actor !== null && facts.membership === null && can(actor, facts, 'requestToJoin')
  const [pendingRequest, declinedRecently, pendingRequests] = await Promise.all([
    asking ? hasPendingRequest(community.id, actor.id) : false,
    asking ? wasDeclinedRecently(community.id, actor.id) : false,
    can(actor, facts, 'decideJoinRequests')
      ? prisma.joinRequest.count({ where: { communityId: community.id, status: 'pending' } })
      : 0,
  ])
  return { slug: community.slug, facts, actor, pendingRequest, declinedRecently, pendingRequests }
}
