// The printed summary and the goals (issue 4): Peloton's p99 at 50 clients
// against the better peer's, the warm cold-load median, lost acknowledged updates.
import type { FanoutResults } from '../phases/fanout'
import type { ColdLoadResult } from '../phases/cold-load'
import type { MemoryResult } from '../phases/memory'
import type { Settings } from './context'
import { formatBytes, formatMs, table } from './stats'

export interface Report extends FanoutResults {
  date: string
  settings: Settings
  machine: Record<string, unknown>
  versions: Record<string, string>
  durationS: number
  coldLoad: ColdLoadResult | null
  memory: MemoryResult | null
  goals?: Goal[]
}

export interface Goal {
  name: string
  value: number | null
  goal: string
  met: boolean | null
  note?: string
}

export const GOAL_P99_RATIO = 1.0
export const GOAL_COLD_LOAD_MS = 50

export function goals(report: Report): Goal[] {
  const at50 = (kind: string) => report.fanout[kind]?.find((s) => s.readers === 49)?.p99
  const wireAt50 = (kind: string) => report.fanout[kind]?.find((s) => s.readers === 49)?.wireP99
  const peloton = at50('peloton')
  const peers = ['y-websocket', 'hocuspocus'].map((k) => ({ kind: k, p99: at50(k) })).filter((p) => p.p99 !== undefined)
  const best = peers.sort((a, b) => a.p99! - b.p99!)[0]
  const ratio = peloton !== undefined && best ? peloton / best.p99! : null
  const cold = report.coldLoad?.warmMedian.toStepTwoMs ?? null
  const bareSocketIo = at50('bare-socket.io')
  const bareWs = at50('bare-ws')
  const floor = bareSocketIo !== undefined && bareWs !== undefined ? bareSocketIo / bareWs : null
  const wirePeloton = wireAt50('peloton')
  const wireBest = Math.min(...peers.map((p) => wireAt50(p.kind) ?? Infinity))
  const wireRatio = wirePeloton !== undefined && Number.isFinite(wireBest) ? wirePeloton / wireBest : null
  return [
    {
      name: 'Peloton p99 ÷ better peer p99 (50 clients)',
      value: ratio,
      goal: `≤ ${GOAL_P99_RATIO.toFixed(1)}`,
      met: ratio === null ? null : ratio <= GOAL_P99_RATIO,
      note: best ? `better peer: ${best.kind} (${formatMs(best.p99!)} ms); Peloton ${formatMs(peloton ?? NaN)} ms` : undefined,
    },
    {
      // Not a goal of the issue: the same comparison without the client libraries (servers/wire-probe.ts).
      name: "  the servers' own share: Peloton ÷ better peer p99",
      value: wireRatio,
      goal: 'info',
      met: null,
      note: `p99 Peloton ${formatMs(wireAt50('peloton') ?? NaN)} ms; ${peers.map((p) => `${p.kind} ${formatMs(wireAt50(p.kind) ?? NaN)} ms`).join(', ')}`,
    },
    {
      // What socket.io's wire format and client library add, whatever the server does (servers/bare.ts).
      name: '  the transports alone: bare socket.io ÷ bare ws p99',
      value: floor,
      goal: 'info',
      met: null,
      note:
        `p99 ${formatMs(bareSocketIo ?? NaN)} / ${formatMs(bareWs ?? NaN)} ms; ` +
        `their own share ${formatMs(wireAt50('bare-socket.io') ?? NaN)} / ${formatMs(wireAt50('bare-ws') ?? NaN)} ms`,
    },
    {
      name: 'cold load, warm median (join → sync step 2)',
      value: cold,
      goal: `< ${GOAL_COLD_LOAD_MS} ms`,
      met: cold === null ? null : cold < GOAL_COLD_LOAD_MS,
      note: report.coldLoad ? `to applied in the client: ${formatMs(report.coldLoad.warmMedian.toSyncedMs)} ms` : undefined,
    },
    {
      name: 'lost acknowledged updates',
      value: report.durability.lostAcked,
      goal: '0',
      met: report.durability.lostAcked === 0 && report.durability.acked > 0,
      note: `${report.durability.acked} acked of ${report.durability.sent} sent; ${report.durability.ackErrors} write_failed`,
    },
  ]
}

export function printReport(report: Report): void {
  const kinds = report.settings.servers
  console.log(
    '\n== Fan-out latency (writer at %d updates/s; ms from the local change to each reader) ==',
    report.settings.fanoutRate,
  )
  const rows: Array<Array<string | number>> = []
  for (const clients of report.settings.fanoutClients) {
    for (const kind of kinds) {
      const s = report.fanout[kind]?.find((x) => x.readers === clients - 1)
      if (!s) continue
      rows.push([
        kind,
        clients,
        formatMs(s.p50),
        formatMs(s.p99),
        formatMs(s.max),
        (s.roundP99s ?? []).map(formatMs).join(' / '),
        formatMs(s.firstReaderP99),
        `${formatMs(s.wireP50)} / ${formatMs(s.wireP99)}${s.wireMissing > 0 ? ` (${s.wireMissing} unseen)` : ''}`,
        s.samples,
        s.undelivered,
        s.ackP99 !== undefined ? formatMs(s.ackP99) : '–',
        s.serverCpuUsPerUpdate.toFixed(0),
        formatMs(s.serverLoopDelayMaxMs),
        s.readerCpuUsPerDelivery.toFixed(0),
      ])
    }
  }
  console.log(
    table(
      [
        'server',
        'clients',
        'p50',
        'p99',
        'max',
        'p99 per round',
        '1st p99',
        'srv share p50 / p99',
        'samples',
        'lost',
        'ack p99',
        'srv µs/upd',
        'srv block',
        'rdr µs/msg',
      ],
      rows,
    ),
  )
  console.log(
    '1st p99: p99 over updates of the first reader to see each one (the relay, without the readers queueing in their one process);\n' +
      "srv share: the server's own share, from an update's first bytes in to its write to each reader's socket (servers/wire-probe.ts);\n" +
      'srv µs/upd: server CPU per update; srv block: longest event-loop delay in the server (ms); rdr µs/msg: readers-process CPU per update per reader (client library cost).',
  )

  console.log(
    '\n== Highest sustained rate (%d readers, p99 ≤ %d ms) ==',
    report.settings.rampReaders,
    report.settings.rampLimitMs,
  )
  console.log(
    table(
      ['server', 'max rate/s', 'steps (rate: p99 ms)'],
      kinds.map((kind) => {
        const r = report.ramp[kind]
        if (!r) return [kind, '–', '']
        const best =
          r.maxSustainedRate === null
            ? `< ${report.settings.rampRates[0]}`
            : r.limitReached
              ? String(r.maxSustainedRate)
              : `≥ ${r.maxSustainedRate}`
        return [
          kind,
          best,
          r.steps
            .map(
              (s) =>
                `${s.retry ? 'again ' : ''}${s.rate}: ${formatMs(s.p99)}${s.achievedRate < s.rate * 0.9 ? ` (sent ${s.achievedRate.toFixed(0)}/s)` : ''}`,
            )
            .join(', '),
        ]
      }),
    ),
  )

  const c = report.coldLoad
  if (c) {
    console.log('\n== Cold load (automerge-paper: %d edits, %d characters; Peloton) ==', c.edits, c.textLength)
    console.log(
      table(
        ['load', 'join → step 2 (ms)', 'join → applied (ms)'],
        [
          ['first, fresh process', formatMs(c.firstLoad.toStepTwoMs), formatMs(c.firstLoad.toSyncedMs)],
          [
            `median of ${c.warmLoads.length}, after idle unload`,
            formatMs(c.warmMedian.toStepTwoMs),
            formatMs(c.warmMedian.toSyncedMs),
          ],
          ...(c.freshProcessMedian
            ? [
                [
                  `median of ${c.freshProcessLoads.length}, each a fresh process`,
                  formatMs(c.freshProcessMedian.toStepTwoMs),
                  formatMs(c.freshProcessMedian.toSyncedMs),
                ],
              ]
            : []),
        ],
      ),
    )
    console.log(
      `stored: ${formatBytes(c.storedBytes.total)} (snapshot ${formatBytes(c.storedBytes.snapshot)} + ${c.storedBytes.tailRows} tail rows ${formatBytes(c.storedBytes.tail)}); ` +
        `update log before compaction ${formatBytes(c.updateLogBytes)}; sync step 2 sent ${formatBytes(c.syncBytes)}`,
    )
  }

  const m = report.memory
  if (m) {
    console.log('\n== Memory per open document (Peloton, after GC; %d sockets in the baseline) ==', m.sockets)
    console.log(
      table(
        ['documents', 'heap/doc', 'heap/doc added', 'RSS/doc', 'heap total', 'RSS total'],
        m.points.map((p) => [
          p.documents,
          formatBytes(p.heapPerDoc),
          p.marginalHeapPerDoc === null ? '–' : formatBytes(p.marginalHeapPerDoc),
          formatBytes(p.rssPerDoc),
          formatBytes(p.report.heapUsed),
          formatBytes(p.report.rss),
        ]),
      ),
    )
  }

  report.goals ??= goals(report)
  console.log('\n== Goals ==')
  console.log(
    table(
      ['measure', 'value', 'goal', 'result', 'note'],
      report.goals.map((g) => [
        g.name,
        g.value === null ? '–' : g.value.toFixed(g.name.startsWith('lost') ? 0 : 2),
        g.goal,
        g.met === null ? (g.goal === 'info' ? '' : 'n/a') : g.met ? 'met' : 'MISSED',
        g.note ?? '',
      ]),
    ),
  )
  console.log(
    `\nmachine load before ${(report.machine.before as { loadavg: number[] }).loadavg.join(' ')}, after ${(report.machine.after as { loadavg: number[] }).loadavg.join(' ')}; ${report.durationS} s`,
  )
}
