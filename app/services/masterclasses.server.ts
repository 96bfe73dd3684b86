// Masterclasses themselves: the form's rules, create, edit (capacity and
// facilitators included), publish and cancel. Registration is in
// registrations.server.ts, finding them in masterclass-queries.server.ts.
// Who may call what is decided by ~/auth/masterclass-policy; routes ask it first.
// The form's rules are in ~/utils/masterclass-rules (shared with the form).
import { can, type Actor, type MembershipRole, type Visibility } from '~/auth/community-policy'
import { canCreateMasterclass } from '~/auth/masterclass-policy'
import { prisma, type Tx } from '~/utils/db.server'
import { UserInputError } from '~/utils/errors'
import { parseMasterclassInput, type MasterclassFormInput, type MasterclassInput } from '~/utils/masterclass-rules'
import { message } from '~/utils/validation'
import { createDocument, masterclassGroupDocumentIds } from './documents.server'
import { icsSelect } from './masterclass-calendar.server'
import { notifyMasterclass, queueMasterclassMail, recipientSelect } from './masterclass-mail.server'
import { wakeMailWorker } from './mail.server'
import { fillSeats, takeTicket } from './registrations.server'
import { recheckLiveDocument } from './document-live.server'

export { masterclassInputSchema, parseMasterclassInput } from '~/utils/masterclass-rules'
export type { MasterclassFormInput, MasterclassInput } from '~/utils/masterclass-rules'

/** `currentCommunityId`: on edit, keeping the community as it is needs no right on it. */
async function checkReferences(tx: Tx, input: MasterclassInput, actor: Actor, currentCommunityId?: string | null): Promise<void> {
  const checks = [
    ['themeIds', input.themeIds, (w: { id: { in: string[] } }) => tx.theme.count({ where: w })],
    ['phaseIds', input.phaseIds, (w: { id: { in: string[] } }) => tx.transitionPhase.count({ where: w })],
    ['positionIds', input.positionIds, (w: { id: { in: string[] } }) => tx.position.count({ where: w })],
  ] as const
  for (const [field, chosen, count] of checks) {
    const unique = [...new Set(chosen)]
    if (unique.length && (await count({ id: { in: unique } })) !== unique.length)
      throw new UserInputError(field, 'errors.invalidChoice')
  }
  const people = [...new Set(input.facilitatorIds)]
  // The same people the form offers: facilitators and admins (co-facilitators see attendees' addresses).
  const mayFacilitate = { id: { in: people }, deletedAt: null, role: { in: ['facilitator', 'admin'] } }
  if (people.length && (await tx.user.count({ where: mayFacilitate })) !== people.length) {
    throw new UserInputError('facilitatorIds', 'masterclasses.errors.unknownPerson')
  }
  if (input.communityId && input.communityId !== currentCommunityId) {
    const community = await tx.community.findUnique({
      where: { id: input.communityId },
      select: {
        visibility: true,
        archivedAt: true,
        memberships: actor ? { where: { userId: actor.id }, select: { role: true } } : false,
      },
    })
    const facts = community && {
      visibility: community.visibility as Visibility,
      archived: community.archivedAt !== null,
      membership: (community.memberships?.[0]?.role ?? null) as MembershipRole | null,
    }
    if (!facts || !can(actor, facts, 'edit')) throw new UserInputError('communityId', 'masterclasses.errors.communityNotAllowed')
  }
}

function targets(input: MasterclassInput) {
  return {
    themes: { create: [...new Set(input.themeIds)].map((themeId) => ({ themeId })) },
    targetPhases: { create: [...new Set(input.phaseIds)].map((phaseId) => ({ phaseId })) },
    targetPositions: { create: [...new Set(input.positionIds)].map((positionId) => ({ positionId })) },
  }
}

/**
 * Creates a draft with its creator (a facilitator or admin) as first
 * facilitator, and its notes document. Returns its id.
 */
export async function createMasterclass(actor: NonNullable<Actor>, raw: MasterclassFormInput): Promise<{ id: string }> {
  if (!canCreateMasterclass(actor)) throw new UserInputError(null, 'errors.forbiddenText')
  const input = parseMasterclassInput(raw)
  return prisma.$transaction(async (tx) => {
    await checkReferences(tx, input, actor)
    const { id } = await tx.masterclass.create({
      data: {
        title: input.title,
        description: input.description,
        communityId: input.communityId,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        location: input.location,
        onlineUrl: input.onlineUrl,
        capacity: input.capacity,
        registrationOpensAt: input.registrationOpensAt,
        registrationClosesAt: input.registrationClosesAt,
        createdById: actor.id,
        facilitators: { create: [...new Set([actor.id, ...input.facilitatorIds])].map((userId) => ({ userId })) },
        ...targets(input),
      },
      select: { id: true },
    })
    const notes = await createDocument({ masterclassId: id, title: input.title, createdById: actor.id }, tx)
    await tx.masterclass.update({ where: { id }, data: { notesDocumentId: notes.id } })
    return { id }
  })
}

const placeChanged = (a: { location: string | null; onlineUrl: string | null }, b: typeof a) =>
  a.location !== b.location || a.onlineUrl !== b.onlineUrl

/**
 * Saves the form. Lowering the capacity below the confirmed count is refused;
 * raising it promotes from the waitlist in order, in the same transaction. A
 * change of time or place raises the iCalendar SEQUENCE and, once published,
 * mails everyone registered; a new start time re-arms the reminders.
 */
export async function updateMasterclass(
  masterclassId: string,
  actor: NonNullable<Actor>,
  raw: MasterclassFormInput,
  now = new Date(),
): Promise<void> {
  const input = parseMasterclassInput(raw)
  const notesDocumentId = await prisma.$transaction(async (tx) => {
    await takeTicket(tx, masterclassId)
    const before = await tx.masterclass.findUniqueOrThrow({
      where: { id: masterclassId },
      select: {
        status: true,
        communityId: true,
        startsAt: true,
        endsAt: true,
        location: true,
        onlineUrl: true,
        confirmedCount: true,
        notesDocumentId: true,
      },
    })
    if (before.status === 'cancelled') throw new UserInputError(null, 'masterclasses.errors.cancelled')
    if (input.capacity < before.confirmedCount) {
      throw new UserInputError(
        'capacity',
        message('masterclasses.errors.capacityBelowConfirmed', { count: before.confirmedCount }),
      )
    }
    await checkReferences(tx, input, actor, before.communityId)
    const timeChanged = +before.startsAt !== +input.startsAt || +before.endsAt !== +input.endsAt
    const changed = timeChanged || placeChanged(before, input)
    await tx.masterclassTheme.deleteMany({ where: { masterclassId } })
    await tx.masterclassTargetPhase.deleteMany({ where: { masterclassId } })
    await tx.masterclassTargetPosition.deleteMany({ where: { masterclassId } })
    if (input.facilitatorIds.length) {
      await tx.masterclassFacilitator.deleteMany({ where: { masterclassId, userId: { notIn: input.facilitatorIds } } })
      for (const userId of new Set(input.facilitatorIds)) {
        await tx.masterclassFacilitator.upsert({
          where: { masterclassId_userId: { masterclassId, userId } },
          create: { masterclassId, userId },
          update: {},
        })
      }
    }
    // Conditional as well: whatever happened since the read, capacity never drops below confirmedCount.
    const { count } = await tx.masterclass.updateMany({
      where: { id: masterclassId, confirmedCount: { lte: input.capacity } },
      data: {
        title: input.title,
        description: input.description,
        communityId: input.communityId,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        location: input.location,
        onlineUrl: input.onlineUrl,
        capacity: input.capacity,
        registrationOpensAt: input.registrationOpensAt,
        registrationClosesAt: input.registrationClosesAt,
        ...(changed ? { sequence: { increment: 1 } } : {}),
      },
    })
    if (count !== 1) throw new UserInputError('capacity', 'masterclasses.errors.capacityMin')
    await tx.masterclass.update({ where: { id: masterclassId }, data: targets(input) })
    if (timeChanged) {
      await tx.registration.updateMany({ where: { masterclassId, status: 'confirmed' }, data: { remindedAt: null } })
    }
    if (changed && before.status === 'published') await tellEveryone(tx, masterclassId, 'changed')
    await fillSeats(tx, masterclassId, now)
    return before.notesDocumentId
  })
  wakeMailWorker()
  // A facilitator taken off the list loses the notes document and the peer groups' documents at once.
  for (const id of [notesDocumentId, ...(await masterclassGroupDocumentIds(masterclassId))]) {
    if (id) await recheckLiveDocument(id)
  }
}

/** Mail and notify everyone confirmed or waitlisted. */
async function tellEveryone(tx: Tx, masterclassId: string, kind: 'changed' | 'cancelled'): Promise<void> {
  const m = await tx.masterclass.findUniqueOrThrow({ where: { id: masterclassId }, select: icsSelect })
  const registered = await tx.registration.findMany({
    where: { masterclassId, status: { in: ['confirmed', 'waitlisted'] } },
    orderBy: { queueNumber: 'asc' },
    select: { userId: true, status: true, user: { select: recipientSelect } },
  })
  // Only the confirmed get a calendar event; for the waitlisted it would claim a seat they do not have.
  for (const r of registered) await queueMasterclassMail(tx, kind, r.user, m, { calendar: r.status === 'confirmed' })
  await notifyMasterclass(
    tx,
    registered.map((r) => r.userId),
    kind === 'changed' ? 'masterclass_changed' : 'masterclass_cancelled',
    m,
  )
}

/**
 * Draft → published: registration opens (within its window). People a
 * facilitator put on the waitlist of the draft move up to free seats now.
 */
export async function publishMasterclass(masterclassId: string, now = new Date()): Promise<void> {
  const promoted = await prisma.$transaction(async (tx) => {
    await takeTicket(tx, masterclassId)
    const { count } = await tx.masterclass.updateMany({
      where: { id: masterclassId, status: 'draft' },
      data: { status: 'published', publishedAt: now, sequence: { increment: 1 } },
    })
    if (count === 0) throw new UserInputError(null, 'masterclasses.errors.alreadyPublished')
    return fillSeats(tx, masterclassId, now)
  })
  if (promoted.length) wakeMailWorker()
}

/** Cancels the masterclass and tells everyone registered (mail with a cancelled calendar event, and the bell). */
export async function cancelMasterclass(masterclassId: string, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await takeTicket(tx, masterclassId)
    const { count } = await tx.masterclass.updateMany({
      where: { id: masterclassId, status: { not: 'cancelled' } },
      data: { status: 'cancelled', cancelledAt: now, sequence: { increment: 1 } },
    })
    if (count === 0) throw new UserInputError(null, 'masterclasses.errors.cancelled')
    await tellEveryone(tx, masterclassId, 'cancelled')
  })
  wakeMailWorker()
}
