import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/auth/guards.server'
import { formatDate } from '~/i18n/config'
import { getLanguage } from '~/i18n/i18next.server'
import { getPerson } from '~/services/people.server'
import { labelOf } from '~/utils/taxonomy'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.person.name} · Peloton` : 'Peloton' }]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const viewer = requireUser(context, request)
  const person = await getPerson(params.id ?? '', viewer.id)
  if (!person) throw new Response('Not found', { status: 404 })
  return { person, lng: await getLanguage(request) }
}

export default function PersonPage() {
  const { t } = useTranslation()
  const { person, lng } = useLoaderData<typeof loader>()
  const org = person.organisation
  return (
    <article>
      <h1 className="utrecht-heading-1">{person.name}</h1>
      <p className="utrecht-paragraph">{t('people.memberSince', { date: formatDate(person.createdAt, lng) })}</p>
      <dl className="peloton-facts">
        {org ? (
          <>
            <dt>{t('people.organisation')}</dt>
            <dd>{org.name}</dd>
            <dt>{t('people.organisationType')}</dt>
            <dd>{labelOf(org.type, lng)}</dd>
            <dt>{t('people.province')}</dt>
            <dd>{labelOf(org.province, lng)}</dd>
          </>
        ) : null}
        {person.position ? (
          <>
            <dt>{t('people.position')}</dt>
            <dd>{labelOf(person.position, lng)}</dd>
          </>
        ) : null}
        {person.phase ? (
          <>
            <dt>{t('people.phase')}</dt>
            <dd>
              {person.phase.sortOrder}. {labelOf(person.phase, lng)}
            </dd>
          </>
        ) : null}
        {person.themes.length ? (
          <>
            <dt>{t('people.themes')}</dt>
            <dd>{person.themes.map((th) => labelOf(th.theme, lng)).join(', ')}</dd>
          </>
        ) : null}
      </dl>
      {person.bio ? (
        <>
          <h2 className="utrecht-heading-2">{t('people.bio')}</h2>
          <p className="utrecht-paragraph">{person.bio}</p>
        </>
      ) : null}
    </article>
  )
}
