// What a queued message must be (checked before it is stored, so the worker
// never meets a message it cannot send) and the row it becomes.
import { z } from 'zod'
import { encodeAttachments } from './mail-transport.server'

const noLineBreaks = (v: string) => !/[\r\n]/.test(v)

const mailSchema = z.object({
  to: z.string().trim().toLowerCase().email({ message: 'not a valid e-mail address' }),
  subject: z.string().min(1).max(998).refine(noLineBreaks, 'must be a single line'),
  text: z.string(),
  html: z.string().optional(),
  attachments: z
    .array(
      z.object({
        filename: z.string().min(1).max(255).refine(noLineBreaks, 'must be a single line'),
        contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a MIME type such as text/calendar'),
        content: z.union([z.string(), z.instanceof(Buffer)]),
      }),
    )
    .optional(),
})

export type MailInput = z.input<typeof mailSchema>

export class InvalidMailError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cannot queue mail: ${problems.join('; ')}`)
    this.name = 'InvalidMailError'
  }
}

/** The MailMessage columns for a message, or InvalidMailError. */
export function mailRow(message: MailInput) {
  const parsed = mailSchema.safeParse(message)
  if (!parsed.success) {
    throw new InvalidMailError(parsed.error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`))
  }
  const { to, subject, text, html, attachments } = parsed.data
  return { to, subject, text, html: html ?? null, attachments: encodeAttachments(attachments ?? []) }
}

/** A recipient address as queueMail stores it, or null when it is not one. */
export function mailAddress(address: string): string | null {
  const parsed = mailSchema.shape.to.safeParse(address)
  return parsed.success ? parsed.data : null
}
