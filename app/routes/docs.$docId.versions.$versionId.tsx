// /docs/:docId/versions/:versionId: a saved version, read-only, with its
// downloads; editors restore it, which applies it as a new change that
// everyone in the document sees at once (the history keeps everything).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/auth/guards.server'
import { StatusMessage } from '~/components/ui/form'
import { formatDateTime } from '~/i18n/config'
import { getLanguage } from '~/i18n/i18next.server'
import { exportState } from '~/services/document-export.server'
import { requireDocument } from '~/services/document-pages.server'
import { getVersion, restoreVersion, versionState } from '~/services/documents.server'
import { withNotice } from '~/utils/flash'
import { titled } from '~/utils/meta'
import { forbidden, notFound } from '~/utils/responses.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? titled(data.version.name) : [])

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const { doc, role } = await requireDocument(params.docId ?? '', user)
  const version = await getVersion(doc.id, params.versionId ?? '')
  const state = version ? await versionState(doc.id, version.id) : null
  if (!version || !state) throw notFound()
  return {
    doc: { id: doc.id, title: doc.title },
    version,
    html: exportState(state, 'html'),
    mayRestore: role === 'editor',
    lng: await getLanguage(request),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const { doc, role } = await requireDocument(params.docId ?? '', user)
  if (role !== 'editor') throw forbidden()
  const restored = await restoreVersion({ documentId: doc.id, versionId: params.versionId ?? '', userId: user.id })
  if (!restored) throw notFound()
  return redirect(withNotice(`/docs/${doc.id}`, 'restored'))
}

export default function Version() {
  const { t } = useTranslation()
  const { doc, version, html, mayRestore, lng } = useLoaderData<typeof loader>()
  const base = `/docs/${doc.id}`
  return (
    <article className="peloton-document" aria-labelledby="version-title">
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to={`${base}/versions`}>
          {t('documents.versions.backToVersions')}
        </Link>
      </p>
      <h1 id="version-title" className="utrecht-heading-1">
        {doc.title}
      </h1>
      <StatusMessage type="info">
        {t('documents.versions.readOnlyNotice', { name: version.name, date: formatDateTime(version.createdAt, lng) })}
      </StatusMessage>
      <ul className="peloton-inline-list">
        <li>
          <a className="utrecht-link" href={`${base}/export.md?version=${version.id}`} download>
            {t('documents.page.exportMarkdown')}
          </a>
        </li>
        <li>
          <a className="utrecht-link" href={`${base}/export.html?version=${version.id}`} download>
            {t('documents.page.exportHtml')}
          </a>
        </li>
      </ul>
      {mayRestore ? (
        <Form method="post">
          <button type="submit" className="utrecht-button utrecht-button--primary-action">
            {t('documents.versions.restore')}
          </button>
        </Form>
      ) : null}
      {/* Rendered and sanitised on the server from the saved version. */}
      <div className="peloton-document__content" dangerouslySetInnerHTML={{ __html: html }} />
    </article>
  )
}
