// The taxonomies of PRODUCT.md. Loading them is idempotent and respects what
// admins did since: a taxonomy is only filled when it is empty, so renamed,
// reordered or removed entries stay as the admins left them.
import type { PrismaClient } from '~/generated/prisma/client'

export interface TaxonomyEntry {
  slug: string
  name: string
  nameEn: string
}

export const ORGANISATION_TYPES: TaxonomyEntry[] = [
  { slug: 'rijk', name: 'Rijk', nameEn: 'National government' },
  { slug: 'provincie', name: 'Provincie', nameEn: 'Province' },
  { slug: 'gemeente', name: 'Gemeente', nameEn: 'Municipality' },
  { slug: 'waterschap', name: 'Waterschap', nameEn: 'Water board' },
  { slug: 'omgevingsdienst', name: 'Omgevingsdienst', nameEn: 'Environmental service' },
  { slug: 'drinkwaterbedrijf', name: 'Drinkwaterbedrijf', nameEn: 'Drinking water company' },
  { slug: 'adviesbureau', name: 'Adviesbureau', nameEn: 'Consultancy' },
  { slug: 'bedrijf', name: 'Bedrijf', nameEn: 'Company' },
  { slug: 'kennisinstelling', name: 'Kennisinstelling', nameEn: 'Knowledge institute' },
]

export const POSITIONS: TaxonomyEntry[] = [
  { slug: 'bestuurder', name: 'Bestuurder', nameEn: 'Executive (elected official)' },
  { slug: 'manager', name: 'Manager', nameEn: 'Manager' },
  { slug: 'beleidsmedewerker', name: 'Beleidsmedewerker', nameEn: 'Policy officer' },
  { slug: 'specialist-adviseur', name: 'Specialist/adviseur', nameEn: 'Specialist/adviser' },
  { slug: 'projectleider', name: 'Projectleider', nameEn: 'Project leader' },
  { slug: 'vth', name: 'Vergunningverlening/toezicht/handhaving (VTH)', nameEn: 'Permits, supervision and enforcement (VTH)' },
]

/** In order: the position in this list is the phase's rank. */
export const PHASES: TaxonomyEntry[] = [
  { slug: 'bewustwording', name: 'Bewustwording', nameEn: 'Awareness' },
  { slug: 'visievorming', name: 'Visievorming', nameEn: 'Vision' },
  { slug: 'planvorming', name: 'Planvorming', nameEn: 'Planning' },
  { slug: 'uitvoering', name: 'Uitvoering', nameEn: 'Implementation' },
  { slug: 'borging', name: 'Borging', nameEn: 'Embedding' },
]

export const THEMES: TaxonomyEntry[] = [
  { slug: 'bodemenergie-en-warmte', name: 'Bodemenergie en warmte', nameEn: 'Subsurface energy and heat' },
  { slug: 'klimaatadaptatie', name: 'Klimaatadaptatie', nameEn: 'Climate adaptation' },
  { slug: 'landbouw-en-voedsel', name: 'Landbouw en voedsel', nameEn: 'Agriculture and food' },
  { slug: 'drinkwater', name: 'Drinkwater', nameEn: 'Drinking water' },
  { slug: 'grondwater', name: 'Grondwater', nameEn: 'Groundwater' },
  {
    slug: 'bodemverontreiniging-en-spoedlocaties',
    name: 'Bodemverontreiniging en spoedlocaties',
    nameEn: 'Soil contamination and urgent sites',
  },
  { slug: 'nazorg', name: 'Nazorg', nameEn: 'Aftercare' },
  { slug: 'ondergronds-ruimtegebruik', name: 'Ondergronds ruimtegebruik', nameEn: 'Underground spatial planning' },
  { slug: 'mijnbouw', name: 'Mijnbouw', nameEn: 'Mining' },
  {
    slug: 'omgevingsvisie-en-omgevingswet',
    name: 'Omgevingsvisie en Omgevingswet',
    nameEn: 'Environmental vision and the Environment and Planning Act',
  },
  { slug: 'financiering-bodembeheer', name: 'Financiering bodembeheer', nameEn: 'Funding soil management' },
]

export const PROVINCES: TaxonomyEntry[] = [
  { slug: 'groningen', name: 'Groningen', nameEn: 'Groningen' },
  { slug: 'friesland', name: 'Fryslân', nameEn: 'Friesland' },
  { slug: 'drenthe', name: 'Drenthe', nameEn: 'Drenthe' },
  { slug: 'overijssel', name: 'Overijssel', nameEn: 'Overijssel' },
  { slug: 'flevoland', name: 'Flevoland', nameEn: 'Flevoland' },
  { slug: 'gelderland', name: 'Gelderland', nameEn: 'Gelderland' },
  { slug: 'utrecht', name: 'Utrecht', nameEn: 'Utrecht' },
  { slug: 'noord-holland', name: 'Noord-Holland', nameEn: 'North Holland' },
  { slug: 'zuid-holland', name: 'Zuid-Holland', nameEn: 'South Holland' },
  { slug: 'zeeland', name: 'Zeeland', nameEn: 'Zeeland' },
  { slug: 'noord-brabant', name: 'Noord-Brabant', nameEn: 'North Brabant' },
  { slug: 'limburg', name: 'Limburg', nameEn: 'Limburg' },
]

type TaxonomyDelegate = {
  count(): Promise<number>
  createMany(args: { data: Array<TaxonomyEntry & { sortOrder: number }> }): Promise<unknown>
}

async function load(delegate: TaxonomyDelegate, entries: TaxonomyEntry[]) {
  if ((await delegate.count()) > 0) return
  await delegate.createMany({ data: entries.map((entry, index) => ({ ...entry, sortOrder: index + 1 })) })
}

export async function seedTaxonomies(prisma: PrismaClient): Promise<void> {
  await load(prisma.organisationType, ORGANISATION_TYPES)
  await load(prisma.position, POSITIONS)
  await load(prisma.transitionPhase, PHASES)
  await load(prisma.theme, THEMES)
  await load(prisma.province, PROVINCES)
}
