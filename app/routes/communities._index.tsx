import { filledParams } from '~/utils/pagination'
import { FilterCheckbox, FilterSelect } from '~/components/ui/filter-select'
import { Pagination } from '~/components/ui/pagination'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { canCreateCommunity, COMMUNITY_KINDS } from '~/auth/community-policy'
import { getUser } from '~/auth/guards.server'
import type { Language } from '~/i18n/config'
import { getLanguage } from '~/i18n/i18next.server'
import { actorOf } from '~/services/community-access.server'
import { listCommunities, SORTS, type CommunityCard } from '~/services/community-recommendations.server'
import { listTaxonomies } from '~/services/taxonomy.server'
import { pageTitle } from '~/utils/meta'
import { labelOf, optionsOf } from '~/utils/taxonomy'
import { Flash } from '~/components/ui/flash'
import { FactList } from '~/components/ui/fact-list'

const id = z.string().max(64).optional().catch(undefined)
const filterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  kind: z.enum(COMMUNITY_KINDS).optional().catch(undefined),
  themeId: id,
  phaseId: id,
  positionId: id,
  archived: z
    .literal('1')
    .optional()
    .catch(undefined)
    .transform((v) => v === '1'),
  sort: z.enum(SORTS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
})

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'communities.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = actorOf(getUser(context))
  const url = new URL(request.url)
  const raw = filledParams(url)
  const { page, sort: chosen, ...filters } = filterSchema.parse(raw)
  // "Aanbevolen voor jou" needs a profile, so visitors get the newest first.
  const sort = chosen === 'recommended' && !actor ? 'newest' : (chosen ?? (actor ? 'recommended' : 'newest'))
  const [result, taxonomies] = await Promise.all([listCommunities(actor, filters, sort, page), listTaxonomies()])
  return {
    ...result,
    filters,
    sort,
    sorts: actor ? SORTS : SORTS.filter((s) => s !== 'recommended'),
    canCreate: canCreateCommunity(actor),
    taxonomies,
    lng: await getLanguage(request),
  }
}

export default function Communities() {
  const { t } = useTranslation()
  const { communities, total, page, pages, filters, sort, sorts, canCreate, taxonomies, lng } = useLoaderData<typeof loader>()
  const pageLink = (p: number) => {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries({ ...filters, sort })) if (v) params.set(k, v === true ? '1' : String(v))
    params.set('page', String(p))
    return `/communities?${params}`
  }
  return (
    <section>
      <h1 className="utrecht-heading-1">{t('communities.title')}</h1>
      {/* Leaving an invite-only community lands here: it is no longer visible. */}
      <Flash notices={{ left: 'membership.notices.left' }} />
      <p className="utrecht-paragraph">{t('communities.intro')}</p>
      {canCreate ? (
        <p className="utrecht-paragraph">
          <Link
            className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
            to="/communities/new"
          >
            {t('communities.newLink')}
          </Link>
        </p>
      ) : null}
      <Form method="get" className="peloton-filters" role="search" aria-label={t('communities.list.filter')}>
        <div className="utrecht-form-field utrecht-form-field--text">
          <label className="utrecht-form-label" htmlFor="filter-q">
            {t('communities.list.search')}
          </label>
          <input
            id="filter-q"
            type="search"
            name="q"
            defaultValue={filters.q ?? ''}
            className="utrecht-textbox utrecht-textbox--html-input"
          />
        </div>
        <FilterSelect
          name="kind"
          label={t('communities.list.kind')}
          options={COMMUNITY_KINDS.map((k) => ({ value: k, label: t(`communities.kinds.${k}`) }))}
          value={filters.kind}
          anyLabel={t('communities.list.any')}
        />
        <FilterSelect
          name="themeId"
          label={t('communities.list.theme')}
          options={optionsOf(taxonomies.themes, lng)}
          value={filters.themeId}
          anyLabel={t('communities.list.any')}
        />
        <FilterSelect
          name="phaseId"
          label={t('communities.list.phase')}
          options={optionsOf(taxonomies.phases, lng)}
          value={filters.phaseId}
          anyLabel={t('communities.list.any')}
        />
        <FilterSelect
          name="positionId"
          label={t('communities.list.position')}
          options={optionsOf(taxonomies.positions, lng)}
          value={filters.positionId}
          anyLabel={t('communities.list.any')}
        />
        <div className="utrecht-form-field utrecht-form-field--select">
          <label className="utrecht-form-label" htmlFor="filter-sort">
            {t('communities.list.sort')}
          </label>
          <select id="filter-sort" name="sort" defaultValue={sort} className="utrecht-select utrecht-select--html-select">
            {sorts.map((s) => (
              <option key={s} value={s}>
                {t(`communities.list.sorts.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <FilterCheckbox name="archived" label={t('communities.list.showArchived')} checked={filters.archived} value="1" />
        <div className="peloton-actions">
          <button type="submit" className="utrecht-button utrecht-button--primary-action">
            {t('communities.list.submit')}
          </button>
        </div>
      </Form>
      <p className="utrecht-paragraph" role="status">
        {t('communities.list.results', { count: total })}
      </p>
      {communities.length === 0 ? (
        <p className="utrecht-paragraph">{t('communities.list.none')}</p>
      ) : (
        <ul className="peloton-cards" aria-label={t('communities.title')}>
          {communities.map((c) => (
            <li key={c.id}>
              <CommunitySummary community={c} lng={lng} />
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} link={pageLink} label={t('communities.list.pagination')} />
    </section>
  )
}

type Card = Omit<CommunityCard, 'createdAt' | 'archivedAt'> & { archivedAt: string | Date | null }

function CommunitySummary({ community: c, lng }: { community: Card; lng: Language }) {
  const { t } = useTranslation()
  const facts: Array<[string, string]> = []
  if (c.themes.length) facts.push([t('communities.list.themes'), c.themes.map((x) => labelOf(x.theme, lng)).join(', ')])
  if (c.targetPhases.length)
    facts.push([t('communities.list.forPhases'), c.targetPhases.map((x) => labelOf(x.phase, lng)).join(', ')])
  if (c.targetPositions.length)
    facts.push([t('communities.list.forPositions'), c.targetPositions.map((x) => labelOf(x.position, lng)).join(', ')])
  return (
    <article className="peloton-card peloton-community-card">
      <h2 className="utrecht-heading-3">
        <Link className="utrecht-link" to={`/communities/${c.slug}`}>
          {c.name}
        </Link>
      </h2>
      <p className="utrecht-paragraph peloton-community-card__meta">
        {t(`communities.kinds.${c.kind as 'cop'}`)} · {t(`communities.visibilityShort.${c.visibility as 'open'}`)} ·{' '}
        {t('communities.list.members', { count: c._count.memberships })}
        {c.archivedAt ? <> · {t('communities.archived')}</> : null}
      </p>
      {c.reasons.length ? (
        <p className="utrecht-paragraph peloton-community-card__reasons">
          <strong>{t('communities.list.recommendedBecause')}:</strong>{' '}
          {c.reasons.map((r) => t(`communities.list.reasons.${r.kind}`, { name: labelOf(r, lng) })).join(', ')}
        </p>
      ) : null}
      <FactList facts={facts} />
    </article>
  )
}
