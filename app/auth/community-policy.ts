// Who may do what in a community: the one place these rules live. Routes,
// services and (later) the socket handlers ask `can(...)`; nobody re-derives
// the rules. Pure, so the table test covers every cell.
import type { Role } from './roles'

export const VISIBILITIES = ['open', 'on_request', 'invite_only'] as const
export type Visibility = (typeof VISIBILITIES)[number]

export const COMMUNITY_KINDS = ['cop', 'learning_community'] as const
export type CommunityKind = (typeof COMMUNITY_KINDS)[number]

export const MEMBERSHIP_ROLES = ['member', 'facilitator'] as const
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number]

export const COMMUNITY_ACTIONS = [
  /** Know it exists: its page, its name in lists and counts. */
  'view',
  'readDiscussions',
  'readMembers',
  'join',
  'requestToJoin',
  'leave',
  /** Start threads, reply, edit and delete one's own posts. */
  'post',
  /** Pin, lock and remove anyone's posts. */
  'moderate',
  'decideJoinRequests',
  'invite',
  'removeMembers',
  'appointFacilitators',
  'edit',
  'archive',
  /** Open documents (live, as a viewer at least), their versions and exports. */
  'readDocuments',
  /** Co-edit documents, create them, save and restore versions. */
  'editDocuments',
  /** Propose, adjust and publish peer groups among the members. */
  'formGroups',
  /** See every peer grouping, its groups' pages and documents (also once archived). */
  'readGroups',
] as const
export type CommunityAction = (typeof COMMUNITY_ACTIONS)[number]

/** The person asking: null for a visitor who is not logged in. */
export type Actor = { id: string; role: Role } | null

export interface CommunityFacts {
  visibility: Visibility
  archived: boolean
  /** The actor's membership in this community, if any. */
  membership: MembershipRole | null
}

function isAdmin(actor: Actor): boolean {
  return actor?.role === 'admin'
}

/** Facilitators of this community, and admins (the programme team) in every community. */
function runs(actor: Actor, c: CommunityFacts): boolean {
  return isAdmin(actor) || c.membership === 'facilitator'
}

function belongs(actor: Actor, c: CommunityFacts): boolean {
  return actor !== null && c.membership !== null
}

export function can(actor: Actor, community: CommunityFacts, action: CommunityAction): boolean {
  const c = community
  const visible = c.visibility !== 'invite_only' || belongs(actor, c) || isAdmin(actor)
  if (!visible) return false
  const open = !c.archived
  switch (action) {
    case 'view':
      return true
    case 'readDiscussions':
      return c.visibility === 'open' ? actor !== null : belongs(actor, c) || isAdmin(actor)
    case 'readMembers':
      return belongs(actor, c) || isAdmin(actor)
    case 'join':
      return open && actor !== null && c.membership === null && c.visibility === 'open'
    case 'requestToJoin':
      return open && actor !== null && c.membership === null && c.visibility === 'on_request'
    case 'leave':
      return belongs(actor, c)
    case 'post':
      return open && belongs(actor, c)
    case 'moderate':
    case 'decideJoinRequests':
    case 'invite':
    case 'removeMembers':
    case 'appointFacilitators':
    case 'edit':
    case 'formGroups':
      return open && runs(actor, c)
    // Also to bring an archived community back; groupings stay readable for those who ran them.
    case 'archive':
    case 'readGroups':
      return runs(actor, c)
    case 'readDocuments':
      return c.visibility === 'open' ? actor !== null : belongs(actor, c) || isAdmin(actor)
    case 'editDocuments':
      return open && (belongs(actor, c) || isAdmin(actor))
  }
}

/**
 * What someone may do with a document of this community: edit, view, or —
 * null — nothing (then `can(…, 'view')` tells 404 from 403). An archived
 * document is read-only for everyone. The socket join and the pages both ask this.
 */
export function documentRole(actor: Actor, community: CommunityFacts, documentArchived: boolean): 'editor' | 'viewer' | null {
  if (!can(actor, community, 'readDocuments')) return null
  return can(actor, community, 'editDocuments') && !documentArchived ? 'editor' : 'viewer'
}

/** Site-wide: who may create communities (and masterclasses). */
export function canCreateCommunity(actor: Actor): boolean {
  return actor?.role === 'facilitator' || actor?.role === 'admin'
}
