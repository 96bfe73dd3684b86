// The masterclass domain through its services on a real SQLite database:
// registration and the waitlist, cancellations that promote, capacity
// changes, the form's rules, attendance, feedback, reminders and notes access.
import { describe, expect, test } from 'vitest'
import { documentAccess } from '~/services/documents.server'
import { feedbackSummary, giveFeedback } from '~/services/masterclass-feedback.server'
import { listAttendees, listMasterclasses } from '~/services/masterclass-queries.server'
import { sendDueReminders } from '~/services/masterclass-reminders.server'
import {
  cancelMasterclass,
  createMasterclass,
  publishMasterclass,
  updateMasterclass,
  type MasterclassFormInput,
} from '~/services/masterclasses.server'
import { addRegistration, cancelRegistration, markAttendance, myRegistration, register } from '~/services/registrations.server'
import { utcToAmsterdamLocal } from '~/utils/amsterdam-time'
import { deleteAccount } from '~/services/profile.server'
import { prisma } from '~/utils/db.server'
import { UserInputError } from '~/utils/errors'
import { actorOf, makeCommunity, makeMasterclass, makeUser, taxonomyId } from '../factories'

const HOUR = 3600_000
const DAY = 24 * HOUR

async function members(n: number) {
  const out = []
  for (let i = 0; i < n; i++) out.push(await makeUser())
  return out
}

const mailsTo = (email: string) => prisma.mailMessage.findMany({ where: { to: email }, orderBy: { createdAt: 'asc' } })

async function refusal(promise: Promise<unknown>): Promise<{ field: string | null; code: string }> {
  try {
    await promise
  } catch (error) {
    if (error instanceof UserInputError) return { field: error.field, code: error.code }
    throw error
  }
  throw new Error('expected a UserInputError')
}

describe('registering', () => {
  test('confirmed while seats are left, then waitlisted with its position; mails in the queue', async () => {
    const m = await makeMasterclass({ capacity: 2 })
    const [a, b, c, d] = await members(4)
    expect(await register(m.id, a!.id)).toEqual({ status: 'confirmed' })
    expect(await register(m.id, b!.id)).toEqual({ status: 'confirmed' })
    expect(await register(m.id, c!.id)).toEqual({ status: 'waitlisted', position: 1 })
    expect(await register(m.id, d!.id)).toEqual({ status: 'waitlisted', position: 2 })
    expect(await myRegistration(m.id, d!.id)).toMatchObject({ status: 'waitlisted', position: 2 })

    const [confirmation] = await mailsTo(a!.email)
    expect(confirmation!.subject).toBe(`Inschrijving bevestigd: ${m.title}`)
    expect(JSON.parse(confirmation!.attachments!)).toEqual([
      expect.objectContaining({ filename: 'masterclass.ics', contentType: 'text/calendar' }),
    ])
    const [waitlisted] = await mailsTo(d!.email)
    expect(waitlisted!.text).toContain('plaats 2')
    expect((await prisma.masterclass.findUniqueOrThrow({ where: { id: m.id } })).confirmedCount).toBe(2)
  })

  test('registering twice is refused; again after cancelling goes to the end of the line', async () => {
    const m = await makeMasterclass({ capacity: 1 })
    const [a, b, c] = await members(3)
    await register(m.id, a!.id)
    await register(m.id, b!.id)
    expect(await refusal(register(m.id, b!.id))).toEqual({ field: null, code: 'masterclasses.errors.alreadyRegistered' })
    expect(await refusal(register(m.id, a!.id))).toMatchObject({ code: 'masterclasses.errors.alreadyRegistered' })
    await register(m.id, c!.id)
    // b cancels and comes back: behind c now.
    await cancelRegistration(m.id, b!.id)
    expect(await register(m.id, b!.id)).toEqual({ status: 'waitlisted', position: 2 })
    expect(await prisma.registration.count({ where: { masterclassId: m.id, userId: b!.id } })).toBe(1)
    expect(await myRegistration(m.id, c!.id)).toMatchObject({ position: 1 })
  })

  test('refused with the reason for a draft, a cancelled one, outside the window and after the start', async () => {
    const user = await makeUser()
    const now = new Date()
    const cases: Array<[Parameters<typeof makeMasterclass>[0], string]> = [
      [{ status: 'draft' }, 'masterclasses.errors.notPublished'],
      [{ status: 'cancelled' }, 'masterclasses.errors.cancelled'],
      [{ registrationOpensAt: new Date(now.getTime() + DAY) }, 'masterclasses.errors.notOpenYet'],
      [{ registrationClosesAt: new Date(now.getTime() - HOUR) }, 'masterclasses.errors.registrationClosed'],
      [{ startsAt: new Date(now.getTime() - HOUR) }, 'masterclasses.errors.registrationClosed'],
    ]
    for (const [options, code] of cases) {
      const m = await makeMasterclass(options)
      expect(await refusal(register(m.id, user.id, now))).toEqual({ field: null, code })
      expect(await prisma.registration.count({ where: { masterclassId: m.id } })).toBe(0)
    }
    expect(await refusal(register('no-such-masterclass', user.id))).toMatchObject({ code: 'masterclasses.errors.notFound' })
  })

  test('a cancellation promotes the first on the waitlist in order, and tells them (mail + notification)', async () => {
    const m = await makeMasterclass({ capacity: 2 })
    const [a, b, c, d] = await members(4)
    for (const u of [a, b, c, d]) await register(m.id, u!.id)
    expect(await cancelRegistration(m.id, a!.id)).toEqual([c!.id])
    expect(await myRegistration(m.id, c!.id)).toMatchObject({ status: 'confirmed', position: null })
    expect(await myRegistration(m.id, d!.id)).toMatchObject({ status: 'waitlisted', position: 1 })
    expect((await mailsTo(c!.email)).map((x) => x.subject)).toEqual([
      `Op de wachtlijst: ${m.title}`,
      `Er is een plaats vrijgekomen: ${m.title}`,
    ])
    expect(await prisma.notification.findMany({ where: { userId: c!.id }, select: { kind: true, link: true } })).toEqual([
      { kind: 'masterclass_promoted', link: `/masterclasses/${m.id}` },
    ])
    // A waitlisted person cancelling promotes nobody.
    expect(await cancelRegistration(m.id, d!.id)).toEqual([])
    expect(await refusal(cancelRegistration(m.id, d!.id))).toMatchObject({ code: 'masterclasses.errors.notRegistered' })
    expect((await prisma.masterclass.findUniqueOrThrow({ where: { id: m.id } })).confirmedCount).toBe(2)
  })

  test('a facilitator adding someone to a full masterclass waitlists them; raising the capacity promotes in order', async () => {
    const facilitator = actorOf(await makeUser({ role: 'facilitator' }))
    const m = await makeMasterclass({ capacity: 1, facilitators: [facilitator.id] })
    const [a, b, c] = await members(3)
    await register(m.id, a!.id)
    expect(await addRegistration(m.id, b!.id, facilitator.id)).toEqual({ status: 'waitlisted', position: 1 })
    await addRegistration(m.id, c!.id, facilitator.id)
    const form = await formOf(m.id)
    expect(await refusal(updateMasterclass(m.id, facilitator, { ...form, capacity: '0' }))).toEqual({
      field: 'capacity',
      code: 'masterclasses.errors.capacityMin',
    })
    await updateMasterclass(m.id, facilitator, { ...form, capacity: '2' })
    expect(await myRegistration(m.id, b!.id)).toMatchObject({ status: 'confirmed' })
    expect(await myRegistration(m.id, c!.id)).toMatchObject({ status: 'waitlisted', position: 1 })
    // Lowering below the confirmed count (2) is refused, with the count in the message.
    expect(await refusal(updateMasterclass(m.id, facilitator, { ...form, capacity: '1' }))).toEqual({
      field: 'capacity',
      code: 'masterclasses.errors.capacityBelowConfirmed?count=2',
    })
    expect((await prisma.masterclass.findUniqueOrThrow({ where: { id: m.id } })).capacity).toBe(2)
    const { confirmed, waitlist } = await listAttendees(m.id)
    expect(confirmed.map((r) => r.user.id).sort()).toEqual([a!.id, b!.id].sort())
    expect(waitlist.map((r) => [r.user.id, r.position])).toEqual([[c!.id, 1]])
  })
})

test('publishing a draft moves people a facilitator waitlisted up to seats added meanwhile; each hears once, then', async () => {
  const facilitator = actorOf(await makeUser({ role: 'facilitator' }))
  const m = await makeMasterclass({ status: 'draft', capacity: 1, facilitators: [facilitator.id] })
  const [a, b] = await members(2)
  expect(await addRegistration(m.id, a!.id, facilitator.id)).toEqual({ status: 'confirmed' })
  expect(await addRegistration(m.id, b!.id, facilitator.id)).toEqual({ status: 'waitlisted', position: 1 })
  await updateMasterclass(m.id, facilitator, { ...(await formOf(m.id)), capacity: 2 })
  expect(await myRegistration(m.id, b!.id)).toMatchObject({ status: 'waitlisted' }) // a draft promotes nobody
  await publishMasterclass(m.id)
  expect(await myRegistration(m.id, b!.id)).toMatchObject({ status: 'confirmed' })
  // Nobody was mailed about the draft; publishing sends each their confirmation once.
  for (const u of [a!, b!]) {
    expect((await mailsTo(u.email)).map((mail) => mail.subject)).toEqual([`Inschrijving bevestigd: ${m.title}`])
  }
})

/** The form values that describe a masterclass as it is now. */
async function formOf(id: string): Promise<MasterclassFormInput> {
  const m = await prisma.masterclass.findUniqueOrThrow({ where: { id } })
  return {
    title: m.title,
    description: m.description,
    startsAt: utcToAmsterdamLocal(m.startsAt),
    endsAt: utcToAmsterdamLocal(m.endsAt),
    location: m.location ?? '',
    onlineUrl: m.onlineUrl ?? '',
    capacity: String(m.capacity),
  }
}

describe('creating and editing', () => {
  const valid: MasterclassFormInput = {
    title: 'Bodem in het omgevingsplan',
    description: 'Hoe **bodem** een plek krijgt.',
    startsAt: '2027-03-10T13:30',
    endsAt: '2027-03-10T16:30',
    location: 'Provinciehuis Utrecht',
    capacity: '25',
    registrationClosesAt: '2027-03-09T12:00',
  }

  test('a facilitator creates a draft in Amsterdam time, with its notes document; a member may not', async () => {
    const facilitator = actorOf(await makeUser({ role: 'facilitator' }))
    const co = await makeUser({ role: 'facilitator' })
    const { id } = await createMasterclass(facilitator, { ...valid, facilitatorIds: [co.id] })
    const m = await prisma.masterclass.findUniqueOrThrow({ where: { id }, include: { facilitators: true } })
    expect(m).toMatchObject({ status: 'draft', capacity: 25, sequence: 0 })
    expect(m.startsAt.toISOString()).toBe('2027-03-10T12:30:00.000Z') // CET, +1
    expect(m.facilitators.map((f) => f.userId).sort()).toEqual([facilitator.id, co.id].sort())
    const notes = await prisma.document.findUniqueOrThrow({ where: { id: m.notesDocumentId! } })
    expect(notes).toMatchObject({ masterclassId: id, communityId: null })
    const member = await makeUser()
    expect(await refusal(createMasterclass(actorOf(member), valid))).toMatchObject({ code: 'errors.forbiddenText' })
  })

  test('bad input: a translated error on its field and nothing saved', async () => {
    const facilitator = actorOf(await makeUser({ role: 'facilitator' }))
    const before = await prisma.masterclass.count()
    const documentsBefore = await prisma.document.count()
    const cases: Array<[MasterclassFormInput, string, string]> = [
      [{ ...valid, endsAt: '2027-03-10T12:00' }, 'endsAt', 'masterclasses.errors.endBeforeStart'],
      [{ ...valid, capacity: '0' }, 'capacity', 'masterclasses.errors.capacityMin'],
      [{ ...valid, capacity: '-5' }, 'capacity', 'masterclasses.errors.capacityMin'],
      [{ ...valid, capacity: 'veel' }, 'capacity', 'masterclasses.errors.capacityMin'],
      [
        { ...valid, registrationClosesAt: '2027-03-10T14:00' },
        'registrationClosesAt',
        'masterclasses.errors.windowClosesAfterStart',
      ],
      [
        { ...valid, registrationOpensAt: '2027-03-09T13:00' },
        'registrationOpensAt',
        'masterclasses.errors.windowOpensAfterClose',
      ],
      [{ ...valid, description: 'x'.repeat(10 * 1024 * 1024) }, 'description', 'errors.tooLong?max=20000'],
      [{ ...valid, startsAt: '10-03-2027 13:30' }, 'startsAt', 'masterclasses.errors.invalidDateTime'],
      [{ ...valid, location: '', onlineUrl: '' }, 'location', 'masterclasses.errors.placeRequired'],
      [{ ...valid, onlineUrl: 'javascript:alert(1)' }, 'onlineUrl', 'masterclasses.errors.onlineUrlInvalid'],
    ]
    for (const [input, field, code] of cases) {
      expect(await refusal(createMasterclass(facilitator, input))).toEqual({ field, code })
    }
    expect(await prisma.masterclass.count()).toBe(before)
    expect(await prisma.document.count()).toBe(documentsBefore)
  })

  test('a community masterclass needs someone who runs that community', async () => {
    const facilitator = actorOf(await makeUser({ role: 'facilitator' }))
    const community = await makeCommunity()
    expect(await refusal(createMasterclass(facilitator, { ...valid, communityId: community.id }))).toEqual({
      field: 'communityId',
      code: 'masterclasses.errors.communityNotAllowed',
    })
    const own = await makeCommunity({ facilitators: [facilitator.id] })
    await expect(createMasterclass(facilitator, { ...valid, communityId: own.id })).resolves.toHaveProperty('id')
  })

  test('publishing, title and time raise SEQUENCE; a change of time mails the registered; cancelling tells everyone', async () => {
    const facilitator = actorOf(await makeUser({ role: 'facilitator' }))
    const { id } = await createMasterclass(facilitator, { ...valid, capacity: '1' })
    await publishMasterclass(id)
    expect(await refusal(publishMasterclass(id))).toMatchObject({ code: 'masterclasses.errors.alreadyPublished' })
    const [a, b] = await members(2)
    const now = new Date('2027-03-01T10:00:00Z')
    await register(id, a!.id, now)
    await register(id, b!.id, now)
    await updateMasterclass(id, facilitator, { ...valid, capacity: '1', title: 'Nieuwe titel' }, now)
    // The title shows in calendars: SEQUENCE rises; nobody is mailed for it.
    expect((await prisma.masterclass.findUniqueOrThrow({ where: { id } })).sequence).toBe(2)
    expect((await mailsTo(b!.email)).map((mail) => mail.subject)).toEqual(['Op de wachtlijst: Bodem in het omgevingsplan'])
    await updateMasterclass(id, facilitator, { ...valid, capacity: '1', startsAt: '2027-03-10T14:00' }, now)
    expect((await prisma.masterclass.findUniqueOrThrow({ where: { id } })).sequence).toBe(3)
    expect((await mailsTo(b!.email)).at(-1)!.subject).toBe('Gewijzigd: Bodem in het omgevingsplan')
    // The confirmed get the new calendar event; the waitlisted (b) only the news.
    expect(JSON.parse((await mailsTo(a!.email)).at(-1)!.attachments!)).toHaveLength(1)
    expect((await mailsTo(b!.email)).at(-1)!.attachments).toBeNull()

    await cancelMasterclass(id, now)
    const m = await prisma.masterclass.findUniqueOrThrow({ where: { id } })
    expect(m).toMatchObject({ status: 'cancelled', sequence: 4 })
    for (const u of [a!, b!]) {
      expect((await mailsTo(u.email)).at(-1)!.subject).toBe('Geannuleerd: Bodem in het omgevingsplan')
      expect(await prisma.notification.count({ where: { userId: u.id, kind: 'masterclass_cancelled' } })).toBe(1)
    }
    expect(await refusal(cancelMasterclass(id, now))).toMatchObject({ code: 'masterclasses.errors.cancelled' })
  })
})

describe('after the event', () => {
  test('attendance only from the start and only for confirmed people; feedback once, editable, summarised', async () => {
    const start = new Date(Date.now() + DAY)
    const m = await makeMasterclass({ capacity: 2, startsAt: start, endsAt: new Date(start.getTime() + 2 * HOUR) })
    const [a, b, c] = await members(3)
    for (const u of [a, b, c]) await register(m.id, u!.id)
    expect(await refusal(markAttendance(m.id, a!.id, true))).toMatchObject({ code: 'masterclasses.errors.notStartedYet' })
    const after = new Date(start.getTime() + 3 * HOUR)
    await markAttendance(m.id, a!.id, true, after)
    await markAttendance(m.id, b!.id, false, after)
    expect(await refusal(markAttendance(m.id, c!.id, true, after))).toMatchObject({ code: 'masterclasses.errors.notConfirmed' })

    expect(await refusal(giveFeedback(m.id, a!.id, { rating: '5' }, start))).toMatchObject({
      code: 'masterclasses.errors.feedbackNotAllowed',
    })
    expect(await refusal(giveFeedback(m.id, a!.id, { rating: '6' }, after))).toEqual({
      field: 'rating',
      code: 'masterclasses.errors.ratingInvalid',
    })
    expect(await refusal(giveFeedback(m.id, c!.id, { rating: '4' }, after))).toMatchObject({
      code: 'masterclasses.errors.feedbackNotAllowed',
    })
    await giveFeedback(m.id, a!.id, { rating: '3', comment: 'Goed' }, after)
    await giveFeedback(m.id, a!.id, { rating: '5', comment: 'Heel goed, achteraf' }, after)
    await giveFeedback(m.id, b!.id, { rating: '4' }, after)
    expect(await feedbackSummary(m.id)).toMatchObject({
      count: 2,
      average: 4.5,
      distribution: [0, 0, 0, 1, 1],
      comments: [expect.objectContaining({ rating: 5, comment: 'Heel goed, achteraf' })],
    })
  })
})

describe('reminders', () => {
  test('sent once the day before, for confirmed people only, and never twice', async () => {
    const now = new Date()
    const m = await makeMasterclass({ capacity: 1, startsAt: new Date(now.getTime() + 3 * DAY) })
    const [a, b] = await members(2)
    await register(m.id, a!.id, now)
    await register(m.id, b!.id, now)
    expect(await sendDueReminders(now)).toBe(0)
    const dayBefore = new Date(m.startsAt.getTime() - 20 * HOUR)
    const [first, second] = await Promise.all([sendDueReminders(dayBefore), sendDueReminders(dayBefore)])
    expect(first + second).toBe(1)
    expect(await sendDueReminders(new Date(dayBefore.getTime() + HOUR))).toBe(0)
    expect((await mailsTo(a!.email)).map((x) => x.subject)).toContain(`Morgen: ${m.title}`)
    expect((await mailsTo(b!.email)).map((x) => x.subject)).not.toContain(`Morgen: ${m.title}`)
  })
})

describe('finding', () => {
  test('drafts only for their facilitators, invite-only communities only for members; recommended with reasons', async () => {
    const facilitator = actorOf(await makeUser({ role: 'facilitator' }))
    const member = await makeUser({ phase: 'planvorming', themes: ['grondwater'] })
    const stranger = await makeUser()
    const closed = await makeCommunity({ visibility: 'invite_only', members: [member.id] })
    const fits = await makeMasterclass({
      title: 'Past',
      phases: ['planvorming'],
      themes: ['grondwater'],
      onlineUrl: 'https://meet.example/x',
    })
    const draft = await makeMasterclass({ title: 'Concept', status: 'draft', facilitators: [facilitator.id] })
    const hidden = await makeMasterclass({ title: 'Besloten', communityId: closed.id })
    const titles = async (actor: Parameters<typeof listMasterclasses>[0], f = {}) =>
      (await listMasterclasses(actor, f)).masterclasses.map((m) => m.id)

    expect(await titles(null)).toEqual(expect.arrayContaining([fits.id]))
    expect(await titles(null)).not.toContain(draft.id)
    expect(await titles(null)).not.toContain(hidden.id)
    expect(await titles({ id: stranger.id, role: 'member' })).not.toContain(hidden.id)
    expect(await titles({ id: member.id, role: 'member' })).toContain(hidden.id)
    expect(await titles({ id: facilitator.id, role: 'facilitator' })).toContain(draft.id)
    expect(await titles({ id: member.id, role: 'member' }, { format: 'online' })).toEqual([fits.id])
    expect(await titles(null, { phaseId: await taxonomyId('transitionPhase', 'planvorming') })).toEqual([fits.id])

    const { recommended } = await listMasterclasses({ id: member.id, role: 'member' })
    expect(recommended[0]).toMatchObject({ id: fits.id, seatsLeft: 20, waitlistLength: 0 })
    expect(recommended[0]!.reasons.map((r) => [r.kind, r.name])).toEqual([
      ['phase', 'Planvorming'],
      ['theme', 'Grondwater'],
    ])
  })

  test('the notes document: facilitators and confirmed participants edit, others are refused', async () => {
    const facilitator = actorOf(await makeUser({ role: 'facilitator' }))
    const { id } = await createMasterclass(facilitator, {
      title: 'Notities',
      startsAt: utcToAmsterdamLocal(new Date(Date.now() + 7 * DAY)),
      endsAt: utcToAmsterdamLocal(new Date(Date.now() + 7 * DAY + 2 * HOUR)),
      location: 'Zwolle',
      capacity: '1',
    })
    const { notesDocumentId } = await prisma.masterclass.findUniqueOrThrow({ where: { id } })
    const [a, b] = await members(2)
    const actor = (u: { id: string }) => ({ id: u.id, role: 'member' as const })
    expect(await documentAccess(notesDocumentId!, actor(a!))).toEqual({ code: 'not_found' }) // still a draft
    await publishMasterclass(id)
    await register(id, a!.id)
    await register(id, b!.id)
    expect(await documentAccess(notesDocumentId!, { id: facilitator.id, role: 'facilitator' })).toEqual({ role: 'editor' })
    expect(await documentAccess(notesDocumentId!, actor(a!))).toEqual({ role: 'editor' })
    expect(await documentAccess(notesDocumentId!, actor(b!))).toEqual({ code: 'forbidden' })
    expect(await documentAccess(notesDocumentId!, null)).toEqual({ code: 'forbidden' })
    await cancelRegistration(id, a!.id)
    expect(await documentAccess(notesDocumentId!, actor(b!))).toEqual({ role: 'editor' }) // promoted
    expect(await documentAccess(notesDocumentId!, actor(a!))).toEqual({ code: 'forbidden' })
  })
})

describe('review fixes', () => {
  test('a registration cannot be cancelled once the masterclass has started', async () => {
    const m = await makeMasterclass({ capacity: 1, startsAt: new Date(Date.now() + 3600_000) })
    const [a, b] = [await makeUser(), await makeUser()]
    await register(m.id, a.id)
    await register(m.id, b.id)
    await prisma.masterclass.update({ where: { id: m.id }, data: { startsAt: new Date(Date.now() - 60_000) } })
    await expect(cancelRegistration(m.id, a.id)).rejects.toMatchObject({ code: 'masterclasses.errors.alreadyStarted' })
    expect((await myRegistration(m.id, a.id))?.status).toBe('confirmed')
    expect((await prisma.masterclass.findUniqueOrThrow({ where: { id: m.id } })).confirmedCount).toBe(1)
  })

  test('deleting an account frees its seat for the first on the waitlist, and its facilitator role', async () => {
    const facilitator = await makeUser({ role: 'facilitator' })
    const m = await makeMasterclass({ capacity: 1, facilitators: [facilitator.id] })
    const [leaving, waiting] = [await makeUser(), await makeUser()]
    await register(m.id, leaving.id)
    await register(m.id, waiting.id)
    await deleteAccount(leaving.id)
    expect((await myRegistration(m.id, leaving.id))?.status).toBe('cancelled')
    expect((await myRegistration(m.id, waiting.id))?.status).toBe('confirmed')
    expect((await prisma.masterclass.findUniqueOrThrow({ where: { id: m.id } })).confirmedCount).toBe(1)
    await deleteAccount(facilitator.id)
    expect(await prisma.masterclassFacilitator.count({ where: { masterclassId: m.id } })).toBe(0)
  })

  test('only facilitators and admins can be made co-facilitator', async () => {
    const creator = await makeUser({ role: 'facilitator' })
    const member = await makeUser()
    const form = {
      title: 'Co-facilitatoren',
      startsAt: '2027-05-10T10:00',
      endsAt: '2027-05-10T12:00',
      location: 'Utrecht',
      capacity: '10',
      facilitatorIds: [member.id],
    }
    await expect(createMasterclass(actorOf(creator), form)).rejects.toMatchObject({
      field: 'facilitatorIds',
      code: 'masterclasses.errors.unknownPerson',
    })
  })
})
