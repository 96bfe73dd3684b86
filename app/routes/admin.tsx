// /admin: roles, taxonomies and (without SMTP) the outbox. Admins only; every
// action checks that again on the server.
import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requireRole } from '~/auth/guards.server'
import { isRole, ROLES, type Role } from '~/auth/roles'
import { FormErrors, StatusMessage } from '~/components/ui/form'
import { AdminTaxonomy } from '~/components/admin-taxonomy'
import { AdminWeights, weightsSchema } from '~/components/admin-weights'
import { formatDateTime } from '~/i18n/config'
import { getLanguage } from '~/i18n/i18next.server'
import { listUsers, setRole } from '~/services/admin.server'
import { listMail } from '~/services/mail.server'
import { loadMatchingWeights, saveMatchingWeights } from '~/services/matching-weights.server'
import {
  addTaxonomyEntry,
  EDITABLE_TAXONOMIES,
  listTaxonomies,
  moveTaxonomyEntry,
  removeTaxonomyEntry,
  renameTaxonomyEntry,
} from '~/services/taxonomy.server'
import { env } from '~/utils/env.server'
import { UserInputError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import { nameField } from '~/utils/validation'

const kind = z.enum(EDITABLE_TAXONOMIES)
const id = z.string().min(1).max(64)

const schema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('setRole'), userId: id, role: z.string().refine(isRole, 'errors.invalidChoice') }),
  z.object({ intent: z.literal('addEntry'), kind, name: nameField, nameEn: nameField }),
  z.object({ intent: z.literal('renameEntry'), kind, id, name: nameField, nameEn: nameField }),
  z.object({ intent: z.literal('moveEntry'), kind, id, direction: z.enum(['up', 'down']) }),
  z.object({ intent: z.literal('removeEntry'), kind, id }),
])

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireRole(context, request, 'admin')
  const url = new URL(request.url)
  const q = url.searchParams.get('q')?.trim().slice(0, 100) || undefined
  const page = Math.max(1, Number(url.searchParams.get('page')) || 1)
  const outboxMode = !env().SMTP_HOST
  const [users, taxonomies, mail, weights] = await Promise.all([
    listUsers({ q, page }),
    listTaxonomies(),
    listMail({ limit: 20 }),
    loadMatchingWeights(),
  ])
  return { users, q, taxonomies, mail: mail.messages, outboxMode, weights, lng: await getLanguage(request) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requireRole(context, request, 'admin')
  const formData = await request.formData()
  if (formData.get('intent') === 'setWeights') {
    const weights = parseWithZod(formData, { schema: weightsSchema })
    if (weights.status !== 'success') return { errors: [], done: null, weights: weights.reply() }
    await saveMatchingWeights(weights.value, admin.id)
    return { errors: [], done: null, weights: weights.reply(), weightsSaved: true }
  }
  const submission = parseWithZod(formData, { schema })
  if (submission.status !== 'success')
    return {
      errors: Object.values(submission.error ?? {})
        .flat()
        .filter((e): e is string => Boolean(e)),
      done: null,
    }
  const v = submission.value
  try {
    switch (v.intent) {
      case 'setRole': {
        const { name } = await setRole(v.userId, v.role as Role)
        return { errors: [], done: { key: 'admin.roleSaved', name, role: v.role } }
      }
      case 'addEntry':
        await addTaxonomyEntry(v.kind, v)
        break
      case 'renameEntry':
        await renameTaxonomyEntry(v.kind, v.id, v)
        break
      case 'moveEntry':
        await moveTaxonomyEntry(v.kind, v.id, v.direction)
        break
      case 'removeEntry':
        await removeTaxonomyEntry(v.kind, v.id)
        break
    }
  } catch (error) {
    if (error instanceof UserInputError) return { errors: [error.code], done: null }
    throw error
  }
  return { errors: [], done: null }
}

export default function Admin() {
  const { t } = useTranslation()
  const { users, q, taxonomies, mail, outboxMode, weights, lng } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const weightsResult = data && 'weights' in data ? data : undefined
  return (
    <section>
      <h1 className="utrecht-heading-1">{t('admin.title')}</h1>
      <FormErrors errors={data?.errors} />
      {data?.done ? (
        <StatusMessage>{t(data.done.key, { name: data.done.name, role: t(`roles.${data.done.role}`) })}</StatusMessage>
      ) : null}

      <h2 className="utrecht-heading-2">{t('admin.usersTitle')}</h2>
      <Form method="get" role="search" aria-label={t('admin.usersSearch')} className="peloton-filters">
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="users-q">
            {t('admin.usersSearch')}
          </label>
          <input
            id="users-q"
            name="q"
            type="search"
            defaultValue={q ?? ''}
            className="utrecht-textbox utrecht-textbox--html-input"
          />
        </div>
        <div className="peloton-actions">
          <button type="submit" className="utrecht-button utrecht-button--secondary-action">
            {t('people.filterSubmit')}
          </button>
        </div>
      </Form>
      <table className="utrecht-table">
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            <th className="utrecht-table__header-cell" scope="col">
              {t('auth.name')}
            </th>
            <th className="utrecht-table__header-cell" scope="col">
              {t('auth.email')}
            </th>
            <th className="utrecht-table__header-cell" scope="col">
              {t('admin.role')}
            </th>
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {users.users.map((u) => (
            <tr key={u.id} className="utrecht-table__row">
              <td className="utrecht-table__cell">{u.name}</td>
              <td className="utrecht-table__cell">{u.email}</td>
              <td className="utrecht-table__cell">
                <Form method="post" className="peloton-inline-form">
                  <input type="hidden" name="intent" value="setRole" />
                  <input type="hidden" name="userId" value={u.id} />
                  <label className="peloton-visually-hidden" htmlFor={`role-${u.id}`}>
                    {t('admin.roleFor', { name: u.name })}
                  </label>
                  <select
                    id={`role-${u.id}`}
                    name="role"
                    defaultValue={u.role}
                    className="utrecht-select utrecht-select--html-select"
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`roles.${r}`)}
                      </option>
                    ))}
                  </select>{' '}
                  <button
                    type="submit"
                    className="utrecht-button utrecht-button--secondary-action"
                    aria-label={`${t('admin.saveRole')}: ${u.name}`}
                  >
                    {t('admin.saveRole')}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 className="utrecht-heading-2">{t('admin.taxonomiesTitle')}</h2>
      <AdminTaxonomy kind="organisationType" title={t('admin.organisationTypes')} entries={taxonomies.organisationTypes} />
      <AdminTaxonomy kind="position" title={t('admin.positions')} entries={taxonomies.positions} />
      <AdminTaxonomy kind="phase" title={t('admin.phases')} entries={taxonomies.phases} />
      <AdminTaxonomy kind="theme" title={t('admin.themes')} entries={taxonomies.themes} />

      <AdminWeights weights={weights} lastResult={weightsResult?.weights} saved={Boolean(weightsResult?.weightsSaved)} />

      <h2 className="utrecht-heading-2">{t('admin.outboxTitle')}</h2>
      {outboxMode ? <p className="utrecht-paragraph">{t('admin.outboxIntro')}</p> : null}
      {mail.length === 0 ? (
        <p className="utrecht-paragraph">{t('admin.outboxEmpty')}</p>
      ) : (
        <table className="utrecht-table">
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th className="utrecht-table__header-cell" scope="col">
                {t('admin.created')}
              </th>
              <th className="utrecht-table__header-cell" scope="col">
                {t('admin.to')}
              </th>
              <th className="utrecht-table__header-cell" scope="col">
                {t('admin.subject')}
              </th>
              <th className="utrecht-table__header-cell" scope="col">
                {t('admin.status')}
              </th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {mail.map((m) => (
              <tr key={m.id} className="utrecht-table__row">
                <td className="utrecht-table__cell">{formatDateTime(m.createdAt, lng)}</td>
                <td className="utrecht-table__cell">{m.to}</td>
                <td className="utrecht-table__cell">{m.subject}</td>
                <td className="utrecht-table__cell">{t(`admin.mailStatus.${m.status}`, { defaultValue: m.status })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
