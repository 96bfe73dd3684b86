// Who is on the other end of a /collab connection: the normal session cookie,
// sent from the app's own origin (the same rule as the CSRF guard, so a page
// on another site cannot open a socket with a visitor's cookie).
import type { IncomingHttpHeaders } from 'node:http'
import { readSessionToken } from '~/auth/cookie.server'
import { isCrossSiteRequest } from '~/auth/csrf.server'
import { validateSessionToken, type SessionUser } from '~/auth/session.server'
import { logger } from '~/utils/logger.server'

function originOf(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

export function isOwnOrigin(headers: IncomingHttpHeaders, appUrl?: string): boolean {
  const origin = headers.origin
  if (origin !== undefined && appUrl !== undefined && originOf(origin) !== null && originOf(origin) === originOf(appUrl)) {
    return true
  }
  // A handshake is treated like a request that changes something: Origin (when sent) must be our host.
  return !isCrossSiteRequest({
    method: 'POST',
    host: headers.host,
    origin,
    secFetchSite: typeof headers['sec-fetch-site'] === 'string' ? headers['sec-fetch-site'] : undefined,
  })
}

export interface HandshakeSession {
  sessionId: string
  user: SessionUser
  expiresAt: Date
}

/** The session and its user, or null when the handshake must be refused with `unauthorized`. Never throws. */
export async function authenticateHandshake(headers: IncomingHttpHeaders, appUrl?: string): Promise<HandshakeSession | null> {
  try {
    if (!isOwnOrigin(headers, appUrl)) return null
    const token = readSessionToken(headers.cookie)
    if (!token) return null
    const session = await validateSessionToken(token)
    return session ? { sessionId: session.id, user: session.user, expiresAt: session.expiresAt } : null
  } catch (error) {
    logger.error({ err: error }, 'collab handshake failed')
    return null
  }
}
