// Sessions the way Lucia documents them (lucia-auth.com/sessions), written
// with @oslojs: see docs/decisions/0003-sessions-lucia-design.md.
//
// The cookie carries `<id>.<secret>`. The database stores the id and the
// SHA-256 hash of the secret, never the secret, so a leaked sessions table
// holds no usable token. Validation compares hashes in constant time.
import { constantTimeEqual } from '@oslojs/crypto/subtle'
import { endLiveSessions } from '~/services/document-live.server'
import { prisma } from '~/utils/db.server'
import { randomToken, sha256Of } from './crypto.server'
import { toRole, type Role } from './roles'

export type { Role }

const DAY = 24 * 60 * 60 * 1000
/** Sliding expiry: a session lives this long after it was last refreshed. */
export const SESSION_IDLE_MS = 30 * DAY
/** Refresh the sliding expiry once less than this is left, not on every request. */
const REFRESH_WHEN_LEFT_MS = 15 * DAY
/** Absolute cap: however active, a session ends this long after login. */
export const SESSION_ABSOLUTE_MS = 90 * DAY

export interface SessionUser {
  id: string
  email: string
  name: string
  role: 'member' | 'facilitator' | 'admin'
  locale: string | null
  emailVerified: boolean
}

export interface ValidSession {
  id: string
  /** The cookie value it was validated from (kept in memory only, to re-send the cookie). */
  token: string
  expiresAt: Date
  user: SessionUser
  /** True when the expiry moved, so the cookie should be sent again. */
  refreshed: boolean
}

export async function createSession(
  userId: string,
  { userAgent, now = new Date() }: { userAgent?: string | null; now?: Date } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const id = randomToken(20)
  const secret = randomToken(20)
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS)
  await prisma.session.create({
    data: {
      id,
      secretHash: Buffer.from(sha256Of(secret)),
      userId,
      createdAt: now,
      expiresAt,
      absoluteExpiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      userAgent: userAgent?.slice(0, 300) ?? null,
    },
  })
  return { token: `${id}.${secret}`, expiresAt }
}

export async function validateSessionToken(token: string, now = new Date()): Promise<ValidSession | null> {
  const [id, secret, ...rest] = token.split('.')
  if (!id || !secret || rest.length > 0 || id.length > 64 || secret.length > 64) return null

  const row = await prisma.session.findUnique({
    where: { id },
    include: { user: { select: sessionUserSelect } },
  })
  if (!row) return null
  if (!constantTimeEqual(sha256Of(secret), new Uint8Array(row.secretHash))) return null

  const { user } = row
  if (now >= row.expiresAt || now >= row.absoluteExpiresAt || user.deletedAt || !user.email) {
    await prisma.session.deleteMany({ where: { id } })
    return null
  }

  let expiresAt = row.expiresAt
  let refreshed = false
  if (row.expiresAt.getTime() - now.getTime() < REFRESH_WHEN_LEFT_MS) {
    expiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, row.absoluteExpiresAt.getTime()))
    await prisma.session.update({ where: { id }, data: { expiresAt } })
    refreshed = true
  }

  return { id, token, expiresAt, refreshed, user: sessionUserOf(user) }
}

const sessionUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  locale: true,
  emailVerifiedAt: true,
  deletedAt: true,
} as const

function sessionUserOf(user: {
  id: string
  email: string | null
  name: string
  role: string
  locale: string | null
  emailVerifiedAt: Date | null
}): SessionUser {
  return {
    id: user.id,
    email: user.email!,
    name: user.name,
    role: toRole(user.role),
    locale: user.locale,
    emailVerified: user.emailVerifiedAt !== null,
  }
}

/**
 * Whether a session validated earlier (a socket's handshake) is still valid:
 * its user as they are now and when it expires, or null when it has ended
 * (logged out, expired, account deleted). Does not refresh the expiry.
 */
export async function sessionStillValid(
  sessionId: string,
  now = new Date(),
): Promise<{ user: SessionUser; expiresAt: Date } | null> {
  const row = await prisma.session.findUnique({ where: { id: sessionId }, include: { user: { select: sessionUserSelect } } })
  if (!row || now >= row.expiresAt || now >= row.absoluteExpiresAt || row.user.deletedAt || !row.user.email) return null
  return { user: sessionUserOf(row.user), expiresAt: row.expiresAt }
}

/** Logs one session out, live connections included. */
export async function invalidateSession(sessionId: string): Promise<void> {
  await prisma.session.deleteMany({ where: { id: sessionId } })
  await endLiveSessions({ sessionIds: [sessionId] })
}

export async function deleteExpiredSessions(now = new Date()): Promise<number> {
  const { count } = await prisma.session.deleteMany({
    where: { OR: [{ expiresAt: { lte: now } }, { absoluteExpiresAt: { lte: now } }] },
  })
  return count
}
