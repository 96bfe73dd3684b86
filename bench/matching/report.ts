// The printed tables of bench:matching.
import { formatMs, table } from '../collab/lib/stats'
import type { GroupingResult, QualityFigures, SmallResult } from './grouping'
import type { SuggestionsResult } from './suggestions'

const q3 = (n: number) => n.toFixed(3)
const one = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1))
const three = (
  f: (q: QualityFigures) => string,
  r: { peloton: QualityFigures; random: QualityFigures; greedy: QualityFigures },
) => `${f(r.peloton)} / ${f(r.random)} / ${f(r.greedy)}`

function parts(results: Array<GroupingResult | SmallResult>): string {
  return table(
    ['rule', 'rule fit', 'colleague pairs', 'repeated pairs', 'groups with a flaw'],
    results.map((r) => [
      r.rule,
      three((q) => q3(q.ruleFit), r),
      three((q) => one(q.sameOrganisationPairs), r),
      three((q) => one(q.repeatedPairs), r),
      three((q) => `${one(q.flawed)} of ${one(q.groups)}`, r),
    ]),
  )
}

export function printGrouping(results: GroupingResult[], heading: string): void {
  console.log(`\n== ${heading} ==`)
  console.log(
    table(
      ['rule', 'median ms', 'first ms', 'groups', 'quality P / random / greedy', 'P ÷ random', 'P ÷ greedy'],
      results.map((r) => [
        r.rule,
        formatMs(r.medianMs),
        formatMs(r.firstMs),
        `${r.peloton.groups} (${r.peloton.smallest}–${r.peloton.largest})`,
        three((q) => q3(q.overall), r),
        r.ratioToRandom.toFixed(2),
        r.ratioToGreedy.toFixed(2),
      ]),
    ),
  )
  console.log('\nThe parts (P / random / greedy; random is the mean of its seeds):')
  console.log(parts(results))
}

export function printSmall(results: SmallResult[], heading: string): void {
  console.log(`\n== ${heading} ==`)
  console.log(
    table(
      ['rule', 'quality P / random / greedy', 'P ÷ random', 'P ÷ greedy'],
      results.map((r) => [r.rule, three((q) => q3(q.overall), r), r.ratioToRandom.toFixed(2), r.ratioToGreedy.toFixed(2)]),
    ),
  )
  console.log('\nThe parts, means per population (P / random / greedy):')
  console.log(parts(results))
}

export function printSuggestions(r: SuggestionsResult): void {
  console.log(`\n== Suggestions: one member among ${r.population} opted-in members, ${r.members} different members ==`)
  console.log(
    table(
      ['what', 'median ms', 'p95 ms', 'max ms', 'first ms'],
      [
        ['rankSuggestions, no filter', formatMs(r.medianMs), formatMs(r.p95Ms), formatMs(r.maxMs), formatMs(r.firstMs)],
        ['same province and a theme', formatMs(r.filtered.medianMs), formatMs(r.filtered.p95Ms), '', ''],
      ],
    ),
  )
  console.log(`Mean per member: ${r.meanPeers.toFixed(1)} peers like you, ${r.meanAhead.toFixed(1)} one phase ahead.`)
}
