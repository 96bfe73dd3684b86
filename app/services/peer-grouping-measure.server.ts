// The grouping's working form and the one measurement of a group that both the
// quality measure and the search use (ADR 0013). People become indexes in a
// canonical order (by id), taxonomy ids become small integers, so that a group
// can be measured many thousand times without allocating.
import type { GroupingRule, PeerProfile } from './peer-types'

/** How the parts of a group's quality are weighed; they add up to 1. */
export const QUALITY_WEIGHTS = { ruleFit: 0.6, organisations: 0.2, newPairs: 0.2 } as const

/** Within rule fit for samePhaseMixedTypes: the phase counts twice as much as the mix of types. */
export const PHASE_SHARE_OF_FIT = 2 / 3

export interface Population {
  n: number
  /** Person ids in canonical order (sorted); index i everywhere below is ids[i]. */
  ids: string[]
  profiles: PeerProfile[]
  indexOf: Map<string, number>
  /** Interned ids, -1 when not set. */
  org: Int32Array
  type: Int32Array
  position: Int32Array
  /** Interned phase rank, -1 when not set; phaseRank keeps the rank itself. */
  phase: Int32Array
  phaseRank: (number | null)[]
  /** For each interned phase: the interned phase one rank below / above, -1 when nobody is there. */
  phaseBelow: Int32Array
  phaseAbove: Int32Array
  /** People this person met before (pastPairs), null when nobody; as a set and as a list. */
  past: (Set<number> | null)[]
  pastList: (Int32Array | null)[]
  counts: { org: number; type: number; position: number; phase: number }
}

function intern(values: (string | number | null)[]): { index: Int32Array; distinct: (string | number)[] } {
  const distinct = [...new Set(values.filter((v): v is string | number => v !== null))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  )
  const map = new Map(distinct.map((v, i) => [v, i]))
  return { index: Int32Array.from(values, (v) => (v === null ? -1 : (map.get(v) ?? -1))), distinct }
}

/** Throws on a repeated id: that is a mistake of the caller, not the facilitator's input. */
export function toPopulation(people: readonly PeerProfile[], pastPairs: ReadonlySet<string>): Population {
  const sorted = [...people].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const ids = sorted.map((p) => p.id)
  const indexOf = new Map(ids.map((id, i) => [id, i]))
  if (indexOf.size !== ids.length) throw new Error('peer grouping: a person is listed twice')
  const org = intern(sorted.map((p) => p.organisationId))
  const type = intern(sorted.map((p) => p.organisationTypeId))
  const position = intern(sorted.map((p) => p.positionId))
  const phase = intern(sorted.map((p) => p.phaseRank))
  const rankIndex = new Map(phase.distinct.map((rank, i) => [rank, i]))
  const neighbour = (step: number) => Int32Array.from(phase.distinct, (rank) => rankIndex.get((rank as number) + step) ?? -1)
  const past: (Set<number> | null)[] = ids.map(() => null)
  for (const key of pastPairs) {
    const bar = key.indexOf('|')
    const a = indexOf.get(key.slice(0, bar))
    const b = indexOf.get(key.slice(bar + 1))
    if (a === undefined || b === undefined || a === b) continue
    ;(past[a] ??= new Set()).add(b)
    ;(past[b] ??= new Set()).add(a)
  }
  return {
    n: ids.length,
    ids,
    profiles: sorted,
    indexOf,
    org: org.index,
    type: type.index,
    position: position.index,
    phase: phase.index,
    phaseRank: sorted.map((p) => p.phaseRank),
    phaseBelow: neighbour(-1),
    phaseAbove: neighbour(1),
    past,
    pastList: past.map((set) => (set ? Int32Array.from(set) : null)),
    counts: {
      org: org.distinct.length,
      type: type.distinct.length,
      position: position.distinct.length,
      phase: phase.distinct.length,
    },
  }
}

/** What one measurement of a group finds; reused between calls. */
export interface GroupMeasure {
  size: number
  /** samePosition: members in the group's most common position; samePhaseMixedTypes: in its most common phase;
   * mixedPhasesWithAhead: members with someone exactly one phase ahead or behind them in the group. */
  following: number
  /** The most members of one organisation type (samePhaseMixedTypes only). */
  largestType: number
  sameOrganisationMembers: number
  sameOrganisationPairs: number
  repeatedMembers: number
  repeatedPairs: number
}

export function emptyMeasure(): GroupMeasure {
  return {
    size: 0,
    following: 0,
    largestType: 0,
    sameOrganisationMembers: 0,
    sameOrganisationPairs: 0,
    repeatedMembers: 0,
    repeatedPairs: 0,
  }
}

/** Scratch counters, one per population (not shared between calls running at once). */
export class Measurer {
  private readonly org: Int32Array
  private readonly type: Int32Array
  private readonly position: Int32Array
  private readonly phase: Int32Array
  private met = new Uint8Array(16)
  /** Where each person sits in the group being measured, valid when stamp[person] is the current stamp. */
  private readonly stamp: Int32Array
  private readonly slot: Int32Array
  private currentStamp = 0
  /**
   * The work of the last measurement, in set lookups (a scan of a list of
   * people met before costs an eighth of one per entry): the search's budget.
   */
  work = 0

  constructor(
    readonly population: Population,
    readonly rule: GroupingRule,
  ) {
    this.org = new Int32Array(population.counts.org)
    this.type = new Int32Array(population.counts.type)
    this.position = new Int32Array(population.counts.position)
    this.phase = new Int32Array(population.counts.phase)
    this.stamp = new Int32Array(population.n)
    this.slot = new Int32Array(population.n)
  }

  /** Measures the first `size` entries of `members` into `out`. */
  measure(members: ArrayLike<number>, size: number, out: GroupMeasure): GroupMeasure {
    const pop = this.population
    out.size = size
    out.following = 0
    out.largestType = 0
    out.sameOrganisationMembers = 0
    out.sameOrganisationPairs = 0
    out.repeatedMembers = 0
    out.repeatedPairs = 0
    // Organisations: every member who shares theirs with someone else, and the pairs.
    for (let i = 0; i < size; i++) {
      const o = pop.org[members[i]!]!
      if (o >= 0) this.org[o]!++
    }
    for (let i = 0; i < size; i++) {
      const o = pop.org[members[i]!]!
      if (o < 0) continue
      const c = this.org[o]!
      if (c >= 2) {
        out.sameOrganisationMembers += c
        out.sameOrganisationPairs += (c * (c - 1)) / 2
      }
      this.org[o] = 0
    }
    this.countRepeats(members, size, out)
    if (this.rule === 'samePosition') out.following = this.largest(this.position, pop.position, members, size)
    else if (this.rule === 'samePhaseMixedTypes') {
      out.following = this.largest(this.phase, pop.phase, members, size)
      out.largestType = this.largest(this.type, pop.type, members, size)
    } else out.following = this.withNeighbourPhase(members, size)
    return out
  }

  /**
   * Pairs who met before. Per member, whichever is cheaper: look up each later
   * member in their set of people met before, or scan that list for members
   * of this group (when it is no longer than the group).
   */
  private countRepeats(members: ArrayLike<number>, size: number, out: GroupMeasure): void {
    const { past, pastList } = this.population
    if (this.met.length < size) this.met = new Uint8Array(size * 2)
    this.met.fill(0, 0, size)
    const stamp = ++this.currentStamp
    for (let k = 0; k < size; k++) {
      this.stamp[members[k]!] = stamp
      this.slot[members[k]!] = k
    }
    let work = 2 * size
    for (let k = 0; k < size; k++) {
      const list = pastList[members[k]!]
      if (!list) continue
      if (list.length <= size) {
        work += list.length >> 2
        for (let e = 0; e < list.length; e++) {
          const j = list[e]!
          if (this.stamp[j] !== stamp) continue
          const at = this.slot[j]!
          if (at <= k) continue
          out.repeatedPairs++
          this.met[k] = 1
          this.met[at] = 1
        }
      } else {
        const seen = past[members[k]!]!
        work += size - k
        for (let at = k + 1; at < size; at++) {
          if (!seen.has(members[at]!)) continue
          out.repeatedPairs++
          this.met[k] = 1
          this.met[at] = 1
        }
      }
    }
    for (let k = 0; k < size; k++) out.repeatedMembers += this.met[k]!
    this.work = work
  }

  /** The most members sharing one (set) value; counters are left at zero. */
  private largest(counter: Int32Array, values: Int32Array, members: ArrayLike<number>, size: number): number {
    let best = 0
    for (let i = 0; i < size; i++) {
      const v = values[members[i]!]!
      if (v >= 0 && ++counter[v]! > best) best = counter[v]!
    }
    for (let i = 0; i < size; i++) {
      const v = values[members[i]!]!
      if (v >= 0) counter[v] = 0
    }
    return best
  }

  private withNeighbourPhase(members: ArrayLike<number>, size: number): number {
    const pop = this.population
    for (let i = 0; i < size; i++) {
      const v = pop.phase[members[i]!]!
      if (v >= 0) this.phase[v]!++
    }
    let following = 0
    for (let i = 0; i < size; i++) {
      const v = pop.phase[members[i]!]!
      if (v < 0) continue
      const below = pop.phaseBelow[v]!
      const above = pop.phaseAbove[v]!
      if ((below >= 0 && this.phase[below]! > 0) || (above >= 0 && this.phase[above]! > 0)) following++
    }
    for (let i = 0; i < size; i++) {
      const v = pop.phase[members[i]!]!
      if (v >= 0) this.phase[v] = 0
    }
    return following
  }
}

/** A group's mix of organisation types, 0..1: 1 when no type holds more than half of the group (rounded up). */
export function typeMix(m: GroupMeasure): number {
  if (m.size < 2) return 0
  return Math.min(1, (m.size - m.largestType) / Math.floor(m.size / 2))
}

/** How well a group follows the rule, 0..1 (ADR 0013). */
export function ruleFitOf(rule: GroupingRule, m: GroupMeasure): number {
  if (m.size === 0) return 0
  const share = m.following / m.size
  if (rule !== 'samePhaseMixedTypes') return share
  return PHASE_SHARE_OF_FIT * share + (1 - PHASE_SHARE_OF_FIT) * typeMix(m)
}

/** A group's quality, 0..1: rule fit, members without a colleague from their organisation, members meeting only new people. */
export function groupScore(rule: GroupingRule, m: GroupMeasure): number {
  if (m.size === 0) return 0
  return (
    QUALITY_WEIGHTS.ruleFit * ruleFitOf(rule, m) +
    QUALITY_WEIGHTS.organisations * (1 - m.sameOrganisationMembers / m.size) +
    QUALITY_WEIGHTS.newPairs * (1 - m.repeatedMembers / m.size)
  )
}
