// The iCalendar output read back by ical.js (a parser nobody here wrote):
// times, the Europe/Amsterdam zone, the stable UID and a SEQUENCE that rises.
import ICAL from 'ical.js'
import { describe, expect, test } from 'vitest'
import { calendarFileFor, personalFeedIcs, renewCalendarFeed } from '~/services/masterclass-calendar.server'
import { cancelMasterclass, createMasterclass, publishMasterclass, updateMasterclass } from '~/services/masterclasses.server'
import { register } from '~/services/registrations.server'
import { prisma } from '~/utils/db.server'
import { actorOf, makeMasterclass, makeUser } from '../factories'

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics))
  ICAL.TimezoneService.reset()
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone))
  }
  return calendar
}

function eventOf(ics: string) {
  const vevent = parse(ics).getFirstSubcomponent('vevent')!
  return { vevent, event: new ICAL.Event(vevent) }
}

describe('the calendar file of a masterclass', () => {
  test('valid iCalendar with TZID Europe/Amsterdam, the right instants (across DST), UID and SEQUENCE', async () => {
    const facilitator = actorOf(await makeUser({ role: 'facilitator' }))
    // Sunday 25 October 2026: summer time ends at 03:00 CEST. 01:30 CEST → 04:30 CET is four hours.
    const { id } = await createMasterclass(facilitator, {
      title: 'Nachtelijke bodemsessie; met komma, en puntkomma',
      startsAt: '2026-10-25T01:30',
      endsAt: '2026-10-25T04:30',
      location: 'Deventer',
      capacity: '10',
    })
    await publishMasterclass(id)
    const first = (await calendarFileFor(id))!
    expect(first).toMatch(/^BEGIN:VCALENDAR\r\n/)
    expect(first).toContain('\r\nMETHOD:PUBLISH\r\n')
    const { vevent, event } = eventOf(first)
    expect(event.uid).toBe(`masterclass-${id}@peloton`)
    // Stored sequence 1 (published); the participants' copy is written as 2 × 1 + 1.
    expect(event.sequence).toBe(3)
    expect(event.summary).toBe('Nachtelijke bodemsessie; met komma, en puntkomma')
    expect(vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Amsterdam')
    expect(event.startDate.toString()).toBe('2026-10-25T01:30:00')
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-10-24T23:30:00.000Z')
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-10-25T03:30:00.000Z')
    expect(event.duration.toSeconds()).toBe(4 * 3600)
    expect(vevent.getFirstPropertyValue('dtstamp')!.toString()).toMatch(/Z$/)
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED')

    // A new time (now in winter): the same UID, a higher SEQUENCE, and the new instants.
    await updateMasterclass(id, facilitator, {
      title: 'Nachtelijke bodemsessie; met komma, en puntkomma',
      startsAt: '2026-11-02T09:00',
      endsAt: '2026-11-02T12:00',
      location: 'Deventer',
      capacity: '10',
    })
    const moved = eventOf((await calendarFileFor(id))!).event
    expect(moved.uid).toBe(event.uid)
    expect(moved.sequence).toBe(5)
    expect(moved.startDate.toJSDate().toISOString()).toBe('2026-11-02T08:00:00.000Z')

    await cancelMasterclass(id)
    const { vevent: cancelled, event: last } = eventOf((await calendarFileFor(id))!)
    expect(last.sequence).toBe(7)
    expect(cancelled.getFirstPropertyValue('status')).toBe('CANCELLED')
  })

  test('a title or description change raises SEQUENCE too', async () => {
    const facilitator = actorOf(await makeUser({ role: 'facilitator' }))
    const form = { title: 'Eerst', startsAt: '2027-05-10T10:00', endsAt: '2027-05-10T12:00', location: 'Zwolle', capacity: '10' }
    const { id } = await createMasterclass(facilitator, form)
    const sequence = async () => eventOf((await calendarFileFor(id))!).event.sequence
    const before = await sequence()
    await updateMasterclass(id, facilitator, { ...form, title: 'Daarna' })
    expect(await sequence()).toBeGreaterThan(before)
    const afterTitle = await sequence()
    await updateMasterclass(id, facilitator, { ...form, title: 'Daarna', description: 'Nu met uitleg' })
    expect(await sequence()).toBeGreaterThan(afterTitle)
    const afterDescription = await sequence()
    await updateMasterclass(id, facilitator, { ...form, title: 'Daarna', description: 'Nu met uitleg', capacity: '12' })
    expect(await sequence()).toBe(afterDescription) // the capacity is not in a calendar
  })

  test('the public announcement (no online link) is outranked by the confirmation of the same version', async () => {
    const m = await makeMasterclass({ location: null, onlineUrl: 'https://meet.example.nl/bodem' })
    const outsider = eventOf((await calendarFileFor(m.id, 'public'))!)
    expect(outsider.vevent.getFirstPropertyValue('description')).not.toContain('meet.example.nl')
    expect(outsider.event.location).toBe('Online')

    // They register: the confirmation's calendar file has the link and must replace what they imported.
    const user = await makeUser()
    await register(m.id, user.id)
    const mail = await prisma.mailMessage.findFirstOrThrow({ where: { to: user.email } })
    const [attachment] = JSON.parse(mail.attachments!) as Array<{ content: string }>
    const confirmation = eventOf(Buffer.from(attachment!.content, 'base64').toString('utf8'))
    expect(confirmation.event.uid).toBe(outsider.event.uid)
    expect(confirmation.event.location).toBe('https://meet.example.nl/bodem')
    expect(confirmation.event.sequence).toBeGreaterThan(outsider.event.sequence)
    // The same DTSTAMP: only SEQUENCE tells the versions apart, so it must.
    expect(confirmation.vevent.getFirstPropertyValue('dtstamp')!.toString()).toBe(
      outsider.vevent.getFirstPropertyValue('dtstamp')!.toString(),
    )

    // After a change, the new announcement outranks the old confirmation (and the new confirmation it).
    await prisma.masterclass.update({ where: { id: m.id }, data: { sequence: { increment: 1 } } })
    const nextPublic = eventOf((await calendarFileFor(m.id, 'public'))!).event
    const nextOwn = eventOf((await calendarFileFor(m.id))!).event
    expect(nextPublic.sequence).toBeGreaterThan(confirmation.event.sequence)
    expect(nextOwn.sequence).toBeGreaterThan(nextPublic.sequence)
  })

  test('a summer masterclass is at UTC+2', async () => {
    const m = await makeMasterclass({ startsAt: new Date('2027-06-15T07:00:00Z'), endsAt: new Date('2027-06-15T09:00:00Z') })
    const { event } = eventOf((await calendarFileFor(m.id))!)
    expect(event.startDate.toString()).toBe('2027-06-15T09:00:00')
    expect(event.startDate.zone?.tzid).toBe('Europe/Amsterdam')
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-06-15T07:00:00.000Z')
  })
})

describe('the personal feed', () => {
  test('everything I am confirmed for; renewing the token revokes the old one; only the hash is stored', async () => {
    const user = await makeUser()
    const confirmed = await makeMasterclass({ title: 'Bevestigd', capacity: 5 })
    const full = await makeMasterclass({ title: 'Vol', capacity: 1 })
    await register(full.id, (await makeUser()).id)
    await register(confirmed.id, user.id)
    await register(full.id, user.id) // waitlisted: not in the feed

    const token = await renewCalendarFeed(user.id)
    const feed = parse((await personalFeedIcs(token))!)
    expect(feed.getAllSubcomponents('vevent').map((e) => e.getFirstPropertyValue('summary'))).toEqual(['Bevestigd'])
    expect(feed.getAllSubcomponents('vtimezone')).toHaveLength(1)

    const stored = await prisma.calendarFeed.findUniqueOrThrow({ where: { userId: user.id } })
    expect(stored.tokenHash).not.toContain(token)
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/)

    const renewed = await renewCalendarFeed(user.id)
    expect(renewed).not.toBe(token)
    expect(await personalFeedIcs(token)).toBeNull()
    expect(await personalFeedIcs(renewed)).toContain('SUMMARY:Bevestigd')
    expect(await personalFeedIcs('not-a-token')).toBeNull()
  })
})
