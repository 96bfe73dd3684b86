// The quality of a grouping (issue 6 item 6, ADR 0013): what the facilitator
// sees beside each group and what the benchmark compares. The numbers come
// from the same measurement the search optimises (peer-grouping-measure);
// the explanation names the people behind them, for the page to put in words.
import type { GroupingInput } from './peer-grouping.server'
import {
  emptyMeasure,
  groupScore,
  Measurer,
  ruleFitOf,
  toPopulation,
  typeMix,
  type Population,
} from './peer-grouping-measure.server'
import type { GroupingRule } from './peer-types'

export type RuleExplanation =
  | {
      rule: 'samePhaseMixedTypes'
      /** The group's phase: its most common one (the lower on a tie), null when nobody has one. */
      phaseRank: number | null
      inPhase: number
      /** Distinct organisation types, and the most members of one type. */
      organisationTypes: number
      largestTypeCount: number
      /** No type holds more than half of the group (rounded up). */
      typesMixed: boolean
    }
  | { rule: 'samePosition'; positionId: string | null; inPosition: number }
  | {
      rule: 'mixedPhasesWithAhead'
      /** The phases present, lowest first. */
      phaseRanks: number[]
      /** Members with someone exactly one phase ahead of or behind them in the group. */
      withNeighbourPhase: number
      /** Pairs [behind, ahead] exactly one phase apart. */
      aheadPairs: [string, string][]
    }

export interface GroupQuality {
  memberIds: string[]
  size: number
  sizeWithinBounds: boolean
  /** How well the group follows the rule, 0..1. */
  ruleFit: number
  sameOrganisationPairs: number
  repeatedPairs: number
  /** The group's quality, 0..1 (QUALITY_WEIGHTS). */
  score: number
  explanation: {
    rule: RuleExplanation
    /** Members who do not follow the rule in this group (another phase or position, or nobody one phase apart). */
    outsideRule: string[]
    sameOrganisation: [string, string][]
    repeated: [string, string][]
  }
}

export interface GroupingQuality {
  /** Mean of the groups' quality weighted by size (per person), 0..1. */
  overall: number
  /** Mean rule fit per person, 0..1. */
  ruleFit: number
  sameOrganisationPairs: number
  repeatedPairs: number
  sizesWithinBounds: boolean
  /** Everyone in exactly one group, nobody unknown. */
  everyoneOnce: boolean
  missing: string[]
  unknown: string[]
  duplicated: string[]
  groups: GroupQuality[]
}

export function groupingQuality(input: GroupingInput, groups: readonly (readonly string[])[]): GroupingQuality {
  const pop = toPopulation(input.people, input.pastPairs)
  const measurer = new Measurer(pop, input.rule)
  const seen = new Map<string, number>()
  for (const id of groups.flat()) seen.set(id, (seen.get(id) ?? 0) + 1)
  const unknown = [...seen.keys()].filter((id) => !pop.indexOf.has(id))
  const duplicated = [...seen].filter(([id, count]) => count > 1 && pop.indexOf.has(id)).map(([id]) => id)
  const missing = pop.ids.filter((id) => !seen.has(id))
  let people = 0
  let weighted = 0
  let fit = 0
  const result = groups.map((ids): GroupQuality => {
    const members = ids.map((id) => pop.indexOf.get(id)).filter((i) => i !== undefined)
    const m = measurer.measure(members, members.length, emptyMeasure())
    const ruleFit = ruleFitOf(input.rule, m)
    const score = groupScore(input.rule, m)
    people += members.length
    weighted += members.length * score
    fit += members.length * ruleFit
    return {
      memberIds: [...ids],
      size: ids.length,
      sizeWithinBounds: ids.length >= input.minSize && ids.length <= input.maxSize,
      ruleFit,
      sameOrganisationPairs: m.sameOrganisationPairs,
      repeatedPairs: m.repeatedPairs,
      score,
      explanation: {
        ...explainRule(pop, input.rule, members, typeMix(m) >= 1),
        sameOrganisation: pairsWhere(pop, members, (a, b) => pop.org[a]! >= 0 && pop.org[a] === pop.org[b]),
        repeated: pairsWhere(pop, members, (a, b) => pop.past[a]?.has(b) === true),
      },
    }
  })
  return {
    overall: people === 0 ? 0 : weighted / people,
    ruleFit: people === 0 ? 0 : fit / people,
    sameOrganisationPairs: result.reduce((sum, g) => sum + g.sameOrganisationPairs, 0),
    repeatedPairs: result.reduce((sum, g) => sum + g.repeatedPairs, 0),
    sizesWithinBounds: result.every((g) => g.sizeWithinBounds),
    everyoneOnce: unknown.length === 0 && duplicated.length === 0 && missing.length === 0,
    missing,
    unknown,
    duplicated,
    groups: result,
  }
}

function pairsWhere(pop: Population, members: number[], test: (a: number, b: number) => boolean): [string, string][] {
  const pairs: [string, string][] = []
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      if (test(members[i]!, members[j]!)) pairs.push([pop.ids[members[i]!]!, pop.ids[members[j]!]!])
    }
  }
  return pairs
}

/** The most common value (not null); on a tie the smallest. */
function mostCommon<T extends string | number>(values: (T | null)[]): { value: T | null; count: number } {
  const count = new Map<T, number>()
  for (const v of values) if (v !== null) count.set(v, (count.get(v) ?? 0) + 1)
  let best: { value: T | null; count: number } = { value: null, count: 0 }
  for (const [value, c] of count) {
    if (c > best.count || (c === best.count && best.value !== null && value < best.value)) best = { value, count: c }
  }
  return best
}

function explainRule(
  pop: Population,
  rule: GroupingRule,
  members: number[],
  typesMixed: boolean,
): { rule: RuleExplanation; outsideRule: string[] } {
  const id = (i: number) => pop.ids[i]!
  if (rule === 'samePosition') {
    const position = mostCommon(members.map((i) => pop.profiles[i]!.positionId))
    return {
      rule: { rule, positionId: position.value, inPosition: position.count },
      outsideRule: members.filter((i) => position.value === null || pop.profiles[i]!.positionId !== position.value).map(id),
    }
  }
  if (rule === 'samePhaseMixedTypes') {
    const phase = mostCommon(members.map((i) => pop.phaseRank[i] ?? null))
    const type = mostCommon(members.map((i) => pop.type[i]!).filter((v) => v >= 0))
    return {
      rule: {
        rule,
        phaseRank: phase.value,
        inPhase: phase.count,
        organisationTypes: new Set(members.map((i) => pop.type[i]!).filter((v) => v >= 0)).size,
        largestTypeCount: type.count,
        typesMixed,
      },
      outsideRule: members.filter((i) => phase.value === null || pop.phaseRank[i] !== phase.value).map(id),
    }
  }
  const ranks = members.map((i) => pop.phaseRank[i] ?? null)
  const present = new Set(ranks.filter((r) => r !== null))
  const aheadPairs: [string, string][] = []
  for (const behind of members) {
    for (const ahead of members) {
      const rb = pop.phaseRank[behind]
      const ra = pop.phaseRank[ahead]
      if (rb != null && ra != null && ra === rb + 1) aheadPairs.push([id(behind), id(ahead)])
    }
  }
  const follows = (r: number | null) => r !== null && (present.has(r - 1) || present.has(r + 1))
  return {
    rule: {
      rule,
      phaseRanks: [...present].sort((a, b) => a - b),
      withNeighbourPhase: ranks.filter(follows).length,
      aheadPairs,
    },
    outsideRule: members.filter((_, k) => !follows(ranks[k] ?? null)).map(id),
  }
}
