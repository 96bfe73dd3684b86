// POST /communities/:slug/join: join an open community in one click.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/auth/guards.server'
import { requireCan, requireCommunity } from '~/services/community-access.server'
import { joinCommunity } from '~/services/membership.server'
import { withNotice } from '~/utils/flash'

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const access = await requireCommunity(params.slug ?? '', user)
  const home = `/communities/${access.community.slug}`
  // Joining twice changes nothing.
  if (access.facts.membership !== null) return redirect(home)
  requireCan(access, 'join')
  await joinCommunity(access.community.id, user.id)
  return redirect(withNotice(home, 'joined'))
}

export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/communities/${encodeURIComponent(params.slug ?? '')}`)
}
