// /masterclasses/:id/groups: the masterclass's peer groups. Participants see
// the groups they are in; its facilitators and admins form them among the
// confirmed participants and see every grouping with who has moved on since.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/auth/guards.server'
import { PeerGroupings } from '~/components/peer-groupings'
import { getLanguage } from '~/i18n/i18next.server'
import { groupingsAction } from '~/services/peer-group-actions.server'
import { requireMasterclassGroupings } from '~/services/peer-group-access.server'
import { groupingsPageData } from '~/services/peer-group-pages.server'
import { languageOf, titled, translate } from '~/utils/meta'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? titled(translate(languageOf(matches), 'groups.titleOf', { name: data.owner.name })) : []

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const access = await requireMasterclassGroupings(params.id ?? '', requireUser(context, request))
  return { ...(await groupingsPageData(access)), lng: await getLanguage(request) }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const access = await requireMasterclassGroupings(params.id ?? '', requireUser(context, request))
  return groupingsAction(access, await request.formData())
}

export default function MasterclassGroups() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>()
  return (
    <section aria-labelledby="groups-title">
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to={`/masterclasses/${data.owner.id}`}>
          {t('masterclasses.attendees.back', { title: data.owner.name })}
        </Link>
      </p>
      <h1 id="groups-title" className="utrecht-heading-1">
        {t('groups.titleOf', { name: data.owner.name })}
      </h1>
      <PeerGroupings data={data} action={outcome} level={2} lng={data.lng} />
    </section>
  )
}
