// Local search over a grouping (ADR 0013): moves of one person and swaps of
// two, accepted when they raise the objective, in a fixed order and within a
// fixed budget of measurements — so the result depends only on the input.
import type { SizeBounds } from './peer-grouping-construct.server'
import { emptyMeasure, groupScore, Measurer, type Population } from './peer-grouping-measure.server'
import type { GroupingRule } from './peer-types'

/** How many groups on either side (in group order) a person looks at in the neighbourhood passes… */
const WINDOW = 8
/** …and how many more, spread evenly over all groups. */
const SPREAD = 12
const MAX_PASSES = 8
/**
 * Work allowed per person over the whole search, in the measurer's units
 * (about one set lookup each; Measurer.work): bounds the time for large
 * populations and large groups alike. Groups of 4–6 from the benchmark's
 * population stop improving well within it; groups of 20–30 do not.
 */
const WORK_PER_PERSON = 8_000
/** Smaller populations may use as much work as this many people: the time stays that of a large one at most. */
const WORK_FLOOR_PEOPLE = 2_000
const EPSILON = 1e-9
/**
 * What a pair who met before costs the search, on top of its share in the
 * quality measure (ADR 0013). The measure counts members who met someone, so
 * a second repeated pair in a group costs little there; without this the
 * search kept more old pairs than plain greedy in masterclass-sized groups.
 */
export const REPEAT_PENALTY = 0.08

export interface SearchResult {
  groups: number[][]
  /** Pairs of colleagues (same organisation) left in one group. */
  sameOrganisationPairs: number
  /** The sum over groups of size × quality. */
  quality: number
}

/** Pairs who met before beyond one per member who met someone (the measure already counts those members). */
function excessRepeats(m: { repeatedPairs: number; repeatedMembers: number }): number {
  return Math.max(0, m.repeatedPairs - m.repeatedMembers / 2)
}

export class GroupingSearch {
  private readonly measurer: Measurer
  private readonly m = emptyMeasure()
  private readonly groupOf: Int32Array
  private readonly value: Float64Array
  private readonly orgPairs: Int32Array
  private readonly repeatPairs: Float64Array
  private readonly scratchA: number[] = []
  private readonly scratchB: number[] = []
  /** A colleague in the same group costs more than any change of quality two groups can make. */
  private readonly orgPenalty: number
  private budget: number

  constructor(
    private readonly pop: Population,
    private readonly rule: GroupingRule,
    private readonly bounds: SizeBounds,
    private readonly groups: number[][],
  ) {
    this.measurer = new Measurer(pop, rule)
    this.orgPenalty = 2 * bounds.maxSize + 1
    this.budget = WORK_PER_PERSON * Math.max(pop.n, WORK_FLOOR_PEOPLE)
    this.groupOf = new Int32Array(pop.n)
    this.value = new Float64Array(groups.length)
    this.orgPairs = new Int32Array(groups.length)
    this.repeatPairs = new Float64Array(groups.length)
    groups.forEach((members, g) => {
      for (const p of members) this.groupOf[p] = g
      this.value[g] = this.evaluate(members, members.length, g)
    })
  }

  /** Measures a group; stores its colleague pairs under `g` when g >= 0. */
  private evaluate(members: ArrayLike<number>, size: number, g = -1): number {
    const m = this.measurer.measure(members, size, this.m)
    this.budget -= this.measurer.work
    if (g >= 0) {
      this.orgPairs[g] = m.sameOrganisationPairs
      this.repeatPairs[g] = excessRepeats(m)
    }
    return size * groupScore(this.rule, m) - this.orgPenalty * m.sameOrganisationPairs - REPEAT_PENALTY * excessRepeats(m)
  }

  private isPerfect(g: number): boolean {
    return this.value[g]! >= this.groups[g]!.length - EPSILON
  }

  run(): SearchResult {
    const G = this.groups.length
    if (G > 1) {
      for (let pass = 0; pass < MAX_PASSES && this.budget > 0; pass++) {
        let improved = false
        for (let p = 0; p < this.pop.n && this.budget > 0; p++) {
          const a = this.groupOf[p]!
          if (!this.isPerfect(a) && this.improvePerson(p, this.neighbourhood(a))) improved = true
        }
        if (!improved) break
      }
      this.repairEverywhere()
    }
    let quality = 0
    let pairs = 0
    this.groups.forEach((members, g) => {
      quality += this.value[g]! + this.orgPenalty * this.orgPairs[g]! + REPEAT_PENALTY * this.repeatPairs[g]!
      pairs += this.orgPairs[g]!
    })
    return { groups: this.groups, sameOrganisationPairs: pairs, quality }
  }

  /**
   * The groups near `a` in group order (the construction puts similar groups
   * side by side) and a spread of groups across the whole range (different ones).
   */
  private neighbourhood(a: number): number[] {
    const G = this.groups.length
    const seen = new Set<number>([a])
    const reach = Math.min(WINDOW, Math.floor((G - 1) / 2))
    for (let d = 1; d <= reach; d++) seen.add((a + d) % G).add((a - d + G) % G)
    for (let k = 1; k < SPREAD; k++) seen.add((a + Math.round((k * G) / SPREAD)) % G)
    seen.delete(a)
    return [...seen]
  }

  /**
   * Whoever is still in a flawed group looks at every group, not just the
   * neighbourhood — colleagues first, as they matter most — while the budget lasts.
   */
  private repairEverywhere(): void {
    const all = [...this.groups.keys()]
    for (let round = 0; round < 2; round++) {
      let improved = false
      for (const colleaguesOnly of [true, false]) {
        for (let p = 0; p < this.pop.n && this.budget > 0; p++) {
          const a = this.groupOf[p]!
          if (this.isPerfect(a) || (colleaguesOnly && !this.hasColleague(p, a))) continue
          if (
            this.improvePerson(
              p,
              all.filter((g) => g !== a),
            )
          )
            improved = true
        }
      }
      if (!improved) break
    }
  }

  private hasColleague(p: number, g: number): boolean {
    const o = this.pop.org[p]!
    return o >= 0 && this.groups[g]!.some((q) => q !== p && this.pop.org[q] === o)
  }

  /** Tries moving p to, or swapping p with someone in, each candidate group; applies the best gain. */
  private improvePerson(p: number, candidates: readonly number[]): boolean {
    const { minSize, maxSize } = this.bounds
    const a = this.groupOf[p]!
    const A = this.groups[a]!
    const at = A.indexOf(p)
    const without = this.scratchA
    without.length = 0
    for (const x of A) if (x !== p) without.push(x)
    const valueWithout = A.length > minSize ? this.evaluate(without, without.length) : -Infinity
    let bestGain = EPSILON
    let bestGroup = -1
    let bestSwap = -1 // index in the candidate group, -1 for a move
    for (const b of candidates) {
      if (this.budget <= 0) break
      const B = this.groups[b]!
      const before = this.value[a]! + this.value[b]!
      const other = this.scratchB
      other.length = 0
      for (const x of B) other.push(x)
      if (A.length > minSize && B.length < maxSize) {
        other.push(p)
        const gain = valueWithout + this.evaluate(other, other.length) - before
        other.pop()
        if (gain > bestGain) [bestGain, bestGroup, bestSwap] = [gain, b, -1]
      }
      for (let j = 0; j < B.length; j++) {
        const q = B[j]!
        A[at] = q
        other[j] = p
        const gain = this.evaluate(A, A.length) + this.evaluate(other, other.length) - before
        other[j] = q
        A[at] = p
        if (gain > bestGain) [bestGain, bestGroup, bestSwap] = [gain, b, j]
      }
    }
    if (bestGroup < 0) return false
    const B = this.groups[bestGroup]!
    if (bestSwap < 0) {
      A.splice(at, 1)
      B.push(p)
    } else {
      const q = B[bestSwap]!
      A[at] = q
      B[bestSwap] = p
      this.groupOf[q] = a
    }
    this.groupOf[p] = bestGroup
    this.value[a] = this.evaluate(A, A.length, a)
    this.value[bestGroup] = this.evaluate(B, B.length, bestGroup)
    return true
  }
}
