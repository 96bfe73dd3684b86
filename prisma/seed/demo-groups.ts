// Demo peer groups, so the groups pages show something: a published grouping
// in the first demo community (two months ago: members who changed phase
// since show as moved on) and one in the past masterclass, made by the real
// grouping (peer-grouping.server.ts), each group with its live document.
// Loaded inside the demo population's transaction (see demo.ts), after the
// communities and masterclasses; written straight to the tables (no
// notifications for demo people).
import type { JSONContent } from '@tiptap/core'
import { contentUpdate } from '~/services/document-templates.server'
import { createDocument } from '~/services/documents.server'
import { checkGrouping, proposeGroups } from '~/services/peer-grouping.server'
import { loadPeerProfiles } from '~/services/peer-profiles.server'
import { GROUPING_RULES, pairKey } from '~/services/peer-types'
import type { Prisma } from '~/generated/prisma/client'

const DAY_MS = 24 * 60 * 60 * 1000
export const DEMO_GROUPS_COMMUNITY = 'bodem-in-de-omgevingsvisie'
export const DEMO_GROUPS_MASTERCLASS = 'Nazorg en spoedlocaties: lessen uit de regio'

type Owner = { communityId: string } | { masterclassId: string }

const text = (value: string): JSONContent => ({ type: 'text', text: value })
const starter = (number: number, ownerName: string): JSONContent[] => [
  { type: 'heading', attrs: { level: 1 }, content: [text(`Peergroep ${number} · ${ownerName}`)] },
  { type: 'paragraph', content: [text('Wat willen we de komende maanden van elkaar leren?')] },
  {
    type: 'bulletList',
    content: ['Onze vraag voor de volgende bijeenkomst', 'Wie laat wat zien', 'Afspraken'].map((item) => ({
      type: 'listItem',
      content: [{ type: 'paragraph', content: [text(item)] }],
    })),
  },
]

export async function seedDemoGroups(tx: Prisma.TransactionClient, now: Date): Promise<void> {
  const community = await tx.community.findUnique({
    where: { slug: DEMO_GROUPS_COMMUNITY },
    select: { id: true, name: true, memberships: { select: { userId: true, role: true }, orderBy: { userId: 'asc' } } },
  })
  if (community) {
    const facilitator = community.memberships.find((m) => m.role === 'facilitator')
    const members = community.memberships.filter((m) => m.role === 'member').map((m) => m.userId)
    if (facilitator) {
      const publishedAt = new Date(now.getTime() - 60 * DAY_MS)
      await seedGrouping(tx, { communityId: community.id }, community.name, members, facilitator.userId, publishedAt)
    }
  }
  const masterclass = await tx.masterclass.findFirst({
    where: { title: DEMO_GROUPS_MASTERCLASS },
    select: {
      id: true,
      title: true,
      startsAt: true,
      facilitators: { select: { userId: true } },
      registrations: { where: { status: 'confirmed' }, select: { userId: true }, orderBy: { userId: 'asc' } },
    },
  })
  const facilitatorId = masterclass?.facilitators[0]?.userId
  if (masterclass && facilitatorId) {
    const participants = masterclass.registrations.map((r) => r.userId).filter((id) => id !== facilitatorId)
    await seedGrouping(
      tx,
      { masterclassId: masterclass.id },
      masterclass.title,
      participants,
      facilitatorId,
      masterclass.startsAt,
    )
  }
}

/** One published grouping in groups of 3 to 5, with the first rule these people can follow. */
async function seedGrouping(
  tx: Prisma.TransactionClient,
  owner: Owner,
  ownerName: string,
  userIds: string[],
  createdById: string,
  publishedAt: Date,
): Promise<void> {
  const people = await loadPeerProfiles(userIds, tx)
  const matches = await tx.peerMatch.findMany({
    where: { userAId: { in: userIds }, userBId: { in: userIds } },
    select: { userAId: true, userBId: true },
  })
  const pastPairs = new Set(matches.map((m) => pairKey(m.userAId, m.userBId)))
  const input = GROUPING_RULES.map((rule) => ({ people, pastPairs, minSize: 3, maxSize: 5, rule })).find(
    (candidate) => checkGrouping(candidate) === null,
  )
  if (!input) return
  const grouping = await tx.peerGrouping.create({
    data: {
      ...owner,
      rule: input.rule,
      minSize: 3,
      maxSize: 5,
      status: 'published',
      createdById,
      createdAt: publishedAt,
      publishedAt,
    },
    select: { id: true },
  })
  for (const [index, ids] of proposeGroups(input).entries()) {
    const number = index + 1
    const group = await tx.peerGroup.create({ data: { groupingId: grouping.id, number }, select: { id: true } })
    const doc = await createDocument(
      {
        peerGroupId: group.id,
        title: `Peergroep ${number} · ${ownerName}`,
        initial: contentUpdate(starter(number, ownerName)),
        createdById,
      },
      tx,
    )
    await tx.peerGroup.update({ where: { id: group.id }, data: { documentId: doc.id } })
    for (const userId of ids) {
      await tx.peerGroupMember.create({
        data: { groupId: group.id, userId, phaseIdAtPublish: await phaseAt(tx, userId, publishedAt) },
      })
    }
    const sorted = [...ids].sort()
    await tx.peerMatch.createMany({
      data: sorted.flatMap((a, i) =>
        sorted
          .slice(i + 1)
          .map((b) => ({ userAId: a, userBId: b, source: 'group', peerGroupId: group.id, createdAt: publishedAt })),
      ),
    })
  }
}

/** The member's phase on that day, from their phase history (their current phase when there is none). */
async function phaseAt(tx: Prisma.TransactionClient, userId: string, when: Date): Promise<string | null> {
  const change = await tx.phaseChange.findFirst({
    where: { userId, changedAt: { lte: when } },
    orderBy: { changedAt: 'desc' },
    select: { phaseId: true },
  })
  if (change) return change.phaseId
  return (await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { phaseId: true } })).phaseId
}
