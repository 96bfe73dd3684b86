// /docs/:docId/versions: the named versions of a document (who saved which,
// when); editors save the current text as a new version.
import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requireUser } from '~/auth/guards.server'
import { Flash } from '~/components/ui/flash'
import { FormErrors, SubmitButton, TextField } from '~/components/ui/form'
import { formatDateTime } from '~/i18n/config'
import { getLanguage } from '~/i18n/i18next.server'
import { requireDocument } from '~/services/document-pages.server'
import { listVersions, saveVersion } from '~/services/documents.server'
import { versionNameField } from '~/utils/document-rules'
import { withNotice } from '~/utils/flash'
import { titled } from '~/utils/meta'
import { forbidden } from '~/utils/responses.server'

const schema = z.object({ name: versionNameField })

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? titled(data.doc.title) : [])

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const { doc, role } = await requireDocument(params.docId ?? '', user)
  return {
    doc: { id: doc.id, title: doc.title },
    versions: await listVersions(doc.id),
    mayEdit: role === 'editor',
    lng: await getLanguage(request),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const { doc, role } = await requireDocument(params.docId ?? '', user)
  if (role !== 'editor') throw forbidden()
  const submission = parseWithZod(await request.formData(), { schema })
  if (submission.status !== 'success') return submission.reply()
  await saveVersion({ documentId: doc.id, name: submission.value.name, createdById: user.id })
  return redirect(withNotice(`/docs/${doc.id}/versions`, 'saved'))
}

export default function Versions() {
  const { t } = useTranslation()
  const { doc, versions, mayEdit, lng } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm<z.input<typeof schema>>({ lastResult })
  const base = `/docs/${doc.id}`
  return (
    <section className="peloton-narrow" aria-labelledby="versions-title">
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to={base}>
          {t('documents.versions.back')}
        </Link>
      </p>
      <h1 id="versions-title" className="utrecht-heading-1">
        {t('documents.versions.title', { title: doc.title })}
      </h1>
      <p className="utrecht-paragraph">{t('documents.versions.intro')}</p>
      <Flash notices={{ saved: 'documents.versions.saved' }} />
      {mayEdit ? (
        <Form method="post" {...getFormProps(form)} className="peloton-form">
          <FormErrors errors={form.errors} />
          <TextField field={fields.name} label={t('documents.versions.name')} hint={t('documents.versions.nameHint')} />
          <div className="peloton-actions">
            <SubmitButton>{t('documents.versions.save')}</SubmitButton>
          </div>
        </Form>
      ) : null}
      {versions.length === 0 ? (
        <p className="utrecht-paragraph">{t('documents.versions.empty')}</p>
      ) : (
        <ul className="peloton-list" aria-label={t('documents.versions.listLabel')}>
          {versions.map((v) => (
            <li key={v.id} className="peloton-list__item">
              <Link className="utrecht-link" to={`${base}/versions/${v.id}`}>
                {v.name}
              </Link>{' '}
              <span className="peloton-muted">
                {t('documents.versions.by', {
                  name: v.createdBy?.name ?? t('documents.formerMember'),
                  date: formatDateTime(v.createdAt, lng),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
