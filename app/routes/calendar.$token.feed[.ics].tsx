// /calendar/:token/feed.ics: a member's personal feed of every masterclass
// they are confirmed for. No login — calendar apps fetch it on their own —
// so the token is the key: an unknown or revoked one is a 404.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { personalFeedIcs } from '~/services/masterclass-calendar.server'
import { notFound } from '~/utils/responses.server'

export async function loader({ params }: LoaderFunctionArgs) {
  const ics = await personalFeedIcs(params.token ?? '')
  if (ics === null) throw notFound()
  return new Response(ics, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      // Personal: no shared cache may keep it; calendar apps poll for changes.
      'Cache-Control': 'private, no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    },
  })
}
