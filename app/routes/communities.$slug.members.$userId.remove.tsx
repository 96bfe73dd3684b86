// POST /communities/:slug/members/:userId/remove: a facilitator removes a
// member. The membership row goes, so the next request already lacks access;
// the member's posts stay.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/auth/guards.server'
import { requireCan, requireCommunity } from '~/services/community-access.server'
import { removeMember } from '~/services/membership.server'
import { UserInputError } from '~/utils/errors'
import { withError, withNotice } from '~/utils/flash'

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const access = await requireCommunity(params.slug ?? '', user)
  requireCan(access, 'removeMembers')
  const members = `/communities/${access.community.slug}/members`
  try {
    await removeMember(access.community.id, { userId: params.userId ?? '', removerId: user.id })
  } catch (error) {
    if (error instanceof UserInputError) return redirect(withError(members, error.code))
    throw error
  }
  return redirect(withNotice(members, 'removed'))
}

export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/communities/${encodeURIComponent(params.slug ?? '')}`)
}
