import { describe, expect, test } from 'vitest'
import type { Actor, CommunityFacts } from './community-policy'
import { canCreateMasterclass, canMasterclass, type MasterclassFacts } from './masterclass-policy'

const member: Actor = { id: 'm', role: 'member' }
const admin: Actor = { id: 'a', role: 'admin' }
const base: MasterclassFacts = {
  status: 'published',
  community: null,
  facilitator: false,
  registration: null,
  started: false,
  ended: false,
}
const inviteOnly = (membership: CommunityFacts['membership']): CommunityFacts => ({
  visibility: 'invite_only',
  archived: false,
  membership,
})

describe('the masterclass policy', () => {
  test('drafts only for their facilitators and admins', () => {
    const draft = { ...base, status: 'draft' as const }
    expect(canMasterclass(null, draft, 'view')).toBe(false)
    expect(canMasterclass(member, draft, 'view')).toBe(false)
    expect(canMasterclass(member, { ...draft, facilitator: true }, 'view')).toBe(true)
    expect(canMasterclass(member, { ...draft, facilitator: true }, 'edit')).toBe(true)
    expect(canMasterclass(admin, draft, 'edit')).toBe(true)
    expect(canMasterclass(member, { ...draft, facilitator: true }, 'register')).toBe(false)
  })

  test('a masterclass in an invite-only community only for its members', () => {
    expect(canMasterclass(null, { ...base, community: inviteOnly(null) }, 'view')).toBe(false)
    expect(canMasterclass(member, { ...base, community: inviteOnly(null) }, 'view')).toBe(false)
    expect(canMasterclass(member, { ...base, community: inviteOnly('member') }, 'view')).toBe(true)
    expect(canMasterclass(member, { ...base, community: inviteOnly('member') }, 'register')).toBe(true)
    expect(canMasterclass(admin, { ...base, community: inviteOnly(null) }, 'view')).toBe(true)
  })

  test('registering: logged in, published, not started', () => {
    expect(canMasterclass(null, base, 'view')).toBe(true)
    expect(canMasterclass(null, base, 'register')).toBe(false)
    expect(canMasterclass(member, base, 'register')).toBe(true)
    expect(canMasterclass(member, { ...base, started: true }, 'register')).toBe(false)
    expect(canMasterclass(member, { ...base, status: 'cancelled' }, 'register')).toBe(false)
    expect(canMasterclass(member, { ...base, status: 'cancelled' }, 'view')).toBe(true)
  })

  test('running it: facilitators and admins; attendance from the start; feedback from confirmed people after the end', () => {
    for (const action of ['edit', 'manageAttendees', 'readFeedback', 'markAttendance'] as const) {
      expect(canMasterclass(member, { ...base, started: true }, action), action).toBe(false)
      expect(canMasterclass(member, { ...base, started: true, facilitator: true }, action), action).toBe(true)
      expect(canMasterclass(admin, { ...base, started: true }, action), action).toBe(true)
    }
    expect(canMasterclass(admin, base, 'markAttendance')).toBe(false)
    expect(canMasterclass(admin, { ...base, status: 'cancelled' }, 'edit')).toBe(false)
    const after = { ...base, started: true, ended: true }
    expect(canMasterclass(member, { ...after, registration: 'confirmed' }, 'giveFeedback')).toBe(true)
    expect(canMasterclass(member, { ...after, registration: 'waitlisted' }, 'giveFeedback')).toBe(false)
    expect(canMasterclass(member, { ...base, registration: 'confirmed' }, 'giveFeedback')).toBe(false)
    expect(canMasterclass(member, { ...base, registration: 'confirmed' }, 'editNotes')).toBe(true)
    expect(canMasterclass(member, { ...base, registration: 'waitlisted' }, 'editNotes')).toBe(false)
  })

  test('forming peer groups: facilitators and admins, of a published masterclass', () => {
    expect(canMasterclass(admin, { ...base, status: 'draft' }, 'formGroups')).toBe(false)
    expect(canMasterclass(member, { ...base, facilitator: true, status: 'draft' }, 'formGroups')).toBe(false)
    expect(canMasterclass(member, { ...base, registration: 'confirmed' }, 'formGroups')).toBe(false)
    expect(canMasterclass(member, { ...base, facilitator: true }, 'formGroups')).toBe(true)
    expect(canMasterclass(admin, { ...base, ended: true, started: true }, 'formGroups')).toBe(true)
    expect(canMasterclass(admin, { ...base, status: 'cancelled' }, 'formGroups')).toBe(false)
    expect(canMasterclass(null, base, 'formGroups')).toBe(false)
    expect(canMasterclass(admin, { ...base, status: 'cancelled' }, 'readGroups')).toBe(true)
    expect(canMasterclass(member, { ...base, registration: 'confirmed' }, 'readGroups')).toBe(false)
  })

  test('creating: facilitators and admins', () => {
    expect(canCreateMasterclass(null)).toBe(false)
    expect(canCreateMasterclass(member)).toBe(false)
    expect(canCreateMasterclass({ id: 'f', role: 'facilitator' })).toBe(true)
    expect(canCreateMasterclass(admin)).toBe(true)
  })
})
