// /admin: only admins get in; roles (never the last admin) and taxonomies.
import { describe, expect, it } from 'vitest'
import { action as adminAction, loader as adminLoader } from '~/routes/admin'
import { prisma } from '~/utils/db.server'
import { formRequest, makeLoggedInUser, makeUser, taxonomyId } from '../factories'

const args = (request: Request, context: unknown) => ({ request, context: context as never, params: {} })

describe('admin', () => {
  it('is refused to members and facilitators, on the page and on every action', async () => {
    for (const role of ['member', 'facilitator'] as const) {
      const { context } = await makeLoggedInUser({ role })
      await expect(adminLoader(args(new Request('http://localhost/admin'), context))).rejects.toSatisfy(
        (r: Response) => r.status === 403,
      )
      const target = await makeUser()
      await expect(
        adminAction(args(formRequest('/admin', { intent: 'setRole', userId: target.id, role: 'admin' }), context)),
      ).rejects.toSatisfy((r: Response) => r.status === 403)
      expect((await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe('member')
    }
  })

  it('changes roles, but never demotes the last admin', async () => {
    const { user: admin, context } = await makeLoggedInUser({ role: 'admin' })
    await prisma.user.updateMany({ where: { role: 'admin', id: { not: admin.id } }, data: { role: 'member' } })
    const member = await makeUser()
    const done = await adminAction(
      args(formRequest('/admin', { intent: 'setRole', userId: member.id, role: 'facilitator' }), context),
    )
    expect(done.done?.key).toBe('admin.roleSaved')
    expect((await prisma.user.findUniqueOrThrow({ where: { id: member.id } })).role).toBe('facilitator')

    const refused = await adminAction(
      args(formRequest('/admin', { intent: 'setRole', userId: admin.id, role: 'member' }), context),
    )
    expect(refused.errors).toEqual(['errors.lastAdmin'])
    expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe('admin')

    const bad = await adminAction(
      args(formRequest('/admin', { intent: 'setRole', userId: member.id, role: 'superuser' }), context),
    )
    expect(bad.errors).toEqual(['errors.invalidChoice'])
  })

  it('edits the taxonomies: add, rename, reorder phases, and refuses to remove one in use', async () => {
    const { context } = await makeLoggedInUser({ role: 'admin' })
    await adminAction(
      args(formRequest('/admin', { intent: 'addEntry', kind: 'theme', name: 'Bodemdaling', nameEn: 'Subsidence' }), context),
    )
    const added = await prisma.theme.findFirstOrThrow({ where: { name: 'Bodemdaling' } })
    expect(added.slug).toBe('bodemdaling')
    expect(added.sortOrder).toBe(12)

    await adminAction(
      args(
        formRequest('/admin', {
          intent: 'renameEntry',
          kind: 'theme',
          id: added.id,
          name: 'Bodemdaling en veen',
          nameEn: 'Subsidence and peat',
        }),
        context,
      ),
    )
    expect((await prisma.theme.findUniqueOrThrow({ where: { id: added.id } })).nameEn).toBe('Subsidence and peat')

    const planvorming = await taxonomyId('transitionPhase', 'planvorming')
    await adminAction(
      args(formRequest('/admin', { intent: 'moveEntry', kind: 'phase', id: planvorming, direction: 'up' }), context),
    )
    const order = (await prisma.transitionPhase.findMany({ orderBy: { sortOrder: 'asc' } })).map((p) => p.slug)
    expect(order).toEqual(['bewustwording', 'planvorming', 'visievorming', 'uitvoering', 'borging'])

    await makeUser({ themes: ['mijnbouw'] })
    const refused = await adminAction(
      args(formRequest('/admin', { intent: 'removeEntry', kind: 'theme', id: await taxonomyId('theme', 'mijnbouw') }), context),
    )
    expect(refused.errors).toEqual(['admin.inUse'])
    await adminAction(args(formRequest('/admin', { intent: 'removeEntry', kind: 'theme', id: added.id }), context))
    expect(await prisma.theme.count({ where: { id: added.id } })).toBe(0)

    const empty = await adminAction(
      args(formRequest('/admin', { intent: 'addEntry', kind: 'theme', name: ' ', nameEn: 'x' }), context),
    )
    expect(empty.errors).toEqual(['errors.required'])
  })
})
