// Throttles failed logins per account and per IP address. Counts live in the
// database (LoginThrottle) so every server process sees the same numbers and
// a restart does not reset them.
//
// An attempt is counted BEFORE its password is checked, in one transaction
// with the lock check, so parallel guesses cannot all slip past the limit;
// a successful login then takes its count back.
import { prisma } from '~/utils/db.server'

const MINUTE = 60 * 1000

export const THROTTLE_RULES = {
  /** Per account: 5 failures within 15 minutes lock the account's logins for 15 minutes. */
  account: { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  /** Per IP address: 20 failures within 15 minutes lock that address for 15 minutes. */
  ip: { maxFailures: 20, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
} as const

type Kind = keyof typeof THROTTLE_RULES

export function accountThrottleKey(email: string): string {
  return `account:${email.toLowerCase()}`
}

function keysFor(email: string, ip: string): Array<{ key: string; kind: Kind }> {
  return [
    { key: accountThrottleKey(email), kind: 'account' },
    { key: `ip:${ip}`, kind: 'ip' },
  ]
}

/**
 * Counts a login attempt for the account and the address, unless either is
 * locked: then nothing is counted and the time the lock ends is returned.
 */
export async function beginLoginAttempt(email: string, ip: string, now = new Date()): Promise<{ lockedUntil: Date } | null> {
  return prisma.$transaction(async (tx) => {
    const keys = keysFor(email, ip)
    const rows = await tx.loginThrottle.findMany({ where: { key: { in: keys.map((k) => k.key) } } })
    const locked = rows.filter((r) => r.lockedUntil && r.lockedUntil > now)
    if (locked.length) return { lockedUntil: new Date(Math.max(...locked.map((r) => r.lockedUntil!.getTime()))) }
    for (const { key, kind } of keys) {
      const rule = THROTTLE_RULES[kind]
      const row = rows.find((r) => r.key === key)
      const windowOpen = row !== undefined && now.getTime() - row.windowStart.getTime() < rule.windowMs
      const failures = windowOpen ? row.failures + 1 : 1
      const lockedUntil = failures >= rule.maxFailures ? new Date(now.getTime() + rule.lockMs) : null
      const windowStart = windowOpen ? row.windowStart : now
      await tx.loginThrottle.upsert({
        where: { key },
        create: { key, failures, windowStart, lockedUntil },
        update: { failures, windowStart, lockedUntil },
      })
    }
    return null
  })
}

/** The password was right: forget the account's failures and take back this attempt's count for the address. */
export async function loginSucceeded(email: string, ip: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.loginThrottle.deleteMany({ where: { key: accountThrottleKey(email) } })
    const ipKey = `ip:${ip}`
    const row = await tx.loginThrottle.findUnique({ where: { key: ipKey } })
    if (!row) return
    const failures = Math.max(0, row.failures - 1)
    await tx.loginThrottle.update({
      where: { key: ipKey },
      data: { failures, lockedUntil: failures < THROTTLE_RULES.ip.maxFailures ? null : row.lockedUntil },
    })
  })
}
