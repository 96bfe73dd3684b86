// The peer score and the suggestions built from it (issue 6, ADR 0012). Pure:
// no Prisma, no clock, no randomness, so the same input gives the same answer
// and `bench/matching` can call it directly.
//
// Benchmark entry point:
//   rankSuggestions(me, population, weights, { limit, filters, history })
//     me          the member asking (a PeerProfile)
//     population  every opted-in member's PeerProfile (me may be among them; skipped)
//     weights     MatchingWeightValues, e.g. DEFAULT_MATCHING_WEIGHTS
//     options     all optional: limit per list (default 10), filters, history (ids met before)
//   → { peers, ahead }: two lists, best first, each item { profile, score, kind, reasons, metBefore }
import type { MatchingWeightValues, PeerProfile } from './peer-types'

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

/** A profile may say it did not opt in; such a profile is never used (callers should not pass them at all). */
export type Candidate = PeerProfile & { optedIn?: boolean }

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

/** Whether `other` may be suggested to `me` at all, filters included. */
function eligible(me: PeerProfile, other: Candidate, filters: SuggestionFilters): boolean {
  if (other.id === me.id || other.optedIn === false) return false
  if (me.organisationId !== null && other.organisationId === me.organisationId) return false
  if (filters.sameProvince && (me.provinceId === null || other.provinceId !== me.provinceId)) return false
  if (filters.organisationType === 'same') {
    if (me.organisationTypeId === null || other.organisationTypeId !== me.organisationTypeId) return false
  } else if (filters.organisationType === 'other') {
    if (other.organisationTypeId === me.organisationTypeId) return false
  }
  if (filters.themeId !== undefined && !other.themeIds.includes(filters.themeId)) return false
  return true
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
 * zero (at least one reason) are suggested. O(population × themes), no
 * allocation per candidate.
 */
export function rankSuggestions(
  me: PeerProfile,
  population: readonly Candidate[],
  weights: MatchingWeightValues,
  options: RankOptions = {},
): { peers: Suggestion[]; ahead: Suggestion[] } {
  const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_SUGGESTION_LIMIT))
  const filters = options.filters ?? {}
  const history = options.history
  const myThemes = new Set(me.themeIds)
  const peers = new TopK(limit, population)
  const ahead = new TopK(limit, population)
  for (let i = 0; i < population.length; i++) {
    const other = population[i]!
    if (!eligible(me, other, filters)) continue
    const score = scoreTerms(me, myThemes, other, weights, null)
    if (score <= 0) continue
    const met = history?.has(other.id) ? 1 : 0
    const list = kindOf(me, other) === 'phaseAhead' ? ahead : peers
    list.offer(i, score, met)
  }
  const build = (top: TopK): Suggestion[] =>
    Array.from(top.index.subarray(0, top.size), (i, j) => {
      const profile = population[i]!
      const reasons: Reason[] = []
      const score = scoreTerms(me, myThemes, profile, weights, reasons)
      return { profile, score, kind: kindOf(me, profile), reasons, metBefore: top.met[j] === 1 }
    })
  return { peers: build(peers), ahead: build(ahead) }
}
