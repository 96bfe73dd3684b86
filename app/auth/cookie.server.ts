// The session cookie: HttpOnly, SameSite=Lax, Path=/; in production also
// Secure with the `__Host-` prefix (browsers accept Secure cookies on
// http://localhost, so the production build works locally too).
import { env } from '~/utils/env.server'

function isProduction() {
  return env().NODE_ENV === 'production'
}

export function sessionCookieName(): string {
  return isProduction() ? '__Host-peloton_session' : 'peloton_session'
}

export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq === -1) continue
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim())
      } catch {
        return null
      }
    }
  }
  return null
}

export function readSessionToken(cookieHeader: string | null | undefined): string | null {
  return readCookie(cookieHeader, sessionCookieName())
}

function attributes(maxAgeSeconds: number): string {
  const parts = ['Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`]
  if (isProduction()) parts.push('Secure')
  return parts.join('; ')
}

export function sessionCookie(token: string, expiresAt: Date, now = new Date()): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000))
  return `${sessionCookieName()}=${encodeURIComponent(token)}; ${attributes(maxAge)}`
}

export function clearedSessionCookie(): string {
  return `${sessionCookieName()}=; ${attributes(0)}`
}
