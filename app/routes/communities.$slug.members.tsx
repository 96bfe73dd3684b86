// The members of a community, for its members: organisation, position and phase,
// filterable. Facilitators (and admins) appoint other members as facilitator here.
import { filledParams } from '~/utils/pagination'
import { FilterSelect } from '~/components/ui/filter-select'
import { Pagination } from '~/components/ui/pagination'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { can } from '~/auth/community-policy'
import { getUser, requireUser } from '~/auth/guards.server'
import { FormErrors, StatusMessage } from '~/components/ui/form'
import { getLanguage } from '~/i18n/i18next.server'
import { appointFacilitators, listMembers } from '~/services/communities.server'
import { requireCan, requireCommunity } from '~/services/community-access.server'
import { listTaxonomies } from '~/services/taxonomy.server'
import { UserInputError } from '~/utils/errors'
import { languageOf, titled, translate } from '~/utils/meta'
import { labelOf, optionsOf } from '~/utils/taxonomy'
import { Flash } from '~/components/ui/flash'

const id = z.string().max(64).optional().catch(undefined)
const filterSchema = z.object({
  positionId: id,
  phaseId: id,
  organisationTypeId: id,
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
})

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? titled(translate(languageOf(matches), 'communities.members.title', { name: data.community.name })) : []

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requireUser(context, request)
  const access = await requireCommunity(params.slug ?? '', getUser(context))
  requireCan(access, 'readMembers')
  const url = new URL(request.url)
  const raw = filledParams(url)
  const { page, ...filters } = filterSchema.parse(raw)
  const [result, taxonomies] = await Promise.all([listMembers(access.community.id, filters, page), listTaxonomies()])
  return {
    ...result,
    filters,
    community: access.community,
    mayAppoint: can(access.actor, access.facts, 'appointFacilitators'),
    mayRemove: can(access.actor, access.facts, 'removeMembers'),
    viewerId: access.actor?.id ?? null,
    taxonomies,
    lng: await getLanguage(request),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const access = await requireCommunity(params.slug ?? '', user)
  requireCan(access, 'appointFacilitators')
  const formData = await request.formData()
  const userIds = formData.getAll('userId').filter((v): v is string => typeof v === 'string' && v.length <= 64)
  try {
    await appointFacilitators(access.community.id, userIds)
  } catch (error) {
    if (error instanceof UserInputError) return { ok: false, errors: [error.code] }
    throw error
  }
  return { ok: true, errors: [] }
}

export default function CommunityMembers() {
  const { t } = useTranslation()
  const { members, total, page, pages, filters, community, mayAppoint, mayRemove, viewerId, taxonomies, lng } =
    useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const base = `/communities/${community.slug}/members`
  const pageLink = (p: number) => {
    const params = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1])))
    params.set('page', String(p))
    return `${base}?${params}`
  }
  const selects = [
    ['organisationTypeId', t('communities.members.organisationType'), taxonomies.organisationTypes],
    ['positionId', t('communities.members.position'), taxonomies.positions],
    ['phaseId', t('communities.members.phase'), taxonomies.phases],
  ] as const
  return (
    <section>
      <h2 className="utrecht-heading-2">{t('communities.members.title', { name: community.name })}</h2>
      {data?.ok ? <StatusMessage>{t('communities.members.appointed')}</StatusMessage> : null}
      <FormErrors errors={data?.errors} />
      {/* What the remove action (a route of its own) reports back. */}
      <Flash notices={{ removed: 'membership.notices.removed' }} />
      <Form method="get" className="peloton-filters" role="search" aria-label={t('communities.members.filter')}>
        {selects.map(([name, label, items]) => (
          <FilterSelect
            key={name}
            name={name}
            label={label}
            options={optionsOf(items, lng)}
            value={filters[name]}
            anyLabel={t('communities.members.any')}
          />
        ))}
        <div className="peloton-actions">
          <button type="submit" className="utrecht-button utrecht-button--primary-action">
            {t('communities.members.submit')}
          </button>
        </div>
      </Form>
      <p className="utrecht-paragraph" role="status">
        {t('communities.members.results', { count: total })}
      </p>
      {members.length === 0 ? (
        <p className="utrecht-paragraph">{t('communities.members.none')}</p>
      ) : (
        <div className="peloton-table-wrapper">
          <table className="utrecht-table peloton-members">
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">
                  {t('communities.members.name')}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {t('communities.members.organisation')}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {t('communities.members.position')}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {t('communities.members.phase')}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {t('communities.members.role')}
                </th>
                {mayAppoint || mayRemove ? (
                  <th scope="col" className="utrecht-table__header-cell">
                    {t('communities.members.actions')}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {members.map((m) => {
                const u = m.user
                const none = t('communities.members.unknown')
                return (
                  <tr key={u.id} className="utrecht-table__row">
                    <th scope="row" className="utrecht-table__header-cell">
                      {u.name}
                    </th>
                    <td className="utrecht-table__cell">
                      {u.organisation ? `${u.organisation.name} (${labelOf(u.organisation.type, lng)})` : none}
                    </td>
                    <td className="utrecht-table__cell">{u.position ? labelOf(u.position, lng) : none}</td>
                    <td className="utrecht-table__cell">{u.phase ? `${u.phase.sortOrder}. ${labelOf(u.phase, lng)}` : none}</td>
                    <td className="utrecht-table__cell">{t(`communities.members.roles.${m.role as 'member'}`)}</td>
                    {mayAppoint || mayRemove ? (
                      <td className="utrecht-table__cell">
                        {mayRemove && u.id !== viewerId ? (
                          <Form
                            method="post"
                            action={`/communities/${community.slug}/members/${u.id}/remove`}
                            className="peloton-inline-form"
                          >
                            <button
                              type="submit"
                              className="utrecht-button utrecht-button--secondary-action"
                              aria-label={t('communities.members.removeLabel', { name: u.name })}
                            >
                              {t('communities.members.remove')}
                            </button>
                          </Form>
                        ) : null}
                        {mayAppoint && m.role === 'member' ? (
                          <Form method="post" className="peloton-inline-form">
                            <input type="hidden" name="userId" value={u.id} />
                            <button
                              type="submit"
                              className="utrecht-button utrecht-button--secondary-action"
                              aria-label={t('communities.members.appointLabel', { name: u.name })}
                            >
                              {t('communities.members.appoint')}
                            </button>
                          </Form>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={pages} link={pageLink} label={t('communities.list.pagination')} />
    </section>
  )
}
