// Generated populations for bench:matching: the demo's organisations
// (prisma/seed/demo-data.ts) copied as often as needed — more organisations of
// the same kinds, in the same provinces, with the same number of members and
// the same focus themes — and people drawn as the demo draws them (positions
// by organisation type, phases by PHASE_WEIGHTS, themes with the demo's
// pickThemes), all from the demo's seeded random, so every run sees the same
// people. Ids are taxonomy slugs: matching only compares them.
import { DEMO_ORGANISATIONS, PHASE_WEIGHTS, POSITIONS_BY_TYPE } from '../../prisma/seed/demo-data'
import { createRandom, pickThemes, type Random } from '../../prisma/seed/demo'
import { pairKey, type PeerProfile } from '../../app/services/peer-types'

export interface Population {
  people: PeerProfile[]
  organisations: number
}

function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
}

/** `size` people from copies of the demo's organisations; the same seed gives the same people. */
export function generatePopulation(size: number, seed: number): Population {
  const random = createRandom(seed)
  const people: PeerProfile[] = []
  let organisations = 0
  for (let copy = 1; people.length < size; copy++) {
    // Each round of copies in its own order, so a cut-off population is not all from the list's start.
    for (const organisation of random.shuffle(DEMO_ORGANISATIONS)) {
      if (people.length >= size) break
      organisations++
      const organisationId = `${slug(organisation.name)}-${copy}`
      for (let n = 0; n < organisation.members && people.length < size; n++) {
        const positions = POSITIONS_BY_TYPE[organisation.type]
        if (!positions) throw new Error(`no positions for ${organisation.type}`)
        people.push({
          id: `m${String(people.length).padStart(6, '0')}`,
          organisationId,
          organisationTypeId: organisation.type,
          provinceId: organisation.province,
          positionId: random.pick(positions),
          phaseRank: random.weighted(PHASE_WEIGHTS) + 1,
          themeIds: pickThemes(random, organisation.focus),
        })
      }
    }
  }
  return { people: random.shuffle(people), organisations }
}

/**
 * A history for the grouping: earlier rounds of groups of five, taking turns
 * by phase and by position (as a facilitator might have formed them, at
 * random within the key) — a quarterly round for a year and a half is six —
 * so repeating pairs is a real risk for every rule.
 */
export function generateHistory(people: readonly PeerProfile[], rounds: number, seed: number): Set<string> {
  const random = createRandom(seed)
  const pairs = new Set<string>()
  const round = (key: (p: PeerProfile) => string) => {
    const byKey = new Map<string, PeerProfile[]>()
    for (const p of people) {
      const list = byKey.get(key(p))
      if (list) list.push(p)
      else byKey.set(key(p), [p])
    }
    for (const members of byKey.values()) addGroups(random, members, pairs)
  }
  for (let r = 0; r < rounds; r++) round(r % 2 === 0 ? (p) => String(p.phaseRank) : (p) => p.positionId ?? '')
  return pairs
}

function addGroups(random: Random, members: PeerProfile[], pairs: Set<string>): void {
  const shuffled = random.shuffle(members)
  for (let start = 0; start < shuffled.length; start += 5) {
    const group = shuffled.slice(start, start + 5)
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) pairs.add(pairKey(group[i]!.id, group[j]!.id))
    }
  }
}
