// One masterclass in a list (/masterclasses, the landing page, a community's
// tab): title, when (Europe/Amsterdam), where or "online", seats left or
// "full — waiting list", status in words (never colour alone), and why it is
// recommended.
import { Link } from '@remix-run/react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { formatDate, formatDateTime, formatTime, type Language } from '~/i18n/config'
import type { MasterclassCard as Card } from '~/services/masterclass-queries.server'
import { labelOf } from '~/utils/taxonomy'
import { FactList } from '~/components/ui/fact-list'

type Dateish = Date | string
/** A card as a loader hands it to the page (dates may arrive as strings). */
export type MasterclassCardView = Omit<Card, 'startsAt' | 'endsAt' | 'registrationOpensAt' | 'registrationClosesAt'> & {
  startsAt: Dateish
  endsAt: Dateish
  registrationOpensAt: Dateish | null
  registrationClosesAt: Dateish | null
}

/** "12 december 2026 14:00 tot 16:00", or both dates in full when it spans days. */
export function timeRange(start: Dateish, end: Dateish, lng: Language, t: TFunction): string {
  const sameDay = formatDate(start, lng) === formatDate(end, lng)
  return t('masterclasses.list.timeRange', {
    start: formatDateTime(start, lng),
    end: sameDay ? formatTime(end, lng) : formatDateTime(end, lng),
  })
}

export function StatusBadges({ status, full }: { status: string; full?: boolean }) {
  const { t } = useTranslation()
  return (
    <>
      {status === 'draft' || status === 'cancelled' ? (
        <span className="peloton-badge peloton-badge--muted">{t(`masterclasses.list.statuses.${status}`)}</span>
      ) : null}
      {full && status === 'published' ? <span className="peloton-badge">{t('masterclasses.list.full')}</span> : null}
    </>
  )
}

export function MasterclassSummary({
  masterclass: m,
  lng,
  showCommunity = true,
  past = false,
}: {
  masterclass: MasterclassCardView
  lng: Language
  showCommunity?: boolean
  /** In a list of past masterclasses: no seats to show. (Passed in, so server and browser render the same.) */
  past?: boolean
}) {
  const { t } = useTranslation()
  const ended = past
  const full = m.seatsLeft === 0
  const facts: Array<[string, React.ReactNode]> = [
    [
      t('masterclasses.list.when'),
      <time key="when" dateTime={new Date(m.startsAt).toISOString()}>
        {timeRange(m.startsAt, m.endsAt, lng, t)}
      </time>,
    ],
    [t('masterclasses.list.where'), m.location ?? t('masterclasses.list.online')],
  ]
  if (m.location && m.online) facts[1] = [t('masterclasses.list.where'), `${m.location} · ${t('masterclasses.list.online')}`]
  if (!ended && m.status === 'published') {
    facts.push([
      t('masterclasses.list.seats'),
      full
        ? `${t('masterclasses.list.full')} (${t('masterclasses.list.waitlist', { count: m.waitlistLength })})`
        : t('masterclasses.list.seatsLeft', { count: m.seatsLeft }),
    ])
  }
  if (showCommunity && m.community) {
    facts.push([
      t('masterclasses.detail.community'),
      <Link key="community" className="utrecht-link" to={`/communities/${m.community.slug}`}>
        {m.community.name}
      </Link>,
    ])
  }
  if (m.themes.length) facts.push([t('masterclasses.list.themes'), m.themes.map((x) => labelOf(x.theme, lng)).join(', ')])
  return (
    <article className="peloton-card peloton-masterclass-card">
      <h3 className="utrecht-heading-3">
        <Link className="utrecht-link" to={`/masterclasses/${m.id}`}>
          {m.title}
        </Link>
      </h3>
      {m.status !== 'published' || (full && !ended) ? (
        <p className="utrecht-paragraph peloton-masterclass-card__badges">
          <StatusBadges status={m.status} full={full && !ended} />
        </p>
      ) : null}
      {m.reasons.length ? (
        <p className="utrecht-paragraph peloton-community-card__reasons">
          <strong>{t('masterclasses.list.recommendedBecause')}:</strong>{' '}
          {m.reasons.map((r) => t(`masterclasses.reasons.${r.kind}`, { name: labelOf(r, lng) })).join(', ')}
        </p>
      ) : null}
      <FactList facts={facts} />
    </article>
  )
}

/** A named list of cards (screen readers announce its name and count). */
export function MasterclassCards({
  masterclasses,
  lng,
  label,
  showCommunity,
  past,
}: {
  masterclasses: MasterclassCardView[]
  lng: Language
  label: string
  showCommunity?: boolean
  past?: boolean
}) {
  return (
    <ul className="peloton-cards" aria-label={label}>
      {masterclasses.map((m) => (
        <li key={m.id}>
          <MasterclassSummary masterclass={m} lng={lng} showCommunity={showCommunity} past={past} />
        </li>
      ))}
    </ul>
  )
}
