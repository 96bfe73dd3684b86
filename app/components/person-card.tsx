import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '~/i18n/config'
import type { Person } from '~/services/people.server'
import { labelOf } from '~/utils/taxonomy'

export function PersonSummary({ person, lng }: { person: Person; lng: Language }) {
  const { t } = useTranslation()
  const org = person.organisation
  return (
    <article className="peloton-card peloton-person">
      <h2 className="utrecht-heading-3">
        <Link className="utrecht-link" to={`/people/${person.id}`}>
          {person.name}
        </Link>
      </h2>
      <dl className="peloton-facts">
        {org ? (
          <>
            <dt>{t('people.organisation')}</dt>
            <dd>
              {org.name} ({labelOf(org.type, lng)}, {labelOf(org.province, lng)})
            </dd>
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
    </article>
  )
}
