import { describe, expect, test } from 'vitest'
import { attendeesCsv, csvCell, toCsv } from './attendees-csv.server'
import type { Attendees } from './masterclass-queries.server'

const person = (name: string, email: string, organisation: string | null) => ({
  id: email,
  name,
  email,
  organisation: organisation ? { name: organisation } : null,
  position: { id: 'p', name: 'Beleidsmedewerker', nameEn: 'Policy officer' },
  phase: { id: 'f', name: 'Planvorming', nameEn: 'Planning' },
})

describe('CSV for a Dutch spreadsheet', () => {
  test('a byte-order mark, ; between cells, CRLF, every cell quoted with quotes doubled', () => {
    const csv = toCsv([
      ['a', 'b;c'],
      ['say "hi"', 3],
    ])
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(csv.slice(1)).toBe('"a";"b;c"\r\n"say ""hi""";"3"\r\n')
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
  })

  test.each([
    ['=HYPERLINK("http://evil.example")', `"'=HYPERLINK(""http://evil.example"")"`],
    ['+31 6 1234', `"'+31 6 1234"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tcmd', `"'\tcmd"`],
    ['\rcmd', `"'\rcmd"`],
    ['  =1+1', `"'  =1+1"`],
    ['\n@SUM(A1)', `"'\n@SUM(A1)"`],
    ['Anne-Marie', '"Anne-Marie"'],
    ['Jan de Vries', '"Jan de Vries"'],
    ['', '""'],
  ])('%j is neutralised as %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell)
  })

  test('the attendee list: names intact, confirmed then the waitlist, in the reader language', async () => {
    const attendees = {
      confirmed: [
        {
          status: 'confirmed',
          attended: true,
          registeredAt: new Date('2026-11-02T09:30:00Z'),
          promotedAt: null,
          user: person('Renée d’Hondt-Ëlsen', 'renee@example.nl', 'Gemeente ’s-Hertogenbosch'),
        },
      ],
      waitlist: [
        {
          status: 'waitlisted',
          attended: null,
          registeredAt: new Date('2026-11-03T09:30:00Z'),
          promotedAt: null,
          position: 1,
          user: person('=cmd|calc', 'x@example.nl', null),
        },
      ],
    } as unknown as Attendees
    const nl = await attendeesCsv(attendees, 'nl')
    const lines = nl.slice(1).split('\r\n')
    expect(lines[0]).toBe(
      '"Naam";"E-mail";"Organisatie";"Functie";"Fase";"Status";"Plaats op wachtlijst";"Ingeschreven op";"Aanwezig"',
    )
    expect(lines[1]).toBe(
      '"Renée d’Hondt-Ëlsen";"renee@example.nl";"Gemeente ’s-Hertogenbosch";"Beleidsmedewerker";"Planvorming";"bevestigd";"";"2 november 2026 om 10:30";"ja"',
    )
    // Data minimisation: the waitlist's addresses stay out of the file (see attendees-csv.server.ts).
    expect(lines[2]).toMatch(/^"'=cmd\|calc";"";"";"Beleidsmedewerker";"Planvorming";"wachtlijst";"1";/)
    expect(nl).not.toContain('x@example.nl')
    expect(lines[3]).toBe('')
    const en = await attendeesCsv(attendees, 'en')
    expect(en).toContain('"Name";"E-mail"')
    expect(en).toContain('"Policy officer";"Planning";"confirmed"')
  })
})
