// What server.ts hands every loader and action: the validated session (so
// routes never parse cookies themselves) and the client's address.
import type { AppLoadContext } from '@remix-run/node'
import type { ValidSession } from '~/auth/session.server'
import { validateSessionToken } from '~/auth/session.server'
import { readSessionToken } from '~/auth/cookie.server'

export interface PelotonLoadContext {
  session: ValidSession | null
  clientIp: string
  /** A CSP nonce for inline scripts of this response. */
  cspNonce: string
}

declare module '@remix-run/node' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends PelotonLoadContext {}
}

export async function buildLoadContext(
  cookieHeader: string | null | undefined,
  clientIp: string,
  cspNonce: string,
): Promise<AppLoadContext> {
  const token = readSessionToken(cookieHeader)
  const session = token ? await validateSessionToken(token) : null
  return { session, clientIp, cspNonce }
}
