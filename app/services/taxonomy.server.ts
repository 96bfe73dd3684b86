// The taxonomies (organisation types, positions, phases, themes, provinces):
// reading them for forms and filters, and the admins' edits.
import { prisma } from '~/utils/db.server'
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
  findMany(args: unknown): Promise<Array<{ id: string; sortOrder: number; name: string }>>
  findUnique(args: unknown): Promise<{ id: string; sortOrder: number } | null>
  create(args: unknown): Promise<unknown>
  update(args: unknown): Promise<unknown>
  delete(args: unknown): Promise<unknown>
  aggregate(args: unknown): Promise<{ _max: { sortOrder: number | null } }>
}

type Client = Pick<typeof prisma, 'organisationType' | 'position' | 'transitionPhase' | 'theme'>

function table(kind: EditableTaxonomy, client: Client = prisma): TaxonomyTable {
  const tables = {
    organisationType: client.organisationType,
    position: client.position,
    phase: client.transitionPhase,
    theme: client.theme,
  }
  return tables[kind] as unknown as TaxonomyTable
}

function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return base || 'item'
}

export async function addTaxonomyEntry(kind: EditableTaxonomy, { name, nameEn }: { name: string; nameEn: string }) {
  const t = table(kind)
  const { _max } = await t.aggregate({ _max: { sortOrder: true } })
  const existing = await t.findMany({
    where: { slug: { startsWith: slugify(name) } },
    select: { id: true, sortOrder: true, name: true },
  })
  const slug = existing.length ? `${slugify(name)}-${existing.length + 1}` : slugify(name)
  await t.create({ data: { slug, name, nameEn, sortOrder: (_max.sortOrder ?? 0) + 1 } })
}

export async function renameTaxonomyEntry(
  kind: EditableTaxonomy,
  id: string,
  { name, nameEn }: { name: string; nameEn: string },
) {
  await table(kind).update({ where: { id }, data: { name, nameEn } })
}

/** Swaps the entry with its neighbour; for phases this changes their order. */
export async function moveTaxonomyEntry(kind: EditableTaxonomy, id: string, direction: 'up' | 'down') {
  const t = table(kind)
  const entries = await t.findMany({ orderBy: [...orderBy], select: { id: true, sortOrder: true, name: true } })
  const index = entries.findIndex((e) => e.id === id)
  const other = entries[direction === 'up' ? index - 1 : index + 1]
  const self = entries[index]
  if (!self || !other) return
  // Renumber all entries so equal sort orders cannot make a swap a no-op.
  const order = entries.map((e) => e.id)
  order[index] = other.id
  order[direction === 'up' ? index - 1 : index + 1] = self.id
  await prisma.$transaction(async (tx) => {
    for (const [i, entryId] of order.entries()) {
      await table(kind, tx).update({ where: { id: entryId }, data: { sortOrder: i + 1 } })
    }
  })
}

export async function removeTaxonomyEntry(kind: EditableTaxonomy, id: string) {
  const usage = {
    organisationType: () => prisma.organisation.count({ where: { typeId: id } }),
    position: () => prisma.user.count({ where: { positionId: id } }),
    phase: async () =>
      (await prisma.user.count({ where: { phaseId: id } })) + (await prisma.phaseChange.count({ where: { phaseId: id } })),
    theme: () => prisma.userTheme.count({ where: { themeId: id } }),
  }
  if ((await usage[kind]()) > 0) throw new UserInputError(null, 'admin.inUse')
  await table(kind).delete({ where: { id } })
}
