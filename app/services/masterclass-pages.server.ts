// What the member-facing masterclass pages show beyond the queries: who sees
// the online link, the detail page's registration state and reason, the
// feedback form, the calendar file as this viewer may have it, and the short
// lists for the landing page and a community's tab.
import type { Actor } from '~/auth/community-policy'
import { prisma } from '~/utils/db.server'
import { renderMarkdown } from '~/utils/markdown.server'
import { notFound } from '~/utils/responses.server'
import { calendarFileFor } from './masterclass-calendar.server'
import { myFeedback } from './masterclass-feedback.server'
import {
  getMasterclassDetail,
  listMasterclasses,
  visibleMasterclasses,
  type MasterclassAccess,
  type MasterclassCard,
} from './masterclass-queries.server'
import { registrationRefusal } from './registration-gate.server'

/**
 * The online link is for those who take part: confirmed participants, its
 * facilitators and admins. Everyone else who may see the masterclass sees
 * that it is online, not where — a link passed around would let anyone in.
 */
export function maySeeOnlineLink(access: MasterclassAccess): boolean {
  return access.actor?.role === 'admin' || access.facts.facilitator || access.facts.registration === 'confirmed'
}

/** Communities with a masterclass this person may see, for the list's filter. */
export async function masterclassCommunities(actor: Actor) {
  return prisma.community.findMany({
    where: { masterclasses: { some: visibleMasterclasses(actor) } },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  })
}

/** Everything the detail page shows, as this person may see it. */
export async function masterclassPage(access: MasterclassAccess, now = new Date()) {
  const detail = await getMasterclassDetail(access)
  const { description, onlineUrl, ...rest } = detail
  const mine = detail.myRegistration
  const active = mine?.status === 'confirmed' || mine?.status === 'waitlisted'
  const refusal = registrationRefusal(detail, now)
  const feedback = access.actor && detail.can.giveFeedback ? await myFeedback(detail.id, access.actor.id) : null
  return {
    masterclass: { ...rest, online: onlineUrl !== null, onlineUrl: maySeeOnlineLink(access) ? onlineUrl : null },
    descriptionHtml: description.trim() ? renderMarkdown(description) : null,
    started: access.facts.started,
    ended: access.facts.ended,
    registration: {
      /** The register button: the policy allows it, the window is open and they hold no place yet. */
      mayRegister: detail.can.register && refusal === null,
      /** Why nobody can register now (an i18n error key), shown instead of the button. */
      refusal: active ? null : refusal,
      /** Cancelling one's place makes sense until the start. */
      mayCancel: active && !access.facts.started,
    },
    feedback: feedback ? { rating: feedback.rating, comment: feedback.comment } : null,
  }
}

export type MasterclassPage = Awaited<ReturnType<typeof masterclassPage>>

/** The masterclass's calendar file as this viewer may have it: the public announcement unless they may see the online link. */
export async function calendarFileForViewer(access: MasterclassAccess): Promise<string> {
  const file = await calendarFileFor(access.masterclass.id, maySeeOnlineLink(access) ? 'participants' : 'public')
  if (file === null) throw notFound()
  return file
}

/** The next few published masterclasses this person may see (the landing page). */
export async function nextMasterclasses(actor: Actor, limit = 3, now = new Date()): Promise<MasterclassCard[]> {
  const { masterclasses } = await listMasterclasses(actor, { when: 'upcoming' }, 1, now)
  return masterclasses.filter((m) => m.status === 'published').slice(0, limit)
}

/** A community's tab: its first page of upcoming and of past masterclasses, as this person may see them. */
export async function communityMasterclasses(actor: Actor, communityId: string, now = new Date()) {
  const [upcoming, past] = await Promise.all([
    listMasterclasses(actor, { communityId, when: 'upcoming' }, 1, now),
    listMasterclasses(actor, { communityId, when: 'past' }, 1, now),
  ])
  return {
    upcoming: upcoming.masterclasses,
    upcomingTotal: upcoming.total,
    past: past.masterclasses,
    pastTotal: past.total,
  }
}
