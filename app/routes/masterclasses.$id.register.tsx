// POST /masterclasses/:id/register: register oneself. Answers with a redirect
// to the masterclass (`?notice=confirmed|waitlisted`, or `?error=<key>` when
// refused), or with JSON for a client that asks for it (`Accept: application/json`):
// { status: 'confirmed' } | { status: 'waitlisted', position } | { error: <i18n key> } (409).
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/auth/guards.server'
import { requireMasterclass } from '~/services/masterclass-queries.server'
import { register } from '~/services/registrations.server'
import { UserInputError } from '~/utils/errors'
import { withError, withNotice } from '~/utils/flash'

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const access = await requireMasterclass(params.id ?? '', user)
  const page = `/masterclasses/${access.masterclass.id}`
  const wantsJson = (request.headers.get('Accept') ?? '').includes('application/json')
  try {
    const result = await register(access.masterclass.id, user.id)
    return wantsJson ? json(result) : redirect(withNotice(page, result.status))
  } catch (error) {
    if (!(error instanceof UserInputError)) throw error
    return wantsJson ? json({ error: error.code }, { status: 409 }) : redirect(withError(page, error.code))
  }
}

export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/masterclasses/${encodeURIComponent(params.id ?? '')}`)
}
