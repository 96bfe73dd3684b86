// The detail page's facts: when, where (the online link only for those who
// take part), the community, who runs it, seats and waitlist, and for whom.
import { Link } from '@remix-run/react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { Language } from '~/i18n/config'
import type { MasterclassPage } from '~/services/masterclass-pages.server'
import { labelOf } from '~/utils/taxonomy'
import { timeRange } from './masterclass-card'
import { FactList } from '~/components/ui/fact-list'

type Data = Pick<MasterclassPage, 'masterclass' | 'started'> & { lng: Language }

export function Facts({ data }: { data: Data }) {
  const { t } = useTranslation()
  const { masterclass: m, lng, started } = data
  const facts: Array<[string, React.ReactNode]> = [
    [
      t('masterclasses.detail.when'),
      <time key="when" dateTime={new Date(m.startsAt).toISOString()}>
        {timeRange(m.startsAt, m.endsAt, lng, t)}
      </time>,
    ],
    [t('masterclasses.detail.where'), <Where key="where" data={data} />],
  ]
  if (m.community) {
    facts.push([
      t('masterclasses.detail.community'),
      <Link key="community" className="utrecht-link" to={`/communities/${m.community.slug}`}>
        {m.community.name}
      </Link>,
    ])
  }
  if (m.facilitators.length) facts.push([t('masterclasses.detail.facilitators'), m.facilitators.map((f) => f.name).join(', ')])
  facts.push([t('masterclasses.detail.seats'), seats(t, m, started)])
  if (m.targetPhases.length)
    facts.push([t('masterclasses.list.forPhases'), m.targetPhases.map((x) => labelOf(x.phase, lng)).join(', ')])
  if (m.targetPositions.length)
    facts.push([t('masterclasses.list.forPositions'), m.targetPositions.map((x) => labelOf(x.position, lng)).join(', ')])
  if (m.themes.length) facts.push([t('masterclasses.list.themes'), m.themes.map((x) => labelOf(x.theme, lng)).join(', ')])
  return <FactList facts={facts} />
}

function seats(t: TFunction, m: Data['masterclass'], started: boolean): string {
  const parts = [t('masterclasses.detail.capacity', { count: m.capacity })]
  if (!started) {
    parts.unshift(m.seatsLeft > 0 ? t('masterclasses.list.seatsLeft', { count: m.seatsLeft }) : t('masterclasses.list.full'))
    if (m.waitlistLength > 0) parts.push(t('masterclasses.list.waitlist', { count: m.waitlistLength }))
  }
  return parts.join(' · ')
}

function Where({ data }: { data: Data }) {
  const { t } = useTranslation()
  const { masterclass: m } = data
  const online = m.onlineUrl ? (
    /^https?:\/\//i.test(m.onlineUrl) ? (
      <a className="utrecht-link" href={m.onlineUrl} rel="noopener noreferrer">
        {t('masterclasses.detail.onlineLink', { url: m.onlineUrl })}
      </a>
    ) : (
      t('masterclasses.detail.onlineLink', { url: m.onlineUrl })
    )
  ) : m.online ? (
    t('masterclasses.detail.onlineHidden')
  ) : null
  return (
    <>
      {m.location}
      {m.location && online ? <br /> : null}
      {online}
    </>
  )
}
