// The Markdown and HTML downloads of a document or one of its versions.
import type { SessionUser } from '~/auth/session.server'
import { escapeHtml, type ExportFormat } from './document-export.server'
import { requireDocument } from './document-pages.server'
import { exportDocument } from './documents.server'
import { slugify } from './communities.server'
import { notFound } from '~/utils/responses.server'

const TYPES: Record<ExportFormat, { type: string; extension: string }> = {
  markdown: { type: 'text/markdown; charset=utf-8', extension: 'md' },
  html: { type: 'text/html; charset=utf-8', extension: 'html' },
}

export async function documentDownload(
  docId: string,
  user: SessionUser,
  format: ExportFormat,
  versionId: string | null,
  lng: string,
): Promise<Response> {
  const { doc } = await requireDocument(docId, user)
  const body = await exportDocument(doc.id, format, versionId ? { versionId } : {})
  if (body === null) throw notFound()
  const text =
    format === 'html'
      ? `<!doctype html>\n<html lang="${lng === 'en' ? 'en' : 'nl'}">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(doc.title)}</title>\n</head>\n<body>\n<h1>${escapeHtml(doc.title)}</h1>\n${body}\n</body>\n</html>\n`
      : `# ${doc.title.replace(/[\\`*_[\]<>|#]/g, '\\$&')}\n\n${body}`
  const { type, extension } = TYPES[format]
  const name = `${slugify(doc.title) || 'document'}.${extension}`
  return new Response(text, {
    headers: {
      'Content-Type': type,
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
