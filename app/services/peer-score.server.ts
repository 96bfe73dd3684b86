// The peer score and the suggestions built from it (issue 6, ADR 0012). Pure:
// no Prisma, no clock, no randomness, so the same input gives the same answer
// and `bench/matching` can call it directly.
//
// Benchmark entry point:
//   rankSuggestions(me, population, weights, { limit, filters, history })
//     me          the member asking (a PeerProfile)
//     population  indexPeers(every opted-in member's PeerProfile), built once (me may be among them; skipped);
//                 a plain array works too but is indexed on every call
//     weights     MatchingWeightValues, e.g. DEFAULT_MATCHING_WEIGHTS
//     options     all optional: limit per list (default 10), filters, history (ids met before)
//   → { peers, ahead }: two lists, best first, each item { profile, score, kind, reasons, metBefore }
import {
  bitCount,
  indexMember,
  indexPeers,
  isPeerIndex,
  NONE,
  NOT_IN_INDEX,
  type Candidate,
  type PeerIndex,
} from './peer-index.server'
import type { MatchingWeightValues, PeerProfile } from './peer-types'

export type { Candidate } from './peer-index.server'

/** Shared themes count up to this many; more add reasons but no points. */
export const MAX_COUNTED_THEMES = 3
export const DEFAULT_SUGGESTION_LIMIT = 10

/** samePhase and other go in "Peers like you"; phaseAhead in "One phase ahead". */
export type SuggestionKind = 'samePhase' | 'phaseAhead' | 'other'

/** One term of the score that added points, with what it is about (ids; names are the page's job). */
export type Reason =
  | { term: 'position'; points: number; positionId: string }
  | { term: 'samePhase'; points: number; phaseRank: number }
  | { term: 'phaseAhead'; points: number; phaseRank: number }
  | { term: 'sharedThemes'; points: number; themeIds: string[] }
  | { term: 'region'; points: number; provinceId: string }

export interface PeerScore {
  score: number
  kind: SuggestionKind
  reasons: Reason[]
}

export interface Suggestion extends PeerScore {
  profile: PeerProfile
  /** Already introduced to or grouped with me: listed after everyone else. */
  metBefore: boolean
}

export interface SuggestionFilters {
  sameProvince?: boolean
  /** 'same': only my organisation type; 'other': only other types. */
  organisationType?: 'same' | 'other'
  themeId?: string
}

export interface RankOptions {
  /** Per list; default 10. */
  limit?: number
  filters?: SuggestionFilters
  /** Ids of the people already matched or grouped with me. */
  history?: ReadonlySet<string>
}

export function kindOf(me: PeerProfile, other: PeerProfile): SuggestionKind {
  if (me.phaseRank === null || other.phaseRank === null) return 'other'
  if (other.phaseRank === me.phaseRank) return 'samePhase'
  return other.phaseRank === me.phaseRank + 1 ? 'phaseAhead' : 'other'
}

/**
 * The one place the score is computed. With `reasons` it also records each
 * term that added points; without (the ranking loop) it allocates nothing.
 * So the reasons shown are exactly the terms that made the score.
 */
function scoreTerms(
  me: PeerProfile,
  myThemes: ReadonlySet<string>,
  other: PeerProfile,
  w: MatchingWeightValues,
  reasons: Reason[] | null,
): number {
  let score = 0
  if (w.position > 0 && me.positionId !== null && other.positionId === me.positionId) {
    score += w.position
    reasons?.push({ term: 'position', points: w.position, positionId: me.positionId })
  }
  if (me.phaseRank !== null && other.phaseRank !== null) {
    if (w.samePhase > 0 && other.phaseRank === me.phaseRank) {
      score += w.samePhase
      reasons?.push({ term: 'samePhase', points: w.samePhase, phaseRank: other.phaseRank })
    } else if (w.phaseAhead > 0 && other.phaseRank === me.phaseRank + 1) {
      score += w.phaseAhead
      reasons?.push({ term: 'phaseAhead', points: w.phaseAhead, phaseRank: other.phaseRank })
    }
  }
  if (w.sharedTheme > 0 && myThemes.size > 0) {
    let shared = 0
    const themes = other.themeIds
    for (let i = 0; i < themes.length; i++) if (myThemes.has(themes[i]!)) shared++
    if (shared > 0) {
      const points = w.sharedTheme * Math.min(shared, MAX_COUNTED_THEMES)
      score += points
      reasons?.push({ term: 'sharedThemes', points, themeIds: themes.filter((t) => myThemes.has(t)) })
    }
  }
  if (w.region > 0 && me.provinceId !== null && other.provinceId === me.provinceId) {
    score += w.region
    reasons?.push({ term: 'region', points: w.region, provinceId: me.provinceId })
  }
  return score
}

/** How well `other` fits `me`, what kind of suggestion they are, and why. */
export function scorePeer(me: PeerProfile, other: PeerProfile, weights: MatchingWeightValues): PeerScore {
  const reasons: Reason[] = []
  const score = scoreTerms(me, new Set(me.themeIds), other, weights, reasons)
  return { score, kind: kindOf(me, other), reasons }
}

/**
 * The best `limit` entries seen so far, kept sorted in preallocated arrays:
 * people met before after the others, then score high to low, then id.
 */
class TopK {
  readonly index: Int32Array
  readonly score: Float64Array
  readonly met: Uint8Array
  size = 0

  constructor(
    readonly limit: number,
    private readonly population: readonly PeerProfile[],
  ) {
    this.index = new Int32Array(limit)
    this.score = new Float64Array(limit)
    this.met = new Uint8Array(limit)
  }

  /** Whether (met, score, i) ranks before slot j. */
  private before(met: number, score: number, i: number, j: number): boolean {
    if (met !== this.met[j]) return met < this.met[j]!
    if (score !== this.score[j]) return score > this.score[j]!
    return this.population[i]!.id < this.population[this.index[j]!]!.id
  }

  offer(i: number, score: number, met: number): void {
    if (this.limit === 0) return
    if (this.size === this.limit && !this.before(met, score, i, this.size - 1)) return
    let j = this.size < this.limit ? this.size++ : this.size - 1
    while (j > 0 && this.before(met, score, i, j - 1)) {
      this.index[j] = this.index[j - 1]!
      this.score[j] = this.score[j - 1]!
      this.met[j] = this.met[j - 1]!
      j--
    }
    this.index[j] = i
    this.score[j] = score
    this.met[j] = met
  }
}

/**
 * The suggestions for `me`: "Peers like you" (same phase or otherwise fitting)
 * and "One phase ahead", each the top `limit`. Only people with a score above
 * zero (at least one reason) are suggested. `population` is best a PeerIndex
 * built once (`indexPeers`, as the population cache does); a plain array is
 * indexed on the way. The loop is the same sum as `scoreTerms` on the index's
 * integer columns; the chosen few are scored again by `scoreTerms` for their
 * reasons, and a difference between the two would be a bug, so it throws.
 */
export function rankSuggestions(
  me: PeerProfile,
  population: PeerIndex | readonly Candidate[],
  weights: MatchingWeightValues,
  options: RankOptions = {},
): { peers: Suggestion[]; ahead: Suggestion[] } {
  const index = isPeerIndex(population) ? population : indexPeers(population)
  const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_SUGGESTION_LIMIT))
  const filters = options.filters ?? {}
  const { profiles, organisation, organisationType, province, position, phase, excluded, themes, words } = index
  const n = profiles.length
  const m = indexMember(index, me)
  const w = weights
  const peers = new TopK(limit, profiles)
  const ahead = new TopK(limit, profiles)

  // Per person: 1 = skip (me, a colleague), 2 = met before.
  const mark = new Uint8Array(n)
  const self = index.byId.get(me.id)
  if (self !== undefined) mark[self] = 1
  for (const id of options.history ?? []) {
    const i = index.byId.get(id)
    if (i !== undefined && mark[i] === 0) mark[i] = 2
  }
  const themeFilter = filters.themeId === undefined ? NONE : index.codes.theme.of(filters.themeId)
  if (themeFilter === NOT_IN_INDEX) return { peers: [], ahead: [] }
  const themeWord = themeFilter >>> 5
  const themeBit = 1 << (themeFilter & 31)
  const sameProvinceOnly = filters.sameProvince === true
  const typeFilter = filters.organisationType

  for (let i = 0; i < n; i++) {
    if (mark[i] === 1 || excluded[i] === 1) continue
    if (m.organisation >= 0 && organisation[i] === m.organisation) continue
    if (sameProvinceOnly && (m.province < 0 || province[i] !== m.province)) continue
    if (typeFilter === 'same' && (m.organisationType < 0 || organisationType[i] !== m.organisationType)) continue
    if (typeFilter === 'other' && organisationType[i] === m.organisationType) continue
    if (themeFilter >= 0 && (themes[i * words + themeWord]! & themeBit) === 0) continue

    let score = 0
    if (w.position > 0 && m.position >= 0 && position[i] === m.position) score += w.position
    const p = phase[i]!
    let isAhead = false
    if (m.phase > 0 && p > 0) {
      if (p === m.phase) {
        if (w.samePhase > 0) score += w.samePhase
      } else if (p === m.phase + 1) {
        isAhead = true
        if (w.phaseAhead > 0) score += w.phaseAhead
      }
    }
    if (w.sharedTheme > 0) {
      let shared = 0
      for (let k = 0; k < words; k++) shared += bitCount(themes[i * words + k]! & m.themes[k]!)
      if (shared > 0) score += w.sharedTheme * Math.min(shared, MAX_COUNTED_THEMES)
    }
    if (w.region > 0 && m.province >= 0 && province[i] === m.province) score += w.region
    if (score <= 0) continue
    ;(isAhead ? ahead : peers).offer(i, score, mark[i] === 2 ? 1 : 0)
  }

  const myThemes = new Set(me.themeIds)
  const build = (top: TopK): Suggestion[] =>
    Array.from(top.index.subarray(0, top.size), (i, j) => {
      const profile = profiles[i]!
      const reasons: Reason[] = []
      const score = scoreTerms(me, myThemes, profile, weights, reasons)
      if (score !== top.score[j]) throw new Error(`peer score mismatch for ${profile.id}: ${score} ≠ ${top.score[j]}`)
      return { profile, score, kind: kindOf(me, profile), reasons, metBefore: top.met[j] === 1 }
    })
  return { peers: build(peers), ahead: build(ahead) }
}
