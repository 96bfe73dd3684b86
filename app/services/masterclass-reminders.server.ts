// The reminder the day before, scheduled from the database rather than from
// timers: a periodic pass (server.ts, every few minutes) finds confirmed
// registrations of masterclasses that start within REMINDER_WINDOW_MS and
// have no `remindedAt`, and for each one marks it and queues the mail in ONE
// transaction. A restart therefore neither loses a reminder (the next pass
// finds what is still unmarked) nor repeats one (mark and mail commit together,
// and the mark is a conditional write, so two processes cannot both send it).
import { logger } from '~/utils/logger.server'
import { prisma } from '~/utils/db.server'
import { icsSelect } from './masterclass-calendar.server'
import { queueMasterclassMail, recipientSelect } from './masterclass-mail.server'
import { wakeMailWorker } from './mail.server'
import { REMINDER_WINDOW_MS } from './registration-gate.server'

export const REMINDER_INTERVAL_MS = 5 * 60 * 1000
const BATCH = 200

/** Queues the reminders that are due at `now`; returns how many. */
export async function sendDueReminders(now = new Date()): Promise<number> {
  const dueWhere = {
    status: 'confirmed',
    remindedAt: null,
    masterclass: { status: 'published', startsAt: { gt: now, lte: new Date(now.getTime() + REMINDER_WINDOW_MS) } },
  }
  const due = await prisma.registration.findMany({
    where: dueWhere,
    orderBy: { id: 'asc' },
    take: BATCH,
    select: { id: true },
  })
  let sent = 0
  for (const { id } of due) {
    const queued = await prisma.$transaction(async (tx) => {
      // The same conditions again: a masterclass cancelled or moved since the read is not reminded.
      const { count } = await tx.registration.updateMany({ where: { id, ...dueWhere }, data: { remindedAt: now } })
      if (count === 0) return false
      const r = await tx.registration.findUniqueOrThrow({
        where: { id },
        select: { user: { select: recipientSelect }, masterclass: { select: icsSelect } },
      })
      await queueMasterclassMail(tx, 'reminder', r.user, r.masterclass)
      return true
    })
    if (queued) sent++
  }
  if (sent) wakeMailWorker()
  return sent
}

/** The periodic pass for server.ts; stop() clears it on shutdown. */
export function startReminderSchedule(intervalMs = REMINDER_INTERVAL_MS): { stop(): void } {
  const run = () => {
    sendDueReminders().catch((error: unknown) => logger.error({ err: error }, 'sending masterclass reminders failed'))
  }
  const timer = setInterval(run, intervalMs)
  timer.unref()
  run()
  return { stop: () => clearInterval(timer) }
}
