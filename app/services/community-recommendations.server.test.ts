// The list's visibility query must say exactly what the policy says: for each
// kind of person, the communities the query returns are the ones can(…, 'view')
// allows, never more (invite-only ones leaking into lists or counts) and
// never fewer.
import { describe, expect, it } from 'vitest'
import { can, VISIBILITIES, type Actor, type MembershipRole, type Visibility } from '~/auth/community-policy'
import { prisma } from '~/utils/db.server'
import { makeCommunity, makeUser } from '../../tests/factories'
import { visibleTo } from './community-recommendations.server'

describe('visibleTo', () => {
  it('returns exactly the communities the policy lets each person see', async () => {
    const member = await makeUser()
    const facilitator = await makeUser()
    const outsider = await makeUser()
    const admin = await makeUser({ role: 'admin' })
    const adminMember = await makeUser({ role: 'admin' })
    const communities: { id: string; visibility: Visibility }[] = []
    for (const visibility of VISIBILITIES) {
      for (const archived of [false, true]) {
        const c = await makeCommunity({
          visibility,
          archived,
          facilitators: [facilitator.id],
          members: [member.id, adminMember.id],
        })
        communities.push({ id: c.id, visibility })
      }
    }
    const ids = new Set(communities.map((c) => c.id))
    const people: [string, Actor, MembershipRole | null][] = [
      ['visitor', null, null],
      ['outsider', { id: outsider.id, role: 'member' }, null],
      ['member', { id: member.id, role: 'member' }, 'member'],
      ['facilitator', { id: facilitator.id, role: 'member' }, 'facilitator'],
      ['admin', { id: admin.id, role: 'admin' }, null],
      ['admin who is a member', { id: adminMember.id, role: 'admin' }, 'member'],
    ]
    for (const [who, actor, membership] of people) {
      const fromQuery = (await prisma.community.findMany({ where: visibleTo(actor), select: { id: true } }))
        .map((c) => c.id)
        .filter((id) => ids.has(id))
        .sort()
      const fromPolicy = communities
        .filter((c) => can(actor, { visibility: c.visibility, archived: false, membership }, 'view'))
        .map((c) => c.id)
        .sort()
      expect(fromQuery, who).toEqual(fromPolicy)
    }
  })
})
