// What only the programme team (admins) does: roles.
import { pageWindow } from '~/utils/pagination'
import { type Role } from '~/auth/roles'
import { prisma } from '~/utils/db.server'
import { UserInputError } from '~/utils/errors'
import { revokeLiveAccess } from './document-live.server'

export const USERS_PAGE_SIZE = 25

export async function listUsers({ q, page = 1 }: { q?: string; page?: number }) {
  const where = { deletedAt: null, ...(q ? { OR: [{ name: { contains: q } }, { email: { contains: q.toLowerCase() } }] } : {}) }
  const total = await prisma.user.count({ where })
  const { page: current, pages, skip, take } = pageWindow(total, page, USERS_PAGE_SIZE)
  const users = await prisma.user.findMany({
    where,
    select: { id: true, name: true, email: true, role: true, organisation: { select: { name: true } } },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    skip,
    take,
  })
  return { users, total, page: current, pages }
}

/** Changes a role; the last admin cannot stop being one. */
export async function setRole(userId: string, role: Role): Promise<{ name: string }> {
  const result = await prisma.$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: userId, deletedAt: null }, select: { name: true, role: true } })
    if (!user) throw new UserInputError(null, 'errors.notFoundText')
    if (user.role === 'admin' && role !== 'admin' && (await tx.user.count({ where: { role: 'admin', deletedAt: null } })) <= 1) {
      throw new UserInputError('role', 'errors.lastAdmin')
    }
    await tx.user.update({ where: { id: userId }, data: { role } })
    return { name: user.name }
  })
  // An admin who stops being one may lose documents they have open (invite-only communities).
  await revokeLiveAccess(userId)
  return result
}
