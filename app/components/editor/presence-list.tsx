// Who is in the document now, from awareness. Names, colours and roles are
// the ones the server put there from each person's session.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Awareness } from 'y-protocols/awareness'

interface Present {
  clientId: number
  name: string
  color: string
  role: 'editor' | 'viewer'
  me: boolean
}

function presentOf(awareness: Awareness): Present[] {
  const people: Present[] = []
  awareness.getStates().forEach((state, clientId) => {
    const user = (state as { user?: { name?: unknown; color?: unknown; role?: unknown } }).user
    if (typeof user?.name !== 'string') return
    people.push({
      clientId,
      name: user.name,
      color: typeof user.color === 'string' ? user.color : '#555',
      role: user.role === 'viewer' ? 'viewer' : 'editor',
      me: clientId === awareness.clientID,
    })
  })
  return people.sort((a, b) => Number(b.me) - Number(a.me) || a.name.localeCompare(b.name))
}

export function PresenceList({ awareness }: { awareness: Awareness }) {
  const { t } = useTranslation()
  const [people, setPeople] = useState<Present[]>(() => presentOf(awareness))
  useEffect(() => {
    const update = () => setPeople(presentOf(awareness))
    awareness.on('change', update)
    update()
    return () => awareness.off('change', update)
  }, [awareness])
  return (
    <section className="peloton-presence" aria-labelledby="presence-title">
      <h2 id="presence-title" className="utrecht-heading-5">
        {t('documents.presence.title')}
      </h2>
      <ul className="peloton-presence__list">
        {people.map((p) => (
          <li key={p.clientId} className="peloton-presence__person">
            <span className="peloton-presence__dot" style={{ backgroundColor: p.color }} aria-hidden="true" />
            {p.name}
            {p.me ? ` ${t('documents.presence.you')}` : ''}{' '}
            <span className="peloton-muted">({t(`documents.presence.${p.role}`)})</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
