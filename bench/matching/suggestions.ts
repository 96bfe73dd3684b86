// bench:matching, part 2: suggestions for one member among many — the time of
// rankSuggestions (app/services/peer-score.server.ts) over the whole opted-in
// population in memory, as the service holds it (peer-population.server.ts
// reads the profiles and builds their PeerIndex once per change, then reuses
// it for every request), for many different members. The index's build time
// is reported on its own line.
import { createRandom } from '../../prisma/seed/demo'
import { indexPeers } from '../../app/services/peer-index.server'
import { rankSuggestions } from '../../app/services/peer-score.server'
import { DEFAULT_MATCHING_WEIGHTS, type PeerProfile } from '../../app/services/peer-types'
import { percentile } from '../collab/lib/stats'

export interface SuggestionsResult {
  population: number
  members: number
  /** Each measured member has this many people met before (history), drawn at random. */
  historyPerMember: number
  /** Building the PeerIndex of the population: once per change of the population, not per request. */
  indexMs: number
  /** The first call, before V8 has optimised the loop. */
  firstMs: number
  medianMs: number
  p95Ms: number
  maxMs: number
  /** Mean suggestions returned per member: peers like you + one phase ahead. */
  meanPeers: number
  meanAhead: number
  /** The same with a filter (same province and a theme): the filters run in the same loop. */
  filtered: { medianMs: number; p95Ms: number }
}

function time(run: () => void): number {
  const start = performance.now()
  run()
  return performance.now() - start
}

export function benchSuggestions(people: readonly PeerProfile[], members: number, seed: number): SuggestionsResult {
  const random = createRandom(seed)
  let population = indexPeers([])
  const indexMs = time(() => {
    population = indexPeers(people)
  })
  const historyPerMember = 8
  // Different members spread over the population, each with their own history.
  const step = Math.max(1, Math.floor(people.length / members))
  const asking = Array.from({ length: members }, (_, k) => people[(k * step) % people.length]!)
  const history = asking.map(() => new Set(Array.from({ length: historyPerMember }, () => random.pick(people).id)))
  let peers = 0
  let ahead = 0
  const plain: number[] = []
  const filtered: number[] = []
  const firstMs = time(() => rankSuggestions(asking[0]!, population, DEFAULT_MATCHING_WEIGHTS, { history: history[0] }))
  asking.forEach((me, k) => {
    plain.push(
      time(() => {
        const result = rankSuggestions(me, population, DEFAULT_MATCHING_WEIGHTS, { history: history[k] })
        peers += result.peers.length
        ahead += result.ahead.length
      }),
    )
    const filters = { sameProvince: true, themeId: me.themeIds[0] }
    filtered.push(time(() => rankSuggestions(me, population, DEFAULT_MATCHING_WEIGHTS, { history: history[k], filters })))
  })
  return {
    population: people.length,
    members,
    indexMs,
    historyPerMember,
    firstMs,
    medianMs: percentile(plain, 0.5),
    p95Ms: percentile(plain, 0.95),
    maxMs: Math.max(...plain),
    meanPeers: peers / members,
    meanAhead: ahead / members,
    filtered: { medianMs: percentile(filtered, 0.5), p95Ms: percentile(filtered, 0.95) },
  }
}
