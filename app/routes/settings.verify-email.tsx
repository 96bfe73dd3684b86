// POST /settings/verify-email sends a new confirmation link.
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/auth/guards.server'
import { getLanguage } from '~/i18n/i18next.server'
import { sendEmailVerification } from '~/services/account.server'
import { withNotice } from '~/utils/flash'

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  await sendEmailVerification(user.id, await getLanguage(request))
  return redirect(withNotice('/settings/profile', 'verification-sent'))
}

export function loader() {
  return redirect('/settings/profile')
}
