// Peer groups (issue 6, ADR 0013): Peloton proposes groups of allowed sizes,
// everyone in exactly one, following the facilitator's rule as well as
// possible, colleagues apart and new pairs before old ones. Pure: no Prisma,
// no clock, no Math.random — the same people (in any order) and settings give
// the same groups. The services build the input from the database.
import { construct, constructByOrganisation, type SizeBounds } from './peer-grouping-construct.server'
import { toPopulation, type Population } from './peer-grouping-measure.server'
import { GroupingSearch } from './peer-grouping-search.server'
import type { GroupingRule, PeerProfile } from './peer-types'

export { groupingQuality } from './peer-grouping-quality.server'
export type { GroupQuality, GroupingQuality, RuleExplanation } from './peer-grouping-quality.server'
export { QUALITY_WEIGHTS } from './peer-grouping-measure.server'

export interface GroupingInput {
  people: PeerProfile[]
  minSize: number
  maxSize: number
  rule: GroupingRule
  /** Pairs who met before (pairKey): matched, introduced or grouped together. */
  pastPairs: ReadonlySet<string>
}

/**
 * Why no grouping can be proposed, in the order checked:
 * - groupSizeTooSmall: the minimum size is below 2 (a group of one is no group);
 * - minAboveMax: the minimum size is above the maximum;
 * - tooFewPeople: fewer people than the minimum size (none at all included);
 * - sizesImpossible: no number of groups has sizes within the bounds (7 people in groups of 4–5);
 * - ruleImpossible: not even two people could follow the rule together (see ruleIsPossible).
 */
export const GROUPING_PROBLEMS = [
  'groupSizeTooSmall',
  'minAboveMax',
  'tooFewPeople',
  'sizesImpossible',
  'ruleImpossible',
] as const
export type GroupingProblem = (typeof GROUPING_PROBLEMS)[number]

export class GroupingError extends Error {
  constructor(readonly problem: GroupingProblem) {
    super(`peer grouping: ${problem}`)
    this.name = 'GroupingError'
  }
}

/** Sizes must be whole numbers (the form's schema says so); anything else is a programming error. */
function assertWhole(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`peer grouping: ${name} must be a whole number`)
}

/** Whether n people can be split into groups with sizes in the bounds. */
export function sizesPossible(n: number, { minSize, maxSize }: SizeBounds): boolean {
  return n >= minSize && Math.ceil(n / maxSize) * minSize <= n
}

/**
 * A rule is possible when at least one pair of people could follow it together:
 * samePosition — two people with the same position; samePhaseMixedTypes — two
 * people in the same phase at different kinds of organisation (both known);
 * mixedPhasesWithAhead — two people exactly one phase apart. Otherwise every
 * grouping would miss the rule entirely, and the facilitator should pick another.
 */
export function ruleIsPossible(people: readonly PeerProfile[], rule: GroupingRule): boolean {
  if (rule === 'samePosition') {
    const seen = new Set<string>()
    for (const { positionId } of people) {
      if (positionId === null) continue
      if (seen.has(positionId)) return true
      seen.add(positionId)
    }
    return false
  }
  if (rule === 'mixedPhasesWithAhead') {
    const ranks = new Set(people.map((p) => p.phaseRank).filter((r) => r !== null))
    return [...ranks].some((r) => ranks.has(r + 1))
  }
  const typeByPhase = new Map<number, string>()
  for (const { phaseRank, organisationTypeId } of people) {
    if (phaseRank === null || organisationTypeId === null) continue
    const first = typeByPhase.get(phaseRank)
    if (first === undefined) typeByPhase.set(phaseRank, organisationTypeId)
    else if (first !== organisationTypeId) return true
  }
  return false
}

export function checkGrouping(input: GroupingInput): GroupingProblem | null {
  const { minSize, maxSize, people } = input
  assertWhole(minSize, 'minSize')
  assertWhole(maxSize, 'maxSize')
  if (minSize < 2) return 'groupSizeTooSmall'
  if (minSize > maxSize) return 'minAboveMax'
  if (people.length < minSize) return 'tooFewPeople'
  if (!sizesPossible(people.length, input)) return 'sizesImpossible'
  if (!ruleIsPossible(people, input.rule)) return 'ruleImpossible'
  return null
}

/**
 * The number of groups that keeps colleagues apart, or null when none can: the
 * smallest k with k × min ≤ n ≤ k × max and k ≥ the largest organisation's
 * count. Dealing each organisation's people round-robin over k groups then puts
 * them in different groups, and balanced sizes (⌊n / k⌋ or ⌈n / k⌉) stay within
 * the bounds. Not ⌈n / max⌉ alone: 12 people in groups of 3–6 can keep 4
 * colleagues apart in four threes although two sixes would be the fewest groups.
 */
export function groupsKeepingColleaguesApart(people: readonly PeerProfile[], { minSize, maxSize }: SizeBounds): number | null {
  const count = new Map<string, number>()
  for (const { organisationId } of people) {
    if (organisationId !== null) count.set(organisationId, (count.get(organisationId) ?? 0) + 1)
  }
  const n = people.length
  const k = Math.max(Math.ceil(n / maxSize), ...count.values())
  return k >= 1 && k * minSize <= n ? k : null
}

/** Whether some allowed number of groups keeps every two colleagues apart (see groupsKeepingColleaguesApart). */
export function colleaguesAvoidable(people: readonly PeerProfile[], bounds: SizeBounds): boolean {
  return groupsKeepingColleaguesApart(people, bounds) !== null
}

/** The proposal: arrays of person ids, members in id order. Throws GroupingError when checkGrouping finds a problem. */
export function proposeGroups(input: GroupingInput): string[][] {
  const problem = checkGrouping(input)
  if (problem !== null) throw new GroupingError(problem)
  const pop = toPopulation(input.people, input.pastPairs)
  const bounds = { minSize: input.minSize, maxSize: input.maxSize }
  let result = new GroupingSearch(pop, input.rule, bounds, construct(pop, input.rule, bounds)).run()
  const apartCount = result.sameOrganisationPairs > 0 ? groupsKeepingColleaguesApart(input.people, bounds) : null
  if (apartCount !== null) {
    // Start again from colleagues dealt apart over enough groups; the search never puts two together again.
    const apart = new GroupingSearch(pop, input.rule, bounds, constructByOrganisation(pop, apartCount)).run()
    if (apart.sameOrganisationPairs < result.sameOrganisationPairs) result = apart
  }
  return toIds(pop, result.groups)
}

function toIds(pop: Population, groups: number[][]): string[][] {
  return groups.map((members) => [...members].sort((a, b) => a - b).map((i) => pop.ids[i]!))
}
