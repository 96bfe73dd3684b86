// Limits of peer introductions, shared by the form (hints) and the service.
export const INTRODUCTION_MESSAGE_MAX_LENGTH = 500
/** Requests one member may have waiting for an answer at once. */
export const MAX_OPEN_INTRODUCTIONS = 10

/** The five matching weights, in the order the admin form shows them; each a whole number 0–100. */
export const WEIGHT_NAMES = ['position', 'samePhase', 'phaseAhead', 'sharedTheme', 'region'] as const
export const WEIGHT_MIN = 0
export const WEIGHT_MAX = 100
