// Links that work once and expire (password reset, e-mail verification).
// Only the SHA-256 hash of a token is stored; using one is a single
// conditional write, so a link cannot be used twice even by two requests at once.
import { encodeHexLowerCase } from '@oslojs/encoding'
import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { randomToken, sha256Of } from './crypto.server'

/** The client to use: `prisma`, or a transaction's `tx` so the token commits with the rest. */
type Db = Prisma.TransactionClient

export type TokenPurpose = 'password_reset' | 'email_verification'

const HOUR = 60 * 60 * 1000
export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  password_reset: 1 * HOUR,
  email_verification: 48 * HOUR,
}

function hashToken(token: string): string {
  return encodeHexLowerCase(sha256Of(token))
}

export async function createOneTimeToken(
  { userId, email, purpose }: { userId: string; email: string; purpose: TokenPurpose },
  { db = prisma, now = new Date() }: { db?: Db; now?: Date } = {},
): Promise<string> {
  const token = randomToken(25)
  await db.oneTimeToken.create({
    data: { userId, email, purpose, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[purpose]) },
  })
  return token
}

/** Marks the token used and returns whom it was for, or null when it is unknown, used or expired. */
export async function consumeOneTimeToken(
  token: string,
  purpose: TokenPurpose,
  { db = prisma, now = new Date() }: { db?: Db; now?: Date } = {},
): Promise<{ userId: string; email: string } | null> {
  if (token.length === 0 || token.length > 100) return null
  const tokenHash = hashToken(token)
  const { count } = await db.oneTimeToken.updateMany({
    where: { tokenHash, purpose, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  })
  if (count !== 1) return null
  return db.oneTimeToken.findUnique({ where: { tokenHash }, select: { userId: true, email: true } })
}

/** Whether a token would still work, without using it (to show the form). */
export async function isOneTimeTokenUsable(token: string, purpose: TokenPurpose, now = new Date()): Promise<boolean> {
  if (token.length === 0 || token.length > 100) return false
  const row = await prisma.oneTimeToken.findFirst({
    where: { tokenHash: hashToken(token), purpose, usedAt: null, expiresAt: { gt: now } },
    select: { id: true },
  })
  return row !== null
}

/** Whether a link of this purpose went to the user less than `withinMs` ago (against mail floods). */
export async function sentRecently(userId: string, purpose: TokenPurpose, withinMs: number, now = new Date()): Promise<boolean> {
  const row = await prisma.oneTimeToken.findFirst({
    where: { userId, purpose, createdAt: { gt: new Date(now.getTime() - withinMs) } },
    select: { id: true },
  })
  return row !== null
}
