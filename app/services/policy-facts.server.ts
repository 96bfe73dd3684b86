// The facts the policies decide on (~/auth/community-policy,
// ~/auth/masterclass-policy), read from the database in one way for every
// caller: what to select for an actor, and the facts made from that row.
import type { Actor, CommunityFacts, MembershipRole, Visibility } from '~/auth/community-policy'
import type { MasterclassFacts, MasterclassStatus, RegistrationStatus } from '~/auth/masterclass-policy'

/** A community's columns for its facts, with this actor's membership. */
export const communityFactsSelect = (actor: Actor) => ({
  visibility: true,
  archivedAt: true,
  memberships: actor ? { where: { userId: actor.id }, select: { role: true } } : (false as const),
})

export interface CommunityFactsRow {
  visibility: string
  archivedAt: Date | null
  memberships?: Array<{ role: string }>
}

export function communityFacts(c: CommunityFactsRow): CommunityFacts {
  return {
    visibility: c.visibility as Visibility,
    archived: c.archivedAt !== null,
    membership: (c.memberships?.[0]?.role ?? null) as MembershipRole | null,
  }
}

/** A masterclass's columns for its facts: its status and times, its community, and this actor's roles in it. */
export const masterclassFactsSelect = (actor: Actor) => ({
  status: true,
  startsAt: true,
  endsAt: true,
  community: { select: communityFactsSelect(actor) },
  facilitators: actor ? { where: { userId: actor.id }, select: { userId: true } } : (false as const),
  registrations: actor ? { where: { userId: actor.id }, select: { status: true } } : (false as const),
})

export interface MasterclassFactsRow {
  status: string
  startsAt: Date
  endsAt: Date
  community: CommunityFactsRow | null
  facilitators?: Array<{ userId: string }>
  registrations?: Array<{ status: string }>
}

export function masterclassFacts(m: MasterclassFactsRow, now = new Date()): MasterclassFacts {
  return {
    status: m.status as MasterclassStatus,
    community: m.community ? communityFacts(m.community) : null,
    facilitator: (m.facilitators?.length ?? 0) > 0,
    registration: (m.registrations?.[0]?.status ?? null) as RegistrationStatus | null,
    started: m.startsAt <= now,
    ended: m.endsAt <= now,
  }
}
