// POST /masterclasses/:id/cancel: cancel one's own registration (the first on
// the waitlist is promoted in the same transaction). Redirects back with
// `?notice=cancelled` or `?error=<key>`; JSON with `Accept: application/json`:
// { status: 'cancelled', promoted: number } | { error: <i18n key> } (409).
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/auth/guards.server'
import { requireMasterclass } from '~/services/masterclass-queries.server'
import { cancelRegistration } from '~/services/registrations.server'
import { UserInputError } from '~/utils/errors'
import { withError, withNotice } from '~/utils/flash'

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const access = await requireMasterclass(params.id ?? '', user)
  const page = `/masterclasses/${access.masterclass.id}`
  const wantsJson = (request.headers.get('Accept') ?? '').includes('application/json')
  try {
    const promoted = await cancelRegistration(access.masterclass.id, user.id)
    return wantsJson ? json({ status: 'cancelled', promoted: promoted.length }) : redirect(withNotice(page, 'cancelled'))
  } catch (error) {
    if (!(error instanceof UserInputError)) throw error
    return wantsJson ? json({ error: error.code }, { status: 409 }) : redirect(withError(page, error.code))
  }
}

export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/masterclasses/${encodeURIComponent(params.id ?? '')}`)
}
