// Accounts: sign up, log in, passwords, e-mail verification.
import { createOneTimeToken, consumeOneTimeToken } from '~/auth/one-time-token.server'
import { clearAccountFailures, loginLockedUntil, recordFailedLogin } from '~/auth/login-throttle.server'
import { burnPasswordCheck, hashPassword, verifyPassword } from '~/auth/password.server'
import { invalidateOtherSessions } from '~/auth/session.server'
import type { Language } from '~/i18n/config'
import { fixedT } from '~/i18n/i18next.server'
import { queueMail } from '~/services/mail.server'
import { prisma } from '~/utils/db.server'
import { appUrl, env } from '~/utils/env.server'
import { UserInputError } from '~/utils/errors'
import { Prisma } from '~/generated/prisma/client'

export async function signUp({ name, email, password, lng }: { name: string; email: string; password: string; lng: Language }) {
  const passwordHash = await hashPassword(password)
  try {
    const user = await prisma.user.create({ data: { name, email, passwordHash, locale: lng }, select: { id: true } })
    await sendEmailVerification(user.id, lng)
    return user
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
    const until = await loginLockedUntil(email, ip)
    if (until) return { ok: false, reason: 'throttled', until }
  }
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, deletedAt: true } })
  const valid =
    user?.passwordHash && !user.deletedAt
      ? await verifyPassword(user.passwordHash, password)
      : (await burnPasswordCheck(password), false)
  if (!valid || !user) {
    if (throttle) await recordFailedLogin(email, ip)
    return { ok: false, reason: 'invalid' }
  }
  await clearAccountFailures(email)
  return { ok: true, userId: user.id }
}

/** Changes the password and ends every other session of the user. */
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
  await prisma.user.update({ where: { id: userId }, data: { passwordHash } })
  await invalidateOtherSessions(userId, keepSessionId)
}

/** Sends a reset link when the address has an account; says nothing either way. */
export async function requestPasswordReset(email: string, lng: Language): Promise<void> {
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, name: true, email: true, locale: true, deletedAt: true },
  })
  if (!user?.email || user.deletedAt) return
  const token = await createOneTimeToken({ userId: user.id, email: user.email, purpose: 'password_reset' })
  const t = await fixedT(user.locale === 'en' || user.locale === 'nl' ? user.locale : lng)
  const url = `${appUrl()}/reset-password/${token}`
  await queueMail({
    to: user.email,
    subject: t('mail.resetSubject'),
    text: `${t('mail.greeting', { name: user.name })}\n\n${t('mail.resetBody', { url })}\n\n${t('mail.signoff')}\n`,
  })
}

/** Sets a new password from a reset link; ends every session. False when the link does not work. */
export async function resetPassword(token: string, newPassword: string): Promise<boolean> {
  const passwordHash = await hashPassword(newPassword)
  const owner = await consumeOneTimeToken(token, 'password_reset')
  if (!owner) return false
  await prisma.$transaction([
    prisma.user.update({ where: { id: owner.userId }, data: { passwordHash } }),
    prisma.session.deleteMany({ where: { userId: owner.userId } }),
    prisma.loginThrottle.deleteMany({ where: { key: `account:${owner.email}` } }),
  ])
  return true
}

export async function sendEmailVerification(userId: string, lng: Language): Promise<void> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, name: true, email: true } })
  if (!user.email) return
  const token = await createOneTimeToken({ userId: user.id, email: user.email, purpose: 'email_verification' })
  const t = await fixedT(lng)
  const url = `${appUrl()}/verify-email/${token}`
  await queueMail({
    to: user.email,
    subject: t('mail.verifySubject'),
    text: `${t('mail.greeting', { name: user.name })}\n\n${t('mail.verifyBody', { url })}\n\n${t('mail.signoff')}\n`,
  })
}

/** Confirms the address the link was sent to, if it is still the account's address. */
export async function verifyEmail(token: string): Promise<boolean> {
  const owner = await consumeOneTimeToken(token, 'email_verification')
  if (!owner) return false
  const { count } = await prisma.user.updateMany({
    where: { id: owner.userId, email: owner.email },
    data: { emailVerifiedAt: new Date() },
  })
  return count === 1
}
