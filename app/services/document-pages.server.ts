// What the document pages need, for a logged-in person: the document with
// its community, what they may do with it (from the same documentAccess the
// socket join uses), and its current text rendered on the server.
import { can, documentRole } from '~/auth/community-policy'
import type { SessionUser } from '~/auth/session.server'
import { colourFor } from '~/realtime/protocol'
import { forbidden, notFound } from '~/utils/responses.server'
import { requireCommunity } from './community-access.server'
import { exportState } from './document-export.server'
import { currentState, getDocument } from './documents.server'

/**
 * The document, or a thrown 404/403. With `slug`, the document must belong
 * to that community (so /communities/a/docs/<id of b> is a 404).
 */
export async function requireDocument(docId: string, user: SessionUser, slug?: string) {
  const doc = await getDocument(docId)
  if (!doc?.community || (slug !== undefined && doc.community.slug !== slug)) throw notFound()
  // 404 when the community may not be known (invite-only), as for everything in it.
  const community = await requireCommunity(doc.community.slug, user)
  const { actor, facts } = community
  // The same rule the socket join applies (documentAccess).
  const role = documentRole(actor, facts, doc.archivedAt !== null)
  if (!role) throw forbidden()
  // Facilitators (and admins) tidy up; the one who made it may archive it too.
  const mayArchive = can(actor, facts, 'moderate') || (doc.createdBy?.id === user.id && can(actor, facts, 'editDocuments'))
  return { doc, role, community, mayArchive }
}

export async function documentPageData(docId: string, user: SessionUser, slug?: string) {
  const { doc, role, mayArchive } = await requireDocument(docId, user, slug)
  const state = await currentState(docId)
  return {
    doc: {
      id: doc.id,
      title: doc.title,
      archived: doc.archivedAt !== null,
      lastEditedAt: doc.lastEditedAt,
      lastEditedBy: doc.lastEditedBy,
      community: { slug: doc.community!.slug, name: doc.community!.name },
    },
    role,
    mayArchive,
    // How the others see this person (the server sets the same in awareness).
    me: { id: user.id, name: user.name, color: colourFor(user.id), role },
    html: state ? exportState(state, 'html') : '',
  }
}
export type DocumentPageData = Awaited<ReturnType<typeof documentPageData>>
