// Who may stay connected. A socket's session and role are checked at the
// handshake and on every join; these checks close live sockets when either
// changes later (PRODUCT.md: nobody reads or writes what they may not): a
// membership, a community's visibility or archive, an admin role, a logout,
// an expired or deleted session. A closed client reconnects and joins anew,
// so it gets its new role, or is refused.
import type { Namespace, Socket } from 'socket.io'
import { sessionStillValid, type SessionUser } from '~/auth/session.server'
import type { EndedSessions } from '~/services/document-live.server'
import { communityDocumentIds, documentAccess } from '~/services/documents.server'
import { logger } from '~/utils/logger.server'
import type { DocRoom } from './doc-room.server'
import type { CollabClientToServer, CollabServerToClient } from './protocol'

export interface SocketData {
  user: SessionUser
  sessionId: string
  /** When the session expired as of the handshake (it may slide on later requests). */
  sessionExpiresAt: Date
  docs: Set<string>
  joining: number
  joinTimer: NodeJS.Timeout | null
  sessionTimer: NodeJS.Timeout | null
}
export type CollabSocket = Socket<CollabClientToServer, CollabServerToClient, Record<string, never>, SocketData>
export type CollabNamespace = Namespace<CollabClientToServer, CollabServerToClient, Record<string, never>, SocketData>

/** A session's expiry is looked at least this often (timers cannot wait a month, and it slides). */
const MAX_SESSION_CHECK_MS = 6 * 60 * 60 * 1000
const RETRY_SESSION_CHECK_MS = 60 * 1000

export class CollabAccess {
  constructor(
    private readonly nsp: CollabNamespace,
    private readonly rooms: ReadonlyMap<string, DocRoom>,
  ) {}

  /** Closes the socket when its session expires (or has ended by then); call once it is connected. */
  watchSession(socket: CollabSocket, expiresAt: Date): void {
    this.stopWatching(socket)
    // One millisecond past the expiry, so that the session counts as expired then.
    const delay = Math.min(Math.max(0, expiresAt.getTime() - Date.now()) + 1, MAX_SESSION_CHECK_MS)
    socket.data.sessionTimer = setTimeout(() => {
      socket.data.sessionTimer = null
      sessionStillValid(socket.data.sessionId).then(
        (session) => {
          if (!session) return void socket.disconnect(true)
          socket.data.user = session.user
          if (socket.connected) this.watchSession(socket, session.expiresAt)
        },
        (error: unknown) => {
          logger.error({ err: error, socket: socket.id }, 'checking a live session failed')
          if (socket.connected) this.watchSession(socket, new Date(Date.now() + RETRY_SESSION_CHECK_MS))
        },
      )
    }, delay)
  }

  stopWatching(socket: CollabSocket): void {
    if (socket.data.sessionTimer) clearTimeout(socket.data.sessionTimer)
    socket.data.sessionTimer = null
  }

  /** Re-checks the open documents of a user's sockets (membership or role changed). */
  async revokeAccess(userId: string): Promise<void> {
    for (const socket of [...this.nsp.sockets.values()]) {
      if (socket.data.user?.id !== userId) continue
      for (const docId of [...socket.data.docs]) {
        if (await this.accessChanged(socket, docId)) {
          socket.disconnect(true)
          break
        }
      }
    }
  }

  /** Re-checks everyone connected to one document. */
  async recheckDocument(documentId: string): Promise<void> {
    for (const member of [...(this.rooms.get(documentId)?.members.values() ?? [])]) {
      const socket = this.nsp.sockets.get(member.socketId)
      if (socket && (await this.accessChanged(socket, documentId))) socket.disconnect(true)
    }
  }

  /** Re-checks everyone connected to a loaded document of this community. */
  async recheckCommunity(communityId: string): Promise<void> {
    for (const documentId of await communityDocumentIds(communityId, [...this.rooms.keys()])) {
      await this.recheckDocument(documentId)
    }
  }

  /** Closes the sockets opened with sessions that were deleted. */
  endSessions(sessions: EndedSessions): void {
    const ended =
      'sessionIds' in sessions
        ? (socket: CollabSocket) => sessions.sessionIds.includes(socket.data.sessionId)
        : (socket: CollabSocket) => socket.data.user?.id === sessions.userId && socket.data.sessionId !== sessions.exceptSessionId
    for (const socket of [...this.nsp.sockets.values()]) if (ended(socket)) socket.disconnect(true)
  }

  /**
   * Whether the socket's role in this document is no longer what it joined
   * with; its session and user (role included) are read afresh first.
   */
  private async accessChanged(socket: CollabSocket, docId: string): Promise<boolean> {
    const session = await sessionStillValid(socket.data.sessionId)
    if (!session) return true
    socket.data.user = session.user
    const access = await documentAccess(docId, { id: session.user.id, role: session.user.role })
    return 'code' in access || access.role !== this.rooms.get(docId)?.members.get(socket.id)?.role
  }
}
