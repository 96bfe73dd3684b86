// Registering for a masterclass: confirmed while seats are left, otherwise on
// the waitlist in arrival order; a cancellation promotes the first waiting
// people in the same transaction. How "never overbook" holds on SQLite and on
// PostgreSQL: the statements in registration-gate.server.ts and
// docs/decisions/0011-registration-never-overbook.md.
import type { RegistrationStatus } from '~/auth/masterclass-policy'
import { prisma, type Tx } from '~/utils/db.server'
import { UserInputError } from '~/utils/errors'
import { icsSelect, type IcsMasterclass } from './masterclass-calendar.server'
import {
  afterMasterclassMail,
  notifyMasterclass,
  queueMasterclassJobs,
  recipientSelect,
  renderMasterclassMail,
  type MailRecipient,
} from './masterclass-mail.server'
import { queueMail, wakeMailWorker, type MailInput } from './mail.server'
import { revokeLiveAccess } from './document-live.server'
import {
  freeSeat,
  registrationRefusal,
  remindedAtFor,
  takeSeats,
  takeTicket,
  upsertRegistration,
  waitlistPosition,
  type Gate,
} from './registration-gate.server'

export type RegisterResult = { status: 'confirmed' } | { status: 'waitlisted'; position: number }

interface Prepared {
  user: MailRecipient
  masterclass: IcsMasterclass
  /** The confirmation, rendered before the lock when a seat looked free (the .ics is CPU work); else null. */
  confirmation: MailInput | null
}

/**
 * Reads what the locked section needs, before it is taken, and renders the
 * confirmation only when it is likely to be sent: a published masterclass
 * with a seat left. A full one renders nothing here — the waitlist mail
 * (short, no calendar file) is rendered once its position is known.
 */
async function prepare(masterclassId: string, userId: string): Promise<Prepared> {
  const [user, masterclass] = await Promise.all([
    prisma.user.findUnique({ where: { id: userId }, select: recipientSelect }),
    prisma.masterclass.findUnique({
      where: { id: masterclassId },
      select: { ...icsSelect, capacity: true, confirmedCount: true },
    }),
  ])
  if (!masterclass) throw new UserInputError(null, 'masterclasses.errors.notFound')
  if (!user || user.deletedAt) throw new UserInputError(null, 'masterclasses.errors.unknownPerson')
  const seatLikely = masterclass.status === 'published' && masterclass.confirmedCount < masterclass.capacity
  return { user, masterclass, confirmation: seatLikely ? await renderMasterclassMail('confirmed', user, masterclass) : null }
}

/**
 * The locked section of a registration: a seat if one is left, the row, and
 * the mail. Statements: ticket (by the caller), seat, row, [position], mail.
 * A draft mails nobody: everyone on it hears once, when it is published.
 */
async function enrol(
  tx: Tx,
  gate: Gate,
  p: Prepared,
  userId: string,
  now: Date,
  addedById: string | null,
): Promise<RegisterResult> {
  const masterclassId = p.masterclass.id
  const draft = gate.status === 'draft'
  const confirmed = await takeSeats(tx, masterclassId)
  const registered = await upsertRegistration(tx, {
    masterclassId,
    userId,
    status: confirmed ? 'confirmed' : 'waitlisted',
    queueNumber: gate.registrationSeq,
    now,
    // In a draft nothing is sent yet: publishing decides (the confirmation may then be the reminder).
    remindedAt: confirmed && !draft ? remindedAtFor(gate.startsAt, now) : null,
    addedById,
  })
  // Throwing rolls back the seat taken above as well.
  if (!registered) throw new UserInputError(null, 'masterclasses.errors.alreadyRegistered')
  const result: RegisterResult = confirmed
    ? { status: 'confirmed' }
    : { status: 'waitlisted', position: await waitlistPosition(tx, masterclassId, gate.registrationSeq) }
  if (draft) return result
  // Changed since it was read (an edit in between): render from what is stored now.
  const stale = +gate.updatedAt !== +p.masterclass.updatedAt
  const masterclass = stale
    ? await tx.masterclass.findUniqueOrThrow({ where: { id: masterclassId }, select: icsSelect })
    : p.masterclass
  const mail =
    result.status === 'confirmed'
      ? (!stale && p.confirmation) || (await renderMasterclassMail('confirmed', p.user, masterclass))
      : await renderMasterclassMail('waitlisted', p.user, masterclass, { position: result.position })
  if (mail) await queueMail(mail, tx)
  return result
}

export interface Filled {
  /** Who moved up, first in line first. */
  promoted: string[]
  /** Their mail jobs, for afterMasterclassMail once the transaction commits. */
  mailJobs: string[]
}

/**
 * Moves people from the waitlist to free seats, first in line first, until
 * the seats or the line run out — all at once: one conditional UPDATE takes
 * the seats, one UPDATE confirms them, one INSERT queues their mail jobs (a
 * raise by hundreds stays a handful of statements). Only before the start of
 * a published masterclass. `tell: false` leaves the mail and notification to
 * the caller (publishing tells everyone at once).
 */
export async function fillSeats(tx: Tx, masterclassId: string, now: Date, { tell = true } = {}): Promise<Filled> {
  const none: Filled = { promoted: [], mailJobs: [] }
  const m = await tx.masterclass.findUniqueOrThrow({
    where: { id: masterclassId },
    select: { id: true, title: true, status: true, startsAt: true, capacity: true, confirmedCount: true },
  })
  const free = m.capacity - m.confirmedCount
  if (m.status !== 'published' || m.startsAt <= now || free <= 0) return none
  const next = await tx.registration.findMany({
    where: { masterclassId, status: 'waitlisted' },
    orderBy: { queueNumber: 'asc' },
    take: free,
    select: { userId: true, queueNumber: true, user: { select: recipientSelect } },
  })
  const last = next.at(-1)
  if (!last || !(await takeSeats(tx, masterclassId, next.length))) return none
  // Exactly these: the first next.length in line (we hold the lock, nobody joined in between).
  await tx.registration.updateMany({
    where: { masterclassId, status: 'waitlisted', queueNumber: { lte: last.queueNumber } },
    data: { status: 'confirmed', promotedAt: now, remindedAt: remindedAtFor(m.startsAt, now) },
  })
  const promoted = next.map((r) => r.userId)
  if (!tell) return { promoted, mailJobs: [] }
  const mailJobs = await queueMasterclassJobs(
    tx,
    'promoted',
    masterclassId,
    next.map((r) => r.user),
  )
  await notifyMasterclass(tx, promoted, 'masterclass_promoted', m)
  return { promoted, mailJobs }
}

/** A member registers themselves: refused (UserInputError with the reason's key) outside the window or twice. */
export async function register(masterclassId: string, userId: string, now = new Date()): Promise<RegisterResult> {
  const prepared = await prepare(masterclassId, userId)
  const result = await prisma.$transaction(async (tx) => {
    const gate = await takeTicket(tx, masterclassId)
    const refusal = registrationRefusal(gate, now)
    if (refusal) throw new UserInputError(null, refusal)
    return enrol(tx, gate, prepared, userId, now, null)
  })
  wakeMailWorker()
  return result
}

/**
 * A facilitator adds someone: outside the window too (their decision), but
 * not to a cancelled masterclass or one that has started. When it is full the
 * person goes on the waitlist, unless the capacity is raised.
 */
export async function addRegistration(
  masterclassId: string,
  userId: string,
  addedById: string,
  now = new Date(),
): Promise<RegisterResult> {
  const prepared = await prepare(masterclassId, userId)
  const result = await prisma.$transaction(async (tx) => {
    const gate = await takeTicket(tx, masterclassId)
    if (gate.status === 'cancelled') throw new UserInputError(null, 'masterclasses.errors.cancelled')
    if (gate.startsAt <= now) throw new UserInputError(null, 'masterclasses.errors.alreadyStarted')
    return enrol(tx, gate, prepared, userId, now, addedById)
  })
  wakeMailWorker()
  return result
}

/**
 * Cancels a registration (the member's own, or removed by a facilitator); a
 * freed seat goes to the first on the waitlist in the same transaction.
 * Not once it has started: who came is then a matter of attendance. Returns
 * the ids of those promoted.
 */
export async function cancelRegistration(masterclassId: string, userId: string, now = new Date()): Promise<string[]> {
  const filled = await prisma.$transaction(async (tx) => {
    const gate = await takeTicket(tx, masterclassId)
    if (gate.startsAt <= now) throw new UserInputError(null, 'masterclasses.errors.alreadyStarted')
    const registration = await tx.registration.findUnique({
      where: { masterclassId_userId: { masterclassId, userId } },
      select: { id: true, status: true },
    })
    if (!registration || registration.status === 'cancelled') throw new UserInputError(null, 'masterclasses.errors.notRegistered')
    await tx.registration.update({ where: { id: registration.id }, data: { status: 'cancelled', cancelledAt: now } })
    if (registration.status !== 'confirmed') return { promoted: [], mailJobs: [] }
    await freeSeat(tx, masterclassId)
    return fillSeats(tx, masterclassId, now)
  })
  await afterMasterclassMail(filled.mailJobs)
  // Their notes document closes for them at once if it was open.
  await revokeLiveAccess(userId)
  return filled.promoted
}

export interface MyRegistration {
  status: RegistrationStatus
  /** Place on the waitlist (1 = next), only while waitlisted. */
  position: number | null
  attended: boolean | null
}

export async function myRegistration(masterclassId: string, userId: string): Promise<MyRegistration | null> {
  const r = await prisma.registration.findUnique({
    where: { masterclassId_userId: { masterclassId, userId } },
    select: { status: true, queueNumber: true, attended: true },
  })
  if (!r) return null
  const position =
    r.status === 'waitlisted'
      ? await prisma.registration.count({ where: { masterclassId, status: 'waitlisted', queueNumber: { lte: r.queueNumber } } })
      : null
  return { status: r.status as RegistrationStatus, position, attended: r.attended }
}

/** A facilitator marks (true/false) or unmarks (null) attendance, from the start of the masterclass on. */
export async function markAttendance(
  masterclassId: string,
  userId: string,
  attended: boolean | null,
  now = new Date(),
): Promise<void> {
  const m = await prisma.masterclass.findUnique({ where: { id: masterclassId }, select: { startsAt: true, status: true } })
  if (!m) throw new UserInputError(null, 'masterclasses.errors.notFound')
  if (m.status === 'cancelled') throw new UserInputError(null, 'masterclasses.errors.cancelled')
  if (m.startsAt > now) throw new UserInputError(null, 'masterclasses.errors.notStartedYet')
  const { count } = await prisma.registration.updateMany({
    where: { masterclassId, userId, status: 'confirmed' },
    data: { attended },
  })
  if (count === 0) throw new UserInputError(null, 'masterclasses.errors.notConfirmed')
}

/** The masterclasses not yet started where this person holds a seat or a place in line. */
export async function upcomingRegistrations(userId: string, now = new Date()): Promise<string[]> {
  const rows = await prisma.registration.findMany({
    where: { userId, status: { in: ['confirmed', 'waitlisted'] }, masterclass: { startsAt: { gt: now } } },
    select: { masterclassId: true },
  })
  return rows.map((r) => r.masterclassId)
}
