// Who is mailed, when and how often: nobody while a masterclass is a draft
// (each hears once when it is published); changes that mail many people —
// a capacity raised by hundreds, a masterclass with a thousand registrations
// cancelled — commit compact jobs with the change and render them after it,
// each person getting exactly one mail; a job whose rendering never happened
// (the process stopped after the commit) is rendered and sent by the worker.
import { randomUUID } from 'node:crypto'
import { describe, expect, test, vi } from 'vitest'
import { processMailQueue } from '~/services/mail.server'
import { queueMasterclassJobs } from '~/services/masterclass-mail.server'
import { cancelMasterclass, parseMasterclassInput, publishMasterclass, updateMasterclass } from '~/services/masterclasses.server'
import { UserInputError } from '~/utils/errors'
import { addRegistration } from '~/services/registrations.server'
import { utcToAmsterdamLocal } from '~/utils/amsterdam-time'
import { prisma } from '~/utils/db.server'
import { actorOf, makeMasterclass, makeUser } from '../factories'

const subjectsTo = async (email: string) =>
  (await prisma.mailMessage.findMany({ where: { to: email }, orderBy: { createdAt: 'asc' } })).map((m) => m.subject)

async function formOf(id: string) {
  const m = await prisma.masterclass.findUniqueOrThrow({ where: { id } })
  return {
    title: m.title,
    startsAt: utcToAmsterdamLocal(m.startsAt),
    endsAt: utcToAmsterdamLocal(m.endsAt),
    location: m.location ?? '',
    capacity: m.capacity,
  }
}

// First: the worker sends everything queued so far, and this file queues thousands later.
test('a job committed but never rendered (the process stopped) is rendered and sent by the next pass of the worker, once', async () => {
  const m = await makeMasterclass()
  const user = await makeUser()
  await prisma.$transaction((tx) => queueMasterclassJobs(tx, 'changed', m.id, [{ ...user, locale: 'en', deletedAt: null }]))
  const [pending] = await prisma.mailMessage.findMany({ where: { to: user.email } })
  expect(pending).toMatchObject({ status: 'pending' })

  // A pass of the worker renders what is pending once nothing else is due, and sends it.
  await processMailQueue()
  const [sent] = await prisma.mailMessage.findMany({ where: { to: user.email } })
  expect(sent).toMatchObject({ id: pending!.id, status: 'sent', subject: `Changed: ${m.title}` })
  expect(sent!.attachments).toContain('masterclass.ics')
  expect(await processMailQueue()).toBe(0)
  expect(await prisma.mailMessage.count({ where: { to: user.email } })).toBe(1)
})

describe('a draft', () => {
  test('mails nobody while it is a draft; publishing sends each person their mail once', async () => {
    const facilitator = actorOf(await makeUser({ role: 'facilitator' }))
    const m = await makeMasterclass({ status: 'draft', capacity: 1, facilitators: [facilitator.id] })
    const [a, b, c] = [await makeUser(), await makeUser(), await makeUser()]
    expect(await addRegistration(m.id, a.id, facilitator.id)).toEqual({ status: 'confirmed' })
    expect(await addRegistration(m.id, b.id, facilitator.id)).toEqual({ status: 'waitlisted', position: 1 })
    expect(await addRegistration(m.id, c.id, facilitator.id)).toEqual({ status: 'waitlisted', position: 2 })
    // A new time for the draft: still nobody to tell.
    await updateMasterclass(m.id, facilitator, {
      ...(await formOf(m.id)),
      startsAt: utcToAmsterdamLocal(new Date(m.startsAt.getTime() + 3600_000)),
    })
    for (const u of [a, b, c]) expect(await subjectsTo(u.email)).toEqual([])

    await publishMasterclass(m.id)
    expect(await subjectsTo(a.email)).toEqual([`Inschrijving bevestigd: ${m.title}`])
    expect(await subjectsTo(b.email)).toEqual([`Op de wachtlijst: ${m.title}`])
    expect(await subjectsTo(c.email)).toEqual([`Op de wachtlijst: ${m.title}`])
    const [confirmation] = await prisma.mailMessage.findMany({ where: { to: a.email } })
    expect(confirmation!.attachments).toContain('masterclass.ics')
    const [second] = await prisma.mailMessage.findMany({ where: { to: c.email } })
    expect(second!.text).toContain('plaats 2')
    // Confirmed in a published masterclass now: the reminder is still due the day before.
    expect((await prisma.registration.findFirstOrThrow({ where: { masterclassId: m.id, userId: a.id } })).remindedAt).toBeNull()
  })

  test('cancelling a draft mails nobody (they were never told about it)', async () => {
    const facilitator = actorOf(await makeUser({ role: 'facilitator' }))
    const m = await makeMasterclass({ status: 'draft', facilitators: [facilitator.id] })
    const a = await makeUser()
    await addRegistration(m.id, a.id, facilitator.id)
    await cancelMasterclass(m.id)
    expect(await subjectsTo(a.email)).toEqual([])
  })
})

/** A published masterclass with `confirmed` seats taken and `waiting` people in line, written directly. */
async function crowded(capacity: number, confirmed: number, waiting: number) {
  // On the minute, as the form gives it: otherwise saving the form would move it.
  const m = await makeMasterclass({ capacity, startsAt: new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 7 * 24 * 3600_000) })
  const tag = randomUUID().slice(0, 8)
  const people = Array.from({ length: confirmed + waiting }, (_, i) => ({
    id: randomUUID(),
    name: `Deelnemer ${i}`,
    email: `bulk-${tag}-${i}@example.nl`,
  }))
  await prisma.user.createMany({ data: people })
  await prisma.registration.createMany({
    data: people.map((p, i) => ({
      masterclassId: m.id,
      userId: p.id,
      status: i < confirmed ? 'confirmed' : 'waitlisted',
      queueNumber: i + 1,
    })),
  })
  await prisma.masterclass.update({
    where: { id: m.id },
    data: { confirmedCount: confirmed, registrationSeq: people.length },
  })
  return { m, people, tag }
}

/**
 * The longest that `op`'s transactions held the database lock (the time
 * inside prisma.$transaction's callback and its commit), observed, not
 * replaced.
 */
async function longestTransactionMs(op: () => Promise<unknown>): Promise<number> {
  const original = prisma.$transaction.bind(prisma) as (...args: unknown[]) => Promise<unknown>
  let longest = 0
  const spy = vi.spyOn(prisma, '$transaction').mockImplementation(((...args: unknown[]) => {
    const started = performance.now()
    return original(...args).finally(() => (longest = Math.max(longest, performance.now() - started)))
  }) as never)
  try {
    await op()
  } finally {
    spy.mockRestore()
  }
  return longest
}

async function mailCounts(tag: string) {
  const rows = await prisma.mailMessage.groupBy({
    by: ['to', 'subject', 'status'],
    where: { to: { startsWith: `bulk-${tag}-` } },
    _count: { _all: true },
  })
  return rows
}

describe('many at once', () => {
  test('the capacity is at most 1,000: a raise by all of it is what the test below holds', () => {
    const form = { title: 'Groot', startsAt: '2027-05-10T10:00', endsAt: '2027-05-10T12:00', location: 'Ahoy' }
    expect(parseMasterclassInput({ ...form, capacity: 1000 }).capacity).toBe(1000)
    expect(() => parseMasterclassInput({ ...form, capacity: 1001 })).toThrow(UserInputError)
  })

  test(
    'raising the capacity from 5 to 1,000 with 1,000 waiting, then cancelling: one mail each, every time',
    { timeout: 120_000 },
    async () => {
      const facilitator = actorOf(await makeUser({ role: 'facilitator' }))
      const { m, people, tag } = await crowded(5, 5, 1000)
      await prisma.masterclassFacilitator.create({ data: { masterclassId: m.id, userId: facilitator.id } })

      const form = await formOf(m.id)
      const raise = await longestTransactionMs(() => updateMasterclass(m.id, facilitator, { ...form, capacity: 1000 }))
      const after = await prisma.masterclass.findUniqueOrThrow({ where: { id: m.id } })
      expect(after.confirmedCount).toBe(1000)
      expect(await prisma.registration.count({ where: { masterclassId: m.id, status: 'confirmed' } })).toBe(1000)
      // The first 995 in line moved up, in order; the last five still wait.
      const waiting = await prisma.registration.findMany({
        where: { masterclassId: m.id, status: 'waitlisted' },
        orderBy: { queueNumber: 'asc' },
      })
      expect(waiting.map((r) => r.queueNumber)).toEqual([1001, 1002, 1003, 1004, 1005])
      let counts = await mailCounts(tag)
      expect(counts.every((c) => c._count._all === 1 && c.status === 'queued')).toBe(true)
      expect(counts.map((c) => c.to).sort()).toEqual(
        people
          .slice(5, 1000)
          .map((p) => p.email)
          .sort(),
      )
      expect(new Set(counts.map((c) => c.subject))).toEqual(new Set([`Er is een plaats vrijgekomen: ${m.title}`]))
      expect(
        await prisma.notification.count({
          where: { kind: 'masterclass_promoted', user: { email: { startsWith: `bulk-${tag}-` } } },
        }),
      ).toBe(995)

      const cancel = await longestTransactionMs(() => cancelMasterclass(m.id))
      // Each a handful of statements under the lock (rendering comes after the commit): on the
      // 2-core test machine about 0.7–0.9 s; the per-person loop before took 10 s for the raise,
      // at Prisma's 10 s transaction timeout.
      expect(raise).toBeLessThan(3000)
      expect(cancel).toBeLessThan(3000)
      counts = await mailCounts(tag)
      const cancelled = counts.filter((c) => c.subject === `Geannuleerd: ${m.title}`)
      expect(cancelled).toHaveLength(1005)
      expect(cancelled.every((c) => c._count._all === 1 && c.status === 'queued')).toBe(true)
      expect(await prisma.mailMessage.count({ where: { to: { startsWith: `bulk-${tag}-` }, status: 'pending' } })).toBe(0)
    },
  )
})
