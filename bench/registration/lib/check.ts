// The overbooking check, read from the server's database file after the run:
// confirmed ≤ capacity (and the counter agrees), one row per person, queue
// numbers unique, everyone confirmed ahead of everyone waiting, the answered
// waitlist positions unique and in queue (arrival) order, and every
// registration answered with a 2xx present exactly once with the answered status.
import Database from 'better-sqlite3'
import type { Member } from './fixtures'
import type { Answer } from './load'
import type { MailRow } from './limit'

export interface CheckResult {
  ok: boolean
  failures: string[]
  capacity: number
  confirmedCount: number
  confirmedRows: number
  waitlistedRows: number
  rows: number
  answered2xx: number
  non2xx: number
  transportErrors: number
  /** Rows of members whose request got no 2xx answer (possible only after a transport error). */
  unansweredRows: number
  /** How far the lock (queue) order strayed from the order the requests were sent in: max and p99 of |Δ rank|. */
  sendOrderDisplacement: { max: number; p99: number }
  /** Mail the server had queued for these registrations, and how many of them it had sent by the check. */
  mail: { queued: number; sent: number }
}

interface Row {
  userId: string
  status: string
  queueNumber: number
}

export function checkRegistrations(dbFile: string, masterclassId: string, members: Member[], answers: Answer[]): CheckResult {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true })
  try {
    const m = db.prepare('SELECT "capacity", "confirmedCount" FROM "Masterclass" WHERE "id" = ?').get(masterclassId) as {
      capacity: number
      confirmedCount: number
    }
    const rows = db
      .prepare('SELECT "userId", "status", "queueNumber" FROM "Registration" WHERE "masterclassId" = ? ORDER BY "queueNumber"')
      .all(masterclassId) as Row[]
    const mail = db
      .prepare(`SELECT count(*) AS queued, sum("status" = 'sent') AS sent FROM "MailMessage" WHERE "to" LIKE 'deelnemer-%'`)
      .get() as { queued: number; sent: number | null }
    return judge(m, rows, members, answers, { queued: mail.queued, sent: mail.sent ?? 0 })
  } finally {
    db.close()
  }
}

function judge(
  m: { capacity: number; confirmedCount: number },
  rows: Row[],
  members: Member[],
  answers: Answer[],
  mail: CheckResult['mail'],
): CheckResult {
  const failures: string[] = []
  const fail = (message: string) => failures.push(message)
  const confirmed = rows.filter((r) => r.status === 'confirmed')
  const waiting = rows.filter((r) => r.status === 'waitlisted')

  if (confirmed.length > m.capacity) fail(`OVERBOOKED: ${confirmed.length} confirmed for ${m.capacity} seats`)
  if (m.confirmedCount !== confirmed.length) fail(`confirmedCount ${m.confirmedCount} ≠ ${confirmed.length} confirmed rows`)
  if (confirmed.length !== Math.min(m.capacity, rows.length)) {
    fail(`${confirmed.length} confirmed, expected ${Math.min(m.capacity, rows.length)} (seats left while people wait)`)
  }
  if (new Set(rows.map((r) => r.userId)).size !== rows.length) fail('a person has two registration rows')
  if (new Set(rows.map((r) => r.queueNumber)).size !== rows.length) fail('queue numbers are not unique')
  const lastConfirmed = Math.max(-Infinity, ...confirmed.map((r) => r.queueNumber))
  const firstWaiting = Math.min(Infinity, ...waiting.map((r) => r.queueNumber))
  if (lastConfirmed > firstWaiting) fail('someone confirmed arrived after someone on the waitlist')

  // Answers against rows.
  const rowOf = new Map(rows.map((r) => [r.userId, r]))
  const ok = answers.filter((a) => a.status >= 200 && a.status < 300)
  const answeredIds = new Set<string>()
  const positions: Array<{ position: number; queueNumber: number }> = []
  for (const a of ok) {
    const id = members[a.member]!.id
    answeredIds.add(id)
    const row = rowOf.get(id)
    const said = a.body?.status
    if (!row) {
      fail(`member ${a.member} was answered ${said ?? '?'} but has no registration`)
      continue
    }
    if (row.status !== said) fail(`member ${a.member} was answered ${said ?? '?'} but is ${row.status}`)
    if (said === 'waitlisted') positions.push({ position: a.body?.position ?? NaN, queueNumber: row.queueNumber })
  }
  const sortedPositions = positions.map((p) => p.position).sort((x, y) => x - y)
  if (!sortedPositions.every((p, i) => p === i + 1)) fail('answered waitlist positions are not exactly 1…n (unique, no gaps)')
  const byQueue = [...positions].sort((x, y) => x.queueNumber - y.queueNumber)
  if (!byQueue.every((p, i) => p.position === i + 1)) fail('answered waitlist positions are not in queue (arrival) order')
  if (ok.length !== answers.length) fail(`${answers.length - ok.length} answers were not 2xx`)

  // Queue order against send order (informative: 50 requests are in flight at once).
  const sendRank = new Map(members.map((mm, i) => [mm.id, i]))
  const ranked = rows.filter((r) => sendRank.has(r.userId)).map((r) => sendRank.get(r.userId)!)
  const sortedSend = [...ranked].sort((x, y) => x - y)
  const displacement = ranked.map((s, i) => Math.abs(sortedSend.indexOf(s) - i)).sort((x, y) => x - y)

  return {
    ok: failures.length === 0,
    failures,
    capacity: m.capacity,
    confirmedCount: m.confirmedCount,
    confirmedRows: confirmed.length,
    waitlistedRows: waiting.length,
    rows: rows.length,
    answered2xx: ok.length,
    non2xx: answers.filter((a) => a.status !== 0 && (a.status < 200 || a.status >= 300)).length,
    transportErrors: answers.filter((a) => a.status === 0).length,
    unansweredRows: rows.filter((r) => !answeredIds.has(r.userId)).length,
    sendOrderDisplacement: {
      max: displacement.at(-1) ?? 0,
      p99: displacement[Math.max(0, Math.ceil(0.99 * displacement.length) - 1)] ?? 0,
    },
    mail,
  }
}

/** The last mail the server queued for a bench member (a waitlisted one: the last registrations wait); the limit's "+ mail row" variant inserts copies of it. */
export function sampleMail(dbFile: string): MailRow | null {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true })
  try {
    return (
      (db
        .prepare(
          `SELECT "to", "subject", "text", "html", "attachments" FROM "MailMessage" WHERE "to" LIKE 'deelnemer-%' ORDER BY "createdAt" DESC LIMIT 1`,
        )
        .get() as MailRow | undefined) ?? null
    )
  } finally {
    db.close()
  }
}
