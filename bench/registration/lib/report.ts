// The printed summary of bench:registration and the shape of its JSON result.
import { formatMs, table } from '../../collab/lib/stats'
import type { CheckResult } from './check'
import type { LimitResult } from './limit'
import type { ProfileSummary } from './profile'

export interface Settings {
  quick: boolean
  clients: number
  registrations: number
  capacity: number
  warmupRegistrations: number
  limitRuns: number
  profile: boolean
}

export interface PelotonResult {
  registrations: number
  wallMs: number
  /** 2xx answers per second of wall time (first request sent → last answer in). */
  perSecond: number
  p50: number
  p90: number
  p99: number
  max: number
  /** On another masterclass, as the clients open their connections: the first request of each waits to be accepted. */
  warmup: {
    registrations: number
    perSecond: number
    p99: number
    newConnections: number
    newConnectionP50: number
    newConnectionMax: number
  }
  /** Requests of the measured run that had to open a connection (0 unless one was closed). */
  newConnectionsInMeasured: number
  slowest: Array<{ member: number; sentAtMs: number; ms: number; status: number; answer: string | null; position: number | null }>
  check: CheckResult
}

export interface Report {
  date: string
  settings: Settings
  machine: Record<string, unknown>
  versions: Record<string, string>
  durationS: number
  /** PRAGMA synchronous of the app's connection after prepareDatabase() on the (WAL) file; 2 = FULL. And the bundle check. */
  synchronous: { appConnection: number; bundleSetsFull: boolean }
  peloton: PelotonResult
  limit: { median: LimitResult; runs: LimitResult[]; withMail: LimitResult; normal: LimitResult }
  /** Peloton's registrations/s ÷ the limit's (median, FULL). */
  ratio: number
  profile: ProfileSummary | null
}

const rate = (n: number) => n.toFixed(0)

export function printReport(r: Report): void {
  const s = r.settings
  const p = r.peloton
  const l = r.limit
  console.log(
    `\n== Registrations: ${s.registrations} on one masterclass with ${s.capacity} seats (${p.check.waitlistedRows} to the waitlist), SQLite WAL synchronous=FULL ==`,
  )
  console.log(
    table(
      ['what', 'registrations/s', 'p50 ms', 'p99 ms', 'max ms'],
      [
        [
          `Peloton: HTTP, production build, ${s.clients} clients`,
          rate(p.perSecond),
          formatMs(p.p50),
          formatMs(p.p99),
          formatMs(p.max),
        ],
        [
          `limit: better-sqlite3, one process (median of ${l.runs.length})`,
          rate(l.median.perSecond),
          formatMs(l.median.p50),
          formatMs(l.median.p99),
          '',
        ],
        [
          '  limit + the mail row in the transaction',
          rate(l.withMail.perSecond),
          formatMs(l.withMail.p50),
          formatMs(l.withMail.p99),
          '',
        ],
        [
          '  limit at synchronous=NORMAL (for scale)',
          rate(l.normal.perSecond),
          formatMs(l.normal.p50),
          formatMs(l.normal.p99),
          '',
        ],
      ],
    ),
  )
  console.log(`ratio Peloton ÷ limit: ${r.ratio.toFixed(3)} (limit runs: ${l.runs.map((x) => rate(x.perSecond)).join(', ')}/s)`)
  console.log(
    `Peloton: p90 ${formatMs(p.p90)} ms, on connections opened in the warm-up (${p.newConnectionsInMeasured} new ones in the measured run); ` +
      `limit latencies are one registration's service time (no queue), Peloton's include queueing behind ${s.clients - 1} others.`,
  )
  console.log(
    `warm-up: ${p.warmup.registrations} on another masterclass at ${rate(p.warmup.perSecond)}/s, p99 ${formatMs(p.warmup.p99)} ms; ` +
      `first request of each of the ${p.warmup.newConnections} new connections: median ${formatMs(p.warmup.newConnectionP50)} ms, max ${formatMs(p.warmup.newConnectionMax)} ms`,
  )

  const c = p.check
  console.log('\n== Overbooking check (read from the database after the run) ==')
  console.log(
    `${c.ok ? 'PASSED' : 'FAILED'}: ${c.confirmedRows} confirmed for ${c.capacity} seats (confirmedCount ${c.confirmedCount}), ` +
      `${c.waitlistedRows} waitlisted, ${c.rows} rows; ${c.answered2xx} answered 2xx, ${c.non2xx} other answers, ${c.transportErrors} transport errors, ` +
      `${c.unansweredRows} rows without a 2xx answer`,
  )
  for (const f of c.failures) console.log(`  - ${f}`)
  console.log(
    `queue order vs send order: |Δ rank| max ${c.sendOrderDisplacement.max}, p99 ${c.sendOrderDisplacement.p99} (${s.clients} in flight); ` +
      `mail for the bench's members: ${c.mail.queued} queued, ${c.mail.sent} sent by the server when it stopped`,
  )
  console.log(`synchronous on the app's connection after prepareDatabase(): ${r.synchronous.appConnection} (2 = FULL)`)

  if (r.profile) {
    const pr = r.profile
    console.log(
      `\n== Server CPU profile (${pr.file}; busy ${(pr.busyMs / 1000).toFixed(1)} s of ${(pr.totalMs / 1000).toFixed(1)} s, ${pr.window ? 'the measured run only' : 'whole server lifetime'}) ==`,
    )
    console.log(
      table(
        ['where', 'self ms', '% busy'],
        pr.byPlace.slice(0, 12).map((x) => [x.place, x.ms, x.pct]),
      ),
    )
    console.log('')
    console.log(
      table(
        ['function (self)', 'where', 'ms', '% busy'],
        pr.bySelf.slice(0, 15).map((x) => [x.fn, x.where, x.ms, x.pct]),
      ),
    )
    console.log('')
    console.log(
      table(
        ['inclusive', 'ms', '% busy'],
        pr.inclusive.map((x) => [x.fn, x.ms, x.pct]),
      ),
    )
    const d = pr.loopDelay
    if (d) {
      console.log(
        `event-loop delay over ${d.seconds} s of the measured run: p99 per second median ${formatMs(d.medianP99)} ms, worst ${formatMs(d.worstP99)} ms; max ${formatMs(d.max)} ms`,
      )
    }
  }

  const m = r.machine as { before: { loadavg: number[] }; after: { loadavg: number[] } }
  console.log(`\nmachine load before ${m.before.loadavg.join(' ')}, after ${m.after.loadavg.join(' ')}; ${r.durationS} s`)
}
