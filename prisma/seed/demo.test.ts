import { beforeAll, describe, expect, test } from 'vitest'
import { prepareApp } from '~/services/startup.server'
import { exportDocument } from '~/services/documents.server'
import { listIntroductions } from '~/services/introductions.server'
import { peerProfileOf, suggestPeers } from '~/services/peers.server'
import { prepareDatabase, prisma } from '~/utils/db.server'
import { DEMO_EMAIL_DOMAIN, demoPopulation, seedDemo } from './demo'
import { ORGANISATION_TYPES, PHASES, POSITIONS, THEMES } from './taxonomies'

const DAY_MS = 24 * 60 * 60 * 1000
const demo = { email: { endsWith: `@${DEMO_EMAIL_DOMAIN}` } }
const slugs = (entries: Array<{ slug: string }>) => [...new Set(entries.map((e) => e.slug))].sort()

function loadMembers() {
  return prisma.user.findMany({
    where: demo,
    include: {
      organisation: { include: { type: true, province: true } },
      position: true,
      phase: true,
      themes: { include: { theme: true } },
      phaseChanges: { include: { phase: true }, orderBy: { changedAt: 'asc' } },
    },
  })
}

async function counts() {
  return {
    users: await prisma.user.count(),
    admins: await prisma.user.count({ where: { role: 'admin' } }),
    organisations: await prisma.organisation.count(),
    userThemes: await prisma.userTheme.count(),
    phaseChanges: await prisma.phaseChange.count(),
    taxonomies: [
      await prisma.organisationType.count(),
      await prisma.position.count(),
      await prisma.transitionPhase.count(),
      await prisma.theme.count(),
      await prisma.province.count(),
    ],
  }
}

let members: Awaited<ReturnType<typeof loadMembers>>

beforeAll(async () => {
  await prepareDatabase()
  await prepareApp({ seedDemo: true })
  members = await loadMembers()
})

describe('the demo population', () => {
  test('has at least 60 members in at least 18 organisations spread over at least 6 provinces', () => {
    expect(members.length).toBeGreaterThanOrEqual(60)
    const organisations = new Set(members.map((m) => m.organisation?.name))
    expect(organisations.has(undefined)).toBe(false)
    expect(organisations.size).toBeGreaterThanOrEqual(18)
    const provinces = new Set(members.map((m) => m.organisation?.province.slug))
    expect(provinces.size).toBeGreaterThanOrEqual(6)
  })

  test('covers every organisation type, position, phase and theme', () => {
    expect(slugs(members.map((m) => m.organisation!.type))).toEqual(slugs(ORGANISATION_TYPES))
    expect(slugs(members.map((m) => m.position!))).toEqual(slugs(POSITIONS))
    expect(slugs(members.map((m) => m.phase!))).toEqual(slugs(PHASES))
    expect(slugs(members.flatMap((m) => m.themes.map((t) => t.theme)))).toEqual(slugs(THEMES))
  })

  test('gives every member a plausible profile and no password', () => {
    expect(new Set(members.map((m) => m.email)).size).toBe(members.length)
    expect(new Set(members.map((m) => m.name)).size).toBe(members.length)
    for (const member of members) {
      expect(member.email).toBe(member.email!.toLowerCase())
      expect(member.name).toMatch(/^\S+ .+$/)
      expect(member.passwordHash).toBeNull()
      expect(member.emailVerifiedAt).not.toBeNull()
      expect(member.themes.length).toBeGreaterThanOrEqual(1)
      expect(member.themes.length).toBeLessThanOrEqual(4)
      const sentences = member.bio.split(/(?<=\.)\s+/).filter(Boolean)
      expect(sentences.length).toBeGreaterThanOrEqual(1)
      expect(sentences.length).toBeLessThanOrEqual(2)
    }
  })

  test('has most members, but not all, opted in to matching', () => {
    const optedIn = members.filter((m) => m.matchingOptIn).length
    expect(optedIn / members.length).toBeGreaterThanOrEqual(0.75)
    expect(optedIn / members.length).toBeLessThanOrEqual(0.95)
    expect(members.length - optedIn).toBeGreaterThanOrEqual(3)
  })

  test('keeps a phase history that ends in the current phase, within the past year', () => {
    const yearAgo = Date.now() - 366 * DAY_MS
    for (const member of members) {
      const history = member.phaseChanges
      expect(history.length).toBeGreaterThanOrEqual(1)
      expect(history.length).toBeLessThanOrEqual(3)
      expect(history.at(-1)!.phaseId).toBe(member.phaseId)
      for (const change of history) {
        expect(change.changedAt.getTime()).toBeGreaterThan(yearAgo)
        expect(change.changedAt.getTime()).toBeLessThanOrEqual(Date.now())
      }
      // Each step moves one phase up.
      for (let i = 1; i < history.length; i++) {
        expect(history[i]!.phase.sortOrder).toBe(history[i - 1]!.phase.sortOrder + 1)
      }
    }
    expect(members.filter((m) => m.phaseChanges.length >= 2).length).toBeGreaterThanOrEqual(5)
  })

  test('has a handful of facilitators', () => {
    const facilitators = members.filter((m) => m.role === 'facilitator').length
    expect(facilitators).toBeGreaterThanOrEqual(3)
    expect(facilitators).toBeLessThanOrEqual(8)
    expect(members.every((m) => m.role === 'member' || m.role === 'facilitator')).toBe(true)
  })

  test('is the same every time', () => {
    expect(demoPopulation()).toEqual(demoPopulation())
    const planned = demoPopulation()
      .members.map((m) => m.email)
      .sort()
    expect(members.map((m) => m.email).sort()).toEqual(planned)
  })
})

describe('running start-up again', () => {
  test('changes nothing: no second demo population, no second admin', async () => {
    const before = await counts()
    expect(before.admins).toBe(1)
    const result = await prepareApp({ seedDemo: true })
    expect(result.generatedAdmin).toBeUndefined()
    expect(await seedDemo(prisma)).toBe(false)
    expect(await counts()).toEqual(before)
  })
})

describe('the demo communities', () => {
  test('cover every kind and visibility, with facilitators, members, join requests and Dutch discussions', async () => {
    const communities = await prisma.community.findMany({
      include: { memberships: true, joinRequests: true, threads: { include: { replies: true } }, themes: true },
    })
    expect(communities.length).toBeGreaterThanOrEqual(6)
    expect(new Set(communities.map((c) => c.kind))).toEqual(new Set(['cop', 'learning_community']))
    expect(new Set(communities.map((c) => c.visibility))).toEqual(new Set(['open', 'on_request', 'invite_only']))
    for (const c of communities) {
      expect(c.memberships.filter((m) => m.role === 'facilitator').length, c.slug).toBeGreaterThanOrEqual(1)
      expect(c.memberships.length, c.slug).toBeGreaterThanOrEqual(3)
      expect(c.themes.length, c.slug).toBeGreaterThanOrEqual(1)
    }
    const onRequest = communities.filter((c) => c.visibility === 'on_request')
    expect(onRequest.every((c) => c.joinRequests.some((r) => r.status === 'pending'))).toBe(true)
    // …and their facilitators have been told.
    expect(await prisma.notification.count({ where: { kind: 'join_request' } })).toBeGreaterThanOrEqual(onRequest.length)
    const threads = communities.flatMap((c) => c.threads)
    expect(threads.length).toBeGreaterThanOrEqual(6)
    expect(threads.flatMap((t) => t.replies).length).toBeGreaterThanOrEqual(6)
    // Every thread's author and every reply's author is a member of that community.
    for (const c of communities) {
      const memberIds = new Set(c.memberships.map((m) => m.userId))
      for (const t of c.threads) {
        expect(memberIds.has(t.authorId!)).toBe(true)
        for (const r of t.replies) expect(memberIds.has(r.authorId!)).toBe(true)
      }
    }
  })
})

describe('the demo documents', () => {
  test('are in several communities, written by their members, with real text that exports', async () => {
    const documents = await prisma.document.findMany({
      where: { communityId: { not: null } },
      include: { community: { include: { memberships: true } }, versions: true },
    })
    expect(new Set(documents.map((d) => d.communityId)).size).toBeGreaterThanOrEqual(3)
    for (const d of documents) {
      const memberIds = new Set(d.community!.memberships.map((m) => m.userId))
      expect(memberIds.has(d.createdById!), d.title).toBe(true)
      const markdown = await exportDocument(d.id, 'markdown')
      expect(markdown?.length, d.title).toBeGreaterThan(200)
      expect(markdown).toMatch(/^# /m)
    }
    expect(documents.some((d) => d.versions.length > 0)).toBe(true)
  })
})

describe('the demo masterclasses', () => {
  test('show every state: upcoming and past, full with a waitlist, online, cancelled, draft; counters consistent', async () => {
    const now = new Date()
    const masterclasses = await prisma.masterclass.findMany({
      include: { registrations: true, facilitators: true, feedback: true, notesDocument: true },
    })
    expect(masterclasses.length).toBeGreaterThanOrEqual(5)
    expect(masterclasses.some((m) => m.status === 'published' && m.startsAt > now)).toBe(true)
    expect(masterclasses.some((m) => m.endsAt < now)).toBe(true)
    expect(masterclasses.some((m) => m.onlineUrl !== null && m.status === 'published')).toBe(true)
    expect(masterclasses.some((m) => m.status === 'cancelled')).toBe(true)
    expect(masterclasses.some((m) => m.status === 'draft')).toBe(true)
    expect(masterclasses.some((m) => m.communityId !== null)).toBe(true)
    const full = masterclasses.find((m) => m.registrations.some((r) => r.status === 'waitlisted'))
    expect(full?.confirmedCount).toBe(full?.capacity)
    for (const m of masterclasses) {
      const confirmed = m.registrations.filter((r) => r.status === 'confirmed').length
      expect(m.confirmedCount, m.title).toBe(confirmed)
      expect(confirmed, m.title).toBeLessThanOrEqual(m.capacity)
      expect(m.registrationSeq, m.title).toBeGreaterThanOrEqual(Math.max(0, ...m.registrations.map((r) => r.queueNumber)))
      expect(m.facilitators.length, m.title).toBeGreaterThanOrEqual(1)
      expect(m.notesDocument?.masterclassId, m.title).toBe(m.id)
    }
    const past = masterclasses.find((m) => m.endsAt < now)!
    expect(past.registrations.some((r) => r.attended === true)).toBe(true)
    expect(past.feedback.length).toBeGreaterThanOrEqual(2)
  })
})

describe('the demo peer groups', () => {
  test('a published grouping in a community and in a masterclass: everyone once, sizes in bounds, documents, history', async () => {
    const groupings = await prisma.peerGrouping.findMany({
      include: {
        community: { include: { memberships: true } },
        masterclass: { include: { registrations: true } },
        groups: { include: { members: true, document: true } },
      },
    })
    expect(groupings.filter((g) => g.communityId !== null)).toHaveLength(1)
    expect(groupings.filter((g) => g.masterclassId !== null)).toHaveLength(1)
    for (const g of groupings) {
      expect(g.status).toBe('published')
      const grouped = g.groups.flatMap((group) => group.members.map((m) => m.userId)).sort()
      const participants = g.community
        ? g.community.memberships.filter((m) => m.role === 'member').map((m) => m.userId)
        : g.masterclass!.registrations.filter((r) => r.status === 'confirmed').map((r) => r.userId)
      expect(grouped).toEqual(participants.sort())
      for (const group of g.groups) {
        expect(group.members.length).toBeGreaterThanOrEqual(g.minSize)
        expect(group.members.length).toBeLessThanOrEqual(g.maxSize)
        expect(group.document?.peerGroupId).toBe(group.id)
        expect(await exportDocument(group.documentId!, 'markdown')).toMatch(/^# Peergroep/m)
        const n = group.members.length
        expect(await prisma.peerMatch.count({ where: { peerGroupId: group.id } })).toBe((n * (n - 1)) / 2)
      }
    }
    // Someone changed phase since (from the demo's phase history), so the pages show who has moved on.
    const members = await prisma.peerGroupMember.findMany({ include: { user: true } })
    expect(members.some((m) => m.phaseIdAtPublish !== m.user.phaseId)).toBe(true)
  })
})

describe('peer matching in the demo', () => {
  test('has at least five opted-in members in every phase', () => {
    for (const phase of PHASES) {
      const opted = members.filter((m) => m.matchingOptIn && m.phase?.slug === phase.slug)
      expect(opted.length, phase.slug).toBeGreaterThanOrEqual(5)
    }
  })

  test('shows the demo login fitting peers, people one phase ahead and an introduction request', async () => {
    const admin = await prisma.user.findFirstOrThrow({ where: { role: 'admin' }, select: { id: true, email: true } })
    const me = await peerProfileOf(admin.id)
    const { peers, ahead } = await suggestPeers(me!, {}, 'nl')
    expect(peers.length).toBeGreaterThanOrEqual(5)
    expect(peers[0]!.reasons.map((r) => r.term)).toEqual(expect.arrayContaining(['position', 'samePhase']))
    expect(ahead.length).toBeGreaterThanOrEqual(3)
    expect(ahead.every((s) => s.reasons.some((r) => r.term === 'phaseAhead'))).toBe(true)

    const { received } = await listIntroductions(admin.id)
    expect(received).toHaveLength(1)
    const requester = await peerProfileOf(received[0]!.person.id)
    expect(requester?.optedIn).toBe(true)
    expect(requester?.phaseRank).toBe(me!.phaseRank! - 1)
    expect(requester?.positionId).toBe(me!.positionId)
    expect(await prisma.notification.count({ where: { userId: admin.id, kind: 'introduction_request' } })).toBe(1)
  })
})
