// The mail that tells a member which peer group they are in, in their own
// language; queued in the publishing transaction (ADR 0005), so the groups
// and their mails commit together. The caller wakes the mail worker after.
import { fixedT } from '~/i18n/i18next.server'
import { defaultLanguage, isLanguage, type Language } from '~/i18n/config'
import type { Tx } from '~/utils/db.server'
import { appUrl } from '~/utils/env.server'
import { queueMail } from './mail.server'

export async function queuePeerGroupMails(
  tx: Tx,
  { groupId, number, ownerName, userIds }: { groupId: string; number: number; ownerName: string; userIds: string[] },
): Promise<void> {
  const recipients = await tx.user.findMany({
    where: { id: { in: userIds }, deletedAt: null, email: { not: null } },
    select: { id: true, name: true, email: true, locale: true },
  })
  const byId = new Map(recipients.map((r) => [r.id, r]))
  const url = `${appUrl()}/groups/${groupId}`
  for (const r of recipients) {
    const lng: Language = isLanguage(r.locale) ? r.locale : defaultLanguage
    const t = await fixedT(lng)
    const others = userIds
      .filter((id) => id !== r.id)
      .map((id) => byId.get(id)?.name)
      .filter((name): name is string => Boolean(name))
    const text = [
      t('groups.mail.greeting', { name: r.name }),
      t('groups.mail.body', { number, owner: ownerName, others: others.join(', ') }),
      t('groups.mail.link', { url }),
      t('groups.mail.signoff'),
    ].join('\n\n')
    await queueMail({ to: r.email!, subject: t('groups.mail.subject', { number, owner: ownerName }), text: `${text}\n` }, tx)
  }
}
