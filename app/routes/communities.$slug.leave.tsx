// POST /communities/:slug/leave. The last facilitator cannot leave while
// others remain; that refusal comes back to the community page as a notice.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/auth/guards.server'
import { can } from '~/auth/community-policy'
import { requireCan, requireCommunity } from '~/services/community-access.server'
import { leaveCommunity } from '~/services/membership.server'
import { UserInputError } from '~/utils/errors'
import { withError, withNotice } from '~/utils/flash'

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const access = await requireCommunity(params.slug ?? '', user)
  const home = `/communities/${access.community.slug}`
  requireCan(access, 'leave')
  try {
    await leaveCommunity(access.community.id, user.id)
  } catch (error) {
    if (error instanceof UserInputError) return redirect(withError(home, error.code))
    throw error
  }
  // Someone who left an invite-only community may no longer see it.
  const stillVisible = can(access.actor, { ...access.facts, membership: null }, 'view')
  return redirect(withNotice(stillVisible ? home : '/communities', 'left'))
}

export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/communities/${encodeURIComponent(params.slug ?? '')}`)
}
