// Who may open a document, and as what: resolved through its owner (a
// community or a masterclass) and that owner's policy module. The socket join
// and the document pages both ask `documentAccess`.
import { can, documentRole, type Actor, type CommunityFacts, type MembershipRole, type Visibility } from '~/auth/community-policy'
import { canMasterclass, type MasterclassFacts } from '~/auth/masterclass-policy'
import type { CollabRole } from '~/realtime/protocol'
import { prisma } from '~/utils/db.server'

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
    },
  })
  if (!doc) return { code: 'not_found' }
  if (doc.masterclassId) return masterclassDocumentAccess(doc.masterclassId, doc.archivedAt !== null, actor)
  if (!doc.community) {
    // No owner this code knows yet (a later kind of owner): only the programme team.
    return actor?.role === 'admin' ? { role: doc.archivedAt ? 'viewer' : 'editor' } : { code: 'not_found' }
  }
  const facts = communityFacts(doc.community)
  if (!can(actor, facts, 'view')) return { code: 'not_found' }
  const role = documentRole(actor, facts, doc.archivedAt !== null)
  return role ? { role } : { code: 'forbidden' }
}

const communityFactsSelect = (actor: Actor) => ({
  visibility: true,
  archivedAt: true,
  memberships: actor ? { where: { userId: actor.id }, select: { role: true } } : (false as const),
})

function communityFacts(c: {
  visibility: string
  archivedAt: Date | null
  memberships?: Array<{ role: string }>
}): CommunityFacts {
  return {
    visibility: c.visibility as Visibility,
    archived: c.archivedAt !== null,
    membership: (c.memberships?.[0]?.role ?? null) as MembershipRole | null,
  }
}

/**
 * A masterclass's documents (its notes): its facilitators, admins and its
 * confirmed participants edit; nobody else opens them (`forbidden` for who
 * may see the masterclass, `not_found` for who may not). A cancelled
 * masterclass's documents stay readable for them, no longer editable.
 */
async function masterclassDocumentAccess(masterclassId: string, archived: boolean, actor: Actor): Promise<DocumentAccess> {
  const m = await prisma.masterclass.findUnique({
    where: { id: masterclassId },
    select: {
      status: true,
      startsAt: true,
      endsAt: true,
      community: { select: communityFactsSelect(actor) },
      facilitators: actor ? { where: { userId: actor.id }, select: { userId: true } } : false,
      registrations: actor ? { where: { userId: actor.id }, select: { status: true } } : false,
    },
  })
  if (!m) return { code: 'not_found' }
  const now = new Date()
  const facts: MasterclassFacts = {
    status: m.status as MasterclassFacts['status'],
    community: m.community ? communityFacts(m.community) : null,
    facilitator: (m.facilitators?.length ?? 0) > 0,
    registration: (m.registrations?.[0]?.status ?? null) as MasterclassFacts['registration'],
    started: m.startsAt <= now,
    ended: m.endsAt <= now,
  }
  if (!canMasterclass(actor, facts, 'view')) return { code: 'not_found' }
  if (!canMasterclass(actor, facts, 'editNotes')) return { code: 'forbidden' }
  return { role: archived || m.status === 'cancelled' ? 'viewer' : 'editor' }
}
