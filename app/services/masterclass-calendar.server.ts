// iCalendar (RFC 5545) for masterclasses, written with ical-generator: one
// masterclass's file (/masterclasses/:id/calendar.ics, and the mail
// attachment) and a member's personal feed (/calendar/:token/feed.ics) of
// everything they are confirmed for. Times carry TZID=Europe/Amsterdam with a
// VTIMEZONE for it; the UID is stable and SEQUENCE rises with every change a
// calendar shows (title, description, time, place, status), so calendars
// update the event they already have.
//
// Two versions of one event share the UID: the public announcement (without
// the online link, for whoever may see the masterclass) and the participants'
// copy (with it: the confirmation's attachment, the detail page for those who
// take part, the personal feed). A calendar keeps the copy with the higher
// SEQUENCE, so the written SEQUENCE is 2 × the stored one for the
// announcement and 2 × it + 1 for the participants: someone who imported the
// announcement and then registers gets the link from their confirmation
// (same version, higher SEQUENCE), and any later change outranks both.
import { encodeHexLowerCase } from '@oslojs/encoding'
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator'
import { DateTime } from 'luxon'
import { randomToken, sha256Of } from '~/auth/crypto.server'
import type { Prisma } from '~/generated/prisma/client'
import { TIME_ZONE } from '~/i18n/config'
import { prisma } from '~/utils/db.server'
import { appUrl } from '~/utils/env.server'

export const icsSelect = {
  id: true,
  title: true,
  description: true,
  startsAt: true,
  endsAt: true,
  location: true,
  onlineUrl: true,
  status: true,
  sequence: true,
  updatedAt: true,
} satisfies Prisma.MasterclassSelect

export type IcsMasterclass = Prisma.MasterclassGetPayload<{ select: typeof icsSelect }>

/**
 * Europe/Amsterdam since 1996 (EU rules): CEST from the last Sunday of March
 * 02:00, CET from the last Sunday of October 03:00. Written out here because
 * ical-generator leaves VTIMEZONE to a generator and the zone's rules are
 * short and stable (a change of EU law would be a change here).
 */
export const AMSTERDAM_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Amsterdam',
  'X-LIC-LOCATION:Europe/Amsterdam',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n')

export function calendarUid(masterclassId: string): string {
  return `masterclass-${masterclassId}@peloton`
}

const inAmsterdam = (date: Date) => DateTime.fromJSDate(date).setZone(TIME_ZONE)

export type IcsAudience = 'participants' | 'public'

/** The SEQUENCE written for a stored sequence (see the top of this file). */
export function icsSequence(sequence: number, audience: IcsAudience): number {
  return 2 * sequence + (audience === 'participants' ? 1 : 0)
}

/**
 * A calendar with these masterclasses as events (a cancelled one as
 * STATUS:CANCELLED). For the public the online link is left out (its place
 * says "Online").
 */
export function masterclassIcs(
  masterclasses: IcsMasterclass | IcsMasterclass[],
  name = 'Peloton',
  audience: IcsAudience = 'participants',
): string {
  const calendar = ical({
    name,
    prodId: { company: 'Peloton', product: 'Masterclasses', language: 'NL' },
    method: ICalCalendarMethod.PUBLISH,
    // name null: no calendar-wide zone (which would also shift DTSTAMP out of
    // UTC); the generator gives the VTIMEZONE for the zone the events use.
    timezone: { name: null, generator: (zone) => (zone === TIME_ZONE ? AMSTERDAM_VTIMEZONE : null) },
  })
  for (const event of Array.isArray(masterclasses) ? masterclasses : [masterclasses]) {
    const m =
      audience === 'public'
        ? { ...event, onlineUrl: null, location: event.location ?? (event.onlineUrl ? 'Online' : null) }
        : event
    const url = `${appUrl()}/masterclasses/${m.id}`
    calendar.createEvent({
      id: calendarUid(m.id),
      sequence: icsSequence(m.sequence, audience),
      stamp: m.updatedAt,
      lastModified: m.updatedAt,
      start: inAmsterdam(m.startsAt),
      end: inAmsterdam(m.endsAt),
      timezone: TIME_ZONE,
      summary: m.title,
      description: [m.description, m.onlineUrl ? `Online: ${m.onlineUrl}` : '', url].filter(Boolean).join('\n\n'),
      location: m.location ?? m.onlineUrl ?? null,
      url,
      status: m.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    })
  }
  return calendar.toString()
}

/** The calendar file of one masterclass (the route checks access first), or null when it does not exist. */
export async function calendarFileFor(masterclassId: string, audience: IcsAudience = 'participants'): Promise<string | null> {
  const m = await prisma.masterclass.findUnique({ where: { id: masterclassId }, select: icsSelect })
  return m ? masterclassIcs(m, m.title, audience) : null
}

// ------------------------------------------------------------ personal feed

function hashFeedToken(token: string): string {
  return encodeHexLowerCase(sha256Of(token))
}

/**
 * A new secret feed token for this member (shown once, in the feed's URL);
 * the previous one stops working at the same moment. Only its hash is stored.
 */
export async function renewCalendarFeed(userId: string): Promise<string> {
  const token = randomToken(20)
  const tokenHash = hashFeedToken(token)
  await prisma.calendarFeed.upsert({
    where: { userId },
    create: { userId, tokenHash },
    update: { tokenHash, createdAt: new Date() },
  })
  return token
}

export async function hasCalendarFeed(userId: string): Promise<boolean> {
  return (await prisma.calendarFeed.count({ where: { userId } })) > 0
}

export async function revokeCalendarFeed(userId: string): Promise<void> {
  await prisma.calendarFeed.deleteMany({ where: { userId } })
}

/** The feed behind a token: every masterclass its owner is confirmed for, or null for an unknown token. */
export async function personalFeedIcs(token: string): Promise<string | null> {
  if (!/^[a-z2-7]{16,64}$/.test(token)) return null
  const feed = await prisma.calendarFeed.findUnique({
    where: { tokenHash: hashFeedToken(token) },
    select: { user: { select: { id: true, deletedAt: true } } },
  })
  if (!feed || feed.user.deletedAt) return null
  const masterclasses = await prisma.masterclass.findMany({
    where: { status: { in: ['published', 'cancelled'] }, registrations: { some: { userId: feed.user.id, status: 'confirmed' } } },
    orderBy: { startsAt: 'asc' },
    select: icsSelect,
  })
  return masterclassIcs(masterclasses, 'Peloton: mijn masterclasses')
}
