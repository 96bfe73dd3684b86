import { describe, expect, test } from 'vitest'
import { amsterdamLocalToUtc, amsterdamOffsetMs, utcToAmsterdamLocal } from './amsterdam-time'

describe('Europe/Amsterdam wall-clock times', () => {
  test.each([
    ['2026-12-01T10:00', '2026-12-01T09:00:00.000Z'], // CET, UTC+1
    ['2026-07-01T10:00', '2026-07-01T08:00:00.000Z'], // CEST, UTC+2
    ['2026-03-29T01:59', '2026-03-29T00:59:00.000Z'], // just before the jump
    ['2026-03-29T03:00', '2026-03-29T01:00:00.000Z'], // just after it
    ['2026-03-29T02:30', '2026-03-29T01:30:00.000Z'], // the skipped hour moves forward: 03:30 CEST
    ['2026-10-25T02:30', '2026-10-25T00:30:00.000Z'], // the repeated hour: the first (CEST) one
    ['2026-10-25T03:00', '2026-10-25T02:00:00.000Z'],
    ['2028-02-29T12:00', '2028-02-29T11:00:00.000Z'],
  ])('%s in Amsterdam is %s', (local, utc) => {
    expect(amsterdamLocalToUtc(local)?.toISOString()).toBe(utc)
  })

  test.each(['', '2026-02-30T10:00', '2026-13-01T10:00', '2026-12-01T24:00', '2026-12-01 10:00', '1-12-2026T10:00', 'gisteren'])(
    '%j is not a time',
    (value) => expect(amsterdamLocalToUtc(value)).toBeNull(),
  )

  test('back to a datetime-local value, round trip on every quarter hour across both DST changes', () => {
    expect(utcToAmsterdamLocal(new Date('2026-07-01T08:00:00Z'))).toBe('2026-07-01T10:00')
    for (const start of ['2026-03-28T00:00:00Z', '2026-10-24T00:00:00Z']) {
      for (let t = Date.parse(start); t < Date.parse(start) + 2 * 86400_000; t += 15 * 60_000) {
        const local = utcToAmsterdamLocal(new Date(t))
        const back = amsterdamLocalToUtc(local)!.getTime()
        // In the repeated October hour the wall time means its first occurrence.
        expect(back === t || back === t - 3600_000).toBe(true)
        expect(utcToAmsterdamLocal(new Date(back))).toBe(local)
      }
    }
    expect(amsterdamOffsetMs(Date.parse('2026-01-15T12:00:00Z'))).toBe(3600_000)
    expect(amsterdamOffsetMs(Date.parse('2026-06-15T12:00:00Z'))).toBe(7200_000)
  })
})
