// bench:matching, part 2: suggestions for one member among many — the time of
// rankSuggestions (app/services/peer-score.server.ts) over the whole opted-in
// population in memory, as the service holds it (peer-population.server.ts
// caches the profiles per process), for many different members.
import { createRandom } from '../../prisma/seed/demo'
import { rankSuggestions } from '../../app/services/peer-score.server'
import { DEFAULT_MATCHING_WEIGHTS, type PeerProfile } from '../../app/services/peer-types'
import { percentile } from '../collab/lib/stats'

export interface SuggestionsResult {
  population: number
  members: number
  /** Each measured member has this many people met before (history), drawn at random. */
  historyPerMember: number
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

export function benchSuggestions(population: readonly PeerProfile[], members: number, seed: number): SuggestionsResult {
  const random = createRandom(seed)
  const historyPerMember = 8
  // Different members spread over the population, each with their own history.
  const step = Math.max(1, Math.floor(population.length / members))
  const asking = Array.from({ length: members }, (_, k) => population[(k * step) % population.length]!)
  const history = asking.map(() => new Set(Array.from({ length: historyPerMember }, () => random.pick(population).id)))
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
    population: population.length,
    members,
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
