// Forming peer groups in a community or a masterclass: Peloton proposes a
// draft (peer-grouping.server.ts does the grouping), the facilitator moves
// people between groups, then publishes (peer-group-publish.server.ts).
// Published groupings never change.
// Access is checked by the caller (peer-group-access.server.ts).
import { prisma, type Tx } from '~/utils/db.server'
import { UserInputError } from '~/utils/errors'
import { MAX_GROUP_SIZE } from '~/utils/peer-groups'
import { message } from '~/utils/validation'
import { checkGrouping, proposeGroups, type GroupingInput } from './peer-grouping.server'
import { loadPeerProfiles } from './peer-profiles.server'
import { GROUPING_RULES, pairKey, type GroupingRule } from './peer-types'

/** Whose grouping: exactly one of a community and a masterclass. */
export type GroupingOwnerKey = { communityId: string; masterclassId?: never } | { masterclassId: string; communityId?: never }

const ownerWhere = (owner: GroupingOwnerKey) =>
  owner.communityId ? { communityId: owner.communityId } : { masterclassId: owner.masterclassId! }

/**
 * Who is grouped: a community's members (its facilitators run the groups and
 * are left out), or a masterclass's confirmed participants (its facilitators
 * left out likewise); never deleted accounts. Ordered by id, so the same
 * people give the same proposal.
 */
export async function groupingParticipants(owner: GroupingOwnerKey, tx: Tx = prisma): Promise<string[]> {
  if (owner.communityId) {
    const rows = await tx.membership.findMany({
      where: { communityId: owner.communityId, role: 'member', user: { deletedAt: null } },
      select: { userId: true },
      orderBy: { userId: 'asc' },
    })
    return rows.map((r) => r.userId)
  }
  const rows = await tx.registration.findMany({
    where: {
      masterclassId: owner.masterclassId,
      status: 'confirmed',
      user: { deletedAt: null, masterclassFacilitations: { none: { masterclassId: owner.masterclassId } } },
    },
    select: { userId: true },
    orderBy: { userId: 'asc' },
  })
  return rows.map((r) => r.userId)
}

/** Ids per query: SQLite allows 999 bound parameters in one statement (Prisma keeps to that). */
const ID_CHUNK = 500

/**
 * The pairs among these people who were grouped or introduced before (the
 * match history). Asked per chunk of first ids, the second filtered here: a
 * community of 2,000 would otherwise bind 4,000 parameters.
 */
export async function pastPairsAmong(userIds: readonly string[]): Promise<Set<string>> {
  const pairs = new Set<string>()
  if (userIds.length < 2) return pairs
  const among = new Set(userIds)
  const ids = [...among]
  for (let at = 0; at < ids.length; at += ID_CHUNK) {
    const rows = await prisma.peerMatch.findMany({
      where: { userAId: { in: ids.slice(at, at + ID_CHUNK) } },
      select: { userAId: true, userBId: true },
    })
    for (const r of rows) if (among.has(r.userBId)) pairs.add(pairKey(r.userAId, r.userBId))
  }
  return pairs
}

/** Everything the grouping needs about these people, for a proposal or for judging one. */
export async function groupingInputFor(
  userIds: readonly string[],
  settings: { minSize: number; maxSize: number; rule: GroupingRule },
): Promise<GroupingInput> {
  const [people, pastPairs] = await Promise.all([loadPeerProfiles(userIds), pastPairsAmong(userIds)])
  return { people, pastPairs, ...settings }
}

export interface GroupingSettings {
  minSize: number
  maxSize: number
  rule: string
}

/** The settings as the grouping takes them, or a UserInputError beside the field that is wrong. */
function checkedSettings({ minSize, maxSize, rule }: GroupingSettings): { minSize: number; maxSize: number; rule: GroupingRule } {
  for (const [field, value] of [
    ['minSize', minSize],
    ['maxSize', maxSize],
  ] as const) {
    if (!Number.isInteger(value)) throw new UserInputError(field, 'groups.errors.sizeInvalid')
    if (value > MAX_GROUP_SIZE) throw new UserInputError(field, message('groups.errors.sizeTooLarge', { max: MAX_GROUP_SIZE }))
  }
  if (!(GROUPING_RULES as readonly string[]).includes(rule)) throw new UserInputError('rule', 'groups.errors.ruleUnknown')
  return { minSize, maxSize, rule: rule as GroupingRule }
}

const PROBLEM_FIELDS: Record<string, string> = {
  groupSizeTooSmall: 'minSize',
  minAboveMax: 'maxSize',
  ruleImpossible: 'rule',
}

/**
 * Proposes groups among the owner's participants and stores them as the
 * owner's draft, replacing an earlier draft (one at a time). Bad settings, or
 * settings no grouping of these people can meet, are a UserInputError and
 * change nothing.
 */
export async function proposeGrouping(
  owner: GroupingOwnerKey,
  settings: GroupingSettings,
  createdById: string,
): Promise<{ id: string }> {
  const checked = checkedSettings(settings)
  const participants = await groupingParticipants(owner)
  const input = await groupingInputFor(participants, checked)
  const problem = checkGrouping(input)
  if (problem) {
    const params = { count: participants.length, min: checked.minSize, max: checked.maxSize }
    throw new UserInputError(PROBLEM_FIELDS[problem] ?? null, message(`groups.errors.${problem}`, params))
  }
  const groups = proposeGroups(input)
  return prisma.$transaction(async (tx) => {
    await claimOwner(tx, owner)
    await tx.peerGrouping.deleteMany({ where: { ...ownerWhere(owner), status: 'draft' } })
    return tx.peerGrouping.create({
      data: {
        ...ownerWhere(owner),
        ...checked,
        status: 'draft',
        createdById,
        groups: {
          create: groups.map((userIds, index) => ({
            number: index + 1,
            members: { create: userIds.map((userId) => ({ userId })) },
          })),
        },
      },
      select: { id: true },
    })
  })
}

/** The owner's draft, or null. */
export function findDraft(owner: GroupingOwnerKey) {
  return prisma.peerGrouping.findFirst({
    where: { ...ownerWhere(owner), status: 'draft' },
    orderBy: { createdAt: 'desc' },
    select: { id: true, rule: true, minSize: true, maxSize: true, createdAt: true },
  })
}

/**
 * The first statement of every transaction on a draft: a conditional write
 * that claims it (ADR 0011's reasoning). Being a write, it takes the lock —
 * PostgreSQL: the row; SQLite: the database, waiting with the busy timeout —
 * before anything is read, so what follows reads current data and a second
 * facilitator (or process) waits, then finds the draft gone, instead of
 * failing with SQLITE_BUSY_SNAPSHOT or acting on a stale read. No row: the
 * draft was published, discarded or replaced meanwhile.
 */
async function claimDraft(tx: Tx, owner: GroupingOwnerKey, groupingId: string): Promise<void> {
  const changed = owner.communityId
    ? await tx.$executeRaw`
        UPDATE "PeerGrouping" SET "status" = "status"
        WHERE "id" = ${groupingId} AND "status" = 'draft' AND "communityId" = ${owner.communityId}`
    : await tx.$executeRaw`
        UPDATE "PeerGrouping" SET "status" = "status"
        WHERE "id" = ${groupingId} AND "status" = 'draft' AND "masterclassId" = ${owner.masterclassId!}`
  if (changed !== 1) throw new UserInputError(null, 'groups.errors.noDraft')
}

/** The same for a new proposal, which may have no draft to claim: the owner's row is the lock. */
async function claimOwner(tx: Tx, owner: GroupingOwnerKey): Promise<void> {
  if (owner.communityId) await tx.$executeRaw`UPDATE "Community" SET "id" = "id" WHERE "id" = ${owner.communityId}`
  else await tx.$executeRaw`UPDATE "Masterclass" SET "id" = "id" WHERE "id" = ${owner.masterclassId!}`
}

/** The claimed draft with its groups (call claimDraft first). */
export async function requireDraft(tx: Tx, owner: GroupingOwnerKey, groupingId: string) {
  await claimDraft(tx, owner, groupingId)
  const draft = await tx.peerGrouping.findFirst({
    where: { id: groupingId, ...ownerWhere(owner), status: 'draft' },
    select: {
      id: true,
      minSize: true,
      maxSize: true,
      groups: {
        orderBy: { number: 'asc' },
        select: { id: true, number: true, members: { select: { userId: true, user: { select: { phaseId: true } } } } },
      },
    },
  })
  // Published, discarded or replaced by a newer proposal meanwhile (another facilitator's, say).
  if (!draft) throw new UserInputError(null, 'groups.errors.noDraft')
  return draft
}

/**
 * The facilitator's adjustment: moves one person to another group of the
 * draft, or to a new group after the last (`'new'`). A group left empty goes,
 * and the groups after it move up a number.
 */
export async function moveToGroup(
  owner: GroupingOwnerKey,
  { groupingId, userId, to }: { groupingId: string; userId: string; to: number | 'new' },
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const draft = await requireDraft(tx, owner, groupingId)
    const from = draft.groups.find((g) => g.members.some((m) => m.userId === userId))
    if (!from) throw new UserInputError('userId', 'groups.errors.unknownPerson')
    const last = draft.groups.at(-1)?.number ?? 0
    let targetId: string
    if (to === 'new') {
      if (from.members.length === 1) return // already alone: a new group would be the same group
      targetId = (await tx.peerGroup.create({ data: { groupingId, number: last + 1 }, select: { id: true } })).id
    } else {
      const target = draft.groups.find((g) => g.number === to)
      if (!target) throw new UserInputError('to', 'groups.errors.unknownGroup')
      if (target.id === from.id) return
      targetId = target.id
    }
    await tx.peerGroupMember.update({
      where: { groupId_userId: { groupId: from.id, userId } },
      data: { groupId: targetId },
    })
    if (from.members.length === 1) await removeGroup(tx, groupingId, from.id)
  })
}

/** Deletes an empty group and closes the gap in the numbers. */
async function removeGroup(tx: Tx, groupingId: string, groupId: string): Promise<void> {
  await tx.peerGroup.delete({ where: { id: groupId } })
  const rest = await tx.peerGroup.findMany({ where: { groupingId }, orderBy: { number: 'asc' }, select: { id: true } })
  // Through negative numbers, so that (groupingId, number) stays unique at every step.
  for (const [index, g] of rest.entries()) await tx.peerGroup.update({ where: { id: g.id }, data: { number: -(index + 1) } })
  for (const [index, g] of rest.entries()) await tx.peerGroup.update({ where: { id: g.id }, data: { number: index + 1 } })
}

/**
 * A deleted account in groupings (deleteAccount, in its transaction): its
 * published memberships keep only the fact (the group lists show it no more)
 * without the copy of its self-assessed phase; it leaves every draft, and a
 * draft group left empty goes.
 */
export async function removeFromGroupings(tx: Tx, userId: string): Promise<void> {
  await tx.peerGroupMember.updateMany({ where: { userId }, data: { phaseIdAtPublish: null } })
  const drafts = await tx.peerGroupMember.findMany({
    where: { userId, group: { grouping: { status: 'draft' } } },
    select: { groupId: true, group: { select: { groupingId: true, _count: { select: { members: true } } } } },
  })
  for (const d of drafts) {
    await tx.peerGroupMember.delete({ where: { groupId_userId: { groupId: d.groupId, userId } } })
    if (d.group._count.members === 1) await removeGroup(tx, d.group.groupingId, d.groupId)
  }
}

/** Throws the draft away (nothing was visible to anyone but the facilitators). */
export async function discardDraft(owner: GroupingOwnerKey, groupingId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await claimDraft(tx, owner, groupingId)
    await tx.peerGrouping.delete({ where: { id: groupingId } })
  })
}
