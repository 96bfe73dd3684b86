// Invitations to a community by e-mail address: the link works once and
// expires; someone who already has an account also sees it in the app.
import { encodeHexLowerCase } from '@oslojs/encoding'
import { randomToken, sha256Of } from '~/auth/crypto.server'
import type { Language } from '~/i18n/config'
import { isLanguage } from '~/i18n/config'
import { fixedT } from '~/i18n/i18next.server'
import { prisma } from '~/utils/db.server'
import { appUrl } from '~/utils/env.server'
import { INVITATION_TTL_DAYS, MAX_INVITES } from '~/utils/membership-limits'
import { queueMail, wakeMailWorker } from './mail.server'
import { addMember } from './membership.server'
import { notify } from './notifications.server'

interface Community {
  id: string
  slug: string
  name: string
}

const DAY = 24 * 60 * 60 * 1000

function hashToken(token: string): string {
  return encodeHexLowerCase(sha256Of(token))
}

/**
 * Invites addresses (already lower-cased and valid): each gets an e-mail with
 * a link that works once; someone with an account also gets a notification,
 * which links by invitation id so that no usable token is stored anywhere.
 * Addresses of current members are skipped.
 */
export async function inviteByEmail(
  community: Community,
  inviter: { id: string; name: string },
  emails: string[],
  lng: Language,
  now = new Date(),
): Promise<{ invited: string[]; skipped: string[] }> {
  const unique = [...new Set(emails.map((e) => e.trim().toLowerCase()))].slice(0, MAX_INVITES)
  const result = await prisma.$transaction(async (tx) => {
    const invited: string[] = []
    const skipped: string[] = []
    for (const email of unique) {
      const account = await tx.user.findFirst({
        where: { email, deletedAt: null },
        select: {
          id: true,
          locale: true,
          emailVerifiedAt: true,
          memberships: { where: { communityId: community.id }, select: { role: true } },
        },
      })
      if (account?.memberships.length) {
        skipped.push(email)
        continue
      }
      const token = randomToken(25)
      const invitation = await tx.invitation.create({
        data: {
          communityId: community.id,
          email,
          tokenHash: hashToken(token),
          invitedById: inviter.id,
          expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * DAY),
        },
        select: { id: true },
      })
      const t = await fixedT(isLanguage(account?.locale) ? account.locale : lng)
      const params = { community: community.name, person: inviter.name, days: INVITATION_TTL_DAYS }
      const body = t('membership.mail.inviteBody', { ...params, url: `${appUrl()}/invitations/${token}` })
      await queueMail(
        {
          to: email,
          subject: t('membership.mail.inviteSubject', params),
          text: `${t('membership.mail.greeting')}\n\n${body}\n\n${t('membership.mail.signoff')}\n`,
        },
        tx,
      )
      // In the app only for a verified address (see findInvitation); the e-mail goes in any case.
      if (account?.emailVerifiedAt) {
        await notify(tx, {
          userId: account.id,
          kind: 'invitation',
          link: `/invitations/${invitation.id}`,
          data: { community: community.name, person: inviter.name },
        })
      }
      invited.push(email)
    }
    return { invited, skipped }
  })
  if (result.invited.length) wakeMailWorker()
  return result
}

export type InvitationState = 'usable' | 'used' | 'expired'

/**
 * The invitation behind a link: the e-mailed token, or (from the in-app
 * notification) the invitation id, which only opens it for the invited account.
 */
async function findInvitation(key: string, user: { email: string; emailVerified: boolean } | null) {
  if (key.length === 0 || key.length > 100) return null
  const select = {
    id: true,
    email: true,
    expiresAt: true,
    acceptedAt: true,
    community: { select: { id: true, slug: true, name: true, archivedAt: true } },
  } as const
  const byToken = await prisma.invitation.findUnique({ where: { tokenHash: hashToken(key) }, select })
  if (byToken) return byToken
  // By id only for an account that proved it reads the invited mailbox: otherwise
  // someone who registered the address first could accept without the e-mail.
  if (!user?.emailVerified) return null
  return prisma.invitation.findFirst({ where: { id: key, email: user.email.toLowerCase() }, select })
}

function stateOf(inv: { acceptedAt: Date | null; expiresAt: Date; community: { archivedAt: Date | null } }, now: Date) {
  if (inv.acceptedAt) return 'used' as const
  if (inv.expiresAt <= now || inv.community.archivedAt) return 'expired' as const
  return 'usable' as const
}

/** What the invitation page shows; null for a link that leads nowhere. */
export async function describeInvitation(key: string, user: { email: string; emailVerified: boolean } | null, now = new Date()) {
  const inv = await findInvitation(key, user)
  if (!inv) return null
  return {
    community: { slug: inv.community.slug, name: inv.community.name },
    state: stateOf(inv, now) as InvitationState,
    forThisUser: user ? user.email.toLowerCase() === inv.email : null,
  }
}

export type AcceptResult = { ok: true; slug: string } | { ok: false; reason: 'invalid' | 'used' | 'expired' | 'wrongAccount' }

/**
 * Accepts an invitation for the logged-in user, whose address must be the
 * invited one. One conditional update (not yet accepted, not expired) spends
 * the link, so it works once even for two requests at the same moment.
 */
export async function acceptInvitation(
  key: string,
  user: { id: string; email: string; emailVerified: boolean },
  now = new Date(),
): Promise<AcceptResult> {
  const inv = await findInvitation(key, user)
  if (!inv) return { ok: false, reason: 'invalid' }
  if (inv.email !== user.email.toLowerCase()) return { ok: false, reason: 'wrongAccount' }
  const state = stateOf(inv, now)
  if (state !== 'usable') return { ok: false, reason: state }
  return prisma.$transaction(async (tx): Promise<AcceptResult> => {
    const { count } = await tx.invitation.updateMany({
      where: { id: inv.id, acceptedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now, acceptedById: user.id },
    })
    if (count !== 1) return { ok: false, reason: 'used' }
    await addMember(tx, inv.community.id, user.id)
    await tx.notification.updateMany({
      where: { userId: user.id, kind: 'invitation', link: `/invitations/${inv.id}`, readAt: null },
      data: { readAt: now },
    })
    return { ok: true, slug: inv.community.slug }
  })
}
