// /groups/:id: one published peer group — its members (name, organisation,
// position, phase; for those who run it also who has moved on since) and a
// link to its live document. For its members, the facilitators of its
// community or masterclass and admins; 403 for others who may see the owner,
// 404 for the rest.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/auth/guards.server'
import { MemberLine } from '~/components/peer-groupings'
import { formatDate } from '~/i18n/config'
import { getLanguage } from '~/i18n/i18next.server'
import { requirePeerGroup } from '~/services/peer-group-access.server'
import { groupPageData } from '~/services/peer-group-pages.server'
import { languageOf, titled, translate } from '~/utils/meta'
import { groupingsPath } from '~/utils/peer-groups'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? titled(`${translate(languageOf(matches), 'groups.group.title', { number: data.group.number })} · ${data.owner.name}`)
    : []

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const facts = await requirePeerGroup(params.id ?? '', requireUser(context, request))
  return { ...(await groupPageData(facts)), lng: await getLanguage(request) }
}

export default function PeerGroupPage() {
  const { t } = useTranslation()
  const { group, owner, members, lng } = useLoaderData<typeof loader>()
  return (
    <article aria-labelledby="group-title" className="peloton-group">
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to={groupingsPath(owner)}>
          {t('groups.group.back', { owner: owner.name })}
        </Link>
      </p>
      <h1 id="group-title" className="utrecht-heading-1">
        {t('groups.group.title', { number: group.number })}
      </h1>
      <p className="utrecht-paragraph">
        {t('groups.group.intro', {
          owner: owner.name,
          date: group.publishedAt ? formatDate(group.publishedAt, lng) : '—',
          rule: t(`groups.rules.${group.rule}.name`),
        })}
      </p>
      <section aria-labelledby="group-members">
        <h2 id="group-members" className="utrecht-heading-2">
          {t('groups.group.members')}
        </h2>
        <ul className="peloton-list">
          {members.map((m) => (
            <li key={m.id} className="peloton-list__item">
              <MemberLine member={m} lng={lng} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="group-document">
        <h2 id="group-document" className="utrecht-heading-2">
          {t('groups.group.document')}
        </h2>
        {group.documentId ? (
          <>
            <p className="utrecht-paragraph">{t('groups.group.documentText')}</p>
            <p className="utrecht-paragraph">
              <Link className="utrecht-link" to={`/docs/${group.documentId}`}>
                {t('groups.group.openDocument')}
              </Link>
            </p>
          </>
        ) : (
          <p className="utrecht-paragraph">{t('groups.group.noDocument')}</p>
        )}
      </section>
    </article>
  )
}
