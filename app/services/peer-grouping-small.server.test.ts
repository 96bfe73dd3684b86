// Masterclass-sized groupings (60 people, groups of 4–6, two earlier rounds of
// history) on the benchmark's generated populations: Peloton's proposal must
// be no worse than plain greedy on any part — rule fit, pairs who met before,
// colleagues — not only better on the overall number (issue 6's "clearly
// better than both"; bench/README.md). Before the search paid for cliques of
// old pairs, samePosition repeated more pairs than greedy.
import { describe, expect, test } from 'vitest'
import { greedyGroups } from '../../bench/matching/baselines'
import { generateHistory, generatePopulation } from '../../bench/matching/population'
import { groupingQuality, proposeGroups, type GroupingInput } from './peer-grouping.server'
import { GROUPING_RULES } from './peer-types'

const SEED = 0x6d6174 // the benchmark's
const populations = Array.from({ length: 20 }, (_, i) => {
  const { people } = generatePopulation(60, SEED + 100 + i)
  return { people, pastPairs: generateHistory(people, 2, SEED + 200 + i) }
})

describe('masterclass-sized groupings against plain greedy', () => {
  test.each(GROUPING_RULES)('%s: better overall, and no part worse than greedy beyond noise', (rule) => {
    const sum = {
      peloton: { overall: 0, ruleFit: 0, repeated: 0, colleagues: 0 },
      greedy: { overall: 0, ruleFit: 0, repeated: 0, colleagues: 0 },
    }
    for (const { people, pastPairs } of populations) {
      const input: GroupingInput = { people, minSize: 4, maxSize: 6, rule, pastPairs }
      const proposal = proposeGroups(input)
      for (const [who, groups] of [
        ['peloton', proposal],
        ['greedy', greedyGroups(people, rule, proposal.length)],
      ] as const) {
        const q = groupingQuality(input, groups)
        sum[who].overall += q.overall
        sum[who].ruleFit += q.ruleFit
        sum[who].repeated += q.repeatedPairs
        sum[who].colleagues += q.sameOrganisationPairs
      }
    }
    const n = populations.length
    expect(sum.peloton.overall).toBeGreaterThan(sum.greedy.overall)
    expect(sum.peloton.ruleFit / n).toBeGreaterThanOrEqual(sum.greedy.ruleFit / n - 0.01)
    expect(sum.peloton.repeated).toBeLessThanOrEqual(sum.greedy.repeated)
    expect(sum.peloton.colleagues).toBeLessThanOrEqual(sum.greedy.colleagues)
  })
})
