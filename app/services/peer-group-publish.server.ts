// Publishing a draft grouping (issue 6): in one transaction, each group gets
// its live document, each member's phase at this moment is recorded, every
// pair goes into the match history, and the members are notified and mailed.
// A statement per kind of row, not per row: 2,000 participants (about 400
// groups, 4,000 pairs, 2,000 mails) took 8 s row by row, near the 10 s
// transaction timeout (app/utils/db.server.ts); tests/integration/
// peer-groups-publish-large.test.ts holds it under 5 s.
import { fixedT } from '~/i18n/i18next.server'
import { defaultLanguage } from '~/i18n/config'
import { prisma } from '~/utils/db.server'
import { UserInputError } from '~/utils/errors'
import { message } from '~/utils/validation'
import { createPeerGroupDocuments } from './documents.server'
import { wakeMailWorker } from './mail.server'
import { notifyEach } from './notifications.server'
import { queuePeerGroupMails } from './peer-group-mail.server'
import { groupingParticipants, requireDraft, type GroupingOwnerKey } from './peer-groups.server'

/** Where a published group's members are told to look, and what their notification says. */
export interface PublishContext {
  /** The owner's name: the community's, or the masterclass's title. */
  ownerName: string
  publishedById: string
}

/**
 * Publishes the draft in one transaction: refused (nothing changes) when a
 * group is outside the size bounds, or when the participants changed since
 * the proposal (someone joined, left or cancelled: propose again). The draft
 * is claimed by the transaction's first statement (requireDraft), so a
 * second publish waits and then finds no draft.
 */
export async function publishGrouping(
  owner: GroupingOwnerKey,
  groupingId: string,
  { ownerName, publishedById }: PublishContext,
): Promise<{ groupIds: string[] }> {
  // The documents' titles are shared by the whole group: in the platform's default language (Dutch).
  const t = await fixedT(defaultLanguage)
  const published = await prisma.$transaction(async (tx) => {
    const draft = await requireDraft(tx, owner, groupingId)
    for (const g of draft.groups) {
      const size = g.members.length
      if (size < draft.minSize || size > draft.maxSize) {
        throw new UserInputError(
          null,
          message('groups.errors.groupOutOfBounds', { number: g.number, size, min: draft.minSize, max: draft.maxSize }),
        )
      }
    }
    const grouped = draft.groups.flatMap((g) => g.members.map((m) => m.userId)).sort()
    const participants = (await groupingParticipants(owner, tx)).sort()
    if (grouped.length !== participants.length || grouped.some((id, i) => id !== participants[i])) {
      throw new UserInputError(null, 'groups.errors.participantsChanged')
    }
    await tx.peerGrouping.update({ where: { id: groupingId }, data: { status: 'published', publishedAt: new Date() } })

    const documents = await createPeerGroupDocuments(
      draft.groups.map((g) => ({
        peerGroupId: g.id,
        title: t('groups.group.documentTitle', { number: g.number, owner: ownerName }).slice(0, 200),
      })),
      publishedById,
      tx,
    )
    await tx.$executeRaw`
      UPDATE "PeerGroup" SET "documentId" =
        (SELECT d."id" FROM "Document" d WHERE d."peerGroupId" = "PeerGroup"."id" ORDER BY d."createdAt", d."id" LIMIT 1)
      WHERE "groupingId" = ${groupingId}`
    // Each member's phase now, read in this transaction (after the claim: current).
    await tx.$executeRaw`
      UPDATE "PeerGroupMember" SET "phaseIdAtPublish" =
        (SELECT u."phaseId" FROM "User" u WHERE u."id" = "PeerGroupMember"."userId")
      WHERE "groupId" IN (SELECT g."id" FROM "PeerGroup" g WHERE g."groupingId" = ${groupingId})`

    const groups = draft.groups.map((g) => ({ groupId: g.id, number: g.number, userIds: g.members.map((m) => m.userId).sort() }))
    const pairs = groups.flatMap(({ groupId, userIds }) =>
      userIds.flatMap((a, i) =>
        userIds.slice(i + 1).map((b) => ({ userAId: a, userBId: b, source: 'group', peerGroupId: groupId })),
      ),
    )
    if (pairs.length > 0) await tx.peerMatch.createMany({ data: pairs })
    await queuePeerGroupMails(tx, ownerName, groups)
    await notifyEach(
      tx,
      groups.flatMap(({ groupId, userIds }) =>
        userIds.map((userId) => ({
          userId,
          kind: owner.communityId ? ('peer_group_community' as const) : ('peer_group_masterclass' as const),
          link: `/groups/${groupId}`,
          data: owner.communityId ? { community: ownerName } : { masterclass: ownerName },
        })),
      ),
    )
    if (documents.size !== draft.groups.length) throw new Error('peer groups: a document per group was not created')
    return { groupIds: draft.groups.map((g) => g.id) }
  })
  wakeMailWorker()
  return published
}
