// /communities/:slug/docs: the community's live documents (title, last
// edited, by whom) and, for those who may edit, a new one — blank or from a
// template.
import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { can } from '~/auth/community-policy'
import { requireUser } from '~/auth/guards.server'
import { FormErrors, SelectField, StatusMessage, SubmitButton, TextField } from '~/components/ui/form'
import { formatDateTime } from '~/i18n/config'
import { getLanguage } from '~/i18n/i18next.server'
import { requireCan, requireCommunity } from '~/services/community-access.server'
import { templateUpdate } from '~/services/document-templates.server'
import { createDocument, listCommunityDocuments } from '~/services/documents.server'
import { documentTitleField } from '~/utils/document-rules'
import { DOCUMENT_TEMPLATES } from '~/utils/document-templates'
import { withNotice } from '~/utils/flash'
import { pageTitle } from '~/utils/meta'

const schema = z.object({
  title: documentTitleField,
  template: z.enum(['blank', ...DOCUMENT_TEMPLATES]).default('blank'),
})

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'documents.title')

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const access = await requireCommunity(params.slug ?? '', user)
  requireCan(access, 'readDocuments')
  const includeArchived = new URL(request.url).searchParams.get('archived') === '1'
  return {
    slug: access.community.slug,
    documents: await listCommunityDocuments(access.community.id, { includeArchived }),
    includeArchived,
    mayCreate: can(access.actor, access.facts, 'editDocuments'),
    lng: await getLanguage(request),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const access = await requireCommunity(params.slug ?? '', user)
  requireCan(access, 'editDocuments')
  const submission = parseWithZod(await request.formData(), { schema })
  if (submission.status !== 'success') return submission.reply()
  const { title, template } = submission.value
  const { id } = await createDocument({
    communityId: access.community.id,
    title,
    initial: template === 'blank' ? undefined : templateUpdate(template),
    createdById: user.id,
  })
  return redirect(withNotice(`/communities/${access.community.slug}/docs/${id}`, 'created'))
}

export default function CommunityDocuments() {
  const { t } = useTranslation()
  const { slug, documents, includeArchived, mayCreate, lng } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm<z.input<typeof schema>>({ id: 'new-document', lastResult })
  const base = `/communities/${slug}/docs`
  return (
    <section className="peloton-documents" aria-labelledby="documents-title">
      <h2 id="documents-title" className="utrecht-heading-2">
        {t('documents.title')}
      </h2>
      <p className="utrecht-paragraph">{t('documents.intro')}</p>
      {documents.length === 0 ? (
        <p className="utrecht-paragraph">{t('documents.empty')}</p>
      ) : (
        <ul className="peloton-list" aria-label={t('documents.listLabel')}>
          {documents.map((d) => (
            <li key={d.id} className="peloton-list__item">
              <h3 className="utrecht-heading-3 peloton-list__title">
                <Link className="utrecht-link" to={`${base}/${d.id}`}>
                  {d.title}
                </Link>
              </h3>
              <p className="utrecht-paragraph peloton-muted">
                {d.archivedAt ? <span className="peloton-badge peloton-badge--muted">{t('documents.archivedBadge')}</span> : null}{' '}
                {t('documents.lastEdited', {
                  date: formatDateTime(d.lastEditedAt, lng),
                  name: d.lastEditedBy?.name ?? t('documents.formerMember'),
                })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to={includeArchived ? base : `${base}?archived=1`}>
          {includeArchived ? t('documents.hideArchived') : t('documents.showArchived')}
        </Link>
      </p>
      {mayCreate ? (
        <section aria-labelledby="new-document-heading" className="peloton-card">
          <h2 id="new-document-heading" className="utrecht-heading-3">
            {t('documents.new.title')}
          </h2>
          <Form method="post" action={`${base}?index`} {...getFormProps(form)} className="peloton-form">
            <FormErrors errors={form.errors} />
            <TextField field={fields.title} label={t('documents.new.docTitle')} />
            <SelectField
              field={fields.template}
              label={t('documents.new.template')}
              options={[
                { value: 'blank', label: t('documents.new.blank') },
                ...DOCUMENT_TEMPLATES.map((key) => ({ value: key, label: t(`documents.templates.${key}`) })),
              ]}
            />
            <div className="peloton-actions">
              <SubmitButton>{t('documents.new.submit')}</SubmitButton>
            </div>
          </Form>
        </section>
      ) : (
        <StatusMessage type="info">{t('documents.page.readOnly')}</StatusMessage>
      )}
    </section>
  )
}
