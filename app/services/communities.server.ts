// Communities themselves: create, edit, archive, the home page's facts and the
// member list (finding them is in community-recommendations.server.ts). Who may
// do what is decided by ~/auth/community-policy; routes ask it before calling here.
import { pageWindow } from '~/utils/pagination'
import { z } from 'zod'
import { COMMUNITY_KINDS, VISIBILITIES } from '~/auth/community-policy'
import type { Prisma } from '~/generated/prisma/client'
import { prisma, type Tx } from '~/utils/db.server'
import { UserInputError } from '~/utils/errors'
import { message, nameField } from '~/utils/validation'
import { recheckLiveCommunity } from './document-live.server'

export const MEMBER_PAGE_SIZE = 50
export const DESCRIPTION_MAX_LENGTH = 20_000

const ids = z.array(z.string().max(64)).max(50).default([])

/** The create and edit form, with i18n keys as messages. */
export const communityInputSchema = z.object({
  kind: z.enum(COMMUNITY_KINDS, { required_error: 'errors.required' }),
  name: nameField,
  description: z
    .string()
    .trim()
    .max(DESCRIPTION_MAX_LENGTH, message('errors.tooLong', { max: DESCRIPTION_MAX_LENGTH }))
    .default(''),
  visibility: z.enum(VISIBILITIES, { required_error: 'errors.required' }),
  themeIds: ids,
  phaseIds: ids,
  positionIds: ids,
})
export type CommunityInput = z.output<typeof communityInputSchema>

export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '')
  // `new` is the create page's own URL.
  return base === '' ? 'community' : base === 'new' ? 'new-community' : base
}

async function freeSlug(tx: Tx, base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`
    if (!(await tx.community.findUnique({ where: { slug }, select: { id: true } }))) return slug
  }
}

/** Every chosen taxonomy id must exist; otherwise the field gets an error and nothing is saved. */
async function checkTaxonomy(tx: Tx, input: CommunityInput): Promise<void> {
  const checks = [
    ['themeIds', input.themeIds, (w: { id: { in: string[] } }) => tx.theme.count({ where: w })],
    ['phaseIds', input.phaseIds, (w: { id: { in: string[] } }) => tx.transitionPhase.count({ where: w })],
    ['positionIds', input.positionIds, (w: { id: { in: string[] } }) => tx.position.count({ where: w })],
  ] as const
  for (const [field, chosen, count] of checks) {
    const unique = [...new Set(chosen)]
    if (unique.length && (await count({ id: { in: unique } })) !== unique.length)
      throw new UserInputError(field, 'errors.invalidChoice')
  }
}

function links(input: CommunityInput) {
  return {
    themes: { create: [...new Set(input.themeIds)].map((themeId) => ({ themeId })) },
    targetPhases: { create: [...new Set(input.phaseIds)].map((phaseId) => ({ phaseId })) },
    targetPositions: { create: [...new Set(input.positionIds)].map((positionId) => ({ positionId })) },
  }
}

/** Creates the community with its creator as first facilitator; returns its slug. */
export async function createCommunity(creatorId: string, input: CommunityInput): Promise<{ id: string; slug: string }> {
  return prisma.$transaction(async (tx) => {
    await checkTaxonomy(tx, input)
    const slug = await freeSlug(tx, slugify(input.name))
    return tx.community.create({
      data: {
        kind: input.kind,
        name: input.name,
        slug,
        description: input.description,
        visibility: input.visibility,
        createdById: creatorId,
        memberships: { create: { userId: creatorId, role: 'facilitator' } },
        ...links(input),
      },
      select: { id: true, slug: true },
    })
  })
}

/** Everything but the slug, which stays as it was so links keep working. */
export async function updateCommunity(communityId: string, input: CommunityInput): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await checkTaxonomy(tx, input)
    await tx.communityTheme.deleteMany({ where: { communityId } })
    await tx.communityTargetPhase.deleteMany({ where: { communityId } })
    await tx.communityTargetPosition.deleteMany({ where: { communityId } })
    await tx.community.update({
      where: { id: communityId },
      data: {
        kind: input.kind,
        name: input.name,
        description: input.description,
        visibility: input.visibility,
        ...links(input),
      },
    })
  })
  // A visibility change can take readers' access away (open → invite-only): live sockets are re-checked.
  await recheckLiveCommunity(communityId)
}

export async function setArchived(communityId: string, archived: boolean): Promise<void> {
  await prisma.community.update({ where: { id: communityId }, data: { archivedAt: archived ? new Date() : null } })
  // Editors of its open documents continue as viewers after they reconnect.
  await recheckLiveCommunity(communityId)
}

const taxonomySelect = { select: { id: true, name: true, nameEn: true } } as const
export const targetsSelect = {
  themes: { select: { theme: taxonomySelect }, orderBy: { theme: { sortOrder: 'asc' } } },
  targetPhases: { select: { phase: taxonomySelect }, orderBy: { phase: { sortOrder: 'asc' } } },
  targetPositions: { select: { position: taxonomySelect }, orderBy: { position: { sortOrder: 'asc' } } },
} satisfies Prisma.CommunitySelect

/** The community with its targets, for the edit form. */
export async function getCommunityDetails(communityId: string) {
  return prisma.community.findUniqueOrThrow({
    where: { id: communityId },
    select: {
      id: true,
      slug: true,
      name: true,
      kind: true,
      description: true,
      visibility: true,
      archivedAt: true,
      ...targetsSelect,
    },
  })
}

const ACTIVITY_LIMIT = 10

/** The home page: description, targets, facilitators and recent activity the reader may see. */
export async function getCommunityHome(communityId: string, show: { members: boolean; discussions: boolean }) {
  const [details, facilitators, memberCount, members, threads, replies] = await Promise.all([
    getCommunityDetails(communityId),
    prisma.membership.findMany({
      where: { communityId, role: 'facilitator', user: { deletedAt: null } },
      select: { user: { select: { id: true, name: true } } },
      orderBy: { user: { name: 'asc' } },
    }),
    prisma.membership.count({ where: { communityId } }),
    show.members
      ? prisma.membership.findMany({
          where: { communityId, user: { deletedAt: null } },
          select: { joinedAt: true, user: { select: { id: true, name: true } } },
          orderBy: { joinedAt: 'desc' },
          take: ACTIVITY_LIMIT,
        })
      : [],
    show.discussions
      ? prisma.thread.findMany({
          where: { communityId, removedAt: null },
          select: { id: true, title: true, createdAt: true, author: { select: { name: true } } },
          orderBy: { createdAt: 'desc' },
          take: ACTIVITY_LIMIT,
        })
      : [],
    show.discussions
      ? prisma.reply.findMany({
          where: { removedAt: null, thread: { communityId, removedAt: null } },
          select: {
            id: true,
            createdAt: true,
            thread: { select: { id: true, title: true } },
            author: { select: { name: true } },
          },
          orderBy: { createdAt: 'desc' },
          take: ACTIVITY_LIMIT,
        })
      : [],
  ])
  const activity = [
    ...members.map((m) => ({
      type: 'member' as const,
      key: `m-${m.user.id}`,
      at: m.joinedAt,
      who: m.user.name,
      title: null,
      threadId: null,
    })),
    ...threads.map((t) => ({
      type: 'thread' as const,
      key: `t-${t.id}`,
      at: t.createdAt,
      who: t.author?.name ?? null,
      title: t.title,
      threadId: t.id,
    })),
    ...replies.map((r) => ({
      type: 'reply' as const,
      key: `r-${r.id}`,
      at: r.createdAt,
      who: r.author?.name ?? null,
      title: r.thread.title,
      threadId: r.thread.id,
    })),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, ACTIVITY_LIMIT)
  return { ...details, facilitators: facilitators.map((f) => f.user), memberCount, activity }
}

export interface MemberFilters {
  positionId?: string
  phaseId?: string
  organisationTypeId?: string
}

export async function listMembers(communityId: string, filters: MemberFilters, page = 1) {
  const where: Prisma.MembershipWhereInput = {
    communityId,
    user: {
      deletedAt: null,
      ...(filters.positionId ? { positionId: filters.positionId } : {}),
      ...(filters.phaseId ? { phaseId: filters.phaseId } : {}),
      ...(filters.organisationTypeId ? { organisation: { typeId: filters.organisationTypeId } } : {}),
    },
  }
  const total = await prisma.membership.count({ where })
  const { page: current, pages, skip, take } = pageWindow(total, page, MEMBER_PAGE_SIZE)
  const members = await prisma.membership.findMany({
    where,
    select: {
      role: true,
      joinedAt: true,
      user: {
        select: {
          id: true,
          name: true,
          organisation: { select: { name: true, type: { select: { name: true, nameEn: true } } } },
          position: { select: { name: true, nameEn: true } },
          phase: { select: { name: true, nameEn: true, sortOrder: true } },
        },
      },
    },
    // 'facilitator' sorts before 'member': those who run it come first.
    orderBy: [{ role: 'asc' }, { user: { name: 'asc' } }, { userId: 'asc' }],
    skip,
    take,
  })
  return { members, total, page: current, pages }
}

/** Makes members of this community facilitators; someone who is not a member is an error. */
export async function appointFacilitators(communityId: string, userIds: string[]): Promise<void> {
  const unique = [...new Set(userIds)]
  await prisma.$transaction(async (tx) => {
    const found = await tx.membership.count({ where: { communityId, userId: { in: unique } } })
    if (unique.length === 0 || found !== unique.length) throw new UserInputError(null, 'communities.members.notAMember')
    await tx.membership.updateMany({ where: { communityId, userId: { in: unique } }, data: { role: 'facilitator' } })
  })
}
