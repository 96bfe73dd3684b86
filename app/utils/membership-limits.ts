// Limits the membership forms show and the server enforces (not .server, so pages can show them).
export const JOIN_MESSAGE_MAX_LENGTH = 1000
export const MAX_INVITES = 20
export const INVITATION_TTL_DAYS = 14
/** After a declined request, how long before the same person may ask again. */
export const REQUEST_AGAIN_AFTER_DAYS = 14
