// The iCalendar output read back by ical.js (a parser nobody here wrote):
// times, the Europe/Amsterdam zone, the stable UID and a SEQUENCE that rises.
import ICAL from 'ical.js'
import { describe, expect, test } from 'vitest'
import { calendarFileFor, personalFeedIcs, renewCalendarFeed } from '~/services/masterclass-calendar.server'
import { cancelMasterclass, createMasterclass, publishMasterclass, updateMasterclass } from '~/services/masterclasses.server'
import { register } from '~/services/registrations.server'
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
    expect(event.sequence).toBe(1)
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
    expect(moved.sequence).toBe(2)
    expect(moved.startDate.toJSDate().toISOString()).toBe('2026-11-02T08:00:00.000Z')

    await cancelMasterclass(id)
    const { vevent: cancelled, event: last } = eventOf((await calendarFileFor(id))!)
    expect(last.sequence).toBe(3)
    expect(cancelled.getFirstPropertyValue('status')).toBe('CANCELLED')
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

    const { prisma } = await import('~/utils/db.server')
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
