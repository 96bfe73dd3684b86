// Who may open a document, and as what: resolved through its owner (a
// community, a masterclass or a peer group) and that owner's policy module.
// The socket join and the document pages both ask `documentAccess`.
import { can, documentRole, type Actor } from '~/auth/community-policy'
import { canMasterclass } from '~/auth/masterclass-policy'
import type { CollabRole } from '~/realtime/protocol'
import { prisma } from '~/utils/db.server'
import { communityFacts, communityFactsSelect, masterclassFacts, masterclassFactsSelect } from './policy-facts.server'
import { peerGroupFacts } from './peer-group-access.server'

export type DocumentAccess = { role: CollabRole } | { code: 'not_found' | 'forbidden' }

/**
 * What this person may do with the document: edit, view, or nothing — with
 * `not_found` where they may not know it exists (invite-only community, a
 * masterclass they may not see). Read from the database each time, so a
 * removed member or cancelled registration is refused at once.
 */
export async function documentAccess(documentId: string, actor: Actor): Promise<DocumentAccess> {
  const doc = await prisma.document.findUnique({
    where: { id: documentId },
    select: {
      archivedAt: true,
      community: { select: communityFactsSelect(actor) },
      masterclassId: true,
      peerGroupId: true,
    },
  })
  if (!doc) return { code: 'not_found' }
  if (doc.masterclassId) return masterclassDocumentAccess(doc.masterclassId, doc.archivedAt !== null, actor)
  if (doc.peerGroupId) return peerGroupDocumentAccess(doc.peerGroupId, doc.archivedAt !== null, actor)
  if (!doc.community) {
    // No owner this code knows yet (a later kind of owner): only the programme team.
    return actor?.role === 'admin' ? { role: doc.archivedAt ? 'viewer' : 'editor' } : { code: 'not_found' }
  }
  const facts = communityFacts(doc.community)
  if (!can(actor, facts, 'view')) return { code: 'not_found' }
  const role = documentRole(actor, facts, doc.archivedAt !== null)
  return role ? { role } : { code: 'forbidden' }
}

/**
 * A masterclass's documents (its notes): its facilitators, admins and its
 * confirmed participants edit; nobody else opens them (`forbidden` for who
 * may see the masterclass, `not_found` for who may not). A cancelled
 * masterclass's documents stay readable for them, no longer editable.
 */
async function masterclassDocumentAccess(masterclassId: string, archived: boolean, actor: Actor): Promise<DocumentAccess> {
  const m = await prisma.masterclass.findUnique({ where: { id: masterclassId }, select: masterclassFactsSelect(actor) })
  if (!m) return { code: 'not_found' }
  const facts = masterclassFacts(m)
  if (!canMasterclass(actor, facts, 'view')) return { code: 'not_found' }
  if (!canMasterclass(actor, facts, 'editNotes')) return { code: 'forbidden' }
  return { role: archived || facts.status === 'cancelled' ? 'viewer' : 'editor' }
}

/**
 * A peer group's documents: edited by the group's members, by those who run
 * its community or masterclass and by admins; nobody else opens them
 * (`forbidden` for who may see the owner, `not_found` for who may not).
 * Read-only once archived, or when the community is archived or the
 * masterclass cancelled; read-only too for a group member who is no longer
 * part of the owner (left or removed from the community, no longer confirmed
 * for the masterclass): they keep what their group wrote, without editing it.
 */
async function peerGroupDocumentAccess(peerGroupId: string, archived: boolean, actor: Actor): Promise<DocumentAccess> {
  const group = await peerGroupFacts(peerGroupId, actor)
  if (!group || group.status !== 'published') return { code: 'not_found' }
  if (!group.member && !group.runs) return { code: group.visible && actor ? 'forbidden' : 'not_found' }
  const formerParticipant = !group.runs && !group.stillParticipant
  return { role: archived || group.ownerClosed || formerParticipant ? 'viewer' : 'editor' }
}
