import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/auth/guards.server'
import { PersonFacts } from '~/components/person-card'
import { formatDate } from '~/i18n/config'
import { getLanguage } from '~/i18n/i18next.server'
import { getPerson } from '~/services/people.server'
import { pageTitle, titled } from '~/utils/meta'
import { notFound } from '~/utils/responses.server'

// A missing or hidden profile is a 404, so its page is titled as one.
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? titled(data.person.name) : pageTitle(matches, 'errors.notFoundTitle')

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const viewer = requireUser(context, request)
  const person = await getPerson(params.id ?? '', viewer.id)
  if (!person) throw notFound()
  return { person, lng: await getLanguage(request) }
}

export default function PersonPage() {
  const { t } = useTranslation()
  const { person, lng } = useLoaderData<typeof loader>()
  return (
    <article>
      <h1 className="utrecht-heading-1">{person.name}</h1>
      <p className="utrecht-paragraph">{t('people.memberSince', { date: formatDate(person.createdAt, lng) })}</p>
      <PersonFacts person={person} lng={lng} />
      {person.bio ? (
        <>
          <h2 className="utrecht-heading-2">{t('people.bio')}</h2>
          <p className="utrecht-paragraph">{person.bio}</p>
        </>
      ) : null}
    </article>
  )
}
