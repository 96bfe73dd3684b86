// Where a link in a document may point: the web and e-mail, nothing else (no
// javascript:, data: or relative tricks). One rule for the editor, its link
// form, and the server's HTML and Markdown exports.
export const LINK_PROTOCOLS = ['http', 'https', 'mailto'] as const

export function isSafeLink(href: unknown): href is string {
  return typeof href === 'string' && /^(https?:\/\/[^\s<>"]+|mailto:[^\s<>"]+)$/i.test(href.trim())
}
