// The statements that make "never overbook" hold, on SQLite and on
// PostgreSQL (docs/decisions/0011-registration-never-overbook.md). Every
// transaction that changes a masterclass's registrations starts with
// `takeTicket` — a write to the masterclass row, which locks it (PostgreSQL:
// row lock; SQLite: the database write lock) — and a seat is only ever taken
// by the conditional UPDATE in `takeSeats`, which cannot raise confirmedCount
// past capacity however the transactions interleave.
import { randomUUID } from 'node:crypto'
import type { Tx } from '~/utils/db.server'
import { UserInputError } from '~/utils/errors'

/** Confirmed this close to the start, the confirmation is the reminder: none is sent the day before. */
export const REMINDER_WINDOW_MS = 24 * 60 * 60 * 1000

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

/** The gate: `count` seats at once, only while they fit (confirmedCount + count ≤ capacity). True when this call got them. */
export async function takeSeats(tx: Tx, masterclassId: string, count = 1): Promise<boolean> {
  const changed = await tx.$executeRaw`
    UPDATE "Masterclass" SET "confirmedCount" = "confirmedCount" + ${count}
    WHERE "id" = ${masterclassId} AND "confirmedCount" + ${count} <= "capacity"`
  return changed === 1
}

export async function freeSeat(tx: Tx, masterclassId: string): Promise<void> {
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
export async function waitlistPosition(tx: Tx, masterclassId: string, queueNumber: number): Promise<number> {
  return tx.registration.count({ where: { masterclassId, status: 'waitlisted', queueNumber: { lte: queueNumber } } })
}

/** Confirmed within the reminder window: marked as reminded (the confirmation is the reminder). */
export const remindedAtFor = (startsAt: Date, now: Date) =>
  startsAt.getTime() - now.getTime() <= REMINDER_WINDOW_MS ? now : null

/**
 * One statement that registers: a new row, or the person's cancelled row
 * reused (at the end of the line). Changes nothing — and answers false — when
 * they already hold an active registration: the (masterclass, user) pair is
 * unique, so registering twice is impossible by construction.
 */
export async function upsertRegistration(
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
