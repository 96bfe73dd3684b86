// Masterclass times are entered and shown in Europe/Amsterdam and stored in
// UTC. A `<input type="datetime-local">` gives a wall-clock time without a
// zone; these helpers turn it into an instant and back, DST-correct, with the
// same rule as Temporal's "compatible" disambiguation: a time that does not
// exist (the hour skipped in March) moves forward by the gap, and a time that
// happens twice (the hour repeated in October) means the first of the two.
import { TIME_ZONE } from '~/i18n/config'

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

/** The wall-clock fields in Amsterdam at an instant. */
function wallClock(instant: number) {
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.formatToParts(new Date(instant)).find((p) => p.type === type)?.value ?? NaN)
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  }
}

/** Amsterdam's offset from UTC (ms) at an instant: +1 h in winter, +2 h in summer. */
export function amsterdamOffsetMs(instant: number): number {
  const w = wallClock(instant)
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
  return asUtc - Math.floor(instant / 1000) * 1000
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/
const HALF_DAY = 12 * 60 * 60 * 1000

/** `2026-12-01T10:00` (Amsterdam) → the instant, or null when it is not such a value. */
export function amsterdamLocalToUtc(value: string): Date | null {
  const m = LOCAL.exec(value.trim())
  if (!m) return null
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const wall = Date.UTC(year, month - 1, day, hour, minute, second)
  const check = new Date(wall)
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null
  // The offsets on either side of a possible transition near this wall time.
  const before = amsterdamOffsetMs(wall - HALF_DAY)
  const after = amsterdamOffsetMs(wall + HALF_DAY)
  const candidates = [wall - before, wall - after].filter((t) => amsterdamOffsetMs(t) === wall - t).sort((a, b) => a - b)
  // No candidate: the skipped hour. Read it with the offset before the jump, which lands after it.
  return new Date(candidates[0] ?? wall - before)
}

/** The instant as an Amsterdam `datetime-local` value (`2026-12-01T10:00`), for a form's default. */
export function utcToAmsterdamLocal(date: Date): string {
  const w = wallClock(date.getTime())
  const pad = (n: number, size = 2) => String(n).padStart(size, '0')
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`
}
