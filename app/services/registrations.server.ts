// Registering for a masterclass: confirmed while seats are left, otherwise on
// the waitlist in arrival order; a cancellation promotes the first waiting
// person in the same transaction. How "never overbook" holds on SQLite and on
// PostgreSQL: docs/decisions/0011-registration-never-overbook.md. In short,
// every transaction here starts with `takeTicket` — a write to the
// masterclass row, which locks it (PostgreSQL: row lock; SQLite: the database
// write lock) — and a seat is only ever taken by the conditional UPDATE in
// `takeSeat`, which cannot raise confirmedCount past capacity however the
// transactions interleave.
import { randomUUID } from 'node:crypto'
import type { RegistrationStatus } from '~/auth/masterclass-policy'
import { prisma, type Tx } from '~/utils/db.server'
import { UserInputError } from '~/utils/errors'
import { icsSelect, type IcsMasterclass } from './masterclass-calendar.server'
import {
  notifyMasterclass,
  queueMasterclassMail,
  recipientSelect,
  renderMasterclassMail,
  type MailRecipient,
} from './masterclass-mail.server'
import { queueMail, wakeMailWorker, type MailInput } from './mail.server'
import { revokeLiveAccess } from './document-live.server'

/** Confirmed this close to the start, the confirmation is the reminder: none is sent the day before. */
export const REMINDER_WINDOW_MS = 24 * 60 * 60 * 1000

export type RegisterResult = { status: 'confirmed' } | { status: 'waitlisted'; position: number }

/** What a registration decides on, returned by the statement that takes the lock. */
export interface Gate {
  registrationSeq: number
  status: string
  capacity: number
  confirmedCount: number
  startsAt: Date
  registrationOpensAt: Date | null
  registrationClosesAt: Date | null
  updatedAt: Date
}

/**
 * The first statement of every registration transaction: raises the
 * masterclass's registrationSeq and returns it (the caller's place in the
 * queue) with the columns the decision needs. Being a write, it takes the lock
 * (PostgreSQL: the row; SQLite: the database) before anything is read.
 */
export async function takeTicket(tx: Tx, masterclassId: string): Promise<Gate> {
  const rows = await tx.$queryRaw<Array<Gate & { registrationSeq: number | bigint }>>`
    UPDATE "Masterclass" SET "registrationSeq" = "registrationSeq" + 1 WHERE "id" = ${masterclassId}
    RETURNING "registrationSeq", "status", "capacity", "confirmedCount", "startsAt",
              "registrationOpensAt", "registrationClosesAt", "updatedAt"`
  const row = rows[0]
  if (!row) throw new UserInputError(null, 'masterclasses.errors.notFound')
  return {
    ...row,
    registrationSeq: Number(row.registrationSeq),
    capacity: Number(row.capacity),
    confirmedCount: Number(row.confirmedCount),
  }
}

/** The gate: one seat, only while confirmedCount < capacity. True when this call got it. */
async function takeSeat(tx: Tx, masterclassId: string): Promise<boolean> {
  const changed = await tx.$executeRaw`
    UPDATE "Masterclass" SET "confirmedCount" = "confirmedCount" + 1
    WHERE "id" = ${masterclassId} AND "confirmedCount" < "capacity"`
  return changed === 1
}

async function freeSeat(tx: Tx, masterclassId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Masterclass" SET "confirmedCount" = "confirmedCount" - 1 WHERE "id" = ${masterclassId} AND "confirmedCount" > 0`
}

/** Why a member may not register now, or null when they may. */
export function registrationRefusal(
  m: Pick<Gate, 'status' | 'startsAt' | 'registrationOpensAt' | 'registrationClosesAt'>,
  now: Date,
): string | null {
  if (m.status === 'draft') return 'masterclasses.errors.notPublished'
  if (m.status === 'cancelled') return 'masterclasses.errors.cancelled'
  if (m.registrationOpensAt && now < m.registrationOpensAt) return 'masterclasses.errors.notOpenYet'
  if (now >= (m.registrationClosesAt ?? m.startsAt) || now >= m.startsAt) return 'masterclasses.errors.registrationClosed'
  return null
}

/** Place on the waitlist: 1 for the first in line. */
async function waitlistPosition(tx: Tx, masterclassId: string, queueNumber: number): Promise<number> {
  return tx.registration.count({ where: { masterclassId, status: 'waitlisted', queueNumber: { lte: queueNumber } } })
}

const remindedAtFor = (startsAt: Date, now: Date) => (startsAt.getTime() - now.getTime() <= REMINDER_WINDOW_MS ? now : null)

/**
 * One statement that registers: a new row, or the person's cancelled row
 * reused (at the end of the line). Changes nothing — and answers false — when
 * they already hold an active registration: the (masterclass, user) pair is
 * unique, so registering twice is impossible by construction.
 */
async function upsertRegistration(
  tx: Tx,
  r: {
    masterclassId: string
    userId: string
    status: 'confirmed' | 'waitlisted'
    queueNumber: number
    now: Date
    remindedAt: Date | null
    addedById: string | null
  },
): Promise<boolean> {
  const changed = await tx.$executeRaw`
    INSERT INTO "Registration" ("id", "masterclassId", "userId", "status", "queueNumber", "createdAt", "registeredAt", "remindedAt", "addedById")
    VALUES (${randomUUID()}, ${r.masterclassId}, ${r.userId}, ${r.status}, ${r.queueNumber}, ${r.now}, ${r.now}, ${r.remindedAt}, ${r.addedById})
    ON CONFLICT ("masterclassId", "userId") DO UPDATE SET
      "status" = excluded."status", "queueNumber" = excluded."queueNumber", "registeredAt" = excluded."registeredAt",
      "remindedAt" = excluded."remindedAt", "addedById" = excluded."addedById",
      "cancelledAt" = NULL, "promotedAt" = NULL, "attended" = NULL
    WHERE "Registration"."status" = 'cancelled'`
  return changed === 1
}

interface Prepared {
  user: MailRecipient
  masterclass: IcsMasterclass
  /** Rendered before the lock is taken (the .ics and texts are CPU work). */
  confirmation: MailInput | null
}

/** Reads and renders what the locked section will need, before it is taken. */
async function prepare(masterclassId: string, userId: string): Promise<Prepared> {
  const [user, masterclass] = await Promise.all([
    prisma.user.findUnique({ where: { id: userId }, select: recipientSelect }),
    prisma.masterclass.findUnique({ where: { id: masterclassId }, select: icsSelect }),
  ])
  if (!masterclass) throw new UserInputError(null, 'masterclasses.errors.notFound')
  if (!user || user.deletedAt) throw new UserInputError(null, 'masterclasses.errors.unknownPerson')
  return { user, masterclass, confirmation: await renderMasterclassMail('confirmed', user, masterclass) }
}

/**
 * The locked section of a registration: a seat if one is left, the row, and
 * the mail. Statements: ticket (by the caller), seat, row, [position], mail.
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
  const confirmed = await takeSeat(tx, masterclassId)
  const registered = await upsertRegistration(tx, {
    masterclassId,
    userId,
    status: confirmed ? 'confirmed' : 'waitlisted',
    queueNumber: gate.registrationSeq,
    now,
    remindedAt: confirmed ? remindedAtFor(gate.startsAt, now) : null,
    addedById,
  })
  // Throwing rolls back the seat taken above as well.
  if (!registered) throw new UserInputError(null, 'masterclasses.errors.alreadyRegistered')
  // Changed since it was read (an edit in between): render again from what is stored now.
  const stale = +gate.updatedAt !== +p.masterclass.updatedAt
  const masterclass = stale
    ? await tx.masterclass.findUniqueOrThrow({ where: { id: masterclassId }, select: icsSelect })
    : p.masterclass
  if (confirmed) {
    const mail = stale ? await renderMasterclassMail('confirmed', p.user, masterclass) : p.confirmation
    if (mail) await queueMail(mail, tx)
    return { status: 'confirmed' }
  }
  const position = await waitlistPosition(tx, masterclassId, gate.registrationSeq)
  await queueMasterclassMail(tx, 'waitlisted', p.user, masterclass, { position })
  return { status: 'waitlisted', position }
}

/**
 * Moves people from the waitlist to free seats, first in line first, until
 * the seats or the line run out; each is told by mail and notification.
 * Only before the start of a published masterclass. Returns who was promoted.
 */
export async function fillSeats(tx: Tx, masterclassId: string, now: Date): Promise<string[]> {
  const m = await tx.masterclass.findUniqueOrThrow({ where: { id: masterclassId }, select: icsSelect })
  if (m.status !== 'published' || m.startsAt <= now) return []
  const promoted: string[] = []
  for (;;) {
    const next = await tx.registration.findFirst({
      where: { masterclassId, status: 'waitlisted' },
      orderBy: { queueNumber: 'asc' },
      select: { id: true, userId: true, user: { select: recipientSelect } },
    })
    if (!next || !(await takeSeat(tx, masterclassId))) break
    await tx.registration.update({
      where: { id: next.id },
      data: { status: 'confirmed', promotedAt: now, remindedAt: remindedAtFor(m.startsAt, now) },
    })
    await queueMasterclassMail(tx, 'promoted', next.user, m)
    promoted.push(next.userId)
  }
  await notifyMasterclass(tx, promoted, 'masterclass_promoted', m)
  return promoted
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
  const promoted = await prisma.$transaction(async (tx) => {
    const gate = await takeTicket(tx, masterclassId)
    if (gate.startsAt <= now) throw new UserInputError(null, 'masterclasses.errors.alreadyStarted')
    const registration = await tx.registration.findUnique({
      where: { masterclassId_userId: { masterclassId, userId } },
      select: { id: true, status: true },
    })
    if (!registration || registration.status === 'cancelled') throw new UserInputError(null, 'masterclasses.errors.notRegistered')
    await tx.registration.update({ where: { id: registration.id }, data: { status: 'cancelled', cancelledAt: now } })
    if (registration.status !== 'confirmed') return []
    await freeSeat(tx, masterclassId)
    return fillSeats(tx, masterclassId, now)
  })
  if (promoted.length) wakeMailWorker()
  // Their notes document closes for them at once if it was open.
  await revokeLiveAccess(userId)
  return promoted
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
