// /admin: only admins get in; roles (never the last admin) and taxonomies.
import { describe, expect, it } from 'vitest'
import { action as adminAction, loader as adminLoader } from '~/routes/admin'
import { prisma } from '~/utils/db.server'
import { formRequest, makeLoggedInUser, makeUser, routeArgs, taxonomyId } from '../factories'

describe('admin', () => {
  it('is refused to members and facilitators, on the page and on every action', async () => {
    for (const role of ['member', 'facilitator'] as const) {
      const { context } = await makeLoggedInUser({ role })
      await expect(adminLoader(routeArgs(new Request('http://localhost/admin'), context))).rejects.toSatisfy(
        (r: Response) => r.status === 403,
      )
      const target = await makeUser()
      await expect(
        adminAction(routeArgs(formRequest('/admin', { intent: 'setRole', userId: target.id, role: 'admin' }), context)),
      ).rejects.toSatisfy((r: Response) => r.status === 403)
      expect((await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe('member')
    }
  })

  it('changes roles, but never demotes the last admin', async () => {
    const { user: admin, context } = await makeLoggedInUser({ role: 'admin' })
    await prisma.user.updateMany({ where: { role: 'admin', id: { not: admin.id } }, data: { role: 'member' } })
    const member = await makeUser()
    const done = await adminAction(
      routeArgs(formRequest('/admin', { intent: 'setRole', userId: member.id, role: 'facilitator' }), context),
    )
    expect(done.done?.key).toBe('admin.roleSaved')
    expect((await prisma.user.findUniqueOrThrow({ where: { id: member.id } })).role).toBe('facilitator')

    const refused = await adminAction(
      routeArgs(formRequest('/admin', { intent: 'setRole', userId: admin.id, role: 'member' }), context),
    )
    expect(refused.errors).toEqual(['errors.lastAdmin'])
    expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe('admin')

    const bad = await adminAction(
      routeArgs(formRequest('/admin', { intent: 'setRole', userId: member.id, role: 'superuser' }), context),
    )
    expect(bad.errors).toEqual(['errors.invalidChoice'])
  })

  it('edits the taxonomies: add, rename, reorder phases, and refuses to remove one in use', async () => {
    const { context } = await makeLoggedInUser({ role: 'admin' })
    await adminAction(
      routeArgs(formRequest('/admin', { intent: 'addEntry', kind: 'theme', name: 'Bodemdaling', nameEn: 'Subsidence' }), context),
    )
    const added = await prisma.theme.findFirstOrThrow({ where: { name: 'Bodemdaling' } })
    expect(added.slug).toBe('bodemdaling')
    expect(added.sortOrder).toBe(12)

    await adminAction(
      routeArgs(
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
      routeArgs(formRequest('/admin', { intent: 'moveEntry', kind: 'phase', id: planvorming, direction: 'up' }), context),
    )
    const order = (await prisma.transitionPhase.findMany({ orderBy: { sortOrder: 'asc' } })).map((p) => p.slug)
    expect(order).toEqual(['bewustwording', 'planvorming', 'visievorming', 'uitvoering', 'borging'])

    await makeUser({ themes: ['mijnbouw'] })
    const refused = await adminAction(
      routeArgs(
        formRequest('/admin', { intent: 'removeEntry', kind: 'theme', id: await taxonomyId('theme', 'mijnbouw') }),
        context,
      ),
    )
    expect(refused.errors).toEqual(['admin.inUse'])
    await adminAction(routeArgs(formRequest('/admin', { intent: 'removeEntry', kind: 'theme', id: added.id }), context))
    expect(await prisma.theme.count({ where: { id: added.id } })).toBe(0)

    const empty = await adminAction(
      routeArgs(formRequest('/admin', { intent: 'addEntry', kind: 'theme', name: ' ', nameEn: 'x' }), context),
    )
    expect(empty.errors).toEqual(['errors.required'])
  })

  it('gives an added entry a free slug, also after an entry with the same name was removed', async () => {
    const { context } = await makeLoggedInUser({ role: 'admin' })
    const add = (name: string) =>
      adminAction(routeArgs(formRequest('/admin', { intent: 'addEntry', kind: 'theme', name, nameEn: name }), context))
    const slugs = async () =>
      (await prisma.theme.findMany({ where: { name: 'Veenweide' }, orderBy: { slug: 'asc' } })).map((t) => t.slug)

    await add('Veenweide')
    await add('Veenweide')
    expect(await slugs()).toEqual(['veenweide', 'veenweide-2'])
    // One "veenweide…" entry left: counting them would pick veenweide-2 again, which is taken.
    const first = await taxonomyId('theme', 'veenweide')
    await adminAction(routeArgs(formRequest('/admin', { intent: 'removeEntry', kind: 'theme', id: first }), context))
    expect((await add('Veenweide')).errors).toEqual([])
    expect((await add('Veenweide')).errors).toEqual([])
    expect(await slugs()).toEqual(['veenweide', 'veenweide-2', 'veenweide-3'])

    // A name that starts like other slugs ("bodemenergie-…") still gets its own.
    await add('Bodem')
    expect((await prisma.theme.findFirstOrThrow({ where: { name: 'Bodem' } })).slug).toBe('bodem')
  })

  it('answers a stale id with "not found" for rename, move and remove, and changes nothing', async () => {
    const { context } = await makeLoggedInUser({ role: 'admin' })
    await adminAction(
      routeArgs(formRequest('/admin', { intent: 'addEntry', kind: 'position', name: 'Tijdelijk', nameEn: 'Temporary' }), context),
    )
    const id = await taxonomyId('position', 'tijdelijk')
    await adminAction(routeArgs(formRequest('/admin', { intent: 'removeEntry', kind: 'position', id }), context))
    const before = await prisma.position.findMany({ orderBy: { sortOrder: 'asc' } })

    const staleForms: Record<string, string>[] = [
      { intent: 'renameEntry', kind: 'position', id, name: 'Nieuw', nameEn: 'New' },
      { intent: 'moveEntry', kind: 'position', id, direction: 'up' },
      { intent: 'moveEntry', kind: 'position', id, direction: 'down' },
      { intent: 'removeEntry', kind: 'position', id },
      { intent: 'renameEntry', kind: 'phase', id: 'no-such-id', name: 'Nieuw', nameEn: 'New' },
    ]
    for (const fields of staleForms) {
      const result = await adminAction(routeArgs(formRequest('/admin', fields), context))
      expect(result.errors, JSON.stringify(fields)).toEqual(['errors.notFoundText'])
    }
    expect(await prisma.position.findMany({ orderBy: { sortOrder: 'asc' } })).toEqual(before)
  })

  it("renumbers after a removal, so a phase's sortOrder stays its position", async () => {
    const { context } = await makeLoggedInUser({ role: 'admin' })
    const phases = () => prisma.transitionPhase.findMany({ orderBy: { sortOrder: 'asc' } })
    const before = (await phases()).map((p) => p.slug)

    // A new phase, moved up into the middle, then removed again.
    await adminAction(
      routeArgs(formRequest('/admin', { intent: 'addEntry', kind: 'phase', name: 'Tussenfase', nameEn: 'Interim' }), context),
    )
    const id = await taxonomyId('transitionPhase', 'tussenfase')
    for (let i = 0; i < 2; i++) {
      await adminAction(routeArgs(formRequest('/admin', { intent: 'moveEntry', kind: 'phase', id, direction: 'up' }), context))
    }
    expect((await phases()).map((p) => p.slug)).toEqual([...before.slice(0, -2), 'tussenfase', ...before.slice(-2)])
    const removed = await adminAction(routeArgs(formRequest('/admin', { intent: 'removeEntry', kind: 'phase', id }), context))
    expect(removed.errors).toEqual([])

    const after = await phases()
    expect(after.map((p) => p.slug)).toEqual(before)
    expect(after.map((p) => p.sortOrder)).toEqual(before.map((_, i) => i + 1))
  })

  it('refuses to remove a theme or phase that a community uses', async () => {
    const { context } = await makeLoggedInUser({ role: 'admin' })
    const themeId = await taxonomyId('theme', 'nazorg')
    const phaseId = await taxonomyId('transitionPhase', 'borging')
    await prisma.community.create({
      data: {
        kind: 'cop',
        slug: 'nazorg-cop',
        name: 'Nazorg',
        visibility: 'open',
        themes: { create: { themeId } },
        targetPhases: { create: { phaseId } },
      },
    })
    for (const [kind, id] of [
      ['theme', themeId],
      ['phase', phaseId],
    ] as const) {
      const refused = await adminAction(routeArgs(formRequest('/admin', { intent: 'removeEntry', kind, id }), context))
      expect(refused.errors).toEqual(['admin.inUse'])
    }
    expect(await prisma.communityTheme.count({ where: { themeId } })).toBe(1)
    expect(await prisma.communityTargetPhase.count({ where: { phaseId } })).toBe(1)
  })
})
