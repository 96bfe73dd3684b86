// bench:matching, part 1: peer groups for many participants, per rule — the
// time of proposeGroups and the quality of its groups against random
// assignment and plain greedy, on the same population in the same run.
import { median } from '../collab/lib/stats'
import { groupingQuality, proposeGroups, type GroupingInput } from '../../app/services/peer-grouping.server'
import { GROUPING_RULES, type GroupingRule, type PeerProfile } from '../../app/services/peer-types'
import { greedyGroups, randomGroups } from './baselines'

export interface QualityFigures {
  overall: number
  ruleFit: number
  sameOrganisationPairs: number
  repeatedPairs: number
  groups: number
  /** Groups with a flaw: someone outside the rule, two colleagues, or two who met before. */
  flawed: number
  smallest: number
  largest: number
}

export interface GroupingResult {
  rule: GroupingRule
  /** Every run of proposeGroups, in order; the first includes V8's warm-up. */
  runsMs: number[]
  firstMs: number
  medianMs: number
  peloton: QualityFigures
  /** Mean over the seeds; each seed's figures beside it. */
  random: QualityFigures & { perSeed: number[] }
  greedy: QualityFigures
  /** Peloton's overall quality ÷ the baseline's. */
  ratioToRandom: number
  ratioToGreedy: number
}

export interface GroupingSettings {
  minSize: number
  maxSize: number
  runs: number
  randomSeeds: number[]
}

function figures(input: GroupingInput, groups: string[][]): QualityFigures {
  const q = groupingQuality(input, groups)
  if (!q.everyoneOnce) throw new Error(`${input.rule}: not everyone exactly once`)
  if (!q.sizesWithinBounds) throw new Error(`${input.rule}: a group size outside ${input.minSize}–${input.maxSize}`)
  const sizes = groups.map((g) => g.length)
  return {
    overall: q.overall,
    ruleFit: q.ruleFit,
    sameOrganisationPairs: q.sameOrganisationPairs,
    repeatedPairs: q.repeatedPairs,
    groups: groups.length,
    flawed: q.groups.filter((g) => g.ruleFit < 1 || g.sameOrganisationPairs > 0 || g.repeatedPairs > 0).length,
    smallest: Math.min(...sizes),
    largest: Math.max(...sizes),
  }
}

function mean(items: QualityFigures[]): QualityFigures {
  const avg = (f: (q: QualityFigures) => number) => items.reduce((sum, q) => sum + f(q), 0) / items.length
  return {
    overall: avg((q) => q.overall),
    ruleFit: avg((q) => q.ruleFit),
    sameOrganisationPairs: avg((q) => q.sameOrganisationPairs),
    repeatedPairs: avg((q) => q.repeatedPairs),
    groups: avg((q) => q.groups),
    flawed: avg((q) => q.flawed),
    smallest: Math.min(...items.map((q) => q.smallest)),
    largest: Math.max(...items.map((q) => q.largest)),
  }
}

function compare(input: GroupingInput, groups: string[][], seeds: number[]) {
  const peloton = figures(input, groups)
  const randoms = seeds.map((seed) => figures(input, randomGroups(input.people, groups.length, seed)))
  const random = { ...mean(randoms), perSeed: randoms.map((q) => q.overall) }
  const greedy = figures(input, greedyGroups(input.people, input.rule, groups.length))
  return { peloton, random, greedy }
}

export function benchGrouping(
  people: PeerProfile[],
  pastPairs: ReadonlySet<string>,
  settings: GroupingSettings,
): GroupingResult[] {
  return GROUPING_RULES.map((rule) => {
    const input: GroupingInput = { people, minSize: settings.minSize, maxSize: settings.maxSize, rule, pastPairs }
    const runsMs: number[] = []
    let groups: string[][] = []
    for (let run = 0; run < settings.runs; run++) {
      const start = performance.now()
      const proposal = proposeGroups(input)
      runsMs.push(performance.now() - start)
      if (run > 0 && JSON.stringify(proposal) !== JSON.stringify(groups)) throw new Error(`${rule}: not deterministic`)
      groups = proposal
    }
    const { peloton, random, greedy } = compare(input, groups, settings.randomSeeds)
    return {
      rule,
      runsMs,
      firstMs: runsMs[0]!,
      // Without the first run: that one pays for V8's compilation (reported apart).
      medianMs: median(runsMs.length > 1 ? runsMs.slice(1) : runsMs),
      peloton,
      random,
      greedy,
      ratioToRandom: peloton.overall / random.overall,
      ratioToGreedy: peloton.overall / greedy.overall,
    }
  })
}

export interface SmallResult {
  rule: GroupingRule
  populations: number
  peloton: QualityFigures
  random: QualityFigures
  greedy: QualityFigures
  ratioToRandom: number
  ratioToGreedy: number
}

/** Many small populations (a masterclass): the mean figures per rule over all of them. */
export function benchSmall(
  populations: { people: PeerProfile[]; pastPairs: ReadonlySet<string> }[],
  settings: GroupingSettings,
): SmallResult[] {
  return GROUPING_RULES.map((rule) => {
    const all = populations.map(({ people, pastPairs }) => {
      const input: GroupingInput = { people, minSize: settings.minSize, maxSize: settings.maxSize, rule, pastPairs }
      return compare(input, proposeGroups(input), settings.randomSeeds)
    })
    const peloton = mean(all.map((c) => c.peloton))
    const random = mean(all.map((c) => c.random))
    const greedy = mean(all.map((c) => c.greedy))
    return {
      rule,
      populations: populations.length,
      peloton,
      random,
      greedy,
      ratioToRandom: peloton.overall / random.overall,
      ratioToGreedy: peloton.overall / greedy.overall,
    }
  })
}
