// Finding masterclasses and reading one: access (the policy's facts read from
// the database), the filtered list with "recommended for you" and its
// reasons (the same fit as for communities), and the detail with seats left
// and the waitlist length.
import type { Actor } from '~/auth/community-policy'
import { canMasterclass, type MasterclassAction, type MasterclassFacts, type MasterclassStatus } from '~/auth/masterclass-policy'
import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { pageWindow } from '~/utils/pagination'
import { forbidden, notFound } from '~/utils/responses.server'
import { recommend, type Recommendation } from './community-recommendations.server'
import { masterclassFacts, masterclassFactsSelect } from './policy-facts.server'
import { myRegistration, type MyRegistration } from './registrations.server'

export const MASTERCLASS_PAGE_SIZE = 20
/** How many "recommended for you" come first. */
export const RECOMMENDED_LIMIT = 3

export interface MasterclassAccess {
  actor: Actor
  masterclass: { id: string; title: string; status: MasterclassStatus; communityId: string | null }
  facts: MasterclassFacts
}

/** The masterclass and the actor's facts, or a thrown 404 when they may not know it exists. */
export async function requireMasterclass(masterclassId: string, actor: Actor, now = new Date()): Promise<MasterclassAccess> {
  const m = await prisma.masterclass.findUnique({
    where: { id: masterclassId },
    select: { id: true, title: true, communityId: true, ...masterclassFactsSelect(actor) },
  })
  if (!m) throw notFound()
  const facts = masterclassFacts(m, now)
  if (!canMasterclass(actor, facts, 'view')) throw notFound()
  return {
    actor,
    masterclass: { id: m.id, title: m.title, status: facts.status, communityId: m.communityId },
    facts,
  }
}

/** A thrown 403 unless the policy allows the action. */
export function requireMasterclassCan(access: MasterclassAccess, action: MasterclassAction): void {
  if (!canMasterclass(access.actor, access.facts, action)) throw forbidden()
}

/** The policy's visibility rule as a query (drafts for their facilitators, invite-only communities for members). */
export function visibleMasterclasses(actor: Actor): Prisma.MasterclassWhereInput {
  if (actor?.role === 'admin') return {}
  const openCommunity: Prisma.MasterclassWhereInput[] = [
    { communityId: null },
    { community: { visibility: { not: 'invite_only' } } },
    ...(actor ? [{ community: { memberships: { some: { userId: actor.id } } } }] : []),
  ]
  const shown: Prisma.MasterclassWhereInput = { status: { not: 'draft' }, OR: openCommunity }
  return actor ? { OR: [shown, { facilitators: { some: { userId: actor.id } } }] } : shown
}

export interface MasterclassFilters {
  when?: 'upcoming' | 'past'
  themeId?: string
  phaseId?: string
  positionId?: string
  communityId?: string
  format?: 'online' | 'in_person'
}

const taxonomy = { select: { id: true, name: true, nameEn: true } } as const
const cardSelect = {
  id: true,
  title: true,
  status: true,
  startsAt: true,
  endsAt: true,
  location: true,
  onlineUrl: true,
  capacity: true,
  confirmedCount: true,
  registrationOpensAt: true,
  registrationClosesAt: true,
  community: { select: { id: true, slug: true, name: true } },
  themes: { select: { theme: taxonomy }, orderBy: { theme: { sortOrder: 'asc' } } },
  targetPhases: { select: { phase: taxonomy }, orderBy: { phase: { sortOrder: 'asc' } } },
  targetPositions: { select: { position: taxonomy }, orderBy: { position: { sortOrder: 'asc' } } },
  _count: { select: { registrations: { where: { status: 'waitlisted' } } } },
} satisfies Prisma.MasterclassSelect
type CardRow = Prisma.MasterclassGetPayload<{ select: typeof cardSelect }>

/** What lists show. The online link itself never leaves the server in a list: only participants see it (detail page). */
export type MasterclassCard = Omit<CardRow, '_count' | 'confirmedCount' | 'onlineUrl'> &
  Recommendation & { online: boolean; seatsLeft: number; waitlistLength: number; confirmedCount: number }

function toCard(row: CardRow, fit: Recommendation): MasterclassCard {
  const { _count, onlineUrl, ...rest } = row
  return {
    ...rest,
    ...fit,
    online: onlineUrl !== null,
    seatsLeft: Math.max(0, row.capacity - row.confirmedCount),
    waitlistLength: _count.registrations,
  }
}

function filterWhere(actor: Actor, f: MasterclassFilters, now: Date): Prisma.MasterclassWhereInput {
  return {
    AND: [
      visibleMasterclasses(actor),
      f.when === 'past' ? { endsAt: { lte: now } } : { endsAt: { gt: now } },
      f.themeId ? { themes: { some: { themeId: f.themeId } } } : {},
      f.phaseId ? { targetPhases: { some: { phaseId: f.phaseId } } } : {},
      f.positionId ? { targetPositions: { some: { positionId: f.positionId } } } : {},
      f.communityId ? { communityId: f.communityId } : {},
      f.format === 'online' ? { onlineUrl: { not: null } } : f.format === 'in_person' ? { location: { not: null } } : {},
    ],
  }
}

/**
 * One page of masterclasses (upcoming soonest first, past latest first), and
 * for a logged-in member the best-fitting upcoming ones ("recommended for
 * you", with reasons) to show first.
 */
export async function listMasterclasses(actor: Actor, filters: MasterclassFilters = {}, page = 1, now = new Date()) {
  const where = filterWhere(actor, filters, now)
  const total = await prisma.masterclass.count({ where })
  const { page: current, pages, skip, take } = pageWindow(total, page, MASTERCLASS_PAGE_SIZE)
  const orderBy: Prisma.MasterclassOrderByWithRelationInput[] =
    filters.when === 'past' ? [{ startsAt: 'desc' }, { id: 'asc' }] : [{ startsAt: 'asc' }, { id: 'asc' }]
  const profile = actor
    ? await prisma.user.findUnique({
        where: { id: actor.id },
        select: { phaseId: true, positionId: true, themes: { select: { themeId: true } } },
      })
    : null
  const fit = (row: CardRow): Recommendation =>
    profile
      ? recommend(
          { phaseId: profile.phaseId, positionId: profile.positionId, themeIds: profile.themes.map((t) => t.themeId) },
          row,
        )
      : { score: 0, reasons: [] }
  const rows = await prisma.masterclass.findMany({ where, select: cardSelect, orderBy, skip, take })
  let recommended: MasterclassCard[] = []
  if (profile && filters.when !== 'past' && current === 1) {
    // Scored in memory, like communities: upcoming masterclasses number in the tens.
    const upcoming = await prisma.masterclass.findMany({
      where: { AND: [where, { status: 'published' }] },
      select: cardSelect,
      orderBy,
    })
    recommended = upcoming
      .map((row) => toCard(row, fit(row)))
      .filter((c) => c.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, RECOMMENDED_LIMIT)
  }
  return { recommended, masterclasses: rows.map((row) => toCard(row, fit(row))), total, page: current, pages }
}

/** The detail page: everything about it, seats left, waitlist length, its facilitators and my registration. */
export async function getMasterclassDetail(access: MasterclassAccess) {
  const { id } = access.masterclass
  const row = await prisma.masterclass.findUniqueOrThrow({
    where: { id },
    select: {
      ...cardSelect,
      description: true,
      sequence: true,
      notesDocumentId: true,
      facilitators: { select: { user: { select: { id: true, name: true } } }, orderBy: { addedAt: 'asc' } },
    },
  })
  const mine: MyRegistration | null = access.actor ? await myRegistration(id, access.actor.id) : null
  const { _count, facilitators, ...rest } = row
  return {
    ...rest,
    facilitators: facilitators.map((f) => f.user),
    seatsLeft: Math.max(0, row.capacity - row.confirmedCount),
    waitlistLength: _count.registrations,
    myRegistration: mine,
    can: {
      register:
        canMasterclass(access.actor, access.facts, 'register') && mine?.status !== 'confirmed' && mine?.status !== 'waitlisted',
      edit: canMasterclass(access.actor, access.facts, 'edit'),
      manageAttendees: canMasterclass(access.actor, access.facts, 'manageAttendees'),
      giveFeedback: canMasterclass(access.actor, access.facts, 'giveFeedback'),
      editNotes: canMasterclass(access.actor, access.facts, 'editNotes'),
      /** Its peer groups page: those who run it and its confirmed participants. */
      groups: canMasterclass(access.actor, access.facts, 'readGroups') || mine?.status === 'confirmed',
    },
  }
}

/** The facilitator view: confirmed (by name) and the waitlist (in order), with organisation, position and phase. */
export async function listAttendees(masterclassId: string) {
  const rows = await prisma.registration.findMany({
    where: { masterclassId, status: { in: ['confirmed', 'waitlisted'] } },
    orderBy: [{ queueNumber: 'asc' }],
    select: {
      status: true,
      attended: true,
      registeredAt: true,
      promotedAt: true,
      user: {
        select: {
          id: true,
          name: true,
          email: true,
          organisation: { select: { name: true } },
          position: taxonomy,
          phase: taxonomy,
        },
      },
    },
  })
  const confirmed = rows.filter((r) => r.status === 'confirmed').sort((a, b) => a.user.name.localeCompare(b.user.name, 'nl'))
  const waitlist = rows.filter((r) => r.status === 'waitlisted').map((r, i) => ({ ...r, position: i + 1 }))
  return { confirmed, waitlist }
}

export type Attendees = Awaited<ReturnType<typeof listAttendees>>
