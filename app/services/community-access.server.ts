// Loads a community the way every route and service needs it: with the
// actor's membership, answering 404 when the actor may not know it exists
// (invite-only for non-members) and 403 when they may see it but not act.
import { can, type Actor, type CommunityAction, type CommunityFacts, type Visibility } from '~/auth/community-policy'
import type { SessionUser } from '~/auth/session.server'
import { prisma } from '~/utils/db.server'
import { communityFacts, communityFactsSelect } from './policy-facts.server'
import { forbidden, notFound } from '~/utils/responses.server'

export interface CommunityAccess {
  community: { id: string; slug: string; name: string; kind: string; visibility: Visibility; archivedAt: Date | null }
  facts: CommunityFacts
  actor: Actor
}

export function actorOf(user: SessionUser | null): Actor {
  return user ? { id: user.id, role: user.role } : null
}

/** The community by slug, for this actor; throws 404 when it does not exist or may not be seen. */
export async function requireCommunity(slug: string, user: SessionUser | null): Promise<CommunityAccess> {
  const actor = actorOf(user)
  const community = await prisma.community.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      kind: true,
      ...communityFactsSelect(actor),
    },
  })
  if (!community) throw notFound()
  const facts = communityFacts(community)
  if (!can(actor, facts, 'view')) throw notFound()
  const { memberships: _memberships, ...rest } = community
  return { community: { ...rest, visibility: facts.visibility }, facts, actor }
}

/**
 * Why someone who can see the community may not post in it, as an error key
 * for the page (someone who left a moment ago still has the form open); null
 * when they may.
 */
export function postRefusal(access: CommunityAccess): string | null {
  if (can(access.actor, access.facts, 'post')) return null
  return access.facts.archived ? 'discussions.errors.archived' : 'discussions.errors.notMember'
}

/** Throws 403 unless the actor may do this (the community itself is already visible to them). */
export function requireCan(access: CommunityAccess, action: CommunityAction): void {
  if (!can(access.actor, access.facts, action)) throw forbidden()
}
