// A live document's page, the same at /docs/:docId and inside its community
// at /communities/:slug/docs/:docId: title, links to versions and exports,
// archiving, and the editor (or the server-rendered text for readers).
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DocumentEditor } from '~/components/editor/document-editor'
import { Flash } from '~/components/ui/flash'
import { StatusMessage } from '~/components/ui/form'
import { formatDateTime, type Language } from '~/i18n/config'
import type { DocumentPageData } from '~/services/document-pages.server'

export function DocumentView({ data, lng }: { data: DocumentPageData; lng: Language }) {
  const { t } = useTranslation()
  const { doc, role, mayArchive, html, me } = data
  const base = `/docs/${doc.id}`
  return (
    <article className="peloton-document" aria-labelledby="document-title">
      <p className="utrecht-paragraph">
        {doc.community ? (
          <Link className="utrecht-link" to={`/communities/${doc.community.slug}/docs`}>
            {t('documents.page.back', { community: doc.community.name })}
          </Link>
        ) : doc.masterclass ? (
          <Link className="utrecht-link" to={`/masterclasses/${doc.masterclass.id}`}>
            {t('masterclasses.detail.notesBack', { title: doc.masterclass.title })}
          </Link>
        ) : doc.peerGroup ? (
          <Link className="utrecht-link" to={`/groups/${doc.peerGroup.id}`}>
            {t('groups.group.documentBack', { number: doc.peerGroup.number })}
          </Link>
        ) : null}
      </p>
      <Flash
        notices={{
          archived: 'documents.notices.archived',
          unarchived: 'documents.notices.unarchived',
          restored: 'documents.versions.restored',
          created: 'documents.notices.created',
        }}
      />
      <h1 id="document-title" className="utrecht-heading-1">
        {doc.title}
      </h1>
      <p className="utrecht-paragraph peloton-muted">
        {t('documents.lastEdited', {
          date: formatDateTime(doc.lastEditedAt, lng),
          name: doc.lastEditedBy?.name ?? t('documents.formerMember'),
        })}
      </p>
      {doc.archived ? <StatusMessage type="info">{t('documents.page.archived')}</StatusMessage> : null}
      {!doc.archived && role === 'viewer' ? <StatusMessage type="info">{t('documents.page.readOnly')}</StatusMessage> : null}
      <nav className="peloton-document__actions" aria-label={t('documents.page.actions')}>
        <ul className="peloton-inline-list">
          <li>
            <Link className="utrecht-link" to={`${base}/versions`}>
              {t('documents.page.versions')}
            </Link>
          </li>
          <li>
            <a className="utrecht-link" href={`${base}/export.md`} download>
              {t('documents.page.exportMarkdown')}
            </a>
          </li>
          <li>
            <a className="utrecht-link" href={`${base}/export.html`} download>
              {t('documents.page.exportHtml')}
            </a>
          </li>
        </ul>
        {mayArchive ? (
          <Form method="post" action={`${base}/archive`}>
            <input type="hidden" name="archived" value={doc.archived ? 'false' : 'true'} />
            <button type="submit" className="utrecht-button utrecht-button--secondary-action">
              {doc.archived ? t('documents.page.unarchive') : t('documents.page.archive')}
            </button>
          </Form>
        ) : null}
      </nav>
      <noscript>
        <p className="utrecht-paragraph">{t('documents.page.noScript')}</p>
      </noscript>
      <DocumentEditor docId={doc.id} title={doc.title} initialHtml={html} mayEdit={role === 'editor'} me={me} />
    </article>
  )
}
