// What the groups pages show: for a member, the published groups they are in;
// for those who run the owner also the draft with each group's fit (from the
// grouping's own quality measure) and every published grouping with who has
// moved on to another phase since. One helper for both owners' pages, and
// the page of one group.
import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import type { GroupOwner } from '~/utils/peer-groups'
import type { GroupingsAccess, PeerGroupFacts } from './peer-group-access.server'
import { groupingQuality } from './peer-grouping.server'
import { findDraft, groupingInputFor, groupingParticipants, type GroupingOwnerKey } from './peer-groups.server'
import type { GroupingRule } from './peer-types'

export function ownerKey(owner: GroupOwner): GroupingOwnerKey {
  return owner.kind === 'community' ? { communityId: owner.id } : { masterclassId: owner.id }
}

const taxonomy = { select: { name: true, nameEn: true } } as const
const phaseSelect = { select: { id: true, name: true, nameEn: true, sortOrder: true } } as const
const personSelect = {
  id: true,
  name: true,
  organisation: { select: { name: true } },
  position: taxonomy,
  phase: phaseSelect,
} satisfies Prisma.UserSelect

type PersonRow = Prisma.UserGetPayload<{ select: typeof personSelect }>
type Phase = NonNullable<PersonRow['phase']>

export interface Person {
  id: string
  name: string
  organisation: string | null
  position: { name: string; nameEn: string } | null
  phase: { name: string; nameEn: string } | null
}

function person(u: PersonRow): Person {
  return {
    id: u.id,
    name: u.name,
    organisation: u.organisation?.name ?? null,
    position: u.position,
    phase: u.phase ? { name: u.phase.name, nameEn: u.phase.nameEn } : null,
  }
}

/** How a member's phase now compares with their phase when the group was published. */
export type PhaseChange = { direction: 'ahead' | 'back' | 'changed'; was: { name: string; nameEn: string } | null } | null

function phaseChange(atPublish: Phase | null, now: Phase | null): PhaseChange {
  if ((atPublish?.id ?? null) === (now?.id ?? null)) return null
  const was = atPublish ? { name: atPublish.name, nameEn: atPublish.nameEn } : null
  if (!atPublish || !now) return { direction: 'changed', was }
  return { direction: now.sortOrder > atPublish.sortOrder ? 'ahead' : 'back', was }
}

const memberSelect = {
  userId: true,
  phaseIdAtPublish: true,
  user: { select: personSelect },
} as const

/** A deleted account leaves the published groups' lists (its row keeps no name to show). */
const stillHere = { user: { deletedAt: null } } as const

type MemberRow = { phaseIdAtPublish: string | null; user: PersonRow }

/** The phases by id (a handful of rows), to name each member's phase at publishing. */
async function phasesById(): Promise<Map<string, Phase>> {
  const phases = await prisma.transitionPhase.findMany(phaseSelect)
  return new Map(phases.map((p) => [p.id, p]))
}

/** Published groups of this owner that the member is in, newest first. */
async function myGroups(owner: GroupingOwnerKey, userId: string) {
  const rows = await prisma.peerGroup.findMany({
    where: { members: { some: { userId } }, grouping: { ...owner, status: 'published' } },
    orderBy: [{ grouping: { publishedAt: 'desc' } }, { number: 'asc' }],
    select: { id: true, number: true, _count: { select: { members: true } }, grouping: { select: { publishedAt: true } } },
  })
  return rows.map((g) => ({ id: g.id, number: g.number, size: g._count.members, publishedAt: g.grouping.publishedAt }))
}

/** The draft with each group's fit, and who is new or gone since it was proposed. */
async function draftView(owner: GroupingOwnerKey) {
  const draft = await findDraft(owner)
  if (!draft) return null
  const groups = await prisma.peerGroup.findMany({
    where: { groupingId: draft.id },
    orderBy: { number: 'asc' },
    select: { number: true, members: { select: { user: { select: personSelect } }, orderBy: { user: { name: 'asc' } } } },
  })
  const ids = groups.map((g) => g.members.map((m) => m.user.id))
  const grouped = new Set(ids.flat())
  const participants = await groupingParticipants(owner)
  const current = new Set(participants)
  const rule = draft.rule as GroupingRule
  const settings = { minSize: draft.minSize, maxSize: draft.maxSize, rule }
  // Judged on today's profiles (a phase may have changed since the proposal).
  const quality = groupingQuality(await groupingInputFor([...grouped], settings), ids)
  const [phases, positions] = await Promise.all([
    prisma.transitionPhase.findMany({ select: { sortOrder: true, name: true, nameEn: true } }),
    prisma.position.findMany({ select: { id: true, name: true, nameEn: true } }),
  ])
  const newcomers = await prisma.user.findMany({
    where: { id: { in: participants.filter((id) => !grouped.has(id)) } },
    select: personSelect,
    orderBy: { name: 'asc' },
  })
  return {
    id: draft.id,
    ...settings,
    quality,
    groups: groups.map((g, index) => ({
      number: g.number,
      size: g.members.length,
      withinBounds: g.members.length >= draft.minSize && g.members.length <= draft.maxSize,
      fit: quality.groups[index] ?? null,
      members: g.members.map((m) => ({ ...person(m.user), participant: current.has(m.user.id) })),
    })),
    newcomers: newcomers.map(person),
    /** To name what the fit's explanation refers to by rank or id. */
    labels: {
      phases: Object.fromEntries(phases.map((p) => [p.sortOrder, { name: p.name, nameEn: p.nameEn }])),
      positions: Object.fromEntries(positions.map((p) => [p.id, { name: p.name, nameEn: p.nameEn }])),
    },
  }
}

export type DraftView = NonNullable<Awaited<ReturnType<typeof draftView>>>

/** Every published grouping of the owner, newest first, with who has moved on since. */
async function publishedGroupings(owner: GroupingOwnerKey) {
  const rows = await prisma.peerGrouping.findMany({
    where: { ...owner, status: 'published' },
    orderBy: { publishedAt: 'desc' },
    select: {
      id: true,
      rule: true,
      minSize: true,
      maxSize: true,
      publishedAt: true,
      groups: {
        orderBy: { number: 'asc' },
        select: {
          id: true,
          number: true,
          documentId: true,
          members: { where: stillHere, select: memberSelect, orderBy: { user: { name: 'asc' } } },
        },
      },
    },
  })
  const phases = await phasesById()
  return rows.map((g) => ({
    ...g,
    rule: g.rule as GroupingRule,
    groups: g.groups.map((group) => ({ ...group, members: group.members.map((m) => withPhaseChange(m, phases)) })),
  }))
}

function withPhaseChange(m: MemberRow, phases: Map<string, Phase>) {
  const atPublish = m.phaseIdAtPublish ? (phases.get(m.phaseIdAtPublish) ?? null) : null
  return { ...person(m.user), phaseChange: phaseChange(atPublish, m.user.phase) }
}

export async function groupingsPageData(access: GroupingsAccess) {
  const key = ownerKey(access.owner)
  const mine = await myGroups(key, access.actor.id)
  const base = { owner: access.owner, mayForm: access.mayForm, mayReadAll: access.mayReadAll, mine }
  if (!access.mayReadAll) return { ...base, participantCount: null, draft: null, published: [] }
  const [participants, draft, published] = await Promise.all([
    groupingParticipants(key),
    access.mayForm ? draftView(key) : null,
    publishedGroupings(key),
  ])
  return { ...base, participantCount: participants.length, draft, published }
}

export type GroupingsPageData = Awaited<ReturnType<typeof groupingsPageData>>

/** One published group's page: its members (with who moved on, for those who run it) and its document. */
export async function groupPageData(facts: PeerGroupFacts) {
  const phases = await phasesById()
  const group = await prisma.peerGroup.findUniqueOrThrow({
    where: { id: facts.id },
    select: {
      grouping: { select: { publishedAt: true, rule: true } },
      members: { where: stillHere, select: memberSelect, orderBy: { user: { name: 'asc' } } },
    },
  })
  return {
    group: {
      id: facts.id,
      number: facts.number,
      documentId: facts.documentId,
      publishedAt: group.grouping.publishedAt,
      rule: group.grouping.rule as GroupingRule,
    },
    owner: facts.owner,
    runs: facts.runs,
    members: group.members.map((m) => {
      const row = withPhaseChange(m, phases)
      return facts.runs ? row : { ...row, phaseChange: null }
    }),
  }
}
