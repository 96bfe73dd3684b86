// The mail that tells a member which peer group they are in, in their own
// language; queued in the publishing transaction (ADR 0005), so the groups
// and their mails commit together — in one statement for the whole grouping
// (2,000 participants are 2,000 mails). The caller wakes the mail worker after.
import { fixedT } from '~/i18n/i18next.server'
import { defaultLanguage, isLanguage, type Language } from '~/i18n/config'
import type { Tx } from '~/utils/db.server'
import { appUrl } from '~/utils/env.server'
import { queueMails, type MailInput } from './mail.server'
import { mailAddress } from './mail-message.server'

/** Ids per query: SQLite allows 999 bound parameters in one statement. */
const ID_CHUNK = 500

export interface GroupToMail {
  groupId: string
  number: number
  userIds: string[]
}

export async function queuePeerGroupMails(tx: Tx, ownerName: string, groups: readonly GroupToMail[]): Promise<void> {
  const everyone = groups.flatMap((g) => g.userIds)
  const recipients = []
  for (let at = 0; at < everyone.length; at += ID_CHUNK) {
    recipients.push(
      ...(await tx.user.findMany({
        where: { id: { in: everyone.slice(at, at + ID_CHUNK) }, deletedAt: null },
        select: { id: true, name: true, email: true, locale: true },
      })),
    )
  }
  const byId = new Map(recipients.map((r) => [r.id, r]))
  const mails: MailInput[] = []
  const translators = new Map<Language, Awaited<ReturnType<typeof fixedT>>>()
  for (const { groupId, number, userIds } of groups) {
    const url = `${appUrl()}/groups/${groupId}`
    for (const id of userIds) {
      const r = byId.get(id)
      // An address that is not one any more is skipped (as masterclass mail jobs do), not fatal to publishing.
      const to = r?.email ? mailAddress(r.email) : null
      if (!r || !to) continue
      const lng: Language = isLanguage(r.locale) ? r.locale : defaultLanguage
      const t = translators.get(lng) ?? (await fixedT(lng))
      translators.set(lng, t)
      const others = userIds
        .filter((other) => other !== r.id)
        .map((other) => byId.get(other)?.name)
        .filter((name): name is string => Boolean(name))
      const text = [
        t('groups.mail.greeting', { name: r.name }),
        t('groups.mail.body', { number, owner: ownerName, others: others.join(', ') }),
        t('groups.mail.link', { url }),
        t('groups.mail.signoff'),
      ].join('\n\n')
      mails.push({ to, subject: t('groups.mail.subject', { number, owner: ownerName }), text: `${text}\n` })
    }
  }
  await queueMails(mails, tx)
}
