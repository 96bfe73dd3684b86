// The Markdown and HTML downloads of a document or one of its versions, as a
// file: name, type and text. The routes send it.
import { escapeHtml, type ExportFormat } from './document-export.server'
import { exportDocument } from './documents.server'
import { slugify } from './communities.server'
import type { Language } from '~/i18n/config'

export interface DocumentFile {
  filename: string
  contentType: string
  text: string
}

const TYPES: Record<ExportFormat, { contentType: string; extension: string }> = {
  markdown: { contentType: 'text/markdown; charset=utf-8', extension: 'md' },
  html: { contentType: 'text/html; charset=utf-8', extension: 'html' },
}

/** The file, or null when the version is not one of this document's. Check access first. */
export async function documentFile(
  doc: { id: string; title: string },
  format: ExportFormat,
  versionId: string | null,
  lng: Language,
): Promise<DocumentFile | null> {
  const body = await exportDocument(doc.id, format, versionId ? { versionId } : {})
  if (body === null) return null
  const text =
    format === 'html'
      ? `<!doctype html>\n<html lang="${lng}">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(doc.title)}</title>\n</head>\n<body>\n<h1>${escapeHtml(doc.title)}</h1>\n${body}\n</body>\n</html>\n`
      : `# ${doc.title.replace(/[\\`*_[\]<>|#]/g, '\\$&')}\n\n${body}`
  const { contentType, extension } = TYPES[format]
  return { filename: `${slugify(doc.title)}.${extension}`, contentType, text }
}
