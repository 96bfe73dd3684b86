// /communities/:slug/masterclasses: the community's upcoming and past
// masterclasses, each as visible to the reader (drafts only for their
// facilitators); the full list with filters is /masterclasses?communityId=…
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getUser } from '~/auth/guards.server'
import { MasterclassCards } from '~/components/masterclass-card'
import { getLanguage } from '~/i18n/i18next.server'
import { requireCan, requireCommunity } from '~/services/community-access.server'
import { communityMasterclasses } from '~/services/masterclass-pages.server'
import { languageOf, titled, translate } from '~/utils/meta'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? titled(`${translate(languageOf(matches), 'masterclasses.title')} · ${data.communityName}`) : []

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await requireCommunity(params.slug ?? '', getUser(context))
  requireCan(access, 'view')
  return {
    communityId: access.community.id,
    communityName: access.community.name,
    ...(await communityMasterclasses(access.actor, access.community.id)),
    lng: await getLanguage(request),
  }
}

export default function CommunityMasterclasses() {
  const { t } = useTranslation()
  const { communityId, upcoming, upcomingTotal, past, pastTotal, lng } = useLoaderData<typeof loader>()
  const more = (when: 'upcoming' | 'past') =>
    `/masterclasses?${new URLSearchParams(when === 'past' ? { communityId, when } : { communityId })}`
  return (
    <>
      <section aria-labelledby="community-masterclasses-upcoming">
        <h2 id="community-masterclasses-upcoming" className="utrecht-heading-2">
          {t('masterclasses.list.communityUpcoming')}
        </h2>
        {upcoming.length ? (
          <MasterclassCards
            masterclasses={upcoming}
            lng={lng}
            showCommunity={false}
            label={t('masterclasses.list.communityUpcoming')}
          />
        ) : (
          <p className="utrecht-paragraph">{t('masterclasses.list.communityNoneUpcoming')}</p>
        )}
        {upcomingTotal > upcoming.length ? (
          <p className="utrecht-paragraph">
            <Link className="utrecht-link" to={more('upcoming')}>
              {t('masterclasses.list.communityMore')}
            </Link>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="community-masterclasses-past">
        <h2 id="community-masterclasses-past" className="utrecht-heading-2">
          {t('masterclasses.list.communityPast')}
        </h2>
        {past.length ? (
          <MasterclassCards
            masterclasses={past}
            lng={lng}
            past
            showCommunity={false}
            label={t('masterclasses.list.communityPast')}
          />
        ) : (
          <p className="utrecht-paragraph">{t('masterclasses.list.communityNonePast')}</p>
        )}
        {pastTotal > past.length ? (
          <p className="utrecht-paragraph">
            <Link className="utrecht-link" to={more('past')}>
              {t('masterclasses.list.communityMore')}
            </Link>
          </p>
        ) : null}
      </section>
    </>
  )
}
