// Finding communities: the filtered list, and "Aanbevolen voor jou" — how well a
// community fits a member's profile, and why. The programme's finding is that the
// same phase matters most, then the same position, then shared themes.
// The list applies the policy's visibility rule in its query, so invite-only
// communities never reach a non-member, not even in the count.
import { pageWindow } from '~/utils/pagination'
import type { Actor } from '~/auth/community-policy'
import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { targetsSelect } from './communities.server'

export const COMMUNITY_PAGE_SIZE = 20
export const SORTS = ['recommended', 'newest', 'name'] as const
export type Sort = (typeof SORTS)[number]

export const SCORE_PHASE = 3
export const SCORE_POSITION = 2
export const SCORE_THEME = 1

type Named = { id: string; name: string; nameEn: string }

export interface MemberProfile {
  phaseId: string | null
  positionId: string | null
  themeIds: string[]
}

export interface CommunityTargets {
  targetPhases: Array<{ phase: Named }>
  targetPositions: Array<{ position: Named }>
  themes: Array<{ theme: Named }>
}

export type ReasonKind = 'phase' | 'position' | 'theme'

/** One reason, named in both languages so the page says it in the reader's. */
export interface Reason {
  kind: ReasonKind
  name: string
  nameEn: string
}

export interface Recommendation {
  score: number
  reasons: Reason[]
}

const reason = (kind: ReasonKind, item: Named): Reason => ({ kind, name: item.name, nameEn: item.nameEn })

export function recommend(profile: MemberProfile, community: CommunityTargets): Recommendation {
  const reasons: Reason[] = []
  let score = 0
  const phase = community.targetPhases.find((t) => t.phase.id === profile.phaseId)
  if (phase) {
    score += SCORE_PHASE
    reasons.push(reason('phase', phase.phase))
  }
  const position = community.targetPositions.find((t) => t.position.id === profile.positionId)
  if (position) {
    score += SCORE_POSITION
    reasons.push(reason('position', position.position))
  }
  const themeIds = new Set(profile.themeIds)
  for (const { theme } of community.themes) {
    if (!themeIds.has(theme.id)) continue
    score += SCORE_THEME
    reasons.push(reason('theme', theme))
  }
  return { score, reasons }
}

const cardSelect = {
  id: true,
  slug: true,
  name: true,
  kind: true,
  visibility: true,
  archivedAt: true,
  createdAt: true,
  ...targetsSelect,
  _count: { select: { memberships: true } },
} satisfies Prisma.CommunitySelect

/** The policy's visibility rule as a query: invite-only only for its members; admins see all. */
export function visibleTo(actor: Actor): Prisma.CommunityWhereInput {
  if (actor?.role === 'admin') return {}
  if (!actor) return { visibility: { not: 'invite_only' } }
  return { OR: [{ visibility: { not: 'invite_only' } }, { memberships: { some: { userId: actor.id } } }] }
}

export interface CommunityFilters {
  q?: string
  kind?: string
  themeId?: string
  phaseId?: string
  positionId?: string
  archived?: boolean
}

async function profileOf(userId: string): Promise<MemberProfile> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { phaseId: true, positionId: true, themes: { select: { themeId: true } } },
  })
  return { phaseId: user.phaseId, positionId: user.positionId, themeIds: user.themes.map((t) => t.themeId) }
}

export async function listCommunities(actor: Actor, filters: CommunityFilters, sort: Sort, page = 1) {
  const where: Prisma.CommunityWhereInput = {
    AND: [
      visibleTo(actor),
      filters.archived ? {} : { archivedAt: null },
      filters.kind ? { kind: filters.kind } : {},
      filters.themeId ? { themes: { some: { themeId: filters.themeId } } } : {},
      filters.phaseId ? { targetPhases: { some: { phaseId: filters.phaseId } } } : {},
      filters.positionId ? { targetPositions: { some: { positionId: filters.positionId } } } : {},
      filters.q ? { OR: [{ name: { contains: filters.q } }, { description: { contains: filters.q } }] } : {},
    ],
  }
  const total = await prisma.community.count({ where })
  const { page: current, pages, skip, take } = pageWindow(total, page, COMMUNITY_PAGE_SIZE)
  const profile = actor ? await profileOf(actor.id) : null
  const withFit = <C extends Parameters<typeof recommend>[1]>(c: C): C & Recommendation => ({
    ...c,
    ...(profile ? recommend(profile, c) : { score: 0, reasons: [] }),
  })

  if (sort === 'recommended' && profile) {
    // Scored in memory: the fit depends on the member, and communities number in the hundreds, not millions.
    const all = (await prisma.community.findMany({ where, select: cardSelect, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] }))
      .map(withFit)
      .sort((a, b) => b.score - a.score)
    return { communities: all.slice(skip, skip + take), total, page: current, pages }
  }
  const orderBy: Prisma.CommunityOrderByWithRelationInput[] =
    sort === 'name' ? [{ name: 'asc' }, { id: 'asc' }] : [{ createdAt: 'desc' }, { id: 'asc' }]
  const rows = await prisma.community.findMany({ where, select: cardSelect, orderBy, skip, take })
  return { communities: rows.map(withFit), total, page: current, pages }
}

export type CommunityCard = Awaited<ReturnType<typeof listCommunities>>['communities'][number]
