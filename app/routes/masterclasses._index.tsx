// /masterclasses: upcoming (default) or past, filtered by theme, phase,
// position, community and online / in person; for a logged-in member the
// best-fitting upcoming ones first, each with its reasons.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { canCreateMasterclass } from '~/auth/masterclass-policy'
import { getUser } from '~/auth/guards.server'
import { MasterclassCards } from '~/components/masterclass-card'
import { FilterSelect } from '~/components/ui/filter-select'
import { Pagination } from '~/components/ui/pagination'
import { getLanguage } from '~/i18n/i18next.server'
import { actorOf } from '~/services/community-access.server'
import { masterclassCommunities } from '~/services/masterclass-pages.server'
import { listMasterclasses } from '~/services/masterclass-queries.server'
import { listTaxonomies } from '~/services/taxonomy.server'
import { pageTitle } from '~/utils/meta'
import { filledParams } from '~/utils/pagination'
import { optionsOf } from '~/utils/taxonomy'

const FORMATS = ['online', 'in_person'] as const
const id = z.string().max(64).optional().catch(undefined)
const filterSchema = z.object({
  when: z.enum(['upcoming', 'past']).catch('upcoming'),
  themeId: id,
  phaseId: id,
  positionId: id,
  communityId: id,
  format: z.enum(FORMATS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
})

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'masterclasses.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = actorOf(getUser(context))
  const { page, ...filters } = filterSchema.parse(filledParams(new URL(request.url)))
  const [result, taxonomies, communities] = await Promise.all([
    listMasterclasses(actor, filters, page),
    listTaxonomies(),
    masterclassCommunities(actor),
  ])
  return {
    ...result,
    filters,
    taxonomies,
    communities,
    canCreate: canCreateMasterclass(actor),
    lng: await getLanguage(request),
  }
}

export default function Masterclasses() {
  const { t } = useTranslation()
  const { recommended, masterclasses, total, page, pages, filters, taxonomies, communities, canCreate, lng } =
    useLoaderData<typeof loader>()
  const past = filters.when === 'past'
  const link = (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries({ ...filters, ...changes }))
      if (v && !(k === 'when' && v === 'upcoming')) params.set(k, v)
    const query = params.toString()
    return query ? `/masterclasses?${query}` : '/masterclasses'
  }
  return (
    <section>
      <h1 className="utrecht-heading-1">{t('masterclasses.title')}</h1>
      <p className="utrecht-paragraph">{t('masterclasses.list.intro')}</p>
      {canCreate ? (
        <p className="utrecht-paragraph">
          <Link
            className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
            to="/masterclasses/new"
          >
            {t('masterclasses.list.newLink')}
          </Link>
        </p>
      ) : null}
      <nav aria-label={t('masterclasses.list.whenNav')} className="peloton-tabs">
        <ul className="peloton-tabs__list">
          <li>
            <Link
              to={link({ when: 'upcoming', page: undefined })}
              className="peloton-tabs__link"
              aria-current={past ? undefined : 'page'}
            >
              {t('masterclasses.list.upcoming')}
            </Link>
          </li>
          <li>
            <Link
              to={link({ when: 'past', page: undefined })}
              className="peloton-tabs__link"
              aria-current={past ? 'page' : undefined}
            >
              {t('masterclasses.list.past')}
            </Link>
          </li>
        </ul>
      </nav>
      <Form method="get" className="peloton-filters" role="search" aria-label={t('masterclasses.list.filter')}>
        {past ? <input type="hidden" name="when" value="past" /> : null}
        <FilterSelect
          name="themeId"
          label={t('masterclasses.list.theme')}
          options={optionsOf(taxonomies.themes, lng)}
          value={filters.themeId}
          anyLabel={t('masterclasses.list.any')}
        />
        <FilterSelect
          name="phaseId"
          label={t('masterclasses.list.phase')}
          options={optionsOf(taxonomies.phases, lng)}
          value={filters.phaseId}
          anyLabel={t('masterclasses.list.any')}
        />
        <FilterSelect
          name="positionId"
          label={t('masterclasses.list.position')}
          options={optionsOf(taxonomies.positions, lng)}
          value={filters.positionId}
          anyLabel={t('masterclasses.list.any')}
        />
        <FilterSelect
          name="communityId"
          label={t('masterclasses.list.community')}
          options={communities.map((c) => ({ value: c.id, label: c.name }))}
          value={filters.communityId}
          anyLabel={t('masterclasses.list.any')}
        />
        <FilterSelect
          name="format"
          label={t('masterclasses.list.format')}
          options={FORMATS.map((f) => ({ value: f, label: t(`masterclasses.list.formats.${f}`) }))}
          value={filters.format}
          anyLabel={t('masterclasses.list.any')}
        />
        <div className="peloton-actions">
          <button type="submit" className="utrecht-button utrecht-button--primary-action">
            {t('masterclasses.list.submit')}
          </button>
        </div>
      </Form>
      {recommended.length ? (
        <section aria-labelledby="masterclasses-recommended">
          <h2 id="masterclasses-recommended" className="utrecht-heading-2">
            {t('masterclasses.list.recommended')}
          </h2>
          <MasterclassCards masterclasses={recommended} lng={lng} label={t('masterclasses.list.recommended')} />
        </section>
      ) : null}
      <section aria-labelledby="masterclasses-all">
        <h2 id="masterclasses-all" className="utrecht-heading-2">
          {past ? t('masterclasses.list.allPast') : t('masterclasses.list.allUpcoming')}
        </h2>
        <p className="utrecht-paragraph" role="status">
          {t('masterclasses.list.results', { count: total })}
        </p>
        {masterclasses.length === 0 ? (
          <p className="utrecht-paragraph">{t('masterclasses.list.none')}</p>
        ) : (
          <MasterclassCards
            masterclasses={masterclasses}
            lng={lng}
            past={past}
            label={past ? t('masterclasses.list.allPast') : t('masterclasses.list.allUpcoming')}
          />
        )}
        <Pagination
          page={page}
          pages={pages}
          link={(p) => link({ page: String(p) })}
          label={t('masterclasses.list.pagination')}
        />
      </section>
    </section>
  )
}
