// The taxonomies (organisation types, positions, phases, themes, provinces):
// reading them for forms and filters, and the admins' edits.
import { prisma, type Tx } from '~/utils/db.server'
import { UserInputError } from '~/utils/errors'

export const EDITABLE_TAXONOMIES = ['organisationType', 'position', 'phase', 'theme'] as const
export type EditableTaxonomy = (typeof EDITABLE_TAXONOMIES)[number]

const select = { id: true, slug: true, name: true, nameEn: true, sortOrder: true } as const
const orderBy = [{ sortOrder: 'asc' }, { name: 'asc' }] as const

export async function listTaxonomies() {
  const [organisationTypes, positions, phases, themes, provinces] = await Promise.all([
    prisma.organisationType.findMany({ select, orderBy: [...orderBy] }),
    prisma.position.findMany({ select, orderBy: [...orderBy] }),
    prisma.transitionPhase.findMany({ select, orderBy: [...orderBy] }),
    prisma.theme.findMany({ select, orderBy: [...orderBy] }),
    prisma.province.findMany({ select, orderBy: [...orderBy] }),
  ])
  return { organisationTypes, positions, phases, themes, provinces }
}

export type Taxonomies = Awaited<ReturnType<typeof listTaxonomies>>

// One generic shape for the four editable taxonomy tables.
interface TaxonomyTable {
  findMany(args: unknown): Promise<Array<{ id: string }>>
  findUnique(args: unknown): Promise<{ id: string } | null>
  create(args: unknown): Promise<unknown>
  update(args: unknown): Promise<unknown>
  updateMany(args: unknown): Promise<{ count: number }>
  delete(args: unknown): Promise<unknown>
  aggregate(args: unknown): Promise<{ _max: { sortOrder: number | null } }>
}

type Client = Pick<typeof prisma, 'organisationType' | 'position' | 'transitionPhase' | 'theme'>

function table(kind: EditableTaxonomy, client: Client): TaxonomyTable {
  const tables = {
    organisationType: client.organisationType,
    position: client.position,
    phase: client.transitionPhase,
    theme: client.theme,
  }
  return tables[kind] as unknown as TaxonomyTable
}

// An id from a stale admin page (another admin removed the entry meanwhile) is
// an error the admin can act on, not a 500.
const notFound = () => new UserInputError(null, 'errors.notFoundText')

function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return base || 'item'
}

/** `base`, else `base-2`, `base-3`…: the first slug no entry has (removed entries free theirs). */
async function freeSlug(t: TaxonomyTable, base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`
    if (!(await t.findUnique({ where: { slug }, select: { id: true } }))) return slug
  }
}

/** Numbers the entries 1..n in their current order, so a phase's sortOrder is its rank. */
async function renumber(t: TaxonomyTable, ids: string[]): Promise<void> {
  for (const [i, id] of ids.entries()) await t.update({ where: { id }, data: { sortOrder: i + 1 } })
}

export async function addTaxonomyEntry(kind: EditableTaxonomy, { name, nameEn }: { name: string; nameEn: string }) {
  await prisma.$transaction(async (tx) => {
    const t = table(kind, tx)
    const { _max } = await t.aggregate({ _max: { sortOrder: true } })
    const slug = await freeSlug(t, slugify(name))
    await t.create({ data: { slug, name, nameEn, sortOrder: (_max.sortOrder ?? 0) + 1 } })
  })
}

export async function renameTaxonomyEntry(
  kind: EditableTaxonomy,
  id: string,
  { name, nameEn }: { name: string; nameEn: string },
) {
  const { count } = await table(kind, prisma).updateMany({ where: { id }, data: { name, nameEn } })
  if (count === 0) throw notFound()
}

/** Swaps the entry with its neighbour; for phases this changes their order. */
export async function moveTaxonomyEntry(kind: EditableTaxonomy, id: string, direction: 'up' | 'down') {
  await prisma.$transaction(async (tx) => {
    const t = table(kind, tx)
    const ids = (await t.findMany({ orderBy: [...orderBy], select: { id: true } })).map((e) => e.id)
    const index = ids.indexOf(id)
    if (index === -1) throw notFound()
    const otherIndex = direction === 'up' ? index - 1 : index + 1
    const other = ids[otherIndex]
    // The first cannot go up nor the last down; nothing changes.
    if (other === undefined) return
    ids[otherIndex] = id
    ids[index] = other
    // Renumber all entries so equal sort orders cannot make a swap a no-op.
    await renumber(t, ids)
  })
}

// Whether anything still refers to the entry. Communities' themes and target
// groups cascade on delete, so they count too: removing would change them quietly.
const usage: Record<EditableTaxonomy, (tx: Tx, id: string) => Promise<number>> = {
  organisationType: (tx, id) => tx.organisation.count({ where: { typeId: id } }),
  position: async (tx, id) =>
    (await tx.user.count({ where: { positionId: id } })) +
    (await tx.communityTargetPosition.count({ where: { positionId: id } })),
  phase: async (tx, id) =>
    (await tx.user.count({ where: { phaseId: id } })) +
    (await tx.phaseChange.count({ where: { phaseId: id } })) +
    (await tx.communityTargetPhase.count({ where: { phaseId: id } })),
  theme: async (tx, id) =>
    (await tx.userTheme.count({ where: { themeId: id } })) + (await tx.communityTheme.count({ where: { themeId: id } })),
}

/** Removes an unused entry and closes the gap in the numbering. Check and delete share one transaction. */
export async function removeTaxonomyEntry(kind: EditableTaxonomy, id: string) {
  await prisma.$transaction(async (tx) => {
    const t = table(kind, tx)
    if (!(await t.findUnique({ where: { id }, select: { id: true } }))) throw notFound()
    if ((await usage[kind](tx, id)) > 0) throw new UserInputError(null, 'admin.inUse')
    await t.delete({ where: { id } })
    const rest = (await t.findMany({ orderBy: [...orderBy], select: { id: true } })).map((e) => e.id)
    await renumber(t, rest)
  })
}
