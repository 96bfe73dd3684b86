// The facilitators' masterclass pages: create (a draft), edit (capacity rules,
// Amsterdam times), publish and cancel, and the attendees page (add to a full
// masterclass → waitlist, remove → the next moves up, attendance once started,
// the CSV export).
import { describe, expect, it } from 'vitest'
import { action as attendeesAction, loader as attendeesLoader } from '~/routes/masterclasses.$id.attendees'
import { loader as csvLoader } from '~/routes/masterclasses.$id.attendees[.csv]'
import { action as editAction, loader as editLoader } from '~/routes/masterclasses.$id.edit'
import { action as newAction, loader as newLoader } from '~/routes/masterclasses.new'
import { register } from '~/services/registrations.server'
import { prisma } from '~/utils/db.server'
import { formRequest, getRequest, locationOf, makeLoggedInUser, makeMasterclass, routeArgs, statusOf } from '../factories'

const form = (overrides: Record<string, string | string[]> = {}) => ({
  title: 'Bodem in de omgevingsvisie',
  description: 'Wat je **vandaag** kunt doen.',
  startsAt: '2027-03-10T13:00',
  endsAt: '2027-03-10T16:30',
  location: 'Provinciehuis Utrecht',
  capacity: '25',
  ...overrides,
})

describe('creating a masterclass', () => {
  it('lets a facilitator create a draft with times in Amsterdam time; members get 403', async () => {
    const facilitator = await makeLoggedInUser({ role: 'facilitator' })
    const member = await makeLoggedInUser()
    expect(await statusOf(newLoader(routeArgs(getRequest('/masterclasses/new'), member.context)))).toBe(403)
    expect(await statusOf(newAction(routeArgs(formRequest('/masterclasses/new', form()), member.context)))).toBe(403)

    const location = locationOf(await newAction(routeArgs(formRequest('/masterclasses/new', form()), facilitator.context)))
    const id = /^\/masterclasses\/([^/]+)\/edit\?notice=created$/.exec(location)?.[1]
    const row = await prisma.masterclass.findUniqueOrThrow({ where: { id }, include: { facilitators: true } })
    expect(row).toMatchObject({ status: 'draft', capacity: 25, title: 'Bodem in de omgevingsvisie' })
    // 13:00 in Amsterdam in March (CET, UTC+1) is 12:00 UTC.
    expect(row.startsAt.toISOString()).toBe('2027-03-10T12:00:00.000Z')
    expect(row.facilitators.map((f) => f.userId)).toEqual([facilitator.user.id])
    expect(row.notesDocumentId).not.toBeNull()
  })

  it('refuses bad input with translated errors beside the fields, saving nothing', async () => {
    const facilitator = await makeLoggedInUser({ role: 'facilitator' })
    const before = await prisma.masterclass.count()
    const cases: [Record<string, string>, string, string][] = [
      [{ endsAt: '2027-03-10T12:00' }, 'endsAt', 'masterclasses.errors.endBeforeStart'],
      [{ capacity: '0' }, 'capacity', 'masterclasses.errors.capacityMin'],
      [{ capacity: '-3' }, 'capacity', 'masterclasses.errors.capacityMin'],
      [{ registrationClosesAt: '2027-03-10T14:00' }, 'registrationClosesAt', 'masterclasses.errors.windowClosesAfterStart'],
      [{ description: 'x'.repeat(10 * 1024 * 1024) }, 'description', 'errors.tooLong?max=20000'],
      [{ title: ' ' }, 'title', 'errors.required'],
    ]
    for (const [overrides, field, code] of cases) {
      const result = (await newAction(routeArgs(formRequest('/masterclasses/new', form(overrides)), facilitator.context))) as {
        result: { error: Record<string, string[]> }
      }
      expect(result.result.error[field], field).toEqual([code])
    }
    expect(await prisma.masterclass.count()).toBe(before)
  })
})

describe('editing, publishing and cancelling', () => {
  it('shows the stored values in Amsterdam time and refuses a capacity below the confirmed count', async () => {
    const facilitator = await makeLoggedInUser({ role: 'facilitator' })
    const m = await makeMasterclass({
      facilitators: [facilitator.user.id],
      capacity: 2,
      startsAt: new Date('2027-07-01T07:00:00Z'),
    })
    const people = [await makeLoggedInUser(), await makeLoggedInUser()]
    for (const p of people) await register(m.id, p.user.id)
    const page = await editLoader(routeArgs(getRequest('/x'), facilitator.context, { id: m.id }))
    // Summer time: 07:00 UTC is 09:00 in Amsterdam.
    expect(page.values.startsAt).toBe('2027-07-01T09:00')

    const lower = (await editAction(
      routeArgs(formRequest('/x', { ...page.values, capacity: '1', intent: 'save' }), facilitator.context, { id: m.id }),
    )) as { result: { error: Record<string, string[]> } }
    expect(lower.result.error.capacity).toEqual(['masterclasses.errors.capacityBelowConfirmed?count=2'])
    expect((await prisma.masterclass.findUniqueOrThrow({ where: { id: m.id } })).capacity).toBe(2)
  })

  it('publishes a draft and cancels it, telling everyone registered; members cannot', async () => {
    const facilitator = await makeLoggedInUser({ role: 'facilitator' })
    const member = await makeLoggedInUser()
    const m = await makeMasterclass({ facilitators: [facilitator.user.id], status: 'draft' })
    const post = (ctx: typeof member.context, intent: string, confirm = 'yes') =>
      editAction(routeArgs(formRequest('/x', { intent, confirm }), ctx, { id: m.id }))
    expect(await statusOf(post(member.context, 'publish'))).toBe(404)
    expect(locationOf(await post(facilitator.context, 'publish'))).toBe(`/masterclasses/${m.id}?notice=published`)
    await register(m.id, member.user.id)
    expect(await statusOf(post(member.context, 'cancel'))).toBe(403)
    // Without the ticked confirmation nothing happens.
    expect(locationOf(await post(facilitator.context, 'cancel', ''))).toBe(
      `/masterclasses/${m.id}/edit?error=masterclasses.errors.cancelNotConfirmed`,
    )
    expect((await prisma.masterclass.findUniqueOrThrow({ where: { id: m.id } })).status).toBe('published')
    expect(locationOf(await post(facilitator.context, 'cancel'))).toBe(`/masterclasses/${m.id}?notice=masterclassCancelled`)
    expect((await prisma.masterclass.findUniqueOrThrow({ where: { id: m.id } })).status).toBe('cancelled')
    expect(await prisma.notification.count({ where: { userId: member.user.id, kind: 'masterclass_cancelled' } })).toBe(1)
  })
})

describe('co-facilitators', () => {
  it('unticking all of them removes them all; the creator stays', async () => {
    const creator = await makeLoggedInUser({ role: 'facilitator' })
    const [co1, co2] = [await makeLoggedInUser({ role: 'facilitator' }), await makeLoggedInUser({ role: 'admin' })]
    const created = await newAction(
      routeArgs(formRequest('/masterclasses/new', form({ facilitatorIds: [co1.user.id, co2.user.id] })), creator.context),
    )
    const id = /^\/masterclasses\/([^/]+)\/edit/.exec(locationOf(created))![1]!
    const facilitators = async () =>
      (await prisma.masterclassFacilitator.findMany({ where: { masterclassId: id } })).map((f) => f.userId).sort()
    expect(await facilitators()).toEqual([creator.user.id, co1.user.id, co2.user.id].sort())

    const page = await editLoader(routeArgs(getRequest('/x'), creator.context, { id }))
    const { facilitatorIds: _all, ...rest } = page.values
    // One ticked: the other goes.
    await editAction(routeArgs(formRequest('/x', { ...rest, facilitatorIds: [co1.user.id] }), creator.context, { id }))
    expect(await facilitators()).toEqual([creator.user.id, co1.user.id].sort())
    // None ticked (the browser sends no facilitatorIds at all): all co-facilitators go, the creator stays.
    await editAction(routeArgs(formRequest('/x', rest), creator.context, { id }))
    expect(await facilitators()).toEqual([creator.user.id])
  })
})

describe('the attendees page', () => {
  it('adds to a full masterclass as waitlisted, removes with promotion in order, and exports CSV', async () => {
    const facilitator = await makeLoggedInUser({ role: 'facilitator' })
    const m = await makeMasterclass({ facilitators: [facilitator.user.id], capacity: 1 })
    const [first, second, third] = [await makeLoggedInUser(), await makeLoggedInUser(), await makeLoggedInUser()]
    await register(m.id, first.user.id)
    const post = (fields: Record<string, string>) =>
      attendeesAction(routeArgs(formRequest('/x', fields), facilitator.context, { id: m.id }))
    expect(await post({ intent: 'add', email: second.user.email.toUpperCase() })).toMatchObject({
      done: { key: 'masterclasses.attendees.addedWaitlisted', position: 1 },
    })
    await post({ intent: 'add', email: third.user.email })
    // Errors of the add form belong to its e-mail field (shown beside it), not to the page.
    const emailErrors = async (email: string) => {
      const answer = (await post({ intent: 'add', email })) as {
        addResult: { error: Record<string, string[]> }
        errors: string[]
      }
      expect(answer.errors).toEqual([])
      return answer.addResult.error.email
    }
    expect(await emailErrors(third.user.email)).toEqual(['masterclasses.attendees.alreadyRegistered'])
    expect(await emailErrors('niemand@example.nl')).toEqual(['masterclasses.attendees.unknownEmail'])
    expect(await emailErrors('geen adres')).toEqual(['errors.emailInvalid'])
    await post({ intent: 'remove', userId: first.user.id })
    const page = await attendeesLoader(routeArgs(getRequest('/x'), facilitator.context, { id: m.id }))
    expect(page.attendees.confirmed.map((r) => r.user.id)).toEqual([second.user.id])
    expect(page.attendees.waitlist.map((r) => [r.user.id, r.position])).toEqual([[third.user.id, 1]])
    // Not started yet: attendance waits.
    expect(page.mayMarkAttendance).toBe(false)
    expect(await statusOf(post({ intent: 'attendance', userId: second.user.id, attended: 'yes' }))).toBe(403)

    const csv = await csvLoader(routeArgs(getRequest('/x'), facilitator.context, { id: m.id }))
    expect(csv.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    const bytes = new Uint8Array(await csv.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(bytes)).toContain(second.user.name)
    expect(await statusOf(csvLoader(routeArgs(getRequest('/x'), second.context, { id: m.id })))).toBe(403)
  })

  it('records attendance once the masterclass has started', async () => {
    const facilitator = await makeLoggedInUser({ role: 'facilitator' })
    const attendee = await makeLoggedInUser()
    const m = await makeMasterclass({ facilitators: [facilitator.user.id], startsAt: new Date(Date.now() + 3600_000) })
    await register(m.id, attendee.user.id)
    await prisma.masterclass.update({ where: { id: m.id }, data: { startsAt: new Date(Date.now() - 3600_000) } })
    const result = await attendeesAction(
      routeArgs(formRequest('/x', { intent: 'attendance', userId: attendee.user.id, attended: 'yes' }), facilitator.context, {
        id: m.id,
      }),
    )
    expect(result).toMatchObject({ done: { key: 'masterclasses.attendees.attendanceSaved' } })
    const row = await prisma.registration.findFirstOrThrow({ where: { masterclassId: m.id, userId: attendee.user.id } })
    expect(row.attended).toBe(true)
  })
})
