// POST /logout ends the session. A GET changes nothing (links and prefetches
// must not log anyone out).
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { endSessionAndRedirect } from '~/auth/auth.server'
import { withNotice } from '~/utils/flash'

export function action({ context }: ActionFunctionArgs) {
  return endSessionAndRedirect(context, withNotice('/login', 'logged-out'))
}

export function loader() {
  return redirect('/')
}
