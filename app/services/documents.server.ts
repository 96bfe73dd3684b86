// Live co-edited documents: the domain service routes, the socket relay,
// seeds and tests call. Generic over the owner (a community, a masterclass or
// a peer group): access always resolves through the owner and its policy
// module. Plain arguments, no Request objects.
import * as Y from 'yjs'
import { documentFacts } from '~/realtime/doc-structure'
import { EDITOR_FRAGMENT } from '~/realtime/protocol'
import { missingDependency } from '~/realtime/update-dependencies'
import { parseUpdateV1 } from '~/realtime/update-validation'
import { prisma, type Tx } from '~/utils/db.server'
import { documentTitleField, versionNameField } from '~/utils/document-rules'
import { UserInputError } from '~/utils/errors'
import { notFound } from '~/utils/responses.server'
import { exportState, type ExportFormat } from './document-export.server'
import { liveDocuments, recheckLiveDocument } from './document-live.server'
import { appendUpdates, completeDocFrom, docFromUpdates, loadStoredDoc, readStoredDocument } from './document-persistence.server'

export type { ExportFormat }
export { documentAccess, type DocumentAccess } from './document-access.server'

/** The forms' own rule (app/utils/document-rules.ts), enforced here for every caller. */
function cleanText(value: string, field: 'title' | 'name'): string {
  const result = (field === 'title' ? documentTitleField : versionNameField).safeParse(value)
  if (!result.success) throw new UserInputError(field, result.error.issues[0]?.message ?? 'errors.invalidChoice')
  return result.data
}

/** A complete update (nothing missing), checked before it is stored. */
function checkedInitialState(initial: Uint8Array): Uint8Array {
  try {
    // The relay's own checks against an empty document: complete, and not nested too deeply.
    const empty = new Y.Doc()
    const problem = missingDependency(parseUpdateV1(initial), documentFacts(empty))
    empty.destroy()
    if (problem) throw new Error(problem)
    const doc = completeDocFrom('new', initial)
    const state = Y.encodeStateAsUpdate(doc)
    doc.destroy()
    return state
  } catch {
    throw new UserInputError(null, 'documents.errors.invalidContent')
  }
}

/** The owner of a new document: a community, a masterclass or a peer group. */
export type DocumentOwner =
  | { communityId: string; masterclassId?: never; peerGroupId?: never }
  | { masterclassId: string; communityId?: never; peerGroupId?: never }
  | { peerGroupId: string; communityId?: never; masterclassId?: never }

/**
 * Pass `tx` to create it in the caller's transaction (a masterclass and its
 * notes document are created together).
 */
export async function createDocument(
  {
    title,
    initial,
    createdById,
    ...owner
  }: DocumentOwner & {
    title: string
    /** Initial content as a Yjs update (e.g. from a template), stored as the first snapshot. */
    initial?: Uint8Array
    createdById: string | null
  },
  tx?: Tx,
): Promise<{ id: string }> {
  const snapshot = initial ? checkedInitialState(initial) : null
  return (tx ?? prisma).document.create({
    data: {
      title: cleanText(title, 'title'),
      communityId: owner.communityId ?? null,
      masterclassId: owner.masterclassId ?? null,
      peerGroupId: owner.peerGroupId ?? null,
      createdById,
      lastEditedById: createdById,
      snapshot: snapshot ? Buffer.from(snapshot) : null,
    },
    select: { id: true },
  })
}

/**
 * Empty documents for many peer groups in one statement (publishing a
 * grouping): one each, titled as given; returns which id each group got.
 */
export async function createPeerGroupDocuments(
  docs: Array<{ peerGroupId: string; title: string }>,
  createdById: string | null,
  tx: Tx,
): Promise<Map<string, string>> {
  if (docs.length === 0) return new Map()
  const rows = await tx.document.createManyAndReturn({
    data: docs.map(({ peerGroupId, title }) => ({
      title: cleanText(title, 'title'),
      peerGroupId,
      createdById,
      lastEditedById: createdById,
    })),
    select: { id: true, peerGroupId: true },
  })
  return new Map(rows.map((r) => [r.peerGroupId!, r.id]))
}

export interface DocumentSummary {
  id: string
  title: string
  communityId: string | null
  createdAt: Date
  lastEditedAt: Date
  archivedAt: Date | null
  createdBy: { id: string; name: string } | null
  lastEditedBy: { id: string; name: string } | null
}

const summarySelect = {
  id: true,
  title: true,
  communityId: true,
  createdAt: true,
  lastEditedAt: true,
  archivedAt: true,
  createdBy: { select: { id: true, name: true } },
  lastEditedBy: { select: { id: true, name: true } },
} as const

/** A community's documents, most recently edited first (archived ones only when asked). */
export async function listCommunityDocuments(
  communityId: string,
  { includeArchived = false }: { includeArchived?: boolean } = {},
): Promise<DocumentSummary[]> {
  return prisma.document.findMany({
    where: { communityId, ...(includeArchived ? {} : { archivedAt: null }) },
    orderBy: [{ lastEditedAt: 'desc' }, { id: 'asc' }],
    select: summarySelect,
  })
}

/** One document's summary with its community's slug (for links) and its owner, or null. Check access first. */
export async function getDocument(documentId: string) {
  return prisma.document.findUnique({
    where: { id: documentId },
    select: { ...summarySelect, masterclassId: true, peerGroupId: true, community: { select: { slug: true, name: true } } },
  })
}

/** Archives (read-only for everyone) or brings back a document. */
export async function archiveDocument(documentId: string, archived = true): Promise<void> {
  await prisma.document.update({ where: { id: documentId }, data: { archivedAt: archived ? new Date() : null } })
  // Editors who have it open continue as viewers after they reconnect.
  await recheckLiveDocument(documentId)
}

/**
 * Which of these documents belong to the community or to one of its peer
 * groups (to re-check the live ones after it changed).
 */
export async function communityDocumentIds(communityId: string, among: string[]): Promise<string[]> {
  if (among.length === 0) return []
  const docs = await prisma.document.findMany({
    where: { id: { in: among }, OR: [{ communityId }, { peerGroup: { grouping: { communityId } } }] },
    select: { id: true },
  })
  return docs.map((d) => d.id)
}

/** The live documents of a masterclass's peer groups (to re-check them after its facilitators changed). */
export async function masterclassGroupDocumentIds(masterclassId: string): Promise<string[]> {
  const docs = await prisma.document.findMany({
    where: { peerGroup: { grouping: { masterclassId } } },
    select: { id: true },
  })
  return docs.map((d) => d.id)
}

export async function renameDocument(documentId: string, title: string): Promise<void> {
  await prisma.document.update({
    where: { id: documentId },
    data: { title: cleanText(title, 'title') },
  })
}

/** The current content as one Yjs update: the live copy when loaded, else what is stored. */
export async function currentState(documentId: string): Promise<Uint8Array | null> {
  const live = liveDocuments()?.stateOf(documentId)
  if (live) return live
  const stored = await readStoredDocument(documentId)
  return stored ? Y.mergeUpdates(stored.updates.length > 0 ? stored.updates : [Y.encodeStateAsUpdate(new Y.Doc())]) : null
}

export async function saveVersion({
  documentId,
  name,
  createdById,
}: {
  documentId: string
  name: string
  createdById: string | null
}): Promise<{ id: string }> {
  const cleanName = cleanText(name, 'name')
  const state = await currentState(documentId)
  if (!state) throw notFound()
  return prisma.documentVersion.create({
    data: { documentId, name: cleanName, state: Buffer.from(state), createdById },
    select: { id: true },
  })
}

export async function listVersions(documentId: string) {
  return prisma.documentVersion.findMany({
    where: { documentId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { id: true, name: true, createdAt: true, createdBy: { select: { id: true, name: true } } },
  })
}

/** One version of this document (not its state), or null. */
export function getVersion(documentId: string, versionId: string) {
  return prisma.documentVersion.findFirst({
    where: { id: versionId, documentId },
    select: { id: true, name: true, createdAt: true, createdBy: { select: { id: true, name: true } } },
  })
}

/** A version's document state (a Yjs update), or null when it is not a version of this document. */
export async function versionState(documentId: string, versionId: string): Promise<Uint8Array | null> {
  const version = await prisma.documentVersion.findFirst({ where: { id: versionId, documentId }, select: { state: true } })
  return version ? new Uint8Array(version.state) : null
}

/** Replaces the editor content of `doc` by a copy of the version's, in one transaction. */
function replaceContent(doc: Y.Doc, versionDoc: Y.Doc): void {
  const target = doc.getXmlFragment(EDITOR_FRAGMENT)
  const source = versionDoc.getXmlFragment(EDITOR_FRAGMENT)
  doc.transact(() => {
    target.delete(0, target.length)
    const copies = source
      .toArray()
      .flatMap((node) => (node instanceof Y.XmlElement || node instanceof Y.XmlText ? [node.clone()] : []))
    target.insert(0, copies)
  })
}

/**
 * Restores a version as a NEW change: the content becomes the version's
 * content, history is kept, and connected editors see it live.
 */
export async function restoreVersion({
  documentId,
  versionId,
  userId,
}: {
  documentId: string
  versionId: string
  userId: string | null
}): Promise<boolean> {
  const state = await versionState(documentId, versionId)
  if (!state) return false
  const versionDoc = docFromUpdates(documentId, [state])
  try {
    const live = liveDocuments()
    if (live) {
      await live.change(documentId, userId, (doc) => replaceContent(doc, versionDoc))
      return true
    }
    const loaded = await loadStoredDoc(documentId)
    if (!loaded) return false
    const changes: Uint8Array[] = []
    loaded.doc.on('update', (update: Uint8Array) => changes.push(update))
    replaceContent(loaded.doc, versionDoc)
    loaded.doc.destroy()
    await appendUpdates(changes.map((data) => ({ documentId, data, userId })))
    return true
  } finally {
    versionDoc.destroy()
  }
}

/** The current content, or a version's, as Markdown or HTML (null when not found). */
export async function exportDocument(
  documentId: string,
  format: ExportFormat,
  { versionId }: { versionId?: string } = {},
): Promise<string | null> {
  const state = versionId ? await versionState(documentId, versionId) : await currentState(documentId)
  return state ? exportState(state, format) : null
}
