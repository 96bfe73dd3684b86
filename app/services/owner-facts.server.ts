// The policy facts of a document's or a grouping's owner for one actor, read
// from the database: a community's visibility, archive and the actor's
// membership; a masterclass's status, times, community and the actor's part.
import type { Actor, CommunityFacts, MembershipRole, Visibility } from '~/auth/community-policy'
import type { MasterclassFacts } from '~/auth/masterclass-policy'
import { prisma } from '~/utils/db.server'

/** What `communityFacts` needs, as a Prisma select for a community relation. */
export const communityFactsSelect = (actor: Actor) => ({
  visibility: true,
  archivedAt: true,
  memberships: actor ? { where: { userId: actor.id }, select: { role: true } } : (false as const),
})

export function communityFacts(c: {
  visibility: string
  archivedAt: Date | null
  memberships?: Array<{ role: string }>
}): CommunityFacts {
  return {
    visibility: c.visibility as Visibility,
    archived: c.archivedAt !== null,
    membership: (c.memberships?.[0]?.role ?? null) as MembershipRole | null,
  }
}

/** The masterclass policy's facts for this actor, or null when there is no such masterclass. */
export async function masterclassFacts(masterclassId: string, actor: Actor, now = new Date()): Promise<MasterclassFacts | null> {
  const m = await prisma.masterclass.findUnique({
    where: { id: masterclassId },
    select: {
      status: true,
      startsAt: true,
      endsAt: true,
      community: { select: communityFactsSelect(actor) },
      facilitators: actor ? { where: { userId: actor.id }, select: { userId: true } } : false,
      registrations: actor ? { where: { userId: actor.id }, select: { status: true } } : false,
    },
  })
  if (!m) return null
  return {
    status: m.status as MasterclassFacts['status'],
    community: m.community ? communityFacts(m.community) : null,
    facilitator: (m.facilitators?.length ?? 0) > 0,
    registration: (m.registrations?.[0]?.status ?? null) as MasterclassFacts['registration'],
    started: m.startsAt <= now,
    ended: m.endsAt <= now,
  }
}
