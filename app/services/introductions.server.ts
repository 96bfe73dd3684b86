// Introductions between peers (issue 6, ADR 0012): a member asks an opted-in
// member of another organisation for an introduction with a short message;
// the recipient accepts (both then see each other's e-mail address and the
// pair enters the match history) or declines quietly: the requester keeps
// seeing the request as sent and is never told. Opting out withdraws what is
// pending (withdrawPendingIntroductions).
import { isLanguage, type Language } from '~/i18n/config'
import { fixedT } from '~/i18n/i18next.server'
import { prisma, type Tx } from '~/utils/db.server'
import { appUrl } from '~/utils/env.server'
import { UserInputError } from '~/utils/errors'
import { INTRODUCTION_MESSAGE_MAX_LENGTH, MAX_OPEN_INTRODUCTIONS, OPEN_INTRODUCTION_DAYS } from '~/utils/peer-limits'
import { message as errorMessage } from '~/utils/validation'
import { queueMail, wakeMailWorker } from './mail.server'
import { notify } from './notifications.server'

interface Party {
  id: string
  name: string
  email: string | null
  locale: string | null
  matchingOptIn: boolean
  organisationId: string | null
}

const partySelect = { id: true, name: true, email: true, locale: true, matchingOptIn: true, organisationId: true } as const

function party(tx: Tx, id: string): Promise<Party | null> {
  return tx.user.findFirst({ where: { id, deletedAt: null }, select: partySelect })
}

async function mailTo(tx: Tx, to: Party, kind: 'request' | 'accepted', person: string): Promise<void> {
  if (!to.email) return
  const t = await fixedT(isLanguage(to.locale) ? to.locale : ('nl' satisfies Language))
  const params = { person, url: `${appUrl()}/peers` }
  await queueMail(
    {
      to: to.email,
      subject: t(`peers.mail.${kind}Subject`, params),
      text: `${t('membership.mail.greeting')}\n\n${t(`peers.mail.${kind}Body`, params)}\n\n${t('membership.mail.signoff')}\n`,
    },
    tx,
  )
}

/**
 * Asks `recipientId` for an introduction. Both must have opted in, be of
 * different organisations and have no open or accepted introduction with each
 * other (in either direction); a request the recipient declined counts as
 * still open for its requester (for the pair, and towards the limit of open
 * requests), so declining stays quiet.
 */
export async function requestIntroduction(requesterId: string, recipientId: string, text: string, now = new Date()) {
  const body = text.trim()
  if (!body) throw new UserInputError('message', 'errors.required')
  if (body.length > INTRODUCTION_MESSAGE_MAX_LENGTH) {
    throw new UserInputError('message', errorMessage('errors.tooLong', { max: INTRODUCTION_MESSAGE_MAX_LENGTH }))
  }
  if (requesterId === recipientId) throw new UserInputError(null, 'peers.errors.notAPeer')
  await prisma.$transaction(async (tx) => {
    // The first statements write both people's rows (a no-op, in id order), as
    // ADR 0011's ticket does: every request involving either of them waits
    // here, so the checks below cannot race another process (SQLite or
    // PostgreSQL). A raw no-op leaves updatedAt, and so the peer cache, alone.
    for (const id of [requesterId, recipientId].sort()) await lockPerson(tx, id)
    const [requester, recipient] = await Promise.all([party(tx, requesterId), party(tx, recipientId)])
    if (!requester?.matchingOptIn) throw new UserInputError(null, 'peers.errors.optInFirst')
    const sameOrganisation = recipient?.organisationId != null && recipient.organisationId === requester.organisationId
    if (!recipient?.matchingOptIn || sameOrganisation) throw new UserInputError(null, 'peers.errors.notAPeer')
    const between = [
      { requesterId, recipientId, status: { in: ['pending', 'accepted', 'declined'] } },
      { requesterId: recipientId, recipientId: requesterId, status: { in: ['pending', 'accepted'] } },
    ]
    const existing = await tx.introduction.findFirst({ where: { OR: between }, select: { status: true } })
    if (existing) {
      throw new UserInputError(
        null,
        existing.status === 'accepted' ? 'peers.errors.alreadyIntroduced' : 'peers.errors.alreadyAsked',
      )
    }
    // Declined requests count as open, like pending ones: both look sent to the
    // requester, so a decline must not give room back (an accept does); both
    // stop counting after OPEN_INTRODUCTION_DAYS.
    const since = new Date(now.getTime() - OPEN_INTRODUCTION_DAYS * 24 * 3600_000)
    const open = await tx.introduction.count({
      where: { requesterId, status: { in: ['pending', 'declined'] }, createdAt: { gt: since } },
    })
    if (open >= MAX_OPEN_INTRODUCTIONS) {
      const params = { max: MAX_OPEN_INTRODUCTIONS, days: OPEN_INTRODUCTION_DAYS }
      throw new UserInputError(null, errorMessage('peers.errors.tooManyOpen', params))
    }
    const { id: introductionId } = await tx.introduction.create({
      data: { requesterId, recipientId, message: body, createdAt: now },
      select: { id: true },
    })
    await notify(tx, {
      userId: recipientId,
      kind: 'introduction_request',
      link: '/peers#requests',
      // The id lets a withdrawal (opting out) take this entry away too.
      data: { person: requester.name, introductionId },
    })
    await mailTo(tx, recipient, 'request', requester.name)
  })
  wakeMailWorker()
}

/**
 * The recipient's answer. Only the recipient of a pending request may give
 * it; accepting writes the match history and tells the requester in the same
 * transaction, declining changes nothing the requester can see.
 */
export async function answerIntroduction(userId: string, introductionId: string, accept: boolean, now = new Date()) {
  const accepted = await prisma.$transaction(async (tx) => {
    // Both people's rows are locked first (the recipient's, which makes this a
    // writer from its first statement, ADR 0011; then the requester's), so an
    // opt-out of either waits for this answer or this answer sees it: an
    // address is never shared after its owner withdrew.
    await lockPerson(tx, userId)
    const pending = await tx.introduction.findFirst({
      where: { id: introductionId, recipientId: userId, status: 'pending' },
      select: { requesterId: true },
    })
    if (!pending) throw new UserInputError(null, 'peers.errors.requestGone')
    await lockPerson(tx, pending.requesterId)
    // The gate: only the recipient, only while pending, only once.
    const { count } = await tx.introduction.updateMany({
      where: { id: introductionId, recipientId: userId, status: 'pending' },
      data: { status: accept ? 'accepted' : 'declined', decidedAt: now },
    })
    if (count !== 1) throw new UserInputError(null, 'peers.errors.requestGone')
    const intro = await tx.introduction.findUniqueOrThrow({
      where: { id: introductionId },
      select: { id: true, requesterId: true, recipientId: true },
    })
    // Both must still have opted in and have an account: the requester may have
    // opted out since (their pending requests are withdrawn then, but not by
    // every path), and the recipient's answer must not share a withdrawn consent's e-mail.
    const [requester, recipient] = await Promise.all([party(tx, intro.requesterId), party(tx, intro.recipientId)])
    if (!requester?.matchingOptIn || !recipient?.matchingOptIn) throw new UserInputError(null, 'peers.errors.requestGone')
    if (!accept) return false
    const [userAId, userBId] = [intro.requesterId, intro.recipientId].sort() as [string, string]
    await tx.peerMatch.create({ data: { userAId, userBId, source: 'introduction', introductionId: intro.id, createdAt: now } })
    await notify(tx, {
      userId: requester.id,
      kind: 'introduction_accepted',
      link: '/peers#introductions',
      data: { person: recipient.name },
    })
    await mailTo(tx, requester, 'accepted', recipient.name)
    return true
  })
  if (accepted) wakeMailWorker()
}

/**
 * When a member opts out of matching (updateProfile, in its transaction): the
 * requests they sent are withdrawn (deleted: the recipients no longer see
 * their name, organisation or message, and cannot accept), and the requests
 * they received are declined — quietly, as any decline: the requesters keep
 * seeing them as sent. Accepted introductions stay: both agreed then.
 */
export async function withdrawPendingIntroductions(tx: Tx, userId: string, now: Date): Promise<void> {
  const sent = await tx.introduction.findMany({ where: { requesterId: userId, status: 'pending' }, select: { id: true } })
  // The recipients' bell entries named the requester: they go with the requests.
  for (const { id } of sent) {
    await tx.notification.deleteMany({ where: { kind: 'introduction_request', data: { contains: `"introductionId":"${id}"` } } })
  }
  await tx.introduction.deleteMany({ where: { requesterId: userId, status: 'pending' } })
  await tx.introduction.updateMany({
    where: { recipientId: userId, status: 'pending' },
    data: { status: 'declined', decidedAt: now },
  })
}

/** A no-op write of a person's row: every transaction about them waits here (ADR 0011's ticket). A raw no-op leaves updatedAt, and so the peer cache, alone. */
async function lockPerson(tx: Tx, userId: string): Promise<void> {
  await tx.$executeRaw`UPDATE "User" SET "matchingOptIn" = "matchingOptIn" WHERE "id" = ${userId}`
}

const personSelect = {
  id: true,
  name: true,
  organisation: { select: { name: true } },
} as const

/**
 * What /peers shows of a member's introductions. E-mail addresses appear only
 * in `introduced` (accepted ones); a declined request looks sent to its requester.
 */
export async function listIntroductions(userId: string) {
  const [received, sent, accepted] = await Promise.all([
    prisma.introduction.findMany({
      where: { recipientId: userId, status: 'pending', requester: { deletedAt: null } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, message: true, createdAt: true, requester: { select: personSelect } },
    }),
    prisma.introduction.findMany({
      where: { requesterId: userId, status: { in: ['pending', 'declined'] }, recipient: { deletedAt: null } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { id: true, createdAt: true, recipient: { select: personSelect } },
    }),
    prisma.introduction.findMany({
      where: { status: 'accepted', OR: [{ requesterId: userId }, { recipientId: userId }] },
      orderBy: [{ decidedAt: 'desc' }, { id: 'desc' }],
      select: {
        id: true,
        decidedAt: true,
        requester: { select: { ...personSelect, email: true, deletedAt: true } },
        recipient: { select: { ...personSelect, email: true, deletedAt: true } },
      },
    }),
  ])
  const introduced = accepted.flatMap((i) => {
    const other = i.requester.id === userId ? i.recipient : i.requester
    if (other.deletedAt || !other.email) return []
    return [
      {
        id: i.id,
        decidedAt: i.decidedAt,
        person: { id: other.id, name: other.name, organisation: other.organisation, email: other.email },
      },
    ]
  })
  return {
    received: received.map((r) => ({ id: r.id, message: r.message, createdAt: r.createdAt, person: r.requester })),
    sent: sent.map((s) => ({ id: s.id, createdAt: s.createdAt, person: s.recipient })),
    introduced,
  }
}

export type Introductions = Awaited<ReturnType<typeof listIntroductions>>

/** Per person: how far an introduction with them has gone, as this member may know it. */
export function introductionStates(intros: Introductions): Map<string, 'sent' | 'received' | 'introduced'> {
  const states = new Map<string, 'sent' | 'received' | 'introduced'>()
  for (const s of intros.sent) states.set(s.person.id, 'sent')
  for (const r of intros.received) states.set(r.person.id, 'received')
  for (const i of intros.introduced) states.set(i.person.id, 'introduced')
  return states
}
