// What the document pages need, for a logged-in person: the document with
// its owner (a community, a masterclass or a peer group), what they may do with it (from
// the same rules the socket join uses), and its current text rendered on the
// server.
import { can, documentRole } from '~/auth/community-policy'
import { canMasterclass } from '~/auth/masterclass-policy'
import type { SessionUser } from '~/auth/session.server'
import { colourFor } from '~/realtime/protocol'
import { prisma } from '~/utils/db.server'
import { forbidden, notFound } from '~/utils/responses.server'
import { logger } from '~/utils/logger.server'
import { actorOf, requireCommunity } from './community-access.server'
import { documentAccess } from './document-access.server'
import { exportPlainHtml, exportState } from './document-export.server'
import { currentState, getDocument } from './documents.server'
import { requireMasterclass } from './masterclass-queries.server'
import { runsGroupOwner } from './peer-group-access.server'

/**
 * The document, or a thrown 404/403. With `slug`, the document must belong
 * to that community (so /communities/a/docs/<id of b> is a 404).
 */
export async function requireDocument(docId: string, user: SessionUser, slug?: string) {
  const doc = await getDocument(docId)
  if (!doc) throw notFound()
  // A masterclass's document (its notes) and a peer group's have no community URL.
  if (!doc.community) {
    if (slug !== undefined) throw notFound()
    return doc.peerGroupId ? requirePeerGroupDocument(doc, doc.peerGroupId, user) : requireMasterclassDocument(doc, user)
  }
  if (slug !== undefined && doc.community.slug !== slug) throw notFound()
  // 404 when the community may not be known (invite-only), as for everything in it.
  const community = await requireCommunity(doc.community.slug, user)
  const { actor, facts } = community
  // The same rule the socket join applies (documentAccess).
  const role = documentRole(actor, facts, doc.archivedAt !== null)
  if (!role) throw forbidden()
  // Facilitators (and admins) tidy up; the one who made it may archive it too.
  const mayArchive = can(actor, facts, 'moderate') || (doc.createdBy?.id === user.id && can(actor, facts, 'editDocuments'))
  return { doc, role, community, masterclass: null, peerGroup: null, mayArchive }
}

type StoredDocument = NonNullable<Awaited<ReturnType<typeof getDocument>>>

/**
 * A document owned by a masterclass: `documentAccess` decides (the socket
 * join's rule: its facilitators, admins and confirmed participants edit;
 * 404 for whoever may not see the masterclass, 403 for the others who may).
 */
async function requireMasterclassDocument(doc: StoredDocument, user: SessionUser) {
  if (!doc.masterclassId) throw notFound()
  const actor = actorOf(user)
  const access = await documentAccess(doc.id, actor)
  if ('code' in access) throw access.code === 'not_found' ? notFound() : forbidden()
  const masterclass = await requireMasterclass(doc.masterclassId, actor)
  // Those who run the masterclass tidy up its documents.
  const mayArchive = canMasterclass(actor, masterclass.facts, 'manageAttendees')
  return { doc, role: access.role, community: null, masterclass, peerGroup: null, mayArchive }
}

/**
 * A peer group's document: `documentAccess` decides (its members, the
 * owner's facilitators and admins). Those who run the owner archive it.
 */
async function requirePeerGroupDocument(doc: StoredDocument, peerGroupId: string, user: SessionUser) {
  const actor = actorOf(user)
  const access = await documentAccess(doc.id, actor)
  if ('code' in access) throw access.code === 'not_found' ? notFound() : forbidden()
  const group = await prisma.peerGroup.findUniqueOrThrow({ where: { id: peerGroupId }, select: { id: true, number: true } })
  const mayArchive = await runsGroupOwner(peerGroupId, actor)
  return { doc, role: access.role, community: null, masterclass: null, peerGroup: group, mayArchive }
}

/**
 * The document rendered for the page. Should rendering ever fail (content no
 * export handles), the page still opens with the plain text, escaped; the live
 * editor then takes over.
 */
export function pageHtml(state: Uint8Array, render = (s: Uint8Array) => exportState(s, 'html')): string {
  try {
    return render(state)
  } catch (error) {
    logger.error({ err: error }, 'rendering a document failed; the page shows its plain text')
    try {
      return exportPlainHtml(state)
    } catch {
      return ''
    }
  }
}

export async function documentPageData(docId: string, user: SessionUser, slug?: string) {
  const { doc, role, mayArchive, masterclass, peerGroup } = await requireDocument(docId, user, slug)
  const state = await currentState(docId)
  return {
    doc: {
      id: doc.id,
      title: doc.title,
      archived: doc.archivedAt !== null,
      lastEditedAt: doc.lastEditedAt,
      lastEditedBy: doc.lastEditedBy,
      community: doc.community ? { slug: doc.community.slug, name: doc.community.name } : null,
      masterclass: masterclass ? { id: masterclass.masterclass.id, title: masterclass.masterclass.title } : null,
      peerGroup,
    },
    role,
    mayArchive,
    // How the others see this person (the server sets the same in awareness).
    me: { id: user.id, name: user.name, color: colourFor(user.id), role },
    html: state ? pageHtml(state) : '',
  }
}
export type DocumentPageData = Awaited<ReturnType<typeof documentPageData>>
