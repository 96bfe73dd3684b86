// Markdown written by members (posts, community descriptions) rendered to
// HTML that is safe to put in the page with dangerouslySetInnerHTML.
//
// The safety does not come from cleaning HTML afterwards but from never
// producing dangerous HTML in the first place:
// - `html: false`: raw HTML in the source is escaped and shown as text;
// - every link target passes markdown-it's own validateLink AND our
//   allow-list (http:, https:, mailto: and relative links only), otherwise
//   the link is not made and its text stays plain text;
// - images are never rendered as <img> (our CSP only allows our own images,
//   and remote images would tell third parties who reads a post): an http(s)
//   image becomes a link to it that shows its alt text, any other image just
//   its alt text;
// - the source is cut off at MAX_MARKDOWN_LENGTH characters, and markdown-it's
//   nesting limit stays on, so a huge or deeply nested post cannot hog the server.
import MarkdownIt, { type MarkdownIt as Markdown } from 'markdown-it'

/** Longer input is cut off before rendering (posts are validated far below this). */
export const MAX_MARKDOWN_LENGTH = 50_000

const LINK_REL = 'nofollow noopener noreferrer'
const ALLOWED_SCHEMES = new Set(['http:', 'https:', 'mailto:'])
const SCHEME_RE = /^([a-z][a-z0-9+.-]*):/i
// Control characters, whitespace and backslashes have no business in a link
// target; browsers strip or reinterpret some of them, which is how filters
// are fooled ("java\tscript:", "/\evil.example").
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
const ODD_CHARS_RE = /[\u0000-\u0020\u007f-\u009f\\\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/
// Once percent-decoded, an ordinary space is fine (mailto:…?subject=Hallo%20daar).
// eslint-disable-next-line no-control-regex -- as above
const ODD_DECODED_RE = /[\u0000-\u001f\u007f-\u009f\\\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/

/** True when `url` (as markdown-it hands it over, entities decoded) is an allowed link target. */
export function isSafeUrl(url: string): boolean {
  if (url.length === 0 || url.length > 2048 || ODD_CHARS_RE.test(url)) return false
  let decoded: string
  try {
    decoded = decodeURIComponent(url)
  } catch {
    return false
  }
  // After percent-decoding there must still be nothing odd, and a scheme
  // (if any) must be on the allow-list, in either form.
  if (ODD_DECODED_RE.test(decoded)) return false
  for (const candidate of [url, decoded]) {
    const scheme = SCHEME_RE.exec(candidate)?.[1]
    if (scheme !== undefined && !ALLOWED_SCHEMES.has(`${scheme.toLowerCase()}:`)) return false
  }
  // A colon before the first "/", "?" or "#" without a valid scheme is
  // something a browser might still read as one; refuse it.
  const beforePath = decoded.split(/[/?#]/, 1)[0] ?? ''
  if (beforePath.includes(':') && !SCHEME_RE.test(decoded)) return false
  return true
}

function createRenderer(): Markdown {
  const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false, breaks: false })
  const validateLink = md.validateLink.bind(md)
  md.validateLink = (url: string) => validateLink(url) && isSafeUrl(url)

  const defaultLinkOpen =
    md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options))
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]
    if (token) {
      // Belt and braces: validateLink already ran, but check the final href again.
      const href = String(token.attrGet('href') ?? '')
      if (!isSafeUrl(href)) token.attrSet('href', '#')
      token.attrSet('rel', LINK_REL)
    }
    return defaultLinkOpen(tokens, idx, options, env, self)
  }

  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx]
    if (!token) return ''
    const alt = self.renderInlineAsText(token.children ?? [], options, env)
    const src = String(token.attrGet('src') ?? '')
    const text = md.utils.escapeHtml(alt || src)
    if (/^https?:/i.test(src) && isSafeUrl(src)) {
      return `<a href="${md.utils.escapeHtml(src)}" rel="${LINK_REL}">${text}</a>`
    }
    return md.utils.escapeHtml(alt)
  }
  return md
}

const renderer = createRenderer()

/** Member-written Markdown as safe HTML (see the rules at the top of this file). */
export function renderMarkdown(markdown: string): string {
  const source = markdown.length > MAX_MARKDOWN_LENGTH ? markdown.slice(0, MAX_MARKDOWN_LENGTH) : markdown
  return renderer.render(source)
}
