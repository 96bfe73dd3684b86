// Limits the document forms show and the server enforces (not .server, so pages can show them).
export const MAX_DOCUMENT_TITLE_LENGTH = 200
export const MAX_VERSION_NAME_LENGTH = 200
