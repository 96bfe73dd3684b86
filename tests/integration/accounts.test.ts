// Sign up, log in, throttling, password change and reset, e-mail verification:
// the routes' actions called directly on a fresh database.
import { describe, expect, it } from 'vitest'
import { validateSessionToken } from '~/auth/session.server'
import { action as loginAction } from '~/routes/login'
import { action as resetAction, loader as resetLoader } from '~/routes/reset-password.$token'
import { action as signupAction } from '~/routes/signup'
import { action as passwordAction } from '~/routes/settings.password'
import { loader as verifyLoader } from '~/routes/verify-email.$token'
import { action as forgotAction } from '~/routes/forgot-password'
import { latestMailTo } from '~/services/mail.server'
import { THROTTLE_RULES } from '~/auth/login-throttle.server'
import { verifyPassword } from '~/auth/password.server'
import { prisma } from '~/utils/db.server'
import { anonymousContext, formRequest, makeLoggedInUser, makeUser, routeArgs } from '../factories'

function cookieOf(response: Response): string {
  return response.headers.get('Set-Cookie') ?? ''
}

function tokenFrom(cookie: string): string {
  return decodeURIComponent(/peloton_session=([^;]*)/.exec(cookie)![1]!)
}

async function expectRedirect(result: unknown, to: string | RegExp): Promise<Response> {
  expect(result).toBeInstanceOf(Response)
  const response = result as Response
  expect(response.status).toBe(302)
  const location = response.headers.get('Location')!
  if (typeof to === 'string') expect(location).toBe(to)
  else expect(location).toMatch(to)
  return response
}

function fieldErrors(result: unknown): Record<string, string[] | null | undefined> {
  return ((result as { error?: Record<string, string[]> }).error ?? {}) as Record<string, string[]>
}

describe('sign up', () => {
  it('creates the account, logs in with an HttpOnly SameSite=Lax cookie and sends a verification link', async () => {
    const result = await signupAction(
      routeArgs(formRequest('/signup', { name: 'Anna de Vries', email: 'Anna@Gemeente.nl', password: 'bodem-en-ondergrond' })),
    )
    const response = await expectRedirect(result, '/settings/profile')
    const cookie = cookieOf(response)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).toMatch(/Path=\//)
    const session = await validateSessionToken(tokenFrom(cookie))
    expect(session?.user.email).toBe('anna@gemeente.nl')
    const user = await prisma.user.findUniqueOrThrow({ where: { email: 'anna@gemeente.nl' } })
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(user.emailVerifiedAt).toBeNull()
    const mail = await latestMailTo('anna@gemeente.nl')
    expect(mail?.text).toMatch(/\/verify-email\/[a-z2-7]+/)
  })

  it('refuses a duplicate e-mail address, a short password and an empty name, and creates nothing', async () => {
    await makeUser({ email: 'bestaat@example.nl' })
    const before = await prisma.user.count()
    const duplicate = await signupAction(
      routeArgs(formRequest('/signup', { name: 'X', email: 'BESTAAT@example.nl', password: 'lang genoeg wachtwoord' })),
    )
    expect(fieldErrors(duplicate).email).toEqual(['errors.emailTaken'])
    const short = await signupAction(
      routeArgs(formRequest('/signup', { name: 'Y', email: 'nieuw@example.nl', password: 'kort' })),
    )
    expect(fieldErrors(short).password).toEqual(['errors.passwordTooShort?min=10'])
    const empty = await signupAction(
      routeArgs(formRequest('/signup', { name: '  ', email: 'geen-email', password: 'lang genoeg wachtwoord' })),
    )
    expect(fieldErrors(empty).name).toEqual(['errors.required'])
    expect(fieldErrors(empty).email).toEqual(['errors.emailInvalid'])
    expect(await prisma.user.count()).toBe(before)
  })
})

describe('log in', () => {
  it('logs in with the right password and says nothing specific about a wrong one', async () => {
    const user = await makeUser()
    const ok = await loginAction(
      routeArgs(formRequest('/login', { email: user.email, password: user.password, redirectTo: '/people' })),
    )
    await expectRedirect(ok, '/people')
    const wrong = await loginAction(routeArgs(formRequest('/login', { email: user.email, password: 'not the password' })))
    expect((wrong as { error: Record<string, string[]> }).error['']).toEqual(['errors.invalidCredentials'])
    const unknown = await loginAction(
      routeArgs(formRequest('/login', { email: 'niemand@example.nl', password: 'whatever it is' })),
    )
    expect((unknown as { error: Record<string, string[]> }).error['']).toEqual(['errors.invalidCredentials'])
  })

  it('never redirects to another site after logging in', async () => {
    const user = await makeUser()
    const result = await loginAction(
      routeArgs(formRequest('/login', { email: user.email, password: user.password, redirectTo: '//evil.example/x' })),
    )
    await expectRedirect(result, '/')
  })

  it('throttles an account after 5 failures, even for the right password, with a clear message', async () => {
    const user = await makeUser()
    const ctx = { ...anonymousContext, clientIp: '10.0.0.1' } as never
    for (let i = 0; i < THROTTLE_RULES.account.maxFailures; i++) {
      await loginAction(routeArgs(formRequest('/login', { email: user.email, password: `wrong ${i}` }), ctx))
    }
    const blocked = await loginAction(
      routeArgs(formRequest('/login', { email: user.email, password: user.password }), {
        ...anonymousContext,
        clientIp: '10.0.0.2',
      } as never),
    )
    expect(blocked).not.toBeInstanceOf(Response)
    expect((blocked as { error: Record<string, string[]> }).error['']![0]).toMatch(/^errors\.throttled\?time=\d\d%3A\d\d$/)
    // Another account is not affected.
    const other = await makeUser()
    await expectRedirect(
      await loginAction(routeArgs(formRequest('/login', { email: other.email, password: other.password }), ctx)),
      '/',
    )
  })

  it('throttles an IP address that tries many accounts', async () => {
    const ctx = { ...anonymousContext, clientIp: '192.0.2.7' } as never
    for (let i = 0; i < THROTTLE_RULES.ip.maxFailures; i++) {
      await loginAction(routeArgs(formRequest('/login', { email: `guess${i}@example.nl`, password: 'password123' }), ctx))
    }
    const user = await makeUser()
    const blocked = await loginAction(routeArgs(formRequest('/login', { email: user.email, password: user.password }), ctx))
    expect((blocked as { error: Record<string, string[]> }).error['']![0]).toMatch(/^errors\.throttled/)
    // From another address the same account logs in.
    await expectRedirect(
      await loginAction(
        routeArgs(formRequest('/login', { email: user.email, password: user.password }), {
          ...anonymousContext,
          clientIp: '192.0.2.8',
        } as never),
      ),
      '/',
    )
  })
})

describe('passwords', () => {
  it('changing the password ends every other session but keeps this one', async () => {
    const { user, token, context } = await makeLoggedInUser()
    const other = await makeLoggedInUser({ email: `x-${user.email}` })
    const { createSession } = await import('~/auth/session.server')
    const second = await createSession(user.id)
    const wrong = await passwordAction(
      routeArgs(
        formRequest('/settings/password', { currentPassword: 'nope nope nope', newPassword: 'een nieuw wachtwoord' }),
        context as never,
      ),
    )
    expect(fieldErrors((wrong as { result: unknown }).result).currentPassword).toEqual(['errors.wrongPassword'])
    const result = await passwordAction(
      routeArgs(
        formRequest('/settings/password', { currentPassword: user.password, newPassword: 'een nieuw wachtwoord' }),
        context as never,
      ),
    )
    expect((result as { changed: boolean }).changed).toBe(true)
    expect(await validateSessionToken(token)).not.toBeNull()
    expect(await validateSessionToken(second.token)).toBeNull()
    expect(await validateSessionToken(other.token)).not.toBeNull()
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(await verifyPassword(row.passwordHash!, 'een nieuw wachtwoord')).toBe(true)
  })

  it('resets a forgotten password through a link that works once', async () => {
    const user = await makeUser()
    const { createSession } = await import('~/auth/session.server')
    const old = await createSession(user.id)
    const sent = await forgotAction(routeArgs(formRequest('/forgot-password', { email: user.email })))
    expect((sent as { sent: boolean }).sent).toBe(true)
    const mail = await latestMailTo(user.email)
    const token = /\/reset-password\/([a-z2-7]+)/.exec(mail!.text)![1]!
    expect((await resetLoader(routeArgs(new Request('http://localhost/'), anonymousContext as never, { token }))).usable).toBe(
      true,
    )

    const done = await resetAction(
      routeArgs(formRequest('/reset-password', { password: 'mijn nieuwe wachtwoord' }), anonymousContext as never, { token }),
    )
    await expectRedirect(done, '/login?notice=reset')
    // Every session ended; the new password works; the link is spent.
    expect(await validateSessionToken(old.token)).toBeNull()
    await expectRedirect(
      await loginAction(routeArgs(formRequest('/login', { email: user.email, password: 'mijn nieuwe wachtwoord' }))),
      '/',
    )
    const again = await resetAction(
      routeArgs(formRequest('/reset-password', { password: 'nog een wachtwoord' }), anonymousContext as never, { token }),
    )
    expect((again as { error: Record<string, string[]> }).error['']).toEqual(['auth.resetInvalid'])
    expect((await resetLoader(routeArgs(new Request('http://localhost/'), anonymousContext as never, { token }))).usable).toBe(
      false,
    )
  })

  it('refuses an expired reset link, and answers the same for an unknown address', async () => {
    const user = await makeUser()
    await forgotAction(routeArgs(formRequest('/forgot-password', { email: user.email })))
    const token = /\/reset-password\/([a-z2-7]+)/.exec((await latestMailTo(user.email))!.text)![1]!
    await prisma.oneTimeToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } })
    const expired = await resetAction(
      routeArgs(formRequest('/reset-password', { password: 'mijn nieuwe wachtwoord' }), anonymousContext as never, { token }),
    )
    expect((expired as { error: Record<string, string[]> }).error['']).toEqual(['auth.resetInvalid'])

    const mailsBefore = await prisma.mailMessage.count()
    const unknown = await forgotAction(routeArgs(formRequest('/forgot-password', { email: 'niemand@example.nl' })))
    expect((unknown as { sent: boolean }).sent).toBe(true)
    expect(await prisma.mailMessage.count()).toBe(mailsBefore)
  })
})

describe('e-mail verification', () => {
  it('confirms the address once through the e-mailed link', async () => {
    await signupAction(
      routeArgs(formRequest('/signup', { name: 'Bram', email: 'bram@example.nl', password: 'bodem-en-ondergrond' })),
    )
    const token = /\/verify-email\/([a-z2-7]+)/.exec((await latestMailTo('bram@example.nl'))!.text)![1]!
    expect((await verifyLoader(routeArgs(new Request('http://localhost/'), anonymousContext as never, { token }))).verified).toBe(
      true,
    )
    expect((await prisma.user.findUniqueOrThrow({ where: { email: 'bram@example.nl' } })).emailVerifiedAt).not.toBeNull()
    expect((await verifyLoader(routeArgs(new Request('http://localhost/'), anonymousContext as never, { token }))).verified).toBe(
      false,
    )
  })
})

describe('throttle under parallel guessing', () => {
  it('lets no more than 5 guesses at one account reach the password check, however many arrive at once', async () => {
    const user = await makeUser()
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        loginAction(
          routeArgs(formRequest('/login', { email: user.email, password: `guess ${i}` }), {
            ...anonymousContext,
            clientIp: `198.51.100.${i}`,
          } as never),
        ),
      ),
    )
    const messages = results.map((r) => (r as { error: Record<string, string[]> }).error['']![0]!.split('?')[0])
    expect(messages.filter((m) => m === 'errors.invalidCredentials')).toHaveLength(THROTTLE_RULES.account.maxFailures)
    expect(messages.filter((m) => m === 'errors.throttled')).toHaveLength(20 - THROTTLE_RULES.account.maxFailures)
  })

  it('takes a successful attempt back from the address count', async () => {
    const ctx = { ...anonymousContext, clientIp: '203.0.113.9' } as never
    for (let i = 0; i < THROTTLE_RULES.ip.maxFailures - 1; i++) {
      const user = await makeUser()
      await expectRedirect(
        await loginAction(routeArgs(formRequest('/login', { email: user.email, password: user.password }), ctx)),
        '/',
      )
    }
    // Nineteen good logins from one office do not lock it out.
    const last = await makeUser()
    await expectRedirect(
      await loginAction(routeArgs(formRequest('/login', { email: last.email, password: last.password }), ctx)),
      '/',
    )
  })
})

describe('e-mailed links', () => {
  it('sends at most one reset mail a minute to an address, and a reset voids every older link', async () => {
    const user = await makeUser()
    await forgotAction(routeArgs(formRequest('/forgot-password', { email: user.email })))
    await forgotAction(routeArgs(formRequest('/forgot-password', { email: user.email })))
    expect(await prisma.mailMessage.count({ where: { to: user.email, subject: { contains: 'wachtwoord' } } })).toBe(1)

    // An older link (made a while ago), then the newest one is used: the older one stops working.
    await prisma.oneTimeToken.updateMany({ where: { userId: user.id }, data: { createdAt: new Date(Date.now() - 120_000) } })
    const older = /\/reset-password\/([a-z2-7]+)/.exec((await latestMailTo(user.email))!.text)![1]!
    await forgotAction(routeArgs(formRequest('/forgot-password', { email: user.email })))
    const newest = /\/reset-password\/([a-z2-7]+)/.exec((await latestMailTo(user.email))!.text)![1]!
    expect(newest).not.toBe(older)
    await expectRedirect(
      await resetAction(
        routeArgs(formRequest('/r', { password: 'een heel nieuw wachtwoord' }), anonymousContext as never, { token: newest }),
      ),
      '/login?notice=reset',
    )
    const again = await resetAction(
      routeArgs(formRequest('/r', { password: 'nog een ander wachtwoord' }), anonymousContext as never, { token: older }),
    )
    expect((again as { error: Record<string, string[]> }).error['']).toEqual(['auth.resetInvalid'])
  })
})
