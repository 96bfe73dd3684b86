// The first proposal, before the search improves it (ADR 0013). Everything
// works on canonical indexes (see toPopulation), so the same people in another
// order give the same groups.
import type { Population } from './peer-grouping-measure.server'
import type { GroupingRule } from './peer-types'

export interface SizeBounds {
  minSize: number
  maxSize: number
}

/** The number of groups for n people when sizes are balanced: as near the middle of the bounds as allowed. */
export function groupCount(n: number, { minSize, maxSize }: SizeBounds): number {
  const fewest = Math.ceil(n / maxSize)
  const most = Math.floor(n / minSize)
  const near = Math.round(n / ((minSize + maxSize) / 2))
  return Math.min(most, Math.max(fewest, near))
}

/** Deals `order` round-robin over `count` groups: the k-th person goes to group k mod count. */
export function dealRoundRobin(order: readonly number[], count: number): number[][] {
  const groups: number[][] = Array.from({ length: count }, () => [])
  order.forEach((person, k) => groups[k % count]!.push(person))
  return groups
}

function compareBy(...keys: Int32Array[]) {
  return (a: number, b: number): number => {
    for (const key of keys) {
      // Not set (-1) sorts last.
      const ka = key[a]! < 0 ? Infinity : key[a]!
      const kb = key[b]! < 0 ? Infinity : key[b]!
      if (ka !== kb) return ka - kb
    }
    return a - b
  }
}

/**
 * Organisations dealt round-robin over `count` groups, the largest first: when
 * no organisation has more people than `count`, no two colleagues share a group.
 * The caller chooses a count whose balanced sizes are within the bounds.
 */
export function constructByOrganisation(pop: Population, count: number): number[][] {
  const size = new Int32Array(pop.counts.org)
  for (const o of pop.org) if (o >= 0) size[o]!++
  const bySize = Int32Array.from(pop.org, (o) => (o < 0 ? -1 : pop.n - size[o]!))
  const order = [...pop.ids.keys()].sort(compareBy(bySize, pop.org))
  return dealRoundRobin(order, count)
}

export function construct(pop: Population, rule: GroupingRule, bounds: SizeBounds): number[][] {
  if (rule === 'mixedPhasesWithAhead') {
    // In phase order, dealt round-robin: each group takes people from a stretch
    // of the phases, so most members have someone one phase ahead or behind.
    const order = [...pop.ids.keys()].sort(compareBy(pop.phase, pop.type, pop.org))
    return dealRoundRobin(order, groupCount(pop.n, bounds))
  }
  return constructByKey(pop, rule === 'samePosition' ? pop.position : pop.phase, bounds)
}

/**
 * Same-key rules: the people in key order are cut into consecutive pieces of
 * allowed sizes so that as many as possible share their piece's key (a
 * dynamic programme, exact for cuts of that order); then each key's people are
 * dealt round-robin, by organisation type and organisation, over the pieces
 * that hold that key, which spreads colleagues and mixes types.
 */
function constructByKey(pop: Population, key: Int32Array, bounds: SizeBounds): number[][] {
  const order = [...pop.ids.keys()].sort(compareBy(key, pop.type, pop.org))
  const cuts = cutByKey(
    order.map((i) => key[i]!),
    bounds,
  )
  const groups: number[][] = cuts.map(() => [])
  // Which pieces hold each key, and how many of it.
  const slots = new Map<number, { group: number; room: number }[]>()
  cuts.forEach(([from, to], group) => {
    for (let at = from; at < to;) {
      const k = key[order[at]!]!
      let end = at
      while (end < to && key[order[end]!] === k) end++
      const list = slots.get(k) ?? []
      list.push({ group, room: end - at })
      slots.set(k, list)
      at = end
    }
  })
  for (let at = 0; at < order.length;) {
    const k = key[order[at]!]!
    let open = slots.get(k) ?? []
    let turn = 0
    while (at < order.length && key[order[at]!] === k) {
      if (turn >= open.length) turn = 0
      const slot = open[turn]!
      groups[slot.group]!.push(order[at]!)
      at++
      if (--slot.room === 0) open = open.filter((s) => s.room > 0)
      else turn++
    }
  }
  return groups
}

/** Cuts a sequence of keys (-1: none) into pieces [from, to) of allowed sizes, most people sharing their piece's key. */
export function cutByKey(keys: readonly number[], { minSize, maxSize }: SizeBounds): [number, number][] {
  const n = keys.length
  // runEnd[i]: where the run of equal keys that holds position i ends.
  const runEnd = new Int32Array(n)
  for (let i = n - 1; i >= 0; i--) runEnd[i] = i + 1 < n && keys[i + 1] === keys[i] ? runEnd[i + 1]! : i + 1
  const middle = (minSize + maxSize) / 2
  const cost = new Float64Array(n + 1).fill(Infinity)
  const from = new Int32Array(n + 1).fill(-1)
  cost[0] = 0
  for (let to = 1; to <= n; to++) {
    for (let size = minSize; size <= maxSize && size <= to; size++) {
      const start = to - size
      if (cost[start] === Infinity) continue
      let sharing = 0
      for (let at = start; at < to; at = runEnd[at]!) {
        if (keys[at]! >= 0) sharing = Math.max(sharing, Math.min(runEnd[at]!, to) - at)
      }
      // Misfits first; among equal cuts, sizes near the middle of the bounds.
      const c = cost[start]! + (size - sharing) + Math.abs(size - middle) * 1e-6
      if (c < cost[to]! - 1e-12) {
        cost[to] = c
        from[to] = start
      }
    }
  }
  if (cost[n] === Infinity) throw new Error('peer grouping: no cut of allowed sizes (checkGrouping should have said so)')
  const cuts: [number, number][] = []
  for (let to = n; to > 0; to = from[to]!) cuts.push([from[to]!, to])
  return cuts.reverse()
}
