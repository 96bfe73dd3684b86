// A community's home: what it is about, who runs it, and what happened lately
// (only the activity the reader may see: members for members, discussions for readers).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { can } from '~/auth/community-policy'
import { getUser } from '~/auth/guards.server'
import { formatDateTime } from '~/i18n/config'
import { getLanguage } from '~/i18n/i18next.server'
import { MembershipPanel } from '~/components/membership-panel'
import { getCommunityHome } from '~/services/communities.server'
import { requireCan, requireCommunity } from '~/services/community-access.server'
import { membershipPanelData } from '~/services/membership.server'
import { renderMarkdown } from '~/utils/markdown.server'
import { labelOf } from '~/utils/taxonomy'
import { FactList } from '~/components/ui/fact-list'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await requireCommunity(params.slug ?? '', getUser(context))
  requireCan(access, 'view')
  const { actor, facts } = access
  const home = await getCommunityHome(access.community.id, {
    members: can(actor, facts, 'readMembers'),
    discussions: can(actor, facts, 'readDiscussions'),
  })
  const { description, ...rest } = home
  return {
    home: rest,
    membershipPanel: await membershipPanelData(access),
    descriptionHtml: description.trim() ? renderMarkdown(description) : null,
    lng: await getLanguage(request),
  }
}

export default function CommunityHome() {
  const { t } = useTranslation()
  const { home, descriptionHtml, lng, membershipPanel } = useLoaderData<typeof loader>()
  const facts: Array<[string, string]> = [
    [t('communities.home.memberCount'), t('communities.home.members', { count: home.memberCount })],
  ]
  if (home.themes.length) facts.push([t('communities.home.themes'), home.themes.map((x) => labelOf(x.theme, lng)).join(', ')])
  if (home.targetPhases.length)
    facts.push([t('communities.home.phases'), home.targetPhases.map((x) => labelOf(x.phase, lng)).join(', ')])
  if (home.targetPositions.length)
    facts.push([t('communities.home.positions'), home.targetPositions.map((x) => labelOf(x.position, lng)).join(', ')])
  const base = `/communities/${home.slug}`
  // A deleted account keeps its row with an empty name: shown as a former member.
  const who = (name: string | null) => name || t('communities.home.formerMember')

  return (
    <div className="peloton-community-home">
      {home.archivedAt ? (
        <div className="utrecht-alert utrecht-alert--info" role="status">
          <p className="utrecht-paragraph utrecht-alert__message">{t('communities.home.archivedNotice')}</p>
        </div>
      ) : null}
      <MembershipPanel {...membershipPanel} />
      <section aria-labelledby="community-about" className="peloton-community-home__about">
        <h2 id="community-about" className="utrecht-heading-2">
          {t('communities.home.about')}
        </h2>
        {descriptionHtml ? (
          // Sanitised by renderMarkdown on the server: no scripts, handlers or javascript: links.
          <div className="peloton-markdown" dangerouslySetInnerHTML={{ __html: descriptionHtml }} />
        ) : (
          <p className="utrecht-paragraph">{t('communities.home.noDescription')}</p>
        )}
      </section>
      <aside className="peloton-community-home__side">
        <h2 className="utrecht-heading-2">{t('communities.home.facts')}</h2>
        <FactList facts={facts} />
        <h2 className="utrecht-heading-2">{t('communities.home.facilitators')}</h2>
        {home.facilitators.length ? (
          <ul className="utrecht-unordered-list">
            {home.facilitators.map((f) => (
              <li key={f.id} className="utrecht-unordered-list__item">
                {f.name}
              </li>
            ))}
          </ul>
        ) : (
          <p className="utrecht-paragraph">{t('communities.home.noFacilitators')}</p>
        )}
      </aside>
      <section aria-labelledby="community-activity" className="peloton-community-home__activity">
        <h2 id="community-activity" className="utrecht-heading-2">
          {t('communities.home.activity')}
        </h2>
        {home.activity.length ? (
          <ul className="peloton-activity">
            {home.activity.map((a) => (
              <li key={a.key} className="peloton-activity__item">
                <time dateTime={new Date(a.at).toISOString()} className="peloton-activity__time">
                  {formatDateTime(a.at, lng)}
                </time>{' '}
                {a.type === 'member' ? (
                  t('communities.home.activityMember', { who: who(a.who) })
                ) : (
                  <>
                    {t(a.type === 'thread' ? 'communities.home.activityThread' : 'communities.home.activityReply', {
                      who: who(a.who),
                    })}{' '}
                    <Link className="utrecht-link" to={`${base}/discussions/${a.threadId}`}>
                      {a.title}
                    </Link>
                  </>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="utrecht-paragraph">{t('communities.home.noActivity')}</p>
        )}
      </section>
    </div>
  )
}
