// The masterclass e-mails (confirmed, waitlisted, promoted, reminder, changed,
// cancelled) and in-app notifications, in the recipient's language. Always
// queued in the caller's transaction, so a change and its mail commit together
// (ADR 0005): one mail rendered whole (queueMasterclassMail), or — when a
// change mails many people — compact jobs rendered after the commit
// (queueMasterclassJobs, mail-jobs.server.ts). The caller wakes the mail
// worker after the commit (afterMasterclassMail for jobs).
import { fixedT } from '~/i18n/i18next.server'
import { defaultLanguage, formatDateTime, isLanguage, type Language } from '~/i18n/config'
import { prisma, type Tx } from '~/utils/db.server'
import { appUrl } from '~/utils/env.server'
import { logger } from '~/utils/logger.server'
import type { NotificationKind } from '~/utils/notification-kinds'
import { icsSelect, masterclassIcs, type IcsMasterclass } from './masterclass-calendar.server'
import { queueMailJobs, registerMailRenderer, renderPendingMail, type PendingJob } from './mail-jobs.server'
import { queueMail, wakeMailWorker, type MailInput } from './mail.server'
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

// The .ics of a masterclass is the same for every recipient: a mail to many
// people renders it once. Keyed by everything it is made from.
const icsCache = new Map<string, string>()
function calendarFile(m: IcsMasterclass): string {
  const key = JSON.stringify(Object.keys(icsSelect).map((k) => m[k as keyof IcsMasterclass]))
  let ics = icsCache.get(key)
  if (ics === undefined) {
    ics = masterclassIcs(m, m.title)
    if (icsCache.size >= 50) icsCache.delete(icsCache.keys().next().value!)
    icsCache.set(key, ics)
  }
  return ics
}

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
      ? [{ filename: 'masterclass.ics', contentType: 'text/calendar', content: calendarFile(masterclass) }]
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

// ------------------------------------------------ many at once, after commit

const TEMPLATE = 'masterclass'

interface JobData {
  kind: MasterclassMail
  masterclassId: string
  name: string
  locale: string | null
  position?: number
  calendar?: boolean
}

export interface JobRecipient extends MailRecipient {
  position?: number
  calendar?: boolean
}

/**
 * Queues one compact job per recipient in the caller's transaction (one
 * INSERT); they are rendered from the masterclass as stored when rendering.
 * Pass the returned ids to afterMasterclassMail once the transaction commits.
 */
export async function queueMasterclassJobs(
  tx: Tx,
  kind: MasterclassMail,
  masterclassId: string,
  recipients: JobRecipient[],
): Promise<string[]> {
  const jobs = recipients.flatMap((r) => {
    if (!r.email || r.deletedAt) return []
    const data: JobData = { kind, masterclassId, name: r.name, locale: r.locale, position: r.position, calendar: r.calendar }
    return [{ to: r.email, template: TEMPLATE, data }]
  })
  return queueMailJobs(tx, jobs)
}

async function renderJobs(jobs: PendingJob[]): Promise<Array<MailInput | null>> {
  const data = jobs.map((j) => j.data as JobData)
  const ids = [...new Set(data.map((d) => d.masterclassId))]
  const masterclasses = new Map(
    (await prisma.masterclass.findMany({ where: { id: { in: ids } }, select: icsSelect })).map((m) => [m.id, m]),
  )
  return Promise.all(
    jobs.map((job, i) => {
      const d = data[i]!
      const m = masterclasses.get(d.masterclassId)
      if (!m) return null
      const recipient = { name: d.name, email: job.to, locale: d.locale, deletedAt: null }
      return renderMasterclassMail(d.kind, recipient, m, { position: d.position, calendar: d.calendar })
    }),
  )
}

registerMailRenderer(TEMPLATE, renderJobs)

/** After the commit that queued jobs: render them now and wake the worker (which renders any left over). */
export async function afterMasterclassMail(jobIds: string[]): Promise<void> {
  if (jobIds.length === 0) return
  try {
    await renderPendingMail(jobIds)
  } catch (error) {
    // Committed and safe: the worker's next pass renders them.
    logger.error({ err: error }, 'rendering masterclass mail after the commit failed')
  }
  wakeMailWorker()
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
