// The /collab namespace (PRODUCT.md, "Realtime contract"): session-cookie
// handshake from our own origin, join/leave/msg with acks, strict frame
// checks, limits, and the rooms that hold live documents. See
// docs/decisions/0008-collab-transport-and-persistence.md.
import type http from 'node:http'
import { Server as SocketServer } from 'socket.io'
import { documentAccess } from '~/services/documents.server'
import { registerLiveDocuments, unregisterLiveDocuments, type LiveDocuments } from '~/services/document-live.server'
import { createDocumentStore } from '~/services/document-store.server'
import { env } from '~/utils/env.server'
import { logger } from '~/utils/logger.server'
import * as Y from 'yjs'
import { CollabAccess, type CollabNamespace, type CollabSocket } from './collab-access.server'
import { authenticateHandshake } from './collab-auth.server'
import { relayEvent } from './relay.server'
import { localOnlyBus, type DocBus } from './doc-bus.server'
import { DocRoom } from './doc-room.server'
import { asBytes, COLLAB_NAMESPACE, isDocId, parseFrame, type CollabErrorCode, type JoinAck, type MessageAck } from './protocol'
import { MalformedUpdateError } from './update-validation'
import { UpdateWriter, type UpdateWriterOptions } from './update-writer.server'

export interface CollabOptions {
  /** Open documents per socket; one more is answered with `limit`. */
  maxDocsPerSocket?: number
  /** A socket that has not joined a document this long after connecting is closed. */
  joinTimeoutMs?: number
  /** A document nobody has open stays in memory this long. */
  idleUnloadMs?: number
  /** Compact a document once this many updates follow its snapshot. */
  compactAfter?: number
  /** The app's public URL; its origin is accepted besides the Host header's. */
  appUrl?: string
  writer?: UpdateWriterOptions
  bus?: DocBus
}

export interface CollabServer {
  /** Resolves when every update received so far is committed. */
  flush(): Promise<void>
  /** Disconnects every socket, stores what is pending, unloads every document. */
  close(): Promise<void>
  /** Re-checks the access of a user's open documents; sockets whose role changed are disconnected. */
  revokeAccess(userId: string): Promise<void>
  /** The same for everyone connected to one document. */
  recheckDocument(documentId: string): Promise<void>
  /** Documents in memory now (for tests and health checks). */
  loadedDocuments(): string[]
}

export const DEFAULT_MAX_DOCS_PER_SOCKET = 20

export function attachCollab(io: SocketServer, options: CollabOptions = {}): CollabServer {
  const maxDocs = options.maxDocsPerSocket ?? DEFAULT_MAX_DOCS_PER_SOCKET
  const joinTimeoutMs = options.joinTimeoutMs ?? 10_000
  const idleMs = options.idleUnloadMs ?? 30_000
  const compactAfter = options.compactAfter ?? 200
  const bus = options.bus ?? localOnlyBus
  // Appends, loads, edit marks and compaction: the SQLite fast path on SQLite (document-store.server.ts);
  // a test may bring its own append or markEdited.
  const store = createDocumentStore()
  const writer = new UpdateWriter({
    ...options.writer,
    append: options.writer?.append ?? ((u) => store.append(u)),
    markEdited: options.writer?.markEdited ?? ((edits) => store.markEdited(edits)),
  })
  const nsp = io.of(COLLAB_NAMESPACE) as unknown as CollabNamespace
  const rooms = new Map<string, DocRoom>()
  const access = new CollabAccess(nsp, rooms)
  const loading = new Map<string, Promise<DocRoom | null>>()
  const unloading = new Map<string, Promise<void>>()
  let closing = false

  const roomOptions = {
    writer,
    bus,
    compactAfter,
    compact: (documentId: string) => store.compact(documentId),
    idleMs,
    onIdle: (room: DocRoom) => void unload(room),
    // This process's members only (`local`): with the Redis adapter, other processes relay what
    // reaches them over the bus to their own sockets (ADR 0009), so nothing arrives twice.
    // What `nsp.local.to(room).except(id).emit('msg', …)` sends, encoded once for all (relay.server.ts).
    broadcast: (documentId: string, data: Uint8Array, exceptSocketId: string | null) => {
      const receivers: CollabSocket[] = []
      for (const id of nsp.adapter.rooms.get(docRoomName(documentId)) ?? []) {
        const socket = id === exceptSocketId ? undefined : nsp.sockets.get(id)
        if (socket) receivers.push(socket)
      }
      relayEvent(receivers, io.encoder, COLLAB_NAMESPACE, ['msg', documentId, data])
    },
    onBroken: (room: DocRoom) => {
      // Memory may differ from the database: everyone reconnects to a fresh copy.
      for (const member of room.members.values()) nsp.sockets.get(member.socketId)?.disconnect(true)
      void unload(room)
    },
  }

  /** Stores what is queued, then destroys the room; a join meanwhile waits for it (openRoom). */
  function unload(room: DocRoom): Promise<void> {
    if (rooms.get(room.id) !== room) return unloading.get(room.id) ?? Promise.resolve()
    rooms.delete(room.id)
    const done = room
      .flush({ immediate: true })
      .catch((error: unknown) => {
        logger.error({ err: error, documentId: room.id, unsaved: room.unsaved }, 'updates could not be stored before unloading')
      })
      .then(() => writer.flushEdits(room.id))
      .then(() => room.destroy())
      .finally(() => unloading.delete(room.id))
    unloading.set(room.id, done)
    return done
  }

  function openRoom(docId: string): Promise<DocRoom | null> {
    const open = rooms.get(docId)
    if (open) return Promise.resolve(open)
    let pending = loading.get(docId)
    if (!pending) {
      // A copy still being unloaded is stored first, so the fresh one reads what it wrote.
      pending = (unloading.get(docId) ?? Promise.resolve())
        .then(() => store.read(docId))
        .then((stored) => {
          if (!stored) return null
          // The Y.Doc is built after the joiners' sync step 1 is answered from the stored bytes (doc-room).
          const room = new DocRoom(docId, stored, roomOptions)
          rooms.set(docId, room)
          return room
        })
        .finally(() => loading.delete(docId))
      loading.set(docId, pending)
    }
    return pending
  }

  function fail(socket: CollabSocket, code: CollabErrorCode, detail?: string): void {
    logger.warn({ socket: socket.id, user: socket.data.user?.id, code, detail }, 'collab message refused')
    socket.emit('collab_error', { code })
    socket.disconnect(true)
  }

  nsp.use((socket, next) => {
    if (closing) return next(new Error('unauthorized'))
    authenticateHandshake(socket.handshake.headers, options.appUrl).then((session) => {
      if (!session) return next(new Error('unauthorized'))
      socket.data.user = session.user
      socket.data.sessionId = session.sessionId
      socket.data.sessionExpiresAt = session.expiresAt
      next()
    }, next)
  })

  nsp.on('connection', (socket) => {
    socket.data.docs = new Set()
    socket.data.joining = 0
    socket.data.sessionTimer = null
    access.watchSession(socket, socket.data.sessionExpiresAt)
    socket.data.joinTimer = setTimeout(() => {
      if (socket.data.docs.size === 0) socket.disconnect(true)
    }, joinTimeoutMs)

    socket.on('join', (docId: unknown, ack: unknown) => {
      if (!isDocId(docId) || typeof ack !== 'function') return fail(socket, 'malformed', 'join arguments')
      void join(docId, ack as JoinAck).catch((error: unknown) => {
        logger.error({ err: error, docId }, 'join failed')
        safeAck(() => (ack as JoinAck)({ code: 'unavailable' }))
      })
    })

    async function join(docId: string, ack: JoinAck): Promise<void> {
      const already = socket.data.docs.has(docId)
      if (!already && socket.data.docs.size + socket.data.joining >= maxDocs) return ack({ code: 'limit' })
      socket.data.joining++
      try {
        const access = await documentAccess(docId, { id: socket.data.user.id, role: socket.data.user.role })
        if ('code' in access) return ack({ code: access.code })
        const room = await openRoom(docId)
        if (!room) return ack({ code: 'not_found' })
        if (socket.disconnected) return
        socket.data.docs.add(docId)
        if (socket.data.joinTimer) clearTimeout(socket.data.joinTimer)
        ack(null, { role: access.role })
        room.join({
          socketId: socket.id,
          user: { id: socket.data.user.id, name: socket.data.user.name },
          role: access.role,
          send: (data) => socket.emit('msg', docId, data),
        })
        // Relayed messages go to this socket.io room: exactly the sockets in room.members.
        void socket.join(docRoomName(docId))
      } finally {
        socket.data.joining--
      }
    }

    socket.on('msg', (docId: unknown, data: unknown, ack: unknown) => {
      try {
        const bytes = asBytes(data)
        if (!isDocId(docId) || !bytes || (ack !== undefined && typeof ack !== 'function')) {
          return fail(socket, 'malformed', 'msg arguments')
        }
        const room = rooms.get(docId)
        const self = room && socket.data.docs.has(docId) ? room.members.get(socket.id) : undefined
        if (!room || !self) return fail(socket, 'not_joined')
        room.receive(self, parseFrame(bytes), ack as MessageAck | undefined)
      } catch (error) {
        if (!(error instanceof MalformedUpdateError)) logger.error({ err: error }, 'collab message failed')
        fail(socket, 'malformed', error instanceof Error ? error.message : undefined)
      }
    })

    socket.on('leave', (docId: unknown) => {
      if (!isDocId(docId)) return fail(socket, 'malformed', 'leave arguments')
      socket.data.docs.delete(docId)
      void socket.leave(docRoomName(docId))
      rooms.get(docId)?.leave(socket.id)
    })

    socket.on('disconnect', () => {
      if (socket.data.joinTimer) clearTimeout(socket.data.joinTimer)
      access.stopWatching(socket)
      for (const docId of socket.data.docs) rooms.get(docId)?.leave(socket.id)
      socket.data.docs.clear()
    })
  })

  const server: CollabServer = {
    async flush() {
      await Promise.all([...rooms.values()].map((room) => room.flush()))
    },
    async close() {
      closing = true
      unregisterLiveDocuments(live)
      nsp.disconnectSockets(true)
      await Promise.all([...loading.values()].map((p) => p.catch(() => null)))
      await Promise.all(unloading.values())
      await Promise.all(
        [...rooms.values()].map(async (room) => {
          await room.flush({ immediate: true }).catch((error: unknown) => {
            logger.error({ err: error, documentId: room.id, unsaved: room.unsaved }, 'updates could not be stored at shutdown')
          })
          rooms.delete(room.id)
          await room.destroy()
        }),
      )
      await writer.idle()
      await store.close()
    },
    revokeAccess: (userId) => access.revokeAccess(userId),
    recheckDocument: (documentId) => access.recheckDocument(documentId),
    loadedDocuments: () => [...rooms.keys()],
  }

  const live: LiveDocuments = {
    async change(documentId, userId, change) {
      const room = await openRoom(documentId)
      if (!room) throw new Error(`document ${documentId} not found`)
      await room.change(change, userId)
    },
    stateOf: (documentId) => {
      const room = rooms.get(documentId)
      return room ? Y.encodeStateAsUpdate(room.doc) : null
    },
    revokeAccess: (userId) => access.revokeAccess(userId),
    recheckDocument: (documentId) => access.recheckDocument(documentId),
    recheckCommunity: (communityId) => access.recheckCommunity(communityId),
    endSessions: async (sessions) => access.endSessions(sessions),
  }
  registerLiveDocuments(live)
  return server
}

/**
 * A socket.io server with the limits the contract asks for (the message size
 * limit closes the connection), on an existing HTTP server, with /collab
 * attached. server.ts and the tests both use it.
 */
export function createCollabServer(
  httpServer: http.Server,
  options: CollabOptions & { maxMessageBytes?: number } = {},
): { io: SocketServer; collab: CollabServer } {
  const io = new SocketServer(httpServer, {
    serveClient: false,
    maxHttpBufferSize: options.maxMessageBytes ?? env().COLLAB_MAX_MESSAGE_BYTES,
  })
  const collab = attachCollab(io, options)
  return { io, collab }
}

/** The socket.io room of a live document's members (socket ids, which are rooms too, never contain ':'). */
function docRoomName(documentId: string): string {
  return `doc:${documentId}`
}

function safeAck(call: () => void): void {
  try {
    call()
  } catch (error) {
    logger.error({ err: error }, 'collab ack failed')
  }
}
