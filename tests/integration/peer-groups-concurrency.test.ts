// Facilitators acting on one draft at the same moment (ADR 0011's reasoning,
// applied to groupings): every transaction on a draft first claims it with a
// conditional write, so the loser answers "no draft" instead of a database
// error, and nothing is written twice. In one process our adapter serialises
// transactions, so the other connection — a worker thread holding the write
// lock, as a second process would — is what shows the difference.
import { Worker } from 'node:worker_threads'
import { beforeAll, describe, expect, it } from 'vitest'
import { publishGrouping } from '~/services/peer-group-publish.server'
import { discardDraft, moveToGroup, proposeGrouping, type GroupingOwnerKey } from '~/services/peer-groups.server'
import { sqliteFilePath } from '~/utils/database-url'
import { prepareDatabase, prisma } from '~/utils/db.server'
import { UserInputError } from '~/utils/errors'
import { makeCommunity, makeMasterclass, makeUser } from '../factories'
import { makePeople } from '../support/peer-groups'

// As the server runs it: WAL, so readers do not wait for a writer (the test template is not in WAL mode).
beforeAll(() => prepareDatabase())

const settings = { minSize: 2, maxSize: 3, rule: 'samePhaseMixedTypes' }

async function communityDraft(count = 6, sizes: { minSize: number; maxSize: number } = settings) {
  const facilitator = await makeUser({ role: 'facilitator' })
  const people = await makePeople(count)
  const community = await makeCommunity({ facilitators: [facilitator.id], members: people.map((p) => p.id) })
  const owner: GroupingOwnerKey = { communityId: community.id }
  const { id } = await proposeGrouping(owner, { ...settings, ...sizes }, facilitator.id)
  const context = { ownerName: community.name, publishedById: facilitator.id }
  return { owner, id, people, context }
}

/** The error's i18n key when it is a UserInputError, else the error itself (a database error: a 5xx). */
async function outcome(work: Promise<unknown>): Promise<string | unknown> {
  try {
    await work
    return 'ok'
  } catch (error) {
    return error instanceof UserInputError ? error.message : error
  }
}

describe('two facilitators at once, in one process', () => {
  it('two publishes: exactly one publishes, the other hears there is no draft; the pairs are written once', async () => {
    const { owner, id, context } = await communityDraft(6)
    const results = await Promise.all([
      outcome(publishGrouping(owner, id, context)),
      outcome(publishGrouping(owner, id, context)),
    ])
    expect(results.sort()).toEqual(['groups.errors.noDraft', 'ok'])
    const groups = await prisma.peerGroup.findMany({ where: { groupingId: id } })
    // Six people in groups of 2–3: 6 or 3 pairs in all, each once.
    const matches = await prisma.peerMatch.findMany({ where: { peerGroupId: { in: groups.map((g) => g.id) } } })
    expect(new Set(matches.map((m) => `${m.userAId}|${m.userBId}`)).size).toBe(matches.length)
    expect(matches.length).toBeGreaterThan(0)
    expect(await prisma.document.count({ where: { peerGroupId: { in: groups.map((g) => g.id) } } })).toBe(groups.length)
  })

  it('a publish and a move: the move lands before publishing or hears there is no draft; either way all is consistent', async () => {
    // Groups of 2–4: three and three, and a move from one to the other keeps both within the bounds.
    const { owner, id, context } = await communityDraft(6, { minSize: 2, maxSize: 4 })
    const draft = await prisma.peerGroup.findMany({
      where: { groupingId: id },
      include: { members: true },
      orderBy: { number: 'asc' },
    })
    expect(draft.map((g) => g.members.length)).toEqual([3, 3])
    const mover = draft[0]!.members[0]!.userId
    const [published, moved] = await Promise.all([
      outcome(publishGrouping(owner, id, context)),
      outcome(moveToGroup(owner, { groupingId: id, userId: mover, to: 2 })),
    ])
    expect(published).toBe('ok')
    expect(['ok', 'groups.errors.noDraft']).toContain(moved)
    const grouping = await prisma.peerGrouping.findUniqueOrThrow({
      where: { id },
      include: { groups: { orderBy: { number: 'asc' }, include: { members: true } } },
    })
    expect(grouping.status).toBe('published')
    expect(grouping.groups.map((g) => g.members.length)).toEqual(moved === 'ok' ? [2, 4] : [3, 3])
    expect(grouping.groups.every((g) => g.documentId !== null)).toBe(true)
    // The match history holds exactly the published groups' pairs.
    const pairs = grouping.groups.reduce((sum, g) => sum + (g.members.length * (g.members.length - 1)) / 2, 0)
    expect(await prisma.peerMatch.count({ where: { peerGroupId: { in: grouping.groups.map((g) => g.id) } } })).toBe(pairs)
  })
})

/**
 * Another connection (a worker thread, so that our synchronous connection's
 * busy wait does not block it) takes the write lock, waits `holdMs`, runs
 * `sql` and commits: another process changing the draft while we start.
 */
async function otherConnection(sql: string, params: unknown[], holdMs = 300): Promise<{ done: Promise<void> }> {
  const file = sqliteFilePath(process.env.DATABASE_URL!)
  // 1 once the worker holds the lock, 2 once it committed (shared memory: messages can arrive late).
  const state = new Int32Array(new SharedArrayBuffer(4))
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads')
     const Database = require('better-sqlite3')
     const db = new Database(workerData.file, { timeout: 5000 })
     db.exec('BEGIN IMMEDIATE')
     Atomics.store(workerData.state, 0, 1)
     setTimeout(() => {
       db.prepare(workerData.sql).run(...workerData.params)
       db.exec('COMMIT')
       db.close()
       Atomics.store(workerData.state, 0, 2)
     }, workerData.holdMs)`,
    { eval: true, workerData: { file, sql, params, holdMs, state } },
  )
  let failed: unknown = null
  worker.on('error', (error) => (failed = error))
  const until = async (value: number) => {
    while (Atomics.load(state, 0) < value) {
      if (failed) throw failed
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
  }
  await until(1)
  // In an object: an async function returning a bare promise would wait for it.
  return { done: until(2).then(() => worker.terminate().then(() => undefined)) }
}

describe('another process changes the draft while a facilitator acts', () => {
  const publishedElsewhere = `UPDATE "PeerGrouping" SET "status" = 'published' WHERE "id" = ?`

  it('publish waits for it and answers "no draft" (a read first would fail with SQLITE_BUSY_SNAPSHOT)', async () => {
    const { owner, id, context } = await communityDraft(4)
    const { done } = await otherConnection(publishedElsewhere, [id])
    expect(await outcome(publishGrouping(owner, id, context))).toBe('groups.errors.noDraft')
    await done
    expect(
      await prisma.peerMatch.count({
        where: { peerGroupId: { in: (await prisma.peerGroup.findMany({ where: { groupingId: id } })).map((g) => g.id) } },
      }),
    ).toBe(0)
  })

  it('move and discard likewise', async () => {
    const { owner, id, people } = await communityDraft(4)
    let { done } = await otherConnection(publishedElsewhere, [id])
    expect(await outcome(moveToGroup(owner, { groupingId: id, userId: people[0]!.id, to: 'new' }))).toBe('groups.errors.noDraft')
    await done
    const second = await communityDraft(4)
    ;({ done } = await otherConnection(publishedElsewhere, [second.id]))
    expect(await outcome(discardDraft(second.owner, second.id))).toBe('groups.errors.noDraft')
    await done
  })

  it('a proposal for a masterclass waits for the other connection and then replaces the draft', async () => {
    const facilitator = await makeUser({ role: 'facilitator' })
    const m = await makeMasterclass({ facilitators: [facilitator.id], capacity: 10 })
    const owner: GroupingOwnerKey = { masterclassId: m.id }
    const { register } = await import('~/services/registrations.server')
    for (const p of await makePeople(4)) await register(m.id, p.id)
    const first = await proposeGrouping(owner, settings, facilitator.id)
    const { done } = await otherConnection(`UPDATE "PeerGrouping" SET "rule" = 'samePosition' WHERE "id" = ?`, [first.id])
    expect(await outcome(proposeGrouping(owner, settings, facilitator.id))).toBe('ok')
    await done
    expect(await prisma.peerGrouping.count({ where: { masterclassId: m.id, status: 'draft' } })).toBe(1)
  })
})
