// Limits of peer introductions, shared by the form (hints) and the service.
export const INTRODUCTION_MESSAGE_MAX_LENGTH = 500
/** Requests one member may have waiting for an answer at once. */
export const MAX_OPEN_INTRODUCTIONS = 10
