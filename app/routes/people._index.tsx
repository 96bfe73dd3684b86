import { filledParams } from '~/utils/pagination'
import { FilterSelect } from '~/components/ui/filter-select'
import { Pagination } from '~/components/ui/pagination'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requireUser } from '~/auth/guards.server'
import { PersonSummary } from '~/components/person-card'
import { getLanguage } from '~/i18n/i18next.server'
import { listPeople } from '~/services/people.server'
import { listTaxonomies } from '~/services/taxonomy.server'
import { pageTitle } from '~/utils/meta'
import { optionsOf } from '~/utils/taxonomy'

const filterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  organisationTypeId: z.string().max(64).optional().catch(undefined),
  positionId: z.string().max(64).optional().catch(undefined),
  phaseId: z.string().max(64).optional().catch(undefined),
  themeId: z.string().max(64).optional().catch(undefined),
  provinceId: z.string().max(64).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
})

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'people.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireUser(context, request)
  const url = new URL(request.url)
  const raw = filledParams(url)
  const { page, ...filters } = filterSchema.parse(raw)
  const [result, taxonomies] = await Promise.all([listPeople(filters, page), listTaxonomies()])
  return { ...result, filters, taxonomies, lng: await getLanguage(request) }
}

export default function People() {
  const { t } = useTranslation()
  const { people, total, page, pages, filters, taxonomies, lng } = useLoaderData<typeof loader>()
  const pageLink = (p: number) => {
    const params = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1])))
    params.set('page', String(p))
    return `/people?${params}`
  }
  return (
    <section>
      <h1 className="utrecht-heading-1">{t('people.title')}</h1>
      <p className="utrecht-paragraph">{t('people.intro')}</p>
      <Form method="get" className="peloton-filters" role="search" aria-label={t('people.filter')}>
        <div className="utrecht-form-field utrecht-form-field--text">
          <label className="utrecht-form-label" htmlFor="filter-q">
            {t('people.search')}
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
          name="organisationTypeId"
          label={t('people.organisationType')}
          options={optionsOf(taxonomies.organisationTypes, lng)}
          value={filters.organisationTypeId}
          anyLabel={t('people.any')}
        />
        <FilterSelect
          name="positionId"
          label={t('people.position')}
          options={optionsOf(taxonomies.positions, lng)}
          value={filters.positionId}
          anyLabel={t('people.any')}
        />
        <FilterSelect
          name="phaseId"
          label={t('people.phase')}
          options={optionsOf(taxonomies.phases, lng)}
          value={filters.phaseId}
          anyLabel={t('people.any')}
        />
        <FilterSelect
          name="themeId"
          label={t('people.theme')}
          options={optionsOf(taxonomies.themes, lng)}
          value={filters.themeId}
          anyLabel={t('people.any')}
        />
        <FilterSelect
          name="provinceId"
          label={t('people.province')}
          options={optionsOf(taxonomies.provinces, lng)}
          value={filters.provinceId}
          anyLabel={t('people.any')}
        />
        <div className="peloton-actions">
          <button type="submit" className="utrecht-button utrecht-button--primary-action">
            {t('people.filterSubmit')}
          </button>
        </div>
      </Form>
      <p className="utrecht-paragraph" role="status">
        {t('people.results', { count: total })}
      </p>
      {people.length === 0 ? (
        <p className="utrecht-paragraph">{t('people.none')}</p>
      ) : (
        <ul className="peloton-cards" aria-label={t('people.title')}>
          {people.map((person) => (
            <li key={person.id}>
              <PersonSummary person={person} lng={lng} />
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} link={pageLink} label={t('people.pagination')} />
    </section>
  )
}
