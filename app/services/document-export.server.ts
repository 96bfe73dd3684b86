// Markdown and HTML from a document's editor content: the Tiptap/ProseMirror
// nodes that y-prosemirror stores in the `default` Y.XmlFragment (element
// name = node type, attributes = node attributes, Y.XmlText with the marks as
// formatting attributes). Unknown nodes keep their text, so nothing written is
// lost from an export. Elements nested deeper than MAX_NESTING_DEPTH (which the
// relay refuses, but stored content may predate that) are flattened to their
// text, read without recursion: no content can make an export overflow the stack.
import * as Y from 'yjs'
import { EDITOR_FRAGMENT } from '~/realtime/protocol'
import { MAX_NESTING_DEPTH } from '~/realtime/update-dependencies'
import { isSafeLink } from '~/utils/links'

export type ExportFormat = 'markdown' | 'html'

type Node = Y.XmlElement | Y.XmlText | Y.XmlHook
interface Run {
  insert: unknown
  attributes?: Record<string, unknown>
}

function linkOf(attributes: Record<string, unknown> | undefined): string | null {
  const href = (attributes?.link as { href?: unknown } | null | undefined)?.href
  return isSafeLink(href) ? href.trim() : null
}

function runs(text: Y.XmlText): Run[] {
  return (text.toDelta() as Run[]).filter((r) => typeof r.insert === 'string')
}

function children(node: Y.XmlElement | Y.XmlFragment): Node[] {
  return node.toArray() as Node[]
}

/** All text under a node, in document order, one line per text node; iterative. */
function plainText(node: Y.XmlElement | Y.XmlFragment): string {
  const lines: string[] = []
  const stack: Node[] = children(node).reverse()
  while (stack.length > 0) {
    const next = stack.pop()!
    if (next instanceof Y.XmlText)
      lines.push(
        runs(next)
          .map((r) => r.insert as string)
          .join(''),
      )
    else if (next instanceof Y.XmlElement) stack.push(...children(next).reverse())
  }
  return lines.filter((line) => line !== '').join('\n')
}

function level(element: Y.XmlElement): number {
  const value = Number(element.getAttribute('level' as never))
  return Number.isInteger(value) && value >= 1 && value <= 6 ? value : 1
}

// ------------------------------------------------------------------ HTML

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

function textHtml(text: Y.XmlText): string {
  return runs(text)
    .map((run) => {
      let html = escapeHtml(run.insert as string)
      if (run.attributes?.italic) html = `<em>${html}</em>`
      if (run.attributes?.bold) html = `<strong>${html}</strong>`
      const href = linkOf(run.attributes)
      if (href) html = `<a href="${escapeHtml(href)}" rel="nofollow noopener noreferrer">${html}</a>`
      return html
    })
    .join('')
}

function inlineHtml(node: Y.XmlElement | Y.XmlFragment, depth: number): string {
  return children(node)
    .map((child) => {
      if (child instanceof Y.XmlText) return textHtml(child)
      if (child instanceof Y.XmlElement) return child.nodeName === 'hardBreak' ? '<br>' : blockHtml(child, depth + 1)
      return ''
    })
    .join('')
}

const HTML_BLOCKS: Record<string, string> = {
  paragraph: 'p',
  blockquote: 'blockquote',
  bulletList: 'ul',
  orderedList: 'ol',
  listItem: 'li',
  table: 'table',
  tableRow: 'tr',
  tableHeader: 'th',
  tableCell: 'td',
}

/** One element at `depth` (the root fragment's children are at 1). */
function blockHtml(element: Y.XmlElement, depth: number): string {
  const name = element.nodeName
  if (depth > MAX_NESTING_DEPTH) return `<p>${escapeHtml(plainText(element)).replace(/\n/g, '<br>')}</p>`
  const inner = () => inlineHtml(element, depth)
  if (name === 'heading') return `<h${level(element)}>${inner()}</h${level(element)}>`
  if (name === 'hardBreak') return '<br>'
  if (name === 'table') return `<table><tbody>${inner()}</tbody></table>`
  if (name === 'orderedList') {
    const start = Number(element.getAttribute('start' as never))
    const attr = Number.isInteger(start) && start !== 1 ? ` start="${start}"` : ''
    return `<ol${attr}>${inner()}</ol>`
  }
  const tag = HTML_BLOCKS[name]
  return tag ? `<${tag}>${inner()}</${tag}>` : `<div>${inner()}</div>`
}

export function fragmentToHtml(fragment: Y.XmlFragment): string {
  return children(fragment)
    .map((child) =>
      child instanceof Y.XmlElement ? blockHtml(child, 1) : child instanceof Y.XmlText ? `<p>${textHtml(child)}</p>` : '',
    )
    .join('\n')
}

// -------------------------------------------------------------- Markdown

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, '\\$&')
}

/** A line that would start a block of its own (heading, list, quote) is escaped at its start. */
function escapeLineStart(text: string): string {
  return text.replace(
    /^(\s*)([#>+-]|\d+[.)])(?=\s|$)/gm,
    (_m, space: string, mark: string) => `${space}${mark.replace(/([#>+\-.)])$/, '\\$1')}`,
  )
}

function textMarkdown(text: Y.XmlText): string {
  return runs(text)
    .map((run) => {
      const raw = run.insert as string
      if (raw.trim() === '') return raw
      // Marks wrap the text without its surrounding spaces, as Markdown requires.
      const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(raw)!
      let md = escapeMarkdown(core!)
      if (run.attributes?.italic) md = `_${md}_`
      if (run.attributes?.bold) md = `**${md}**`
      const href = linkOf(run.attributes)
      if (href) md = `[${md}](<${href.replace(/[<>]/g, encodeURIComponent)}>)`
      return `${lead}${md}${trail}`
    })
    .join('')
}

function inlineMarkdown(node: Y.XmlElement | Y.XmlFragment, depth: number): string {
  if (depth > MAX_NESTING_DEPTH) return flatMarkdown(node)
  return children(node)
    .map((child) => {
      if (child instanceof Y.XmlText) return textMarkdown(child)
      if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak') return '\\\n'
      if (child instanceof Y.XmlElement) return inlineMarkdown(child, depth + 1)
      return ''
    })
    .join('')
}

function flatMarkdown(node: Y.XmlElement | Y.XmlFragment): string {
  return escapeLineStart(escapeMarkdown(plainText(node)))
}

function indent(text: string, prefix: string, first = prefix): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? first : line === '' ? '' : prefix) + line)
    .join('\n')
}

function tableMarkdown(table: Y.XmlElement, depth: number): string {
  const rows = children(table).filter((r): r is Y.XmlElement => r instanceof Y.XmlElement)
  const cells = rows.map((row) =>
    children(row)
      .filter((c): c is Y.XmlElement => c instanceof Y.XmlElement)
      .map((cell) =>
        blocksMarkdown(cell, depth + 2)
          .replace(/\n+/g, ' ')
          .trim(),
      ),
  )
  if (cells.length === 0) return ''
  const width = Math.max(1, ...cells.map((r) => r.length))
  const line = (r: string[]) => `| ${Array.from({ length: width }, (_, i) => r[i] ?? '').join(' | ')} |`
  return [line(cells[0]!), `|${' --- |'.repeat(width)}`, ...cells.slice(1).map(line)].join('\n')
}

/** One element at `depth` (the root fragment's children are at 1). */
function blockMarkdown(element: Y.XmlElement, depth: number): string {
  if (depth > MAX_NESTING_DEPTH) return flatMarkdown(element)
  switch (element.nodeName) {
    case 'heading':
      return `${'#'.repeat(level(element))} ${inlineMarkdown(element, depth)}`
    case 'paragraph':
      return escapeLineStart(inlineMarkdown(element, depth))
    case 'blockquote':
      return indent(blocksMarkdown(element, depth), '> ').replace(/^$/gm, '>')
    case 'bulletList':
    case 'orderedList': {
      const start = Number(element.getAttribute('start' as never))
      let n = Number.isInteger(start) ? start : 1
      return children(element)
        .filter((c): c is Y.XmlElement => c instanceof Y.XmlElement)
        .map((item) => {
          const marker = element.nodeName === 'bulletList' ? '- ' : `${n++}. `
          return indent(blocksMarkdown(item, depth + 1), ' '.repeat(marker.length), marker)
        })
        .join('\n')
    }
    case 'table':
      return tableMarkdown(element, depth)
    case 'hardBreak':
      return ''
    default:
      return blocksMarkdown(element, depth)
  }
}

/** The children of a node at `depth` (the root fragment is at 0). */
function blocksMarkdown(node: Y.XmlElement | Y.XmlFragment, depth: number): string {
  const parts: string[] = []
  for (const child of children(node)) {
    if (child instanceof Y.XmlElement) parts.push(blockMarkdown(child, depth + 1))
    else if (child instanceof Y.XmlText) parts.push(escapeLineStart(textMarkdown(child)))
  }
  const listLike = node instanceof Y.XmlElement && node.nodeName === 'listItem'
  return parts.filter((p) => p !== '').join(listLike ? '\n' : '\n\n')
}

export function fragmentToMarkdown(fragment: Y.XmlFragment): string {
  const md = blocksMarkdown(fragment, 0)
  return md === '' ? '' : `${md}\n`
}

/** The document's text only, escaped as HTML paragraphs: what a page shows should rendering ever fail. */
export function exportPlainHtml(state: Uint8Array): string {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, state)
    return plainText(doc.getXmlFragment(EDITOR_FRAGMENT))
      .split('\n')
      .map((line) => `<p>${escapeHtml(line)}</p>`)
      .join('\n')
  } finally {
    doc.destroy()
  }
}

/** Exports a whole document state (a Yjs update) in the given format. */
export function exportState(state: Uint8Array, format: ExportFormat): string {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, state)
    const fragment = doc.getXmlFragment(EDITOR_FRAGMENT)
    return format === 'markdown' ? fragmentToMarkdown(fragment) : fragmentToHtml(fragment)
  } finally {
    doc.destroy()
  }
}
