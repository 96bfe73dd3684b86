// Who may see and form peer groups, resolved through the grouping's owner (a
// community or a masterclass) and its policy module: `formGroups` to propose,
// adjust and publish, `readGroups` to see every grouping; a member sees the
// published groups they are in. The group pages, the groupings pages and the
// group documents' access (document-access.server.ts) all ask here.
import { can, type Actor } from '~/auth/community-policy'
import { canMasterclass } from '~/auth/masterclass-policy'
import type { SessionUser } from '~/auth/session.server'
import { prisma } from '~/utils/db.server'
import type { GroupOwner } from '~/utils/peer-groups'
import { forbidden, notFound } from '~/utils/responses.server'
import { actorOf, requireCommunity } from './community-access.server'
import { requireMasterclass } from './masterclass-queries.server'
import { communityFacts, communityFactsSelect, masterclassFacts, masterclassFactsSelect } from './policy-facts.server'

export interface PeerGroupFacts {
  id: string
  number: number
  groupingId: string
  status: 'draft' | 'published'
  documentId: string | null
  owner: GroupOwner
  /** The actor is in this group. */
  member: boolean
  /** The actor runs the owner (its facilitator, or an admin). */
  runs: boolean
  /** The actor may know the owner exists (tells 403 from 404). */
  visible: boolean
  /** The community is archived or the masterclass cancelled: nothing is edited any more. */
  ownerClosed: boolean
  /**
   * The actor still belongs to the owner: a member of the community, a
   * confirmed participant of the masterclass. A group member who left, was
   * removed or cancelled keeps their group's page and reads its document, but
   * no longer edits it.
   */
  stillParticipant: boolean
}

/** What this actor is to this group, or null when there is no such group. */
export async function peerGroupFacts(peerGroupId: string, actor: Actor): Promise<PeerGroupFacts | null> {
  const group = await prisma.peerGroup.findUnique({
    where: { id: peerGroupId },
    select: {
      id: true,
      number: true,
      documentId: true,
      members: actor ? { where: { userId: actor.id }, select: { userId: true } } : false,
      grouping: {
        select: {
          id: true,
          status: true,
          masterclass: { select: { id: true, title: true, ...masterclassFactsSelect(actor) } },
          community: { select: { id: true, slug: true, name: true, ...communityFactsSelect(actor) } },
        },
      },
    },
  })
  if (!group) return null
  const { community, masterclass } = group.grouping
  const base = {
    id: group.id,
    number: group.number,
    groupingId: group.grouping.id,
    status: group.grouping.status as PeerGroupFacts['status'],
    documentId: group.documentId,
    member: (group.members?.length ?? 0) > 0,
  }
  if (community) {
    const facts = communityFacts(community)
    return {
      ...base,
      owner: { kind: 'community', id: community.id, slug: community.slug, name: community.name },
      runs: can(actor, facts, 'readGroups'),
      visible: can(actor, facts, 'view'),
      ownerClosed: facts.archived,
      stillParticipant: facts.membership !== null,
    }
  }
  if (masterclass) {
    const facts = masterclassFacts(masterclass)
    return {
      ...base,
      owner: { kind: 'masterclass', id: masterclass.id, name: masterclass.title },
      runs: canMasterclass(actor, facts, 'readGroups'),
      visible: canMasterclass(actor, facts, 'view'),
      ownerClosed: facts.status === 'cancelled',
      stillParticipant: facts.registration === 'confirmed',
    }
  }
  return null
}

/** Whether the actor runs the owner of this group (archives its documents, sees who moved on). */
export async function runsGroupOwner(peerGroupId: string, actor: Actor): Promise<boolean> {
  return (await peerGroupFacts(peerGroupId, actor))?.runs ?? false
}

/**
 * A published group for its page: its members, those who run its owner and
 * admins; a thrown 404 for a draft group or who may not know the owner
 * exists, 403 for everyone else.
 */
export async function requirePeerGroup(peerGroupId: string, user: SessionUser): Promise<PeerGroupFacts> {
  const facts = await peerGroupFacts(peerGroupId, actorOf(user))
  if (!facts || facts.status !== 'published') throw notFound()
  if (facts.member || facts.runs) return facts
  throw facts.visible ? forbidden() : notFound()
}

export interface GroupingsAccess {
  owner: GroupOwner
  actor: { id: string; role: NonNullable<Actor>['role'] }
  /** Propose, adjust, publish and discard. */
  mayForm: boolean
  /** See every grouping, not only one's own groups. */
  mayReadAll: boolean
}

/** The groups page of a community: its members and admins (404 where it may not be known, else 403). */
export async function requireCommunityGroupings(slug: string, user: SessionUser): Promise<GroupingsAccess> {
  const { community, facts, actor } = await requireCommunity(slug, user)
  if (!actor || !can(actor, facts, 'readMembers')) throw forbidden()
  return {
    owner: { kind: 'community', id: community.id, slug: community.slug, name: community.name },
    actor,
    mayForm: can(actor, facts, 'formGroups'),
    mayReadAll: can(actor, facts, 'readGroups'),
  }
}

/**
 * The groups page of a masterclass: those who run it, its confirmed
 * participants and whoever is in one of its published groups (a later
 * cancellation does not take their group away).
 */
export async function requireMasterclassGroupings(masterclassId: string, user: SessionUser): Promise<GroupingsAccess> {
  const actor = actorOf(user)!
  const { masterclass, facts } = await requireMasterclass(masterclassId, actor)
  const mayReadAll = canMasterclass(actor, facts, 'readGroups')
  if (!mayReadAll && facts.registration !== 'confirmed' && !(await inPublishedGroup({ masterclassId }, actor.id))) {
    throw forbidden()
  }
  return {
    owner: { kind: 'masterclass', id: masterclass.id, name: masterclass.title },
    actor,
    mayForm: canMasterclass(actor, facts, 'formGroups'),
    mayReadAll,
  }
}

async function inPublishedGroup(owner: { masterclassId: string } | { communityId: string }, userId: string): Promise<boolean> {
  const found = await prisma.peerGroupMember.findFirst({
    where: { userId, group: { grouping: { ...owner, status: 'published' } } },
    select: { userId: true },
  })
  return found !== null
}

/** A thrown 403 unless the actor may form groups here. */
export function requireMayForm(access: GroupingsAccess): void {
  if (!access.mayForm) throw forbidden()
}
