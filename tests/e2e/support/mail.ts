// Reads the e-mail the app writes to its outbox folder when no SMTP server is
// configured: one RFC 822 message a file, `<id>.eml`. A small MIME reader is
// enough for what nodemailer emits (multipart/alternative with text and HTML,
// quoted-printable or base64, RFC 2047 encoded headers).
import fs from 'node:fs'
import path from 'node:path'

export interface Mail {
  file: string
  to: string
  subject: string
  /** The text/plain part, or the HTML part without its tags if there is none. */
  text: string
}

export interface ReadMailOptions {
  /** How long to wait for the mail worker (it polls every ~2 s). */
  timeoutMs?: number
  /** Only mail written at or after this moment (ms since the epoch), e.g. `Date.now()` before the action. */
  since?: number
  /** Only mail with exactly this subject (another message to the same address may arrive around the same time). */
  subject?: string
}

const POLL_INTERVAL_MS = 200

/** The newest message in the outbox addressed to `to`, waiting for it if needed. */
export async function readLatestMail(
  outboxDir: string,
  to: string,
  { timeoutMs = 15_000, since = 0, subject }: ReadMailOptions = {},
): Promise<Mail> {
  const deadline = Date.now() + timeoutMs
  const wanted = to.trim().toLowerCase()
  for (;;) {
    const mail = findLatest(outboxDir, wanted, since, subject)
    if (mail) return mail
    if (Date.now() >= deadline) {
      const files = fs.existsSync(outboxDir) ? fs.readdirSync(outboxDir).filter((f) => f.endsWith('.eml')) : []
      throw new Error(
        `No e-mail to ${to} arrived in ${outboxDir} within ${timeoutMs} ms (the outbox holds ${files.length} message(s)).`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS))
  }
}

function findLatest(outboxDir: string, to: string, since: number, subject?: string): Mail | undefined {
  if (!fs.existsSync(outboxDir)) return undefined
  const files = fs
    .readdirSync(outboxDir)
    .filter((name) => name.endsWith('.eml'))
    .map((name) => {
      const file = path.join(outboxDir, name)
      return { file, mtime: fs.statSync(file).mtimeMs }
    })
    // The filesystem's clock granularity may put a file a little before `since`.
    .filter(({ mtime }) => mtime >= since - 1_000)
    .sort((a, b) => b.mtime - a.mtime)
  for (const { file } of files) {
    const message = parseMessage(fs.readFileSync(file, 'latin1'))
    if (!message) continue // still being written
    const recipients = ['to', 'cc', 'bcc'].map((h) => decodeWords(message.headers.get(h) ?? '')).join(',')
    if (!addresses(recipients).includes(to)) continue
    const mailSubject = decodeWords(message.headers.get('subject') ?? '')
    if (subject !== undefined && mailSubject !== subject) continue
    return { file, to, subject: mailSubject, text: message.text }
  }
  return undefined
}

/** Pulls a link out of a mail body: the first URL whose path starts with `pathPrefix`. */
export function extractLink(text: string, pathPrefix: string): string {
  const urls = text.match(/https?:\/\/[^\s<>"')\]]+/g) ?? []
  for (const raw of urls) {
    const candidate = raw.replace(/[.,;:!?]+$/, '')
    if (new URL(candidate).pathname.startsWith(pathPrefix)) return candidate
  }
  throw new Error(`No link starting with ${pathPrefix} in the mail. Links found: ${urls.length ? urls.join(', ') : '(none)'}`)
}

// --- A minimal MIME reader ---------------------------------------------------

interface Part {
  headers: Map<string, string>
  body: string // latin1: one char a byte, decoded later
}

interface Message {
  headers: Map<string, string>
  text: string
}

function parseMessage(raw: string): Message | undefined {
  const top = parsePart(raw)
  const text = findText(top)
  if (text === undefined) return undefined
  return { headers: top.headers, text }
}

function parsePart(raw: string): Part {
  const normalised = raw.replace(/\r\n/g, '\n')
  const split = normalised.indexOf('\n\n')
  const head = split === -1 ? normalised : normalised.slice(0, split)
  const body = split === -1 ? '' : normalised.slice(split + 2)
  const headers = new Map<string, string>()
  // Unfold continuation lines, then read "Name: value".
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
  }
  return { headers, body }
}

/** The text of a part; undefined when a multipart message is incomplete. */
function findText(part: Part): string | undefined {
  const contentType = part.headers.get('content-type') ?? 'text/plain'
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase()
  if (mediaType.startsWith('multipart/')) {
    const boundary = parameter(contentType, 'boundary')
    if (!boundary) return ''
    const end = part.body.indexOf(`--${boundary}--`)
    if (end === -1) return undefined
    const children = part.body
      .slice(0, end)
      .split(new RegExp(`^--${escapeRegExp(boundary)}[ \\t]*$`, 'm'))
      .slice(1)
      .map((chunk) => parsePart(chunk.replace(/^\n/, '')))
    const plain = children.find((c) => (c.headers.get('content-type') ?? 'text/plain').toLowerCase().startsWith('text/plain'))
    if (plain) return decodeBody(plain)
    for (const child of children) {
      const text = findText(child)
      if (text) return text
    }
    return ''
  }
  const text = decodeBody(part)
  return mediaType === 'text/html' ? htmlToText(text) : text
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').trim().toLowerCase()
  const charset = parameter(part.headers.get('content-type') ?? '', 'charset') ?? 'utf-8'
  let bytes: Buffer
  if (encoding === 'base64') bytes = Buffer.from(part.body.replace(/\s+/g, ''), 'base64')
  else if (encoding === 'quoted-printable') bytes = decodeQuotedPrintable(part.body)
  else bytes = Buffer.from(part.body, 'latin1')
  return decodeCharset(bytes, charset).replace(/\n$/, '')
}

export function decodeQuotedPrintable(body: string): Buffer {
  const unwrapped = body.replace(/=\r?\n/g, '') // soft line breaks
  const bytes: number[] = []
  for (let i = 0; i < unwrapped.length; i++) {
    const hex = unwrapped.slice(i + 1, i + 3)
    if (unwrapped[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16))
      i += 2
    } else {
      bytes.push(unwrapped.charCodeAt(i) & 0xff)
    }
  }
  return Buffer.from(bytes)
}

/** RFC 2047 encoded words: =?charset?B|Q?text?= (adjacent words join without the space). */
export function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_match, charset: string, kind: string, data: string) => {
      const bytes = kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : decodeQuotedPrintable(data.replace(/_/g, ' '))
      return decodeCharset(bytes, charset)
    })
}

function decodeCharset(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes)
  } catch {
    return bytes.toString('utf8')
  }
}

function parameter(headerValue: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(headerValue)
  return match ? (match[1] ?? match[2]) : undefined
}

function addresses(list: string): string[] {
  return [...list.matchAll(/[^\s<>,;"]+@[^\s<>,;"]+/g)].map((m) => m[0].toLowerCase())
}

function htmlToText(html: string): string {
  return html
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>/gi, ' $1 ')
    .replace(/<br\s*\/?>|<\/p>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
