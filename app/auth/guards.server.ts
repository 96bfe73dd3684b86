// What a route asks before it does anything: who is this, and may they?
import { redirect, type AppLoadContext } from '@remix-run/node'
import type { Role, SessionUser } from './session.server'
import { forbidden } from '~/utils/responses.server'

const RANK: Record<Role, number> = { member: 0, facilitator: 1, admin: 2 }

export function getUser(context: AppLoadContext): SessionUser | null {
  return context.session?.user ?? null
}

/** The logged-in user, or a redirect to /login that comes back here afterwards. */
export function requireUser(context: AppLoadContext, request: Request): SessionUser {
  const user = getUser(context)
  if (user) return user
  const url = new URL(request.url)
  throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`)
}

export function hasRole(user: SessionUser | null, role: Role): boolean {
  return user !== null && RANK[user.role] >= RANK[role]
}

/** The user when they hold `role` (or a higher one), otherwise 403. */
export function requireRole(context: AppLoadContext, request: Request, role: Role): SessionUser {
  const user = requireUser(context, request)
  if (!hasRole(user, role)) throw forbidden()
  return user
}

export function requireAnonymous(context: AppLoadContext): void {
  if (getUser(context)) throw redirect('/')
}

const OWN_ORIGIN = 'http://peloton.invalid'

/**
 * Only a path on our own site, so a redirectTo cannot send people elsewhere.
 * Browsers drop tabs and newlines from URLs and read a backslash as `/`, so
 * `/\t/evil.example` would become `//evil.example`: the value is resolved the
 * way a browser would and refused unless it stays on our origin.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (typeof to !== 'string' || !to.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(to)) return fallback
  try {
    const url = new URL(to, OWN_ORIGIN)
    return url.origin === OWN_ORIGIN ? url.pathname + url.search + url.hash : fallback
  } catch {
    return fallback
  }
}
