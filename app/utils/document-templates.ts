// The templates a new document can start from (names in i18n under
// documents.templates). Their content is built on the server:
// app/services/document-templates.server.ts.
export const DOCUMENT_TEMPLATES = ['startnotitie-bodem', 'verslag-intervisie', 'geleerde-lessen'] as const
export type DocumentTemplate = (typeof DOCUMENT_TEMPLATES)[number]

export function isDocumentTemplate(value: unknown): value is DocumentTemplate {
  return typeof value === 'string' && (DOCUMENT_TEMPLATES as readonly string[]).includes(value)
}
