// How a queued message leaves the process: through SMTP when SMTP_HOST is
// set, otherwise as an .eml file in the outbox folder (development, tests,
// installations without a mail server). Both are composed by nodemailer, so
// the .eml holds the same headers and body an SMTP server would receive.
import fs from 'node:fs/promises'
import path from 'node:path'
import nodemailer, { type SendMailOptions } from 'nodemailer'
import { z } from 'zod'
import type { MailMessage } from '~/generated/prisma/client'
import type { Env } from '~/utils/env.server'

export type MailTransportConfig = Pick<
  Env,
  'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_SECURE' | 'SMTP_USER' | 'SMTP_PASSWORD' | 'MAIL_FROM' | 'MAIL_OUTBOX_DIR'
>

export interface OutgoingMail {
  /** The MailMessage id; it fixes the Message-ID and the outbox file name. */
  id: string
  to: string
  subject: string
  text: string
  html?: string | null
  attachments: Array<{ filename: string; contentType: string; content: Buffer }>
  /** The Date header: when the message was queued, so a resend is identical. */
  date: Date
}

export interface MailTransport {
  readonly kind: 'smtp' | 'outbox'
  /** Resolves once the message is accepted (SMTP) or on disk (outbox); rejects otherwise. */
  send(mail: OutgoingMail): Promise<{ outboxPath?: string }>
  close(): void
}

/**
 * Stable across retries, so a receiver that sees the same message twice (see
 * docs/decisions/0005-mail-queue.md for when that can happen) can drop the copy.
 */
export function messageIdFor(mailId: string): string {
  return `<${mailId}@peloton>`
}

/** MailMessage.attachments: a JSON array with the content in base64 (or null for none). */
export function encodeAttachments(
  attachments: Array<{ filename: string; contentType: string; content: string | Buffer }>,
): string | null {
  if (attachments.length === 0) return null
  return JSON.stringify(
    attachments.map(({ filename, contentType, content }) => ({
      filename,
      contentType,
      content: (typeof content === 'string' ? Buffer.from(content, 'utf8') : content).toString('base64'),
    })),
  )
}

const storedAttachments = z.array(z.object({ filename: z.string(), contentType: z.string(), content: z.string() }))

export function outgoingMail(row: MailMessage): OutgoingMail {
  const attachments = row.attachments === null ? [] : storedAttachments.parse(JSON.parse(row.attachments))
  return {
    id: row.id,
    to: row.to,
    subject: row.subject,
    text: row.text,
    html: row.html,
    attachments: attachments.map((a) => ({ ...a, content: Buffer.from(a.content, 'base64') })),
    date: row.createdAt,
  }
}

// A send must end well within the queue's lease; these bound a silent server.
const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 }

export function createMailTransport(config: MailTransportConfig): MailTransport {
  return config.SMTP_HOST === undefined ? outboxTransport(config) : smtpTransport(config, config.SMTP_HOST)
}

function toNodemailer(mail: OutgoingMail, from: string): SendMailOptions {
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? undefined,
    attachments: mail.attachments,
    messageId: messageIdFor(mail.id),
    date: mail.date,
  }
}

function smtpTransport(config: MailTransportConfig, host: string): MailTransport {
  const transporter = nodemailer.createTransport({
    host,
    port: config.SMTP_PORT,
    secure: config.SMTP_SECURE,
    auth: config.SMTP_USER === undefined ? undefined : { user: config.SMTP_USER, pass: config.SMTP_PASSWORD },
    ...SMTP_TIMEOUTS,
  })
  return {
    kind: 'smtp',
    async send(mail) {
      await transporter.sendMail(toNodemailer(mail, config.MAIL_FROM))
      return {}
    },
    close: () => transporter.close(),
  }
}

function outboxTransport(config: MailTransportConfig): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' })
  const dir = path.resolve(config.MAIL_OUTBOX_DIR)
  return {
    kind: 'outbox',
    async send(mail) {
      const info = await transporter.sendMail(toNodemailer(mail, config.MAIL_FROM))
      if (!Buffer.isBuffer(info.message)) throw new Error('nodemailer returned a stream where a buffer was asked for')
      // The id is a cuid, so it is safe as a file name. Write-then-rename: a
      // crash leaves either no file or a complete one, and a retry after a
      // crash simply replaces it.
      const file = path.join(dir, `${mail.id}.eml`)
      const temporary = `${file}.${process.pid}.tmp`
      await fs.mkdir(dir, { recursive: true })
      await fs.writeFile(temporary, info.message)
      await fs.rename(temporary, file)
      return { outboxPath: file }
    },
    close: () => transporter.close(),
  }
}
