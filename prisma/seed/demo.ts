// The demo population: members of real-sounding Dutch organisations, so that
// the directory, matching and monitoring have something to show. It is only
// loaded into a database without users, and it is deterministic — a seeded
// PRNG, and dates counted back from today — so every demo shows the same people.
import { seedDemoCommunities } from './demo-communities'
import { seedDemoDocuments } from './demo-documents'
import { seedDemoGroups } from './demo-groups'
import { seedDemoMasterclasses } from './demo-masterclasses'
import type { Prisma, PrismaClient } from '~/generated/prisma/client'
import {
  BIO_OPENERS,
  BIO_THEME_SENTENCES,
  DEMO_ORGANISATIONS,
  FIRST_NAMES,
  LAST_NAMES,
  PHASE_WEIGHTS,
  POSITIONS_BY_TYPE,
  type DemoOrganisation,
} from './demo-data'
import { PHASES, THEMES } from './taxonomies'

export const DEMO_EMAIL_DOMAIN = 'demo.peloton.localhost'

const SEED = 0x9e1070
const DAY_MS = 24 * 60 * 60 * 1000
const OPT_IN_RATE = 0.87
const FACILITATORS = 5

export interface DemoPhaseStep {
  phase: string
  daysAgo: number
}

export interface DemoMember {
  name: string
  email: string
  organisation: string
  position: string
  /** Oldest first; the last step is the member's current phase. */
  phaseHistory: DemoPhaseStep[]
  themes: string[]
  bio: string
  matchingOptIn: boolean
  role: 'member' | 'facilitator'
}

export interface DemoPopulation {
  organisations: DemoOrganisation[]
  members: DemoMember[]
}

/** mulberry32: tiny, fast and good enough to make demo data look varied (bench/matching scales the demo up with it). */
export function createRandom(seed: number) {
  let state = seed >>> 0
  function next(): number {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  function int(min: number, max: number): number {
    return min + Math.floor(next() * (max - min + 1))
  }
  function pick<T>(items: readonly T[]): T {
    return at(items, Math.floor(next() * items.length))
  }
  function weighted(weights: readonly number[]): number {
    let r = next() * weights.reduce((sum, w) => sum + w, 0)
    for (const [index, weight] of weights.entries()) {
      r -= weight
      if (r < 0) return index
    }
    return weights.length - 1
  }
  function shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items]
    for (let i = copy.length - 1; i > 0; i--) {
      const j = int(0, i)
      ;[copy[i], copy[j]] = [at(copy, j), at(copy, i)]
    }
    return copy
  }
  return { next, int, pick, weighted, shuffle }
}

export type Random = ReturnType<typeof createRandom>

function at<T>(items: readonly T[], index: number): T {
  const item = items[index]
  if (item === undefined) throw new Error(`demo data: no item at ${index}`)
  return item
}

function lookup<T>(record: Record<string, T>, key: string): T {
  const value = record[key]
  if (value === undefined) throw new Error(`demo data: nothing for "${key}"`)
  return value
}

function emailFor(first: string, last: string): string {
  const plain = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
  return `${plain(first).replace(/[^a-z0-9]+/g, '-')}.${plain(last).replace(/[^a-z0-9]+/g, '')}@${DEMO_EMAIL_DOMAIN}`
}

/** One to four themes, the first from what the organisation works on, more often than not the rest too. */
export function pickThemes(random: Random, focus: string[]): string[] {
  const first = random.pick(focus)
  const count = 1 + random.weighted([30, 35, 25, 10])
  const fromFocus = random.shuffle(focus.filter((slug) => slug !== first))
  const others = random.shuffle(THEMES.map((t) => t.slug).filter((slug) => !focus.includes(slug)))
  const themes = [first]
  while (themes.length < count) {
    const source = fromFocus.length > 0 && (others.length === 0 || random.next() < 0.6) ? fromFocus : others
    const next = source.shift()
    if (next === undefined) break
    themes.push(next)
  }
  return themes
}

/** A third of the members who are past the first phase moved up during the past year. */
function pickPhaseHistory(random: Random, rank: number): DemoPhaseStep[] {
  const phase = (r: number) => at(PHASES, r).slug
  if (rank === 0 || random.next() >= 0.35) return [{ phase: phase(rank), daysAgo: random.int(20, 360) }]
  const first = random.int(240, 360)
  const second = random.int(100, first - 60)
  if (rank === 1 || random.next() < 0.5) {
    return [
      { phase: phase(rank - 1), daysAgo: first },
      { phase: phase(rank), daysAgo: second },
    ]
  }
  return [
    { phase: phase(rank - 2), daysAgo: first },
    { phase: phase(rank - 1), daysAgo: second },
    { phase: phase(rank), daysAgo: random.int(5, second - 40) },
  ]
}

/** The whole population as plain data; the same on every call. */
export function demoPopulation(): DemoPopulation {
  const random = createRandom(SEED)
  const firstNames = random.shuffle(FIRST_NAMES)
  const lastNames = random.shuffle(LAST_NAMES)
  const members: DemoMember[] = []
  for (const organisation of DEMO_ORGANISATIONS) {
    for (let n = 0; n < organisation.members; n++) {
      const first = at(firstNames, members.length % firstNames.length)
      const last = at(lastNames, members.length % lastNames.length)
      const position = random.pick(lookup(POSITIONS_BY_TYPE, organisation.type))
      const phaseHistory = pickPhaseHistory(random, random.weighted(PHASE_WEIGHTS))
      const themes = pickThemes(random, organisation.focus)
      const opener = random.pick(lookup(BIO_OPENERS, position)).replace('{org}', organisation.name)
      const bio = `${opener} ${random.pick(lookup(BIO_THEME_SENTENCES, at(themes, 0)))}`
      members.push({
        name: `${first} ${last}`,
        email: emailFor(first, last),
        organisation: organisation.name,
        position,
        phaseHistory,
        themes,
        bio,
        matchingOptIn: random.next() < OPT_IN_RATE,
        role: 'member',
      })
    }
  }
  // Facilitators are experienced hands (planning or further) who are visible to others.
  const candidates = random.shuffle(
    members.filter(
      (m) =>
        m.matchingOptIn &&
        ['specialist-adviseur', 'projectleider', 'manager'].includes(m.position) &&
        PHASES.findIndex((p) => p.slug === m.phaseHistory.at(-1)?.phase) >= 2,
    ),
  )
  for (const member of candidates.slice(0, FACILITATORS)) member.role = 'facilitator'
  return { organisations: DEMO_ORGANISATIONS, members }
}

async function slugIds(rows: Promise<Array<{ id: string; slug: string }>>, kind: string) {
  const ids = new Map((await rows).map((row) => [row.slug, row.id]))
  return (slug: string): string => {
    const id = ids.get(slug)
    if (id === undefined) throw new Error(`The demo population needs the ${kind} "${slug}", which an admin removed`)
    return id
  }
}

async function taxonomyIds(tx: Prisma.TransactionClient) {
  const select = { id: true, slug: true } as const
  return {
    type: await slugIds(tx.organisationType.findMany({ select }), 'organisation type'),
    province: await slugIds(tx.province.findMany({ select }), 'province'),
    position: await slugIds(tx.position.findMany({ select }), 'position'),
    phase: await slugIds(tx.transitionPhase.findMany({ select }), 'phase'),
    theme: await slugIds(tx.theme.findMany({ select }), 'theme'),
  }
}

/**
 * Loads the demo population into a database that has no users yet (in one
 * transaction, so it is all there or not at all). Returns whether it did.
 * Needs the taxonomies (seedTaxonomies) first.
 */
export async function seedDemo(prisma: PrismaClient, now: Date = new Date()): Promise<boolean> {
  const population = demoPopulation()
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS)
  return prisma.$transaction(
    async (tx) => {
      if ((await tx.user.count()) > 0) return false
      const ids = await taxonomyIds(tx)
      const organisationIds = new Map<string, string>()
      for (const organisation of population.organisations) {
        const data = { typeId: ids.type(organisation.type), provinceId: ids.province(organisation.province) }
        const row = await tx.organisation.upsert({
          where: { name: organisation.name },
          update: {},
          create: { name: organisation.name, ...data },
        })
        organisationIds.set(organisation.name, row.id)
      }
      for (const member of population.members) {
        const joinedAt = daysAgo(at(member.phaseHistory, 0).daysAgo)
        await tx.user.create({
          data: {
            email: member.email,
            name: member.name,
            // No password: demo members are there to be browsed and matched,
            // nobody logs in as them (the admin account is for logging in).
            passwordHash: null,
            role: member.role,
            emailVerifiedAt: joinedAt,
            bio: member.bio,
            matchingOptIn: member.matchingOptIn,
            organisationId: organisationIds.get(member.organisation),
            positionId: ids.position(member.position),
            phaseId: ids.phase(at(member.phaseHistory, member.phaseHistory.length - 1).phase),
            createdAt: joinedAt,
            themes: { create: member.themes.map((slug) => ({ themeId: ids.theme(slug) })) },
            phaseChanges: {
              create: member.phaseHistory.map((step) => ({
                phaseId: ids.phase(step.phase),
                changedAt: daysAgo(step.daysAgo),
              })),
            },
          },
        })
      }
      await seedDemoCommunities(tx, now)
      await seedDemoDocuments(tx, now)
      await seedDemoMasterclasses(tx, now)
      await seedDemoGroups(tx, now)
      return true
    },
    { timeout: 60_000 },
  )
}
