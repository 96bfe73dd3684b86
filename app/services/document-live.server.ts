// The seam between the document service and the live relay: when the /collab
// server runs in this process it registers itself here, so a change made by a
// service (restoring a version) goes through the live copy — stored, relayed
// to everyone connected — instead of around it. Without a relay (scripts,
// service tests) the service writes to the database directly.
import type * as Y from 'yjs'
import { logger } from '~/utils/logger.server'

export interface LiveDocuments {
  /**
   * Runs `change` on the live copy of the document (loading it if needed).
   * Resolves after what it changed is stored; rejects when it could not be.
   */
  change(documentId: string, userId: string | null, change: (doc: Y.Doc) => void): Promise<void>
  /** The current state of a live copy, or null when the document is not loaded. */
  stateOf(documentId: string): Uint8Array | null
  /** Re-checks the access of this user's open connections (e.g. after leaving a community). */
  revokeAccess(userId: string): Promise<void>
  /** Re-checks everyone connected to this document (e.g. after archiving it). */
  recheckDocument(documentId: string): Promise<void>
  /** Re-checks everyone connected to any document of this community (archived, visibility changed). */
  recheckCommunity(communityId: string): Promise<void>
  /** Closes the live connections opened with these sessions (logged out, deleted). */
  endSessions(sessions: EndedSessions): Promise<void>
}

/** Sessions that ended: by id, or all of a user's (but one, e.g. the one that changed the password). */
export type EndedSessions = { sessionIds: string[] } | { userId: string; exceptSessionId?: string }

const registry = globalThis as unknown as { __pelotonLiveDocuments?: LiveDocuments | null }

export function registerLiveDocuments(live: LiveDocuments): void {
  registry.__pelotonLiveDocuments = live
}

export function unregisterLiveDocuments(live: LiveDocuments): void {
  if (registry.__pelotonLiveDocuments === live) registry.__pelotonLiveDocuments = null
}

export function liveDocuments(): LiveDocuments | null {
  return registry.__pelotonLiveDocuments ?? null
}

/**
 * Closes live connections that lost access; never fails the caller's change
 * (a join is checked again anyway).
 */
export async function revokeLiveAccess(userId: string): Promise<void> {
  try {
    await liveDocuments()?.revokeAccess(userId)
  } catch (error) {
    logger.error({ err: error }, 're-checking live document access failed')
  }
}

export async function recheckLiveDocument(documentId: string): Promise<void> {
  try {
    await liveDocuments()?.recheckDocument(documentId)
  } catch (error) {
    logger.error({ err: error }, 're-checking live document access failed')
  }
}

export async function recheckLiveCommunity(communityId: string): Promise<void> {
  try {
    await liveDocuments()?.recheckCommunity(communityId)
  } catch (error) {
    logger.error({ err: error }, 're-checking live document access failed')
  }
}

/** Call after deleting Session rows (after the commit): their sockets are closed. */
export async function endLiveSessions(sessions: EndedSessions): Promise<void> {
  try {
    await liveDocuments()?.endSessions(sessions)
  } catch (error) {
    logger.error({ err: error }, 'closing the live connections of ended sessions failed')
  }
}
