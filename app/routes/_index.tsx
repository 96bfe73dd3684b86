// The landing page: what Peloton is, what you do in it, the next masterclasses
// (those the viewer may see), the five transition phases, and how many
// members (who opted in) and organisations take part.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useRouteLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { loader as rootLoader } from '~/root'
import { getUser } from '~/auth/guards.server'
import { MasterclassCards } from '~/components/masterclass-card'
import { getLanguage } from '~/i18n/i18next.server'
import { actorOf } from '~/services/community-access.server'
import { nextMasterclasses } from '~/services/masterclass-pages.server'
import { prisma } from '~/utils/db.server'
import { labelOf } from '~/utils/taxonomy'

export const meta: MetaFunction = () => [{ title: 'Peloton' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Only members who chose to be visible are counted: the landing page is public.
  const [members, organisations, phases, masterclasses] = await Promise.all([
    prisma.user.count({ where: { matchingOptIn: true, deletedAt: null } }),
    prisma.organisation.count(),
    // The phases as admins keep them (names and order can change at /admin).
    prisma.transitionPhase.findMany({
      orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }],
      select: { slug: true, name: true, nameEn: true },
    }),
    nextMasterclasses(actorOf(getUser(context))),
  ])
  return { members, organisations, phases, masterclasses, lng: await getLanguage(request) }
}

/** The explanation texts of the five phases PRODUCT.md names, by their stable slug. */
const PHASE_TEXTS: Record<string, string> = {
  bewustwording: 'awareness',
  visievorming: 'vision',
  planvorming: 'planning',
  uitvoering: 'implementation',
  borging: 'embedding',
}

const primaryLink = 'utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action'
const secondaryLink = 'utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action'

export default function Index() {
  const { t } = useTranslation()
  const { members, organisations, phases, masterclasses, lng } = useLoaderData<typeof loader>()
  const user = useRouteLoaderData<typeof rootLoader>('root')?.user ?? null

  return (
    <>
      <section className="peloton-hero" aria-labelledby="landing-title">
        <div className="peloton-hero__body">
          <h1 id="landing-title" className="utrecht-heading-1">
            {t('landing.title')}
          </h1>
          <p className="utrecht-paragraph utrecht-paragraph--lead">{t('landing.intro')}</p>
          <div className="peloton-actions">
            {user ? (
              <>
                <Link to="/settings/profile" className={primaryLink}>
                  {t('landing.ctaProfile')}
                </Link>
                <Link to="/people" className={secondaryLink}>
                  {t('landing.ctaPeople')}
                </Link>
              </>
            ) : (
              <>
                <Link to="/signup" className={primaryLink}>
                  {t('landing.ctaSignup')}
                </Link>
                <Link to="/login" className={secondaryLink}>
                  {t('landing.ctaLogin')}
                </Link>
              </>
            )}
          </div>
          {members > 0 ? (
            <p className="utrecht-paragraph peloton-stats">
              <PeopleIcon className="peloton-stats__icon" />
              <span>
                {t('landing.stats', {
                  members: t('landing.statsMembers', { count: members }),
                  organisations: t('landing.statsOrganisations', { count: organisations }),
                })}
              </span>
            </p>
          ) : null}
        </div>
        <HeroArt />
        <div className="peloton-hero__strata" />
      </section>

      <section className="peloton-section" aria-labelledby="landing-offer">
        <h2 id="landing-offer" className="utrecht-heading-2">
          {t('landing.offerTitle')}
        </h2>
        <ul className="peloton-cards">
          <li className="peloton-card">
            <CommunityIcon className="peloton-card__icon" />
            <h3 className="utrecht-heading-3">{t('landing.communitiesTitle')}</h3>
            <p className="utrecht-paragraph">{t('landing.communitiesText')}</p>
          </li>
          <li className="peloton-card">
            <MasterclassIcon className="peloton-card__icon" />
            <h3 className="utrecht-heading-3">{t('landing.masterclassesTitle')}</h3>
            <p className="utrecht-paragraph">{t('landing.masterclassesText')}</p>
          </li>
          <li className="peloton-card">
            <PeopleIcon className="peloton-card__icon" />
            <h3 className="utrecht-heading-3">{t('landing.peersTitle')}</h3>
            <p className="utrecht-paragraph">{t('landing.peersText')}</p>
          </li>
        </ul>
      </section>

      <section className="peloton-section" aria-labelledby="landing-masterclasses">
        <h2 id="landing-masterclasses" className="utrecht-heading-2">
          {t('masterclasses.list.landingTitle')}
        </h2>
        {masterclasses.length ? (
          <MasterclassCards masterclasses={masterclasses} lng={lng} label={t('masterclasses.list.landingTitle')} />
        ) : (
          <p className="utrecht-paragraph">{t('masterclasses.list.landingNone')}</p>
        )}
        <p className="utrecht-paragraph">
          <Link className="utrecht-link" to="/masterclasses">
            {t('masterclasses.list.landingAll')}
          </Link>
        </p>
      </section>

      <section className="peloton-section" aria-labelledby="landing-phases">
        <h2 id="landing-phases" className="utrecht-heading-2">
          {t('landing.phasesTitle')}
        </h2>
        <p className="utrecht-paragraph">{t('landing.phasesIntro')}</p>
        <ol className="peloton-phases">
          {phases.map((phase) => (
            <li key={phase.slug} className="peloton-phases__item">
              <strong className="peloton-phases__name">{labelOf(phase, lng)}</strong>
              {PHASE_TEXTS[phase.slug] ? (
                <span className="peloton-phases__text">{t(`landing.phases.${PHASE_TEXTS[phase.slug]}.text`)}</span>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  )
}

/** A cross-section of soil with a peloton walking on top, led by one front-runner. Decoration only. */
function HeroArt() {
  return (
    <svg className="peloton-hero__art" viewBox="0 0 320 260" aria-hidden="true" focusable="false">
      <path d="M0 96c40-14 80-18 120-10s90 14 130 4 50-8 70-6V260H0z" fill="#b98a5e" />
      <path d="M0 140c50-10 100-8 150 2s110 8 170-4V260H0z" fill="#8c4a1c" />
      <path d="M0 184c60-8 110-4 160 4s110 6 160-2V260H0z" fill="#5c3a22" />
      <path d="M0 218c60-6 120-2 170 4s100 4 150-2V260H0z" fill="#0e5a52" />
      <path
        d="M24 236c20-4 40-4 60 0M120 242c24-4 48-4 72 0M236 234c18-3 36-3 54 0"
        stroke="#9cc3bc"
        strokeWidth="3"
        strokeLinecap="round"
        fill="none"
      />
      <path d="M250 92V226" stroke="#f6f2ea" strokeWidth="4" strokeDasharray="2 8" strokeLinecap="round" />
      <g fill="#0e5a52">
        {[40, 66, 92, 118, 144, 170].map((x, i) => (
          <g key={x} transform={`translate(${x} ${i % 2 ? 58 : 54})`}>
            <circle cx="0" cy="0" r="7" />
            <rect x="-8" y="10" width="16" height="24" rx="8" />
          </g>
        ))}
      </g>
      <g fill="#8c4a1c" transform="translate(214 50)">
        <circle cx="0" cy="0" r="7" />
        <rect x="-8" y="10" width="16" height="24" rx="8" />
      </g>
    </svg>
  )
}

// Decorative icons: the headings next to them carry the meaning.
const iconProps = {
  viewBox: '0 0 24 24',
  'aria-hidden': true,
  focusable: false,
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.75,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const

function CommunityIcon({ className }: { className: string }) {
  return (
    <svg className={className} {...iconProps}>
      <path d="M4 5h11a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H9l-4 3v-3H4a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z" />
      <path d="M19 9h1a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2h-1v3l-4-3h-4" />
    </svg>
  )
}

function MasterclassIcon({ className }: { className: string }) {
  return (
    <svg className={className} {...iconProps}>
      <path d="M2 8l10-5 10 5-10 5z" />
      <path d="M6 10v5c0 1.7 2.7 3 6 3s6-1.3 6-3v-5" />
      <path d="M22 8v6" />
    </svg>
  )
}

function PeopleIcon({ className }: { className: string }) {
  return (
    <svg className={className} {...iconProps}>
      <circle cx="8" cy="8" r="3.25" />
      <circle cx="16.5" cy="9" r="2.75" />
      <path d="M2.5 20c0-3.3 2.5-5.5 5.5-5.5s5.5 2.2 5.5 5.5" />
      <path d="M14 14.7c.8-.4 1.6-.6 2.5-.6 2.7 0 5 2 5 5" />
    </svg>
  )
}
