// How a document's Yjs state is stored: a compacted snapshot plus a short
// tail of appended updates (docs/decisions/0008-collab-transport-and-persistence.md).
// Every function reads or writes the database only; the live copy in memory
// belongs to app/realtime.
import * as Y from 'yjs'
import { prisma, type Tx } from '~/utils/db.server'

export interface NewUpdate {
  documentId: string
  data: Uint8Array
  userId: string | null
}

export interface StoredDocument {
  /** Snapshot first, then the tail in id order: apply them in this order. */
  updates: Uint8Array[]
  /** How many updates follow the snapshot (what compaction would fold). */
  tailLength: number
}

export class DocumentLoadError extends Error {
  constructor(documentId: string, cause: unknown) {
    super(`document ${documentId} could not be loaded`, { cause })
    this.name = 'DocumentLoadError'
  }
}

/** The stored state of a document, read consistently (one transaction), or null when it does not exist. */
export async function readStoredDocument(documentId: string): Promise<StoredDocument | null> {
  return prisma.$transaction(async (tx) => {
    const doc = await tx.document.findUnique({ where: { id: documentId }, select: { snapshot: true } })
    if (!doc) return null
    // Every row still there is unfolded (compaction deletes exactly what it folded), whatever its id.
    const tail = await tx.documentUpdate.findMany({
      where: { documentId },
      orderBy: { id: 'asc' },
      select: { data: true },
    })
    const updates = [...(doc.snapshot ? [new Uint8Array(doc.snapshot)] : []), ...tail.map((row) => new Uint8Array(row.data))]
    return { updates, tailLength: tail.length }
  })
}

/** Builds a Y.Doc from stored updates; throws DocumentLoadError if any of them fails to apply. */
export function docFromUpdates(documentId: string, updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc()
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update)
    })
  } catch (error) {
    doc.destroy()
    throw new DocumentLoadError(documentId, error)
  }
  return doc
}

/** The stored document as a Y.Doc (null when it does not exist). */
export async function loadStoredDoc(
  documentId: string,
  read: (documentId: string) => Promise<StoredDocument | null> = readStoredDocument,
): Promise<{ doc: Y.Doc; tailLength: number } | null> {
  const stored = await read(documentId)
  if (!stored) return null
  return { doc: docFromUpdates(documentId, stored.updates), tailLength: stored.tailLength }
}

/** Which user last edited a document, and when (null: the server, e.g. a restored version). */
export interface DocumentEdit {
  documentId: string
  userId: string | null
  at: Date
}

/**
 * Inserts updates (of one or more documents) in one transaction and nothing
 * else. Resolves after the commit: only then may the updates be acknowledged.
 * The live relay's writer uses this and marks documents as edited apart from
 * it, at most every few seconds (markEdited), so that each batch of a few
 * milliseconds is one INSERT.
 */
export async function insertUpdates(updates: NewUpdate[], now = new Date()): Promise<void> {
  if (updates.length === 0) return
  const data = updates.map((u) => ({ documentId: u.documentId, data: Buffer.from(u.data), userId: u.userId, createdAt: now }))
  await prisma.$transaction([prisma.documentUpdate.createMany({ data })])
}

/** Sets lastEditedAt/lastEditedById of each document (an account removed meanwhile leaves the editor as it was). */
export async function markEdited(edits: DocumentEdit[]): Promise<void> {
  if (edits.length === 0) return
  await prisma.$transaction((tx) => markEditedIn(tx, edits))
}

async function markEditedIn(tx: Tx, edits: DocumentEdit[]): Promise<void> {
  for (const { documentId, userId, at } of edits) {
    const editor = userId ? await tx.user.findUnique({ where: { id: userId }, select: { id: true } }) : null
    await tx.document.updateMany({
      where: { id: documentId },
      data: editor ? { lastEditedAt: at, lastEditedById: editor.id } : { lastEditedAt: at },
    })
  }
}

/**
 * Appends updates and marks their documents as edited by the last user who
 * changed each, all in one transaction (restoring a version of a document
 * nobody has open; scripts). Resolves after the commit.
 */
export async function appendUpdates(updates: NewUpdate[], now = new Date()): Promise<void> {
  if (updates.length === 0) return
  const edits = new Map<string, DocumentEdit>()
  for (const u of updates) {
    edits.set(u.documentId, { documentId: u.documentId, userId: u.userId ?? edits.get(u.documentId)?.userId ?? null, at: now })
  }
  await prisma.$transaction(async (tx) => {
    await tx.documentUpdate.createMany({
      data: updates.map((u) => ({ documentId: u.documentId, data: Buffer.from(u.data), userId: u.userId, createdAt: now })),
    })
    await markEditedIn(tx, [...edits.values()])
  })
}

export const COMPACTION_CHUNK = 500
/** Ids per DELETE when compaction removes the rows it folded (below SQLite's 999 bound values). */
const DELETE_SLICE = 500

/**
 * Folds the tail into the snapshot, at most `chunk` updates per step, each
 * step in one transaction that replaces exactly the rows it folded. Works on
 * the stored rows only (never on a live copy): the snapshot and the chunk are
 * applied to a fresh Y.Doc, which must hold all of it with nothing missing,
 * and its garbage-collected state becomes the new snapshot: deleted text is
 * gone, while the ids and lengths of what was deleted stay (as the server's
 * live copy keeps them), so updates from clients that synced earlier still
 * integrate. Writes nothing when another compaction got there first. Returns
 * how many updates were folded.
 */
export async function compactDocument(documentId: string, { chunk = COMPACTION_CHUNK } = {}): Promise<number> {
  let folded = 0
  for (;;) {
    const doc = await prisma.document.findUnique({
      where: { id: documentId },
      select: { snapshot: true, snapshotUpdateId: true },
    })
    if (!doc) return folded
    const rows = await prisma.documentUpdate.findMany({
      where: { documentId },
      orderBy: { id: 'asc' },
      take: chunk,
      select: { id: true, data: true },
    })
    if (rows.length === 0) return folded
    const parts = [...(doc.snapshot ? [new Uint8Array(doc.snapshot)] : []), ...rows.map((r) => new Uint8Array(r.data))]
    const ydoc = completeDoc(documentId, parts)
    const merged = Y.encodeStateAsUpdate(ydoc)
    ydoc.destroy()
    const ids = rows.map((r) => r.id)
    const committed = await prisma.$transaction(async (tx) => {
      // snapshotUpdateId is only the optimistic lock (the highest id folded, new with every step):
      // on PostgreSQL ids can commit out of order, so a row below it may still be unfolded.
      const { count } = await tx.document.updateMany({
        where: { id: documentId, snapshotUpdateId: doc.snapshotUpdateId },
        data: { snapshot: Buffer.from(merged), snapshotUpdateId: Math.max(...ids) },
      })
      if (count !== 1) return false
      // In slices: a statement may bind at most 999 values on SQLite (Prisma's limit), and a chunk can be larger.
      for (let i = 0; i < ids.length; i += DELETE_SLICE) {
        await tx.documentUpdate.deleteMany({ where: { documentId, id: { in: ids.slice(i, i + DELETE_SLICE) } } })
      }
      return true
    })
    if (!committed) return folded
    folded += rows.length
    if (rows.length < chunk) return folded
  }
}

/**
 * The updates as a Y.Doc that holds all of them, with nothing left waiting
 * for missing parts (Yjs would park those as "pending"); throws
 * DocumentLoadError otherwise. The caller destroys the doc.
 */
export function completeDoc(documentId: string, updates: Uint8Array[]): Y.Doc {
  const doc = docFromUpdates(documentId, updates)
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
    doc.destroy()
    throw new DocumentLoadError(documentId, new Error('the update has missing parts'))
  }
  return doc
}

/** completeDoc of one update. */
export function completeDocFrom(documentId: string, update: Uint8Array): Y.Doc {
  return completeDoc(documentId, [update])
}
