// Who may do what with a masterclass: the one place these rules live, pure
// like the community policy (ADR 0007) and built on it for the community a
// masterclass may belong to.
import { can, canCreateCommunity, type Actor, type CommunityFacts } from './community-policy'

export const MASTERCLASS_STATUSES = ['draft', 'published', 'cancelled'] as const
export type MasterclassStatus = (typeof MASTERCLASS_STATUSES)[number]

export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number]

export const MASTERCLASS_ACTIONS = [
  /** Know it exists: its page, its name in lists, its calendar file. */
  'view',
  /** Register oneself (the service also checks the registration window). */
  'register',
  /** Edit, publish, cancel, change the capacity and the facilitators. */
  'edit',
  /** The attendee list and its CSV export; add and remove people. */
  'manageAttendees',
  'markAttendance',
  'giveFeedback',
  'readFeedback',
  /** Co-edit the notes document. */
  'editNotes',
  /** Propose, adjust and publish peer groups among the confirmed participants. */
  'formGroups',
  /** See every peer grouping, its groups' pages and documents (also once cancelled). */
  'readGroups',
] as const
export type MasterclassAction = (typeof MASTERCLASS_ACTIONS)[number]

export interface MasterclassFacts {
  status: MasterclassStatus
  /** The actor's view of the masterclass's community, null when it has none. */
  community: CommunityFacts | null
  /** The actor is one of its facilitators. */
  facilitator: boolean
  /** The actor's own registration, if any. */
  registration: RegistrationStatus | null
  /** Its end time has passed. */
  ended: boolean
  /** Its start time has passed. */
  started: boolean
}

function runs(actor: Actor, m: MasterclassFacts): boolean {
  return actor?.role === 'admin' || (actor !== null && m.facilitator)
}

export function canMasterclass(actor: Actor, m: MasterclassFacts, action: MasterclassAction): boolean {
  const visible = runs(actor, m) || (m.status !== 'draft' && (m.community === null || can(actor, m.community, 'view')))
  if (!visible) return false
  switch (action) {
    case 'view':
      return true
    case 'register':
      return actor !== null && m.status === 'published' && !m.started
    case 'edit':
      return runs(actor, m) && m.status !== 'cancelled'
    case 'manageAttendees':
    case 'readFeedback':
    case 'readGroups':
      return runs(actor, m)
    case 'markAttendance':
      return runs(actor, m) && m.started && m.status !== 'cancelled'
    case 'giveFeedback':
      return actor !== null && m.registration === 'confirmed' && m.ended && m.status === 'published'
    case 'formGroups':
      // Not for a draft: publishing groups tells people, and a draft tells nobody yet.
      return runs(actor, m) && m.status === 'published'
    case 'editNotes':
      return runs(actor, m) || (actor !== null && m.registration === 'confirmed')
  }
}

/** Site-wide: facilitators and admins create masterclasses (the same rule as for communities). */
export function canCreateMasterclass(actor: Actor): boolean {
  return canCreateCommunity(actor)
}
