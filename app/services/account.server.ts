// Accounts: sign up, log in, passwords, e-mail verification.
import { accountThrottleKey, beginLoginAttempt, loginSucceeded } from '~/auth/login-throttle.server'
import { consumeOneTimeToken, createOneTimeToken, sentRecently, type TokenPurpose } from '~/auth/one-time-token.server'
import { burnPasswordCheck, hashPassword, verifyPassword } from '~/auth/password.server'
import { isLanguage, type Language } from '~/i18n/config'
import { fixedT } from '~/i18n/i18next.server'
import { queueMail, wakeMailWorker } from '~/services/mail.server'
import { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { appUrl, env } from '~/utils/env.server'
import { UserInputError } from '~/utils/errors'
import { endLiveSessions } from './document-live.server'

/** At most one reset or verification mail per account and purpose in this time. */
export const LINK_MAIL_COOLDOWN_MS = 60 * 1000

export async function signUp({ name, email, password, lng }: { name: string; email: string; password: string; lng: Language }) {
  const passwordHash = await hashPassword(password)
  try {
    // The account and its verification mail commit together.
    const user = await prisma.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { name, email, passwordHash, locale: lng },
        select: { id: true, name: true, email: true },
      })
      await queueLinkMail(tx, { userId: created.id, name, email, lng, purpose: 'email_verification' })
      return created
    })
    wakeMailWorker()
    return { id: user.id }
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new UserInputError('email', 'errors.emailTaken')
    }
    throw error
  }
}

export type LoginResult =
  { ok: true; userId: string } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'throttled'; until: Date }

export async function logIn({ email, password, ip }: { email: string; password: string; ip: string }): Promise<LoginResult> {
  const throttle = env().LOGIN_THROTTLE
  if (throttle) {
    const locked = await beginLoginAttempt(email, ip)
    if (locked) return { ok: false, reason: 'throttled', until: locked.lockedUntil }
  }
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, deletedAt: true } })
  const valid =
    user?.passwordHash && !user.deletedAt
      ? await verifyPassword(user.passwordHash, password)
      : (await burnPasswordCheck(password), false)
  if (!valid || !user) return { ok: false, reason: 'invalid' }
  if (throttle) await loginSucceeded(email, ip)
  return { ok: true, userId: user.id }
}

/** Changes the password, ends every other session and voids outstanding reset links. */
export async function changePassword({
  userId,
  keepSessionId,
  currentPassword,
  newPassword,
}: {
  userId: string
  keepSessionId: string
  currentPassword: string
  newPassword: string
}): Promise<void> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } })
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new UserInputError('currentPassword', 'errors.wrongPassword')
  }
  const passwordHash = await hashPassword(newPassword)
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { passwordHash } }),
    prisma.session.deleteMany({ where: { userId, id: { not: keepSessionId } } }),
    prisma.oneTimeToken.deleteMany({ where: { userId, purpose: 'password_reset', usedAt: null } }),
  ])
  await endLiveSessions({ userId, exceptSessionId: keepSessionId })
}

/** Sends a reset link when the address has an account; says nothing either way. */
export async function requestPasswordReset(email: string, lng: Language): Promise<void> {
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, name: true, email: true, locale: true, deletedAt: true },
  })
  if (!user?.email || user.deletedAt) return
  if (await sentRecently(user.id, 'password_reset', LINK_MAIL_COOLDOWN_MS)) return
  await prisma.$transaction((tx) =>
    queueLinkMail(tx, {
      userId: user.id,
      name: user.name,
      email: user.email!,
      lng: preferred(user.locale, lng),
      purpose: 'password_reset',
    }),
  )
  wakeMailWorker()
}

/**
 * Sets a new password from a reset link, in one transaction: the link is used
 * up, every other reset link and every session ends. False when the link does not work.
 */
export async function resetPassword(token: string, newPassword: string): Promise<boolean> {
  const passwordHash = await hashPassword(newPassword)
  const userId = await prisma.$transaction(async (tx) => {
    const owner = await consumeOneTimeToken(token, 'password_reset', { db: tx })
    if (!owner) return null
    await tx.user.update({ where: { id: owner.userId }, data: { passwordHash } })
    await tx.session.deleteMany({ where: { userId: owner.userId } })
    await tx.oneTimeToken.deleteMany({ where: { userId: owner.userId, purpose: 'password_reset', usedAt: null } })
    await tx.loginThrottle.deleteMany({ where: { key: accountThrottleKey(owner.email) } })
    return owner.userId
  })
  if (userId === null) return false
  await endLiveSessions({ userId })
  return true
}

/** Sends a new confirmation link (at most one a minute). */
export async function sendEmailVerification(userId: string, lng: Language): Promise<void> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, name: true, email: true, locale: true },
  })
  if (!user.email) return
  if (await sentRecently(user.id, 'email_verification', LINK_MAIL_COOLDOWN_MS)) return
  await prisma.$transaction((tx) =>
    queueLinkMail(tx, {
      userId: user.id,
      name: user.name,
      email: user.email!,
      lng: preferred(user.locale, lng),
      purpose: 'email_verification',
    }),
  )
  wakeMailWorker()
}

/** Confirms the address the link was sent to, if it is still the account's address. */
export async function verifyEmail(token: string): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const owner = await consumeOneTimeToken(token, 'email_verification', { db: tx })
    if (!owner) return false
    const { count } = await tx.user.updateMany({
      where: { id: owner.userId, email: owner.email },
      data: { emailVerifiedAt: new Date() },
    })
    return count === 1
  })
}

/** The member's own language choice wins over the current request's. */
function preferred(saved: string | null, requested: Language): Language {
  return isLanguage(saved) ? saved : requested
}

const LINK_MAIL = {
  password_reset: { path: '/reset-password/', subject: 'mail.resetSubject', body: 'mail.resetBody' },
  email_verification: { path: '/verify-email/', subject: 'mail.verifySubject', body: 'mail.verifyBody' },
} as const satisfies Record<TokenPurpose, { path: string; subject: string; body: string }>

async function queueLinkMail(
  tx: Prisma.TransactionClient,
  { userId, name, email, lng, purpose }: { userId: string; name: string; email: string; lng: Language; purpose: TokenPurpose },
): Promise<void> {
  const token = await createOneTimeToken({ userId, email, purpose }, { db: tx })
  const t = await fixedT(lng)
  const kind = LINK_MAIL[purpose]
  const url = `${appUrl()}${kind.path}${token}`
  await queueMail(
    {
      to: email,
      subject: t(kind.subject),
      text: `${t('mail.greeting', { name })}\n\n${t(kind.body, { url })}\n\n${t('mail.signoff')}\n`,
    },
    tx,
  )
}
