// The two baselines Peloton's grouping is compared with (bench:matching).
// Written here, not in the app: they are what one would do without Peloton.
// Both make exactly `count` groups of balanced sizes (the sizes differ by at
// most one), the number of groups of Peloton's proposal, so all three meet
// the same size bounds.
import { createRandom } from '../../prisma/seed/demo'
import type { GroupingRule, PeerProfile } from '../../app/services/peer-types'

/** Random assignment: the people shuffled with a seeded random, dealt round-robin. */
export function randomGroups(people: readonly PeerProfile[], count: number, seed: number): string[][] {
  return deal(
    createRandom(seed)
      .shuffle(people)
      .map((p) => p.id),
    count,
  )
}

/**
 * Plain greedy by the rule's key, no improvement, blind to organisations and
 * history: the people in input order, stably sorted by the key (phase, or
 * position), then
 * - samePhaseMixedTypes, samePosition: consecutive runs, so groups fill up
 *   with one key before the next begins;
 * - mixedPhasesWithAhead: dealt round-robin, so each group takes people from
 *   a stretch of the phases (consecutive runs would give single-phase groups,
 *   the opposite of the rule; this is the better greedy for that rule).
 */
export function greedyGroups(people: readonly PeerProfile[], rule: GroupingRule, count: number): string[][] {
  const key = (p: PeerProfile): string =>
    rule === 'samePosition' ? (p.positionId ?? '\uffff') : String(p.phaseRank ?? 9).padStart(2, '0')
  const sorted = [...people].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map((p) => p.id)
  if (rule === 'mixedPhasesWithAhead') return deal(sorted, count)
  const groups: string[][] = []
  let start = 0
  for (let g = 0; g < count; g++) {
    const size = Math.floor(sorted.length / count) + (g < sorted.length % count ? 1 : 0)
    groups.push(sorted.slice(start, start + size))
    start += size
  }
  return groups
}

function deal(ids: readonly string[], count: number): string[][] {
  const groups: string[][] = Array.from({ length: count }, () => [])
  ids.forEach((id, k) => groups[k % count]!.push(id))
  return groups
}
