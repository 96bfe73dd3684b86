// The masterclass e-mails (confirmed, waitlisted, promoted, reminder, changed,
// cancelled) and in-app notifications, in the recipient's language. Always
// queued in the caller's transaction, so a registration and its mail commit
// together (ADR 0005); the caller wakes the mail worker after the commit.
import { fixedT } from '~/i18n/i18next.server'
import { defaultLanguage, formatDateTime, isLanguage, type Language } from '~/i18n/config'
import type { Tx } from '~/utils/db.server'
import { appUrl } from '~/utils/env.server'
import type { NotificationKind } from '~/utils/notification-kinds'
import { masterclassIcs, type IcsMasterclass } from './masterclass-calendar.server'
import { queueMail, type MailInput } from './mail.server'
import { notifyMany } from './notifications.server'

export const MASTERCLASS_MAILS = ['confirmed', 'waitlisted', 'promoted', 'reminder', 'changed', 'cancelled'] as const
export type MasterclassMail = (typeof MASTERCLASS_MAILS)[number]

export interface MailRecipient {
  name: string
  email: string | null
  locale: string | null
  deletedAt: Date | null
}

export const recipientSelect = { name: true, email: true, locale: true, deletedAt: true } as const

/** Every mail but the waitlist notice carries the calendar file. */
const WITH_CALENDAR: ReadonlySet<MasterclassMail> = new Set(['confirmed', 'promoted', 'reminder', 'changed', 'cancelled'])

function when(m: IcsMasterclass, lng: Language): string {
  return `${formatDateTime(m.startsAt, lng)} – ${formatDateTime(m.endsAt, lng)}`
}

/**
 * The mail in the recipient's language, or null for an account without an
 * address (deleted). Pure CPU work: callers that hold the registration lock
 * render before they take it where they can.
 */
export async function renderMasterclassMail(
  kind: MasterclassMail,
  recipient: MailRecipient,
  masterclass: IcsMasterclass,
  { position, calendar = WITH_CALENDAR.has(kind) }: { position?: number; calendar?: boolean } = {},
): Promise<MailInput | null> {
  if (!recipient.email || recipient.deletedAt) return null
  const lng: Language = isLanguage(recipient.locale) ? recipient.locale : defaultLanguage
  const t = await fixedT(lng)
  const url = `${appUrl()}/masterclasses/${masterclass.id}`
  const params = { title: masterclass.title, position: position ?? 0 }
  const where = [
    masterclass.location,
    masterclass.onlineUrl ? t('masterclasses.mail.online', { url: masterclass.onlineUrl }) : null,
  ]
    .filter(Boolean)
    .join(' / ')
  const text = [
    t('masterclasses.mail.greeting', { name: recipient.name }),
    t(`masterclasses.mail.${kind}Body`, params),
    t('masterclasses.mail.details', { when: when(masterclass, lng), where, url }),
    t('masterclasses.mail.signoff'),
  ].join('\n\n')
  return {
    to: recipient.email,
    subject: t(`masterclasses.mail.${kind}Subject`, params),
    text: `${text}\n`,
    attachments: calendar
      ? [{ filename: 'masterclass.ics', contentType: 'text/calendar', content: masterclassIcs(masterclass, masterclass.title) }]
      : undefined,
  }
}

/** Renders and queues one masterclass mail in the caller's transaction; false when there is no address. */
export async function queueMasterclassMail(
  tx: Tx,
  kind: MasterclassMail,
  recipient: MailRecipient,
  masterclass: IcsMasterclass,
  options: { position?: number; calendar?: boolean } = {},
): Promise<boolean> {
  const mail = await renderMasterclassMail(kind, recipient, masterclass, options)
  if (mail) await queueMail(mail, tx)
  return mail !== null
}

/** The bell: promoted, changed or cancelled, linking to the masterclass. */
export async function notifyMasterclass(
  tx: Tx,
  userIds: string[],
  kind: Extract<NotificationKind, `masterclass_${string}`>,
  masterclass: { id: string; title: string },
): Promise<void> {
  await notifyMany(tx, userIds, { kind, link: `/masterclasses/${masterclass.id}`, data: { masterclass: masterclass.title } })
}
