// Every cell of role × visibility × action, written out: a change to the rules
// has to change this table too.
import { describe, expect, it } from 'vitest'
import {
  can,
  canCreateCommunity,
  documentRole,
  COMMUNITY_ACTIONS,
  type Actor,
  type CommunityAction,
  type CommunityFacts,
  type Visibility,
} from './community-policy'

type Who = 'visitor' | 'non-member' | 'member' | 'facilitator' | 'admin' | 'admin-member'

const actors: Record<Who, { actor: Actor; membership: CommunityFacts['membership'] }> = {
  visitor: { actor: null, membership: null },
  'non-member': { actor: { id: 'u1', role: 'member' }, membership: null },
  member: { actor: { id: 'u2', role: 'member' }, membership: 'member' },
  facilitator: { actor: { id: 'u3', role: 'member' }, membership: 'facilitator' },
  // Admins are not members of the community here: they may do everything all the same.
  admin: { actor: { id: 'u4', role: 'admin' }, membership: null },
  // An admin who also joined: a member's own rights (leave, post) plus everything an admin may.
  'admin-member': { actor: { id: 'u5', role: 'admin' }, membership: 'member' },
}

const RUN: CommunityAction[] = [
  'moderate',
  'decideJoinRequests',
  'invite',
  'removeMembers',
  'appointFacilitators',
  'edit',
  'archive',
  'formGroups',
  'readGroups',
]

// Reading and co-editing the community's documents.
const DOCS: CommunityAction[] = ['readDocuments', 'editDocuments']

// What each person may do in an active (not archived) community; everything not listed is refused.
const allowed: Record<Visibility, Record<Who, CommunityAction[]>> = {
  open: {
    visitor: ['view'],
    'non-member': ['view', 'readDiscussions', 'join', 'readDocuments'],
    member: ['view', 'readDiscussions', 'readMembers', 'leave', 'post', ...DOCS],
    facilitator: ['view', 'readDiscussions', 'readMembers', 'leave', 'post', ...RUN, ...DOCS],
    admin: ['view', 'readDiscussions', 'readMembers', 'join', ...RUN, ...DOCS],
    'admin-member': ['view', 'readDiscussions', 'readMembers', 'leave', 'post', ...RUN, ...DOCS],
  },
  on_request: {
    visitor: ['view'],
    'non-member': ['view', 'requestToJoin'],
    member: ['view', 'readDiscussions', 'readMembers', 'leave', 'post', ...DOCS],
    facilitator: ['view', 'readDiscussions', 'readMembers', 'leave', 'post', ...RUN, ...DOCS],
    admin: ['view', 'readDiscussions', 'readMembers', 'requestToJoin', ...RUN, ...DOCS],
    'admin-member': ['view', 'readDiscussions', 'readMembers', 'leave', 'post', ...RUN, ...DOCS],
  },
  invite_only: {
    visitor: [],
    'non-member': [],
    member: ['view', 'readDiscussions', 'readMembers', 'leave', 'post', ...DOCS],
    facilitator: ['view', 'readDiscussions', 'readMembers', 'leave', 'post', ...RUN, ...DOCS],
    admin: ['view', 'readDiscussions', 'readMembers', ...RUN, ...DOCS],
    'admin-member': ['view', 'readDiscussions', 'readMembers', 'leave', 'post', ...RUN, ...DOCS],
  },
}

// In an archived community nothing changes any more, except bringing it back.
const allowedWhenArchived: Record<Visibility, Record<Who, CommunityAction[]>> = {
  open: {
    visitor: ['view'],
    'non-member': ['view', 'readDiscussions', 'readDocuments'],
    member: ['view', 'readDiscussions', 'readMembers', 'leave', 'readDocuments'],
    facilitator: ['view', 'readDiscussions', 'readMembers', 'leave', 'archive', 'readGroups', 'readDocuments'],
    admin: ['view', 'readDiscussions', 'readMembers', 'archive', 'readGroups', 'readDocuments'],
    'admin-member': ['view', 'readDiscussions', 'readMembers', 'leave', 'archive', 'readGroups', 'readDocuments'],
  },
  on_request: {
    visitor: ['view'],
    'non-member': ['view'],
    member: ['view', 'readDiscussions', 'readMembers', 'leave', 'readDocuments'],
    facilitator: ['view', 'readDiscussions', 'readMembers', 'leave', 'archive', 'readGroups', 'readDocuments'],
    admin: ['view', 'readDiscussions', 'readMembers', 'archive', 'readGroups', 'readDocuments'],
    'admin-member': ['view', 'readDiscussions', 'readMembers', 'leave', 'archive', 'readGroups', 'readDocuments'],
  },
  invite_only: {
    visitor: [],
    'non-member': [],
    member: ['view', 'readDiscussions', 'readMembers', 'leave', 'readDocuments'],
    facilitator: ['view', 'readDiscussions', 'readMembers', 'leave', 'archive', 'readGroups', 'readDocuments'],
    admin: ['view', 'readDiscussions', 'readMembers', 'archive', 'readGroups', 'readDocuments'],
    'admin-member': ['view', 'readDiscussions', 'readMembers', 'leave', 'archive', 'readGroups', 'readDocuments'],
  },
}

const cells = (table: typeof allowed, archived: boolean) =>
  (Object.keys(table) as Visibility[]).flatMap((visibility) =>
    (Object.keys(actors) as Who[]).flatMap((who) =>
      COMMUNITY_ACTIONS.map((action) => ({
        visibility,
        who,
        action,
        archived,
        expected: table[visibility][who].includes(action),
      })),
    ),
  )

describe('community policy', () => {
  it.each(cells(allowed, false))(
    '$who in an active $visibility community: $action → $expected',
    ({ visibility, who, action, archived, expected }) => {
      const { actor, membership } = actors[who]
      expect(can(actor, { visibility, archived, membership }, action)).toBe(expected)
    },
  )

  it.each(cells(allowedWhenArchived, true))(
    '$who in an archived $visibility community: $action → $expected',
    ({ visibility, who, action, archived, expected }) => {
      const { actor, membership } = actors[who]
      expect(can(actor, { visibility, archived, membership }, action)).toBe(expected)
    },
  )

  it('lets facilitators and admins create communities, nobody else', () => {
    expect(canCreateCommunity(null)).toBe(false)
    expect(canCreateCommunity({ id: 'a', role: 'member' })).toBe(false)
    expect(canCreateCommunity({ id: 'b', role: 'facilitator' })).toBe(true)
    expect(canCreateCommunity({ id: 'c', role: 'admin' })).toBe(true)
  })
})

describe('documentRole', () => {
  const cases: [Who, Visibility, boolean, boolean, 'editor' | 'viewer' | null][] = [
    ['member', 'invite_only', false, false, 'editor'],
    ['member', 'invite_only', false, true, 'viewer'],
    ['member', 'open', true, false, 'viewer'],
    ['non-member', 'open', false, false, 'viewer'],
    ['non-member', 'on_request', false, false, null],
    ['visitor', 'open', false, false, null],
    ['admin', 'invite_only', false, false, 'editor'],
    ['facilitator', 'on_request', false, true, 'viewer'],
  ]
  it.each(cases)(
    '%s in a %s community (archived %s, document archived %s): %s',
    (who, visibility, archived, docArchived, role) => {
      const { actor, membership } = actors[who]
      expect(documentRole(actor, { visibility, archived, membership }, docArchived)).toBe(role)
    },
  )
})
