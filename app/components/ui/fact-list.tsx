// A list of facts (term and value) as a description list: the masterclass,
// community and person cards and pages all show their facts this way.
import type { ReactNode } from 'react'

/** A term and its value; a fact without a value (null, undefined or '') is left out. */
export type Fact = readonly [term: string, value: ReactNode]

export function FactList({ facts }: { facts: readonly Fact[] }) {
  const shown = facts.filter(([, value]) => value !== null && value !== undefined && value !== '')
  if (shown.length === 0) return null
  return (
    <dl className="peloton-facts">
      {shown.map(([term, value]) => (
        <div key={term} className="peloton-facts__row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}
