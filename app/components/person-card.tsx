import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '~/i18n/config'
import type { Person } from '~/services/people.server'
import { labelOf } from '~/utils/taxonomy'
import { FactList } from '~/components/ui/fact-list'

/** Organisation, position, phase and themes as a description list. */
export function PersonFacts({ person, lng }: { person: Person; lng: Language }) {
  const { t } = useTranslation()
  const org = person.organisation
  const facts: Array<[string, string]> = []
  if (org) facts.push([t('people.organisation'), `${org.name} (${labelOf(org.type, lng)}, ${labelOf(org.province, lng)})`])
  if (person.position) facts.push([t('people.position'), labelOf(person.position, lng)])
  if (person.phase) facts.push([t('people.phase'), `${person.phase.sortOrder}. ${labelOf(person.phase, lng)}`])
  if (person.themes.length) facts.push([t('people.themes'), person.themes.map((th) => labelOf(th.theme, lng)).join(', ')])
  return <FactList facts={facts} />
}

export function PersonSummary({ person, lng }: { person: Person; lng: Language }) {
  return (
    <article className="peloton-card peloton-person">
      <h2 className="utrecht-heading-3">
        <Link className="utrecht-link" to={`/people/${person.id}`}>
          {person.name}
        </Link>
      </h2>
      <PersonFacts person={person} lng={lng} />
    </article>
  )
}
