// /communities/:slug/groups: the community's peer groups. Members see the
// groups they are in; facilitators and admins form them (propose, move,
// publish) and see every grouping with who has moved on since.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/auth/guards.server'
import { PeerGroupings } from '~/components/peer-groupings'
import { getLanguage } from '~/i18n/i18next.server'
import { groupingsAction } from '~/services/peer-group-actions.server'
import { requireCommunityGroupings } from '~/services/peer-group-access.server'
import { groupingsPageData } from '~/services/peer-group-pages.server'
import { languageOf, titled, translate } from '~/utils/meta'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? titled(translate(languageOf(matches), 'groups.titleOf', { name: data.owner.name })) : []

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const access = await requireCommunityGroupings(params.slug ?? '', requireUser(context, request))
  return { ...(await groupingsPageData(access)), lng: await getLanguage(request) }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const access = await requireCommunityGroupings(params.slug ?? '', requireUser(context, request))
  return groupingsAction(access, await request.formData())
}

export default function CommunityGroups() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>()
  return (
    <section aria-labelledby="groups-title">
      <h2 id="groups-title" className="utrecht-heading-2">
        {t('groups.title')}
      </h2>
      <PeerGroupings data={data} action={outcome} level={3} lng={data.lng} />
    </section>
  )
}
