// Masterclasses themselves: the form's rules, create, edit (capacity and
// facilitators included), publish and cancel. Registration is in
// registrations.server.ts, finding them in masterclass-queries.server.ts.
// Who may call what is decided by ~/auth/masterclass-policy; routes ask it first.
// The form's rules are in ~/utils/masterclass-rules (shared with the form).
import { can, type Actor } from '~/auth/community-policy'
import { canCreateMasterclass } from '~/auth/masterclass-policy'
import { prisma, type Tx } from '~/utils/db.server'
import { UserInputError } from '~/utils/errors'
import { parseMasterclassInput, type MasterclassFormInput, type MasterclassInput } from '~/utils/masterclass-rules'
import { message } from '~/utils/validation'
import { createDocument, masterclassGroupDocumentIds } from './documents.server'
import { communityFacts, communityFactsSelect } from './policy-facts.server'
import { afterMasterclassMail, notifyMasterclass, queueMasterclassJobs, recipientSelect } from './masterclass-mail.server'
import { remindedAtFor, takeTicket } from './registration-gate.server'
import { fillSeats } from './registrations.server'
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
  const people = [...new Set(input.facilitatorIds ?? [])]
  // The same people the form offers: facilitators and admins (co-facilitators see attendees' addresses).
  const mayFacilitate = { id: { in: people }, deletedAt: null, role: { in: ['facilitator', 'admin'] } }
  if (people.length && (await tx.user.count({ where: mayFacilitate })) !== people.length) {
    throw new UserInputError('facilitatorIds', 'masterclasses.errors.unknownPerson')
  }
  if (input.communityId && input.communityId !== currentCommunityId) {
    const community = await tx.community.findUnique({ where: { id: input.communityId }, select: communityFactsSelect(actor) })
    const facts = community && communityFacts(community)
    if (!facts || !can(actor, facts, 'edit')) throw new UserInputError('communityId', 'masterclasses.errors.communityNotAllowed')
  }
}

/** The masterclass's own columns, as the form gives them (create and edit alike). */
function columns(input: MasterclassInput) {
  return {
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
        ...columns(input),
        createdById: actor.id,
        facilitators: { create: [...new Set([actor.id, ...(input.facilitatorIds ?? [])])].map((userId) => ({ userId })) },
        ...targets(input),
      },
      select: { id: true },
    })
    const notes = await createDocument({ masterclassId: id, title: input.title, createdById: actor.id }, tx)
    await tx.masterclass.update({ where: { id }, data: { notesDocumentId: notes.id } })
    return { id }
  })
}

type Shown = Pick<MasterclassInput, 'title' | 'description' | 'startsAt' | 'endsAt' | 'location' | 'onlineUrl'>

/** What changed that people act on (mailed), and what a calendar shows (raises SEQUENCE). */
function changes(before: Shown, after: Shown) {
  const time = +before.startsAt !== +after.startsAt || +before.endsAt !== +after.endsAt
  const place = before.location !== after.location || before.onlineUrl !== after.onlineUrl
  const text = before.title !== after.title || before.description !== after.description
  return { time, mailed: time || place, shown: time || place || text }
}

/**
 * Saves the form. Lowering the capacity below the confirmed count is refused;
 * raising it promotes from the waitlist in order, in the same transaction.
 * Every change a calendar shows (title, description, time, place) raises the
 * iCalendar SEQUENCE; a change of time or place also mails everyone
 * registered once it is published; a new start time re-arms the reminders.
 * `facilitatorIds` (when given) is the new list of facilitators; the creator
 * stays whatever it says.
 */
export async function updateMasterclass(
  masterclassId: string,
  actor: NonNullable<Actor>,
  raw: MasterclassFormInput,
  now = new Date(),
): Promise<void> {
  const input = parseMasterclassInput(raw)
  const { notesDocumentId, mailJobs } = await prisma.$transaction(async (tx) => {
    await takeTicket(tx, masterclassId)
    const before = await tx.masterclass.findUniqueOrThrow({
      where: { id: masterclassId },
      select: {
        status: true,
        createdById: true,
        communityId: true,
        title: true,
        description: true,
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
    const changed = changes(before, input)
    await tx.masterclassTheme.deleteMany({ where: { masterclassId } })
    await tx.masterclassTargetPhase.deleteMany({ where: { masterclassId } })
    await tx.masterclassTargetPosition.deleteMany({ where: { masterclassId } })
    if (input.facilitatorIds) await replaceFacilitators(tx, masterclassId, input.facilitatorIds, before.createdById)
    // Conditional as well: whatever happened since the read, capacity never drops below confirmedCount.
    const { count } = await tx.masterclass.updateMany({
      where: { id: masterclassId, confirmedCount: { lte: input.capacity } },
      data: {
        ...columns(input),
        ...(changed.shown ? { sequence: { increment: 1 } } : {}),
      },
    })
    if (count !== 1) throw new UserInputError('capacity', 'masterclasses.errors.capacityMin')
    await tx.masterclass.update({ where: { id: masterclassId }, data: targets(input) })
    if (changed.time) {
      await tx.registration.updateMany({ where: { masterclassId, status: 'confirmed' }, data: { remindedAt: null } })
    }
    const told = changed.mailed && before.status === 'published' ? await tellEveryone(tx, masterclassId, 'changed') : []
    const filled = await fillSeats(tx, masterclassId, now)
    return { notesDocumentId: before.notesDocumentId, mailJobs: [...told, ...filled.mailJobs] }
  })
  await afterMasterclassMail(mailJobs)
  // A facilitator taken off the list loses the notes document and the peer groups' documents at once.
  await recheckMasterclassDocuments(masterclassId, notesDocumentId)
}

/** The creator stays; everyone else not on the list goes. */
async function replaceFacilitators(tx: Tx, masterclassId: string, ids: string[], creatorId: string | null): Promise<void> {
  const keep = [...new Set(ids)]
  await tx.masterclassFacilitator.deleteMany({
    where: { masterclassId, userId: { notIn: creatorId ? [...keep, creatorId] : keep } },
  })
  for (const userId of keep) {
    await tx.masterclassFacilitator.upsert({
      where: { masterclassId_userId: { masterclassId, userId } },
      create: { masterclassId, userId },
      update: {},
    })
  }
}

const registeredPeople = (tx: Tx, masterclassId: string) =>
  tx.registration.findMany({
    where: { masterclassId, status: { in: ['confirmed', 'waitlisted'] } },
    orderBy: { queueNumber: 'asc' },
    select: { userId: true, status: true, user: { select: recipientSelect } },
  })

/**
 * Mail (as jobs, rendered after the commit) and notify everyone confirmed or
 * waitlisted. Returns the mail jobs.
 */
async function tellEveryone(tx: Tx, masterclassId: string, kind: 'changed' | 'cancelled'): Promise<string[]> {
  const registered = await registeredPeople(tx, masterclassId)
  // Only the confirmed get a calendar event; for the waitlisted it would claim a seat they do not have.
  const jobs = await queueMasterclassJobs(
    tx,
    kind,
    masterclassId,
    registered.map((r) => ({ ...r.user, calendar: r.status === 'confirmed' })),
  )
  const m = await tx.masterclass.findUniqueOrThrow({ where: { id: masterclassId }, select: { id: true, title: true } })
  const userIds = registered.map((r) => r.userId)
  await notifyMasterclass(tx, userIds, kind === 'changed' ? 'masterclass_changed' : 'masterclass_cancelled', m)
  return jobs
}

/**
 * Draft → published: registration opens (within its window). Nobody is
 * mailed while it is a draft, so now everyone a facilitator put on it hears
 * once: free seats go to the waitlist first (in order), then each confirmed
 * person gets the confirmation (with the calendar file) and each waiting
 * person their place in line.
 */
export async function publishMasterclass(masterclassId: string, now = new Date()): Promise<void> {
  const mailJobs = await prisma.$transaction(async (tx) => {
    await takeTicket(tx, masterclassId)
    const { count } = await tx.masterclass.updateMany({
      where: { id: masterclassId, status: 'draft' },
      data: { status: 'published', publishedAt: now, sequence: { increment: 1 } },
    })
    if (count === 0) throw new UserInputError(null, 'masterclasses.errors.alreadyPublished')
    await fillSeats(tx, masterclassId, now, { tell: false })
    const m = await tx.masterclass.findUniqueOrThrow({ where: { id: masterclassId }, select: { startsAt: true } })
    // Confirmed within a day of the start: this confirmation is their reminder.
    const remindedAt = remindedAtFor(m.startsAt, now)
    if (remindedAt) {
      await tx.registration.updateMany({ where: { masterclassId, status: 'confirmed', remindedAt: null }, data: { remindedAt } })
    }
    const registered = await registeredPeople(tx, masterclassId)
    const confirmed = registered.filter((r) => r.status === 'confirmed').map((r) => r.user)
    const waiting = registered.filter((r) => r.status === 'waitlisted').map((r, i) => ({ ...r.user, position: i + 1 }))
    return [
      ...(await queueMasterclassJobs(tx, 'confirmed', masterclassId, confirmed)),
      ...(await queueMasterclassJobs(tx, 'waitlisted', masterclassId, waiting)),
    ]
  })
  await afterMasterclassMail(mailJobs)
}

/**
 * Cancels the masterclass and tells everyone registered (mail with a
 * cancelled calendar event, and the bell). A draft's people were never told
 * about it, so cancelling a draft mails nobody.
 */
export async function cancelMasterclass(masterclassId: string, now = new Date()): Promise<void> {
  const mailJobs = await prisma.$transaction(async (tx) => {
    const gate = await takeTicket(tx, masterclassId)
    const { count } = await tx.masterclass.updateMany({
      where: { id: masterclassId, status: { not: 'cancelled' } },
      data: { status: 'cancelled', cancelledAt: now, sequence: { increment: 1 } },
    })
    if (count === 0) throw new UserInputError(null, 'masterclasses.errors.cancelled')
    return gate.status === 'draft' ? [] : tellEveryone(tx, masterclassId, 'cancelled')
  })
  await afterMasterclassMail(mailJobs)
  // Its notes and its peer groups' documents become read-only: open editors are told at once.
  const { notesDocumentId } = await prisma.masterclass.findUniqueOrThrow({
    where: { id: masterclassId },
    select: { notesDocumentId: true },
  })
  await recheckMasterclassDocuments(masterclassId, notesDocumentId)
}

/** Open editors of the masterclass's notes and its peer groups' documents are checked again (access may have changed). */
async function recheckMasterclassDocuments(masterclassId: string, notesDocumentId: string | null): Promise<void> {
  for (const id of [notesDocumentId, ...(await masterclassGroupDocumentIds(masterclassId))]) {
    if (id) await recheckLiveDocument(id)
  }
}
