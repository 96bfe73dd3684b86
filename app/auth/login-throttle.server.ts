// Throttles failed logins per account and per IP address. Counts live in the
// database (LoginThrottle) so every server process sees the same numbers and
// a restart does not reset them.
import { prisma } from '~/utils/db.server'

const MINUTE = 60 * 1000

export const THROTTLE_RULES = {
  /** Per account: 5 failures within 15 minutes lock the account's logins for 15 minutes. */
  account: { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  /** Per IP address: 20 failures within 15 minutes lock that address for 15 minutes. */
  ip: { maxFailures: 20, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
} as const

type Kind = keyof typeof THROTTLE_RULES

function keysFor(email: string, ip: string): Array<{ key: string; kind: Kind }> {
  return [
    { key: `account:${email.toLowerCase()}`, kind: 'account' },
    { key: `ip:${ip}`, kind: 'ip' },
  ]
}

/** When logins for this account or address are locked, until when. */
export async function loginLockedUntil(email: string, ip: string, now = new Date()): Promise<Date | null> {
  const keys = keysFor(email, ip).map((k) => k.key)
  const rows = await prisma.loginThrottle.findMany({ where: { key: { in: keys }, lockedUntil: { gt: now } } })
  if (rows.length === 0) return null
  return new Date(Math.max(...rows.map((r) => r.lockedUntil!.getTime())))
}

export async function recordFailedLogin(email: string, ip: string, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    for (const { key, kind } of keysFor(email, ip)) {
      const rule = THROTTLE_RULES[kind]
      const row = await tx.loginThrottle.findUnique({ where: { key } })
      const windowOpen = row !== null && now.getTime() - row.windowStart.getTime() < rule.windowMs
      const failures = windowOpen ? row.failures + 1 : 1
      const lockedUntil = failures >= rule.maxFailures ? new Date(now.getTime() + rule.lockMs) : (row?.lockedUntil ?? null)
      await tx.loginThrottle.upsert({
        where: { key },
        create: { key, failures, windowStart: now, lockedUntil },
        update: { failures, windowStart: windowOpen ? row.windowStart : now, lockedUntil },
      })
    }
  })
}

/** A successful login clears the account's count (not the address's). */
export async function clearAccountFailures(email: string): Promise<void> {
  await prisma.loginThrottle.deleteMany({ where: { key: `account:${email.toLowerCase()}` } })
}
