// Starting and ending a session from a route.
import { redirect, type AppLoadContext } from '@remix-run/node'
import { clearedSessionCookie, sessionCookie } from './cookie.server'
import { createSession, invalidateSession } from './session.server'

export async function startSessionAndRedirect(userId: string, request: Request, to: string): Promise<Response> {
  const { token, expiresAt } = await createSession(userId, { userAgent: request.headers.get('user-agent') })
  return redirect(to, { headers: { 'Set-Cookie': sessionCookie(token, expiresAt) } })
}

export async function endSessionAndRedirect(context: AppLoadContext, to: string): Promise<Response> {
  if (context.session) await invalidateSession(context.session.id)
  return redirect(to, { headers: { 'Set-Cookie': clearedSessionCookie() } })
}
