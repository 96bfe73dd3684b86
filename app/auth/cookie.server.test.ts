import { afterEach, describe, expect, it, vi } from 'vitest'

// env() is parsed once per module instance, so each case loads a fresh copy.
async function cookieModule(nodeEnv: 'production' | 'development') {
  vi.resetModules()
  vi.stubEnv('NODE_ENV', nodeEnv)
  return import('./cookie.server')
}

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('session cookie', () => {
  it('is __Host- prefixed, Secure, HttpOnly and SameSite=Lax in production', async () => {
    const { sessionCookie, clearedSessionCookie, readSessionToken } = await cookieModule('production')
    const now = new Date('2026-01-01T00:00:00Z')
    const cookie = sessionCookie('abc.def', new Date(now.getTime() + 30 * 24 * 3600 * 1000), now)
    expect(cookie).toBe('__Host-peloton_session=abc.def; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000; Secure')
    // __Host- cookies must be Secure, have Path=/ and no Domain.
    expect(cookie).not.toMatch(/Domain=/i)
    expect(clearedSessionCookie()).toMatch(/^__Host-peloton_session=; .*Max-Age=0/)
    expect(readSessionToken('a=1; __Host-peloton_session=abc.def; b=2')).toBe('abc.def')
    expect(readSessionToken('peloton_session=abc.def')).toBeNull()
  })

  it('has no prefix and no Secure flag in development, where plain http is used', async () => {
    const { sessionCookie } = await cookieModule('development')
    const cookie = sessionCookie('abc.def', new Date(Date.now() + 1000))
    expect(cookie).toMatch(/^peloton_session=abc\.def; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/)
  })
})
