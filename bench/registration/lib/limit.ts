// "The limit": the same conditional registration as the service's locked
// section (ADR 0011) done directly with better-sqlite3 in this one process —
// no HTTP, no Prisma, no session, no rendering: BEGIN (deferred, as Prisma
// sends it), the ticket (UPDATE … RETURNING), the seat gate (conditional
// UPDATE), the row (INSERT … ON CONFLICT … DO UPDATE … WHERE), the waitlist
// position when waiting, COMMIT; one registration after the other, on a fresh
// database file made from the migrations, WAL, synchronous=FULL. The SQL text
// is the service's (app/services/registration-gate.server.ts), with ? for its
// parameters; the statements are prepared once (the Prisma adapter prepares
// each query again). Optionally also the mail row the service queues in the
// same transaction, and for comparison at synchronous=NORMAL.
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { registrationRefusal } from '~/services/registration-gate.server'
import { percentile } from '../../collab/lib/stats'

export interface LimitOptions {
  template: string
  dir: string
  registrations: number
  capacity: number
  synchronous: 'FULL' | 'NORMAL'
  /** A copy of a mail row the server stored, inserted in each transaction as queueMail does. */
  mail?: MailRow | null
}

export interface MailRow {
  to: string
  subject: string
  text: string
  html: string | null
  attachments: string | null
}

export interface LimitResult {
  synchronous: 'FULL' | 'NORMAL'
  withMail: boolean
  registrations: number
  wallMs: number
  perSecond: number
  p50: number
  p99: number
  confirmed: number
  waitlisted: number
  /** confirmed ≤ capacity, confirmedCount agrees, one row each, queue numbers unique. */
  ok: boolean
}

/** Prisma's better-sqlite3 adapter writes DateTime as ISO 8601 with +00:00. */
const sqlDate = (d: Date) => d.toISOString().replace('Z', '+00:00')

export function runLimit(o: LimitOptions): LimitResult {
  const file = path.join(o.dir, `limit-${o.synchronous}-${o.mail ? 'mail-' : ''}${process.pid}-${Date.now()}.db`)
  fs.copyFileSync(o.template, file)
  const db = new Database(file, { timeout: 5000 })
  try {
    db.pragma('journal_mode = WAL')
    db.pragma(`synchronous = ${o.synchronous}`)
    db.pragma('foreign_keys = ON')

    // The masterclass and the people (setup, not timed).
    const masterclassId = randomUUID()
    const now = new Date()
    const startsAt = new Date(now.getTime() + 7 * 24 * 3600_000)
    const userIds = Array.from({ length: o.registrations }, () => randomUUID())
    db.transaction(() => {
      db.prepare(
        `INSERT INTO "Masterclass" ("id", "title", "startsAt", "endsAt", "capacity", "status", "location", "createdAt", "updatedAt")
         VALUES (?, 'Limit', ?, ?, ?, 'published', 'Provinciehuis Utrecht', ?, ?)`,
      ).run(
        masterclassId,
        sqlDate(startsAt),
        sqlDate(new Date(startsAt.getTime() + 2 * 3600_000)),
        o.capacity,
        sqlDate(now),
        sqlDate(now),
      )
      const user = db.prepare(`INSERT INTO "User" ("id", "name", "email", "emailVerifiedAt", "updatedAt") VALUES (?, ?, ?, ?, ?)`)
      userIds.forEach((id, i) => user.run(id, `Deelnemer ${i}`, `limit-${i}@example.nl`, sqlDate(now), sqlDate(now)))
    })()

    const ticket = db.prepare(`
    UPDATE "Masterclass" SET "registrationSeq" = "registrationSeq" + 1 WHERE "id" = ?
    RETURNING "registrationSeq", "status", "capacity", "confirmedCount", "startsAt",
              "registrationOpensAt", "registrationClosesAt", "updatedAt"`)
    const seat = db.prepare(`
    UPDATE "Masterclass" SET "confirmedCount" = "confirmedCount" + ?
    WHERE "id" = ? AND "confirmedCount" + ? <= "capacity"`)
    const upsert = db.prepare(`
    INSERT INTO "Registration" ("id", "masterclassId", "userId", "status", "queueNumber", "createdAt", "registeredAt", "remindedAt", "addedById")
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT ("masterclassId", "userId") DO UPDATE SET
      "status" = excluded."status", "queueNumber" = excluded."queueNumber", "registeredAt" = excluded."registeredAt",
      "remindedAt" = excluded."remindedAt", "addedById" = excluded."addedById",
      "cancelledAt" = NULL, "promotedAt" = NULL, "attended" = NULL
    WHERE "Registration"."status" = 'cancelled'`)
    // What Prisma sends for registration.count({ where: { masterclassId, status: 'waitlisted', queueNumber: { lte } } }).
    const position = db.prepare(
      `SELECT COUNT(*) AS n FROM "Registration" WHERE "masterclassId" = ? AND "status" = ? AND "queueNumber" <= ?`,
    )
    const mail = db.prepare(
      `INSERT INTO "MailMessage" ("id", "to", "subject", "text", "html", "attachments") VALUES (?, ?, ?, ?, ?, ?)`,
    )
    const begin = db.prepare('BEGIN')
    const commit = db.prepare('COMMIT')
    const rollback = db.prepare('ROLLBACK')

    const register = (userId: string): string => {
      const at = new Date()
      begin.run()
      try {
        const gate = ticket.get(masterclassId) as {
          registrationSeq: number
          status: string
          startsAt: string
          registrationOpensAt: string | null
          registrationClosesAt: string | null
        }
        const refusal = registrationRefusal(
          {
            status: gate.status,
            startsAt: new Date(gate.startsAt),
            registrationOpensAt: gate.registrationOpensAt ? new Date(gate.registrationOpensAt) : null,
            registrationClosesAt: gate.registrationClosesAt ? new Date(gate.registrationClosesAt) : null,
          },
          at,
        )
        if (refusal) throw new Error(refusal)
        const confirmed = seat.run(1, masterclassId, 1).changes === 1
        const status = confirmed ? 'confirmed' : 'waitlisted'
        const stamp = sqlDate(at)
        const changed = upsert.run(
          randomUUID(),
          masterclassId,
          userId,
          status,
          gate.registrationSeq,
          stamp,
          stamp,
          null,
          null,
        ).changes
        if (changed !== 1) throw new Error('already registered')
        if (!confirmed) position.get(masterclassId, 'waitlisted', gate.registrationSeq)
        if (o.mail) mail.run(randomUUID(), o.mail.to, o.mail.subject, o.mail.text, o.mail.html, o.mail.attachments)
        commit.run()
        return status
      } catch (error) {
        rollback.run()
        throw error
      }
    }

    const latencies: number[] = []
    let confirmed = 0
    const started = performance.now()
    for (const userId of userIds) {
      const t0 = performance.now()
      if (register(userId) === 'confirmed') confirmed++
      latencies.push(performance.now() - t0)
    }
    const wallMs = performance.now() - started

    const m = db.prepare('SELECT "confirmedCount" FROM "Masterclass" WHERE "id" = ?').get(masterclassId) as {
      confirmedCount: number
    }
    const counts = db
      .prepare(
        `SELECT count(*) AS rows, count(DISTINCT "queueNumber") AS queues, sum("status" = 'confirmed') AS confirmed
         FROM "Registration" WHERE "masterclassId" = ?`,
      )
      .get(masterclassId) as { rows: number; queues: number; confirmed: number }
    const ok =
      counts.confirmed <= o.capacity &&
      counts.confirmed === m.confirmedCount &&
      counts.confirmed === confirmed &&
      counts.rows === o.registrations &&
      counts.queues === counts.rows
    return {
      synchronous: o.synchronous,
      withMail: Boolean(o.mail),
      registrations: o.registrations,
      wallMs,
      perSecond: (o.registrations / wallMs) * 1000,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      confirmed,
      waitlisted: o.registrations - confirmed,
      ok,
    }
  } finally {
    db.close()
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
  }
}
