// The attendee list as CSV that opens correctly in a Dutch spreadsheet:
// `;`-separated (Dutch Excel's list separator), UTF-8 with a byte-order mark
// (or Excel reads it as Windows-1252 and mangles é, ë and ’), CRLF line ends,
// every cell quoted with quotes doubled, and cells that a spreadsheet would run
// as a formula (starting with = + - @, a tab or a carriage return — also after
// leading spaces or line breaks, which spreadsheets skip) prefixed with ' so
// they stay text (OWASP's advice against CSV injection).
//
// Data minimisation (AVG/GDPR): the file leaves the application — it is
// saved, forwarded, printed as a sign-in sheet — so it holds what a
// facilitator needs for the session and no more. The e-mail address is there
// for the confirmed participants only: the facilitator has a reason to contact
// the people who come (materials, a change of room, follow-up), and
// registering is asking to take part in the facilitator's session. The
// waitlist's addresses are left out: they have no seat, and the application
// itself mails them when they move up or when anything changes. No other
// contact details (the profile's phone, bio, …) are exported.
import { fixedT } from '~/i18n/i18next.server'
import { formatDateTime, type Language } from '~/i18n/config'
import type { Attendees } from './masterclass-queries.server'

export const CSV_SEPARATOR = ';'
const BOM = '\uFEFF'
const FORMULA_START = /^[\s]*[=+\-@\t\r]/

export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value)
  if (FORMULA_START.test(text)) text = `'${text}`
  return `"${text.replace(/"/g, '""')}"`
}

export function toCsv(rows: Array<Array<string | number | null | undefined>>): string {
  return BOM + rows.map((row) => row.map(csvCell).join(CSV_SEPARATOR)).join('\r\n') + '\r\n'
}

/** The confirmed people, then the waitlist in order, in the reader's language. */
export async function attendeesCsv(attendees: Attendees, lng: Language): Promise<string> {
  const t = await fixedT(lng)
  const name = (item: { name: string; nameEn: string } | null) => (item ? (lng === 'en' ? item.nameEn : item.name) : '')
  const header = [
    'name',
    'email',
    'organisation',
    'position',
    'phase',
    'status',
    'waitlistPosition',
    'registeredAt',
    'attended',
  ].map((key) => t(`masterclasses.csv.${key}`))
  const rows = [...attendees.confirmed.map((r) => ({ ...r, position: null as number | null })), ...attendees.waitlist].map(
    (r) => [
      r.user.name,
      r.status === 'confirmed' ? (r.user.email ?? '') : '',
      r.user.organisation?.name ?? '',
      name(r.user.position),
      name(r.user.phase),
      t(`masterclasses.csv.statuses.${r.status as 'confirmed' | 'waitlisted'}`),
      r.position,
      formatDateTime(r.registeredAt, lng),
      r.attended === null ? '' : t(r.attended ? 'masterclasses.csv.yes' : 'masterclasses.csv.no'),
    ],
  )
  return toCsv([header, ...rows])
}
