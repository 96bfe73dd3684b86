// Limits of peer introductions, shared by the form (hints) and the service.
export const INTRODUCTION_MESSAGE_MAX_LENGTH = 500
/**
 * Requests one member may have open at once: sent in the last
 * OPEN_INTRODUCTION_DAYS and not accepted. A declined request counts like a
 * pending one (the requester sees both as "sent"), so declining stays quiet;
 * the window keeps ten declines from blocking a member for good.
 */
export const MAX_OPEN_INTRODUCTIONS = 10
export const OPEN_INTRODUCTION_DAYS = 30

/** The five matching weights, in the order the admin form shows them; each a whole number 0–100. */
export const WEIGHT_NAMES = ['position', 'samePhase', 'phaseAhead', 'sharedTheme', 'region'] as const
export const WEIGHT_MIN = 0
export const WEIGHT_MAX = 100
