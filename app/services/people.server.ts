// The member directory: only members who opted in (and never deleted
// accounts) are listed or shown to others.
import { pageWindow } from '~/utils/pagination'
import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'

export const PEOPLE_PAGE_SIZE = 20

export interface PeopleFilters {
  q?: string
  organisationTypeId?: string
  positionId?: string
  phaseId?: string
  themeId?: string
  provinceId?: string
}

const personSelect = {
  id: true,
  name: true,
  bio: true,
  createdAt: true,
  organisation: {
    select: {
      name: true,
      type: { select: { name: true, nameEn: true } },
      province: { select: { name: true, nameEn: true } },
    },
  },
  position: { select: { name: true, nameEn: true } },
  phase: { select: { name: true, nameEn: true, sortOrder: true } },
  themes: { select: { theme: { select: { id: true, name: true, nameEn: true } } }, orderBy: { theme: { sortOrder: 'asc' } } },
} satisfies Prisma.UserSelect

const visible = { matchingOptIn: true, deletedAt: null } satisfies Prisma.UserWhereInput

export async function listPeople(filters: PeopleFilters, page = 1) {
  const where: Prisma.UserWhereInput = {
    ...visible,
    ...(filters.q ? { name: { contains: filters.q } } : {}),
    ...(filters.positionId ? { positionId: filters.positionId } : {}),
    ...(filters.phaseId ? { phaseId: filters.phaseId } : {}),
    ...(filters.themeId ? { themes: { some: { themeId: filters.themeId } } } : {}),
    ...(filters.organisationTypeId || filters.provinceId
      ? {
          organisation: {
            ...(filters.organisationTypeId ? { typeId: filters.organisationTypeId } : {}),
            ...(filters.provinceId ? { provinceId: filters.provinceId } : {}),
          },
        }
      : {}),
  }
  const total = await prisma.user.count({ where })
  const { page: current, pages, skip, take } = pageWindow(total, page, PEOPLE_PAGE_SIZE)
  const people = await prisma.user.findMany({
    where,
    select: personSelect,
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    skip,
    take,
  })
  return { people, total, page: current, pages }
}

/** One profile as another member sees it; null when it is not visible to them. */
export async function getPerson(id: string, viewerId: string) {
  return prisma.user.findFirst({
    where: { id, deletedAt: null, OR: [{ matchingOptIn: true }, { id: viewerId }] },
    select: personSelect,
  })
}

export type Person = NonNullable<Awaited<ReturnType<typeof getPerson>>>

/** An active member by e-mail address (any case), for facilitators who add someone by address. */
export function findMemberByEmail(email: string) {
  const address = email.trim().toLowerCase()
  if (!address || address.length > 254) return Promise.resolve(null)
  return prisma.user.findFirst({ where: { email: address, deletedAt: null }, select: { id: true, name: true } })
}

/** An active member's name, or null. */
export function memberName(userId: string): Promise<string | null> {
  return prisma.user.findFirst({ where: { id: userId, deletedAt: null }, select: { name: true } }).then((u) => u?.name ?? null)
}
