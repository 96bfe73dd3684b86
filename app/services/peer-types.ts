// The shapes that peer matching works on (issue 6, ADR 0012). Plain data, no
// Prisma: the score (`peer-score.server.ts`), the grouping
// (`peer-grouping.server.ts`), their tests and `bench/matching` all use them,
// and the services build them from the database.

/** What matching knows about a person: ids from the taxonomies, nothing else. */
export interface PeerProfile {
  id: string
  organisationId: string | null
  organisationTypeId: string | null
  provinceId: string | null
  positionId: string | null
  /** The phase's rank, 1 (Bewustwording) … 5 (Borging); null when not set. */
  phaseRank: number | null
  themeIds: readonly string[]
}

/** The admin-adjustable weights (the `MatchingWeights` row), whole numbers 0–100. */
export interface MatchingWeightValues {
  position: number
  samePhase: number
  phaseAhead: number
  sharedTheme: number
  region: number
}

export const DEFAULT_MATCHING_WEIGHTS: MatchingWeightValues = {
  position: 40,
  samePhase: 30,
  phaseAhead: 25,
  sharedTheme: 10,
  region: 10,
}

/** The three ways a facilitator can ask Peloton to form peer groups. */
export const GROUPING_RULES = ['samePhaseMixedTypes', 'samePosition', 'mixedPhasesWithAhead'] as const
export type GroupingRule = (typeof GROUPING_RULES)[number]

/** One spelling for a pair of people, whatever the order: the match history's key. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`
}
