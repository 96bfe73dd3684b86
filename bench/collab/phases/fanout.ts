// Fan-out latency: one writer typing a few characters per update at a steady
// rate, the other clients reading; latency = from the writer's local change to
// each reader seeing it. Then the ramp: the writer's rate doubles until p99
// passes the limit. For Peloton, every acknowledged update must be in the
// database after the server is killed (SIGKILL) at the end of each run.
import { docFromUpdates, readStoredDocument } from '~/services/document-persistence.server'
import { BARE_KINDS, type ServerKind } from '../clients/adapters'
import type { Child } from '../lib/ipc'
import { newDocument } from '../lib/fixtures'
import { startServer, stopServer, targetFor, type Context, type ServerInfo } from '../lib/context'
import { percentile } from '../lib/stats'

export interface StepResult {
  rate: number
  readers: number
  updates: number
  samples: number
  p50: number
  p99: number
  max: number
  /** Per update, the first reader to see it: the relay without the readers' own queueing in their shared process. */
  firstReaderP50: number
  firstReaderP99: number
  /** Reader×update pairs that never arrived (counted as infinitely late). */
  undelivered: number
  /** Updates per second the writer really managed. */
  achievedRate: number
  writerLagP99: number
  /** CPU time of the server process per update (µs), and of the readers' process per update delivered to one reader. */
  serverCpuUsPerUpdate: number
  readerCpuUsPerDelivery: number
  /**
   * The server's own share (servers/wire-probe.ts): from an update's first bytes arriving to its
   * write to each reader's socket, over every reader × update pair; `wireMissing`: pairs not seen.
   */
  wireP50: number
  wireP99: number
  wireMissing: number
  /** The server's longest event-loop block during the run (ms): relays wait behind it. */
  serverLoopDelayMaxMs: number
  /** Peloton: from the local change to the server's ack (after the commit). */
  ackP50?: number
  ackP99?: number
  /** Fan-out: p99 of each round on its own. Ramp: true for the second try of a rate. */
  roundP99s?: number[]
  retry?: boolean
}

export interface DurabilityResult {
  sent: number
  acked: number
  ackErrors: number
  lostAcked: number
  /** Updates sent but not (yet) acknowledged when the server was killed. */
  unacked: number
}

interface WriteResult {
  firstSeq: number
  lastSeq: number
  sent: number[]
  lagP99: number
  acked: Array<[seq: number, at: number, ok: boolean]>
}

/** The raw figures of one run at one rate, kept in memory so rounds can be pooled. */
interface Raw {
  rate: number
  readers: number
  latencies: number[]
  first: number[]
  acks: number[]
  wire: number[]
  wireMissing: number
  updates: number
  undelivered: number
  achievedRate: number
  writerLagP99: number
  serverCpuUs: number
  readerCpuUs: number
  loopDelayMaxMs: number
}

const tokens = (text: string) => new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))
const cpuUs = (u: NodeJS.CpuUsage) => u.user + u.system

async function measure(ctx: Context, server: Child<ServerInfo>, rate: number, durationMs: number, readers: number) {
  const writerClock = await ctx.writer.clockOffset()
  const readerClock = await ctx.readers.clockOffset()
  const cpu0 = await Promise.all([server.call<NodeJS.CpuUsage>('cpu'), ctx.readers.call<NodeJS.CpuUsage>('cpu')])
  await server.call('loopDelay')
  await server.call('wireTimes')
  const write = await ctx.writer.call<WriteResult>('write', { rate, durationMs }, durationMs + 60_000)
  const rows = await ctx.readers.call<number[][]>('receipts', { firstSeq: write.firstSeq, lastSeq: write.lastSeq, waitMs: 5000 })
  const cpu1 = await Promise.all([server.call<NodeJS.CpuUsage>('cpu'), ctx.readers.call<NodeJS.CpuUsage>('cpu')])
  const loopDelay = await server.call<{ max: number }>('loopDelay')
  const wireTimes = new Map(await server.call<Array<[number, number[]]>>('wireTimes'))
  const skip = Math.min(ctx.settings.warmupUpdates, Math.floor(write.sent.length / 4))
  const wire: number[] = []
  let wireMissing = 0
  for (let seq = write.firstSeq + skip; seq <= write.lastSeq; seq++) {
    const times = wireTimes.get(seq) ?? []
    wire.push(...times.slice(0, readers))
    wireMissing += Math.max(0, readers - times.length)
  }
  const sentAt = (i: number) => write.sent[i]! - writerClock.offsetMs
  const latencies: number[] = []
  const first: number[] = Array.from({ length: write.sent.length - skip }, () => Infinity)
  let undelivered = 0
  for (const row of rows) {
    for (let i = skip; i < row.length; i++) {
      const seen = row[i]!
      const latency = seen < 0 ? Infinity : seen - readerClock.offsetMs - sentAt(i)
      if (seen < 0) undelivered++
      latencies.push(latency)
      first[i - skip] = Math.min(first[i - skip]!, latency)
    }
  }
  const acks = write.acked
    .filter(([seq]) => seq - write.firstSeq >= skip)
    .map(([seq, at]) => at - write.sent[seq - write.firstSeq]!)
  const span = (write.sent[write.sent.length - 1]! - write.sent[0]!) / 1000
  const raw: Raw = {
    rate,
    readers,
    latencies,
    first,
    acks,
    wire,
    wireMissing,
    updates: write.sent.length,
    undelivered,
    achievedRate: span > 0 ? (write.sent.length - 1) / span : rate,
    writerLagP99: write.lagP99,
    serverCpuUs: cpuUs(cpu1[0]) - cpuUs(cpu0[0]),
    readerCpuUs: cpuUs(cpu1[1]) - cpuUs(cpu0[1]),
    loopDelayMaxMs: loopDelay.max,
  }
  return { raw, write }
}

function summarise(runs: Raw[]): StepResult {
  const { rate, readers } = runs[0]!
  const all = <T>(pick: (r: Raw) => T[]) => runs.flatMap(pick)
  const latencies = all((r) => r.latencies)
  const first = all((r) => r.first)
  const acks = all((r) => r.acks)
  const wire = all((r) => r.wire)
  const updates = runs.reduce((n, r) => n + r.updates, 0)
  return {
    rate,
    readers,
    updates,
    samples: latencies.length,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: percentile(latencies, 1),
    firstReaderP50: percentile(first, 0.5),
    firstReaderP99: percentile(first, 0.99),
    undelivered: runs.reduce((n, r) => n + r.undelivered, 0),
    wireP50: percentile(wire, 0.5),
    wireP99: percentile(wire, 0.99),
    wireMissing: runs.reduce((n, r) => n + r.wireMissing, 0),
    achievedRate: Math.min(...runs.map((r) => r.achievedRate)),
    writerLagP99: Math.max(...runs.map((r) => r.writerLagP99)),
    serverCpuUsPerUpdate: runs.reduce((n, r) => n + r.serverCpuUs, 0) / updates,
    readerCpuUsPerDelivery: runs.reduce((n, r) => n + r.readerCpuUs, 0) / (updates * readers),
    serverLoopDelayMaxMs: Math.max(...runs.map((r) => r.loopDelayMaxMs)),
    ...(acks.length > 0 ? { ackP50: percentile(acks, 0.5), ackP99: percentile(acks, 0.99) } : {}),
    ...(runs.length > 1 ? { roundP99s: runs.map((r) => percentile(r.latencies, 0.99)) } : {}),
  }
}

const passes = (ctx: Context, s: StepResult) => s.p99 <= ctx.settings.rampLimitMs && s.undelivered === 0

/**
 * One server, one document, `readers` readers and a writer, at each of
 * `rates` in turn. With `ramp`, a rate that fails is tried once more (load
 * from other work on the machine can spoil one try), and the first rate that
 * fails twice ends it.
 */
async function session(
  ctx: Context,
  kind: ServerKind,
  readers: number,
  rates: number[],
  durationMs: number,
  ramp: boolean,
  durability: DurabilityResult,
  { warmup = false }: { warmup?: boolean } = {},
) {
  const server = await startServer(ctx, kind)
  const docName = kind === 'peloton' ? await newDocument(ctx.fixtures, `Fan-out ${readers}`) : `bench-${kind}-${Date.now()}`
  const results: Array<{ raw: Raw; step: StepResult }> = []
  const acked: number[] = []
  let sent = 0
  try {
    await ctx.readers.call(
      'openReaders',
      { target: targetFor(server, kind, docName, ctx.fixtures.readerToken), count: readers },
      180_000,
    )
    await ctx.writer.call('openWriter', { target: targetFor(server, kind, docName, ctx.fixtures.writerToken) })
    await new Promise((resolve) => setTimeout(resolve, 300))
    for (const rate of rates) {
      let ok = false
      for (let attempt = 0; attempt < (ramp ? 2 : 1) && !ok; attempt++) {
        const { raw, write } = await measure(ctx, server, rate, durationMs, readers)
        const step = { ...summarise([raw]), ...(attempt > 0 ? { retry: true } : {}) }
        results.push({ raw, step })
        sent += write.sent.length
        for (const [seq, , good] of write.acked) {
          if (good) acked.push(seq)
          else durability.ackErrors++
        }
        ok = passes(ctx, step)
        const label = `${kind} ${readers + 1} clients @${rate}/s${attempt > 0 ? ' (again)' : ''}${warmup ? ' (warm-up)' : ''}`
        console.log(
          `  ${label.padEnd(36)} p50 ${step.p50.toFixed(2)} ms  p99 ${step.p99.toFixed(2)} ms  ` +
            `server ${step.serverCpuUsPerUpdate.toFixed(0)} µs/update  (${step.achievedRate.toFixed(0)}/s sent)`,
        )
        await new Promise((resolve) => setTimeout(resolve, 300))
      }
      if (ramp && !ok) break
    }
  } finally {
    await ctx.writer.call('closeAll')
    await ctx.readers.call('closeAll')
    await stopServer(ctx, server)
  }
  if (kind === 'peloton') {
    // The server is gone (SIGKILL): whatever it acknowledged must be in the database.
    const stored = await readStoredDocument(docName)
    const doc = docFromUpdates(docName, stored?.updates ?? [])
    const present = tokens(doc.getText('t').toString())
    doc.destroy()
    durability.sent += sent
    durability.acked += acked.length
    durability.lostAcked += acked.filter((seq) => !present.has(seq)).length
    durability.unacked += sent - acked.length
  }
  return results
}

export interface FanoutResults {
  fanout: Record<string, StepResult[]>
  ramp: Record<string, { steps: StepResult[]; maxSustainedRate: number | null; limitReached: boolean }>
  durability: DurabilityResult
}

const WARMUP_READERS = 9
const WARMUP_MS = 2000

export async function runFanout(ctx: Context): Promise<FanoutResults> {
  const { settings } = ctx
  const durability: DurabilityResult = { sent: 0, acked: 0, ackErrors: 0, lostAcked: 0, unacked: 0 }
  const raws = new Map<string, Raw[]>()
  // The client processes start cold: without this, whichever server came first would meet readers
  // and a writer whose client library (and Yjs) V8 has not compiled yet. One short, unrecorded run
  // per server warms every client library alike.
  for (const kind of settings.servers) {
    await session(ctx, kind, WARMUP_READERS, [settings.fanoutRate], WARMUP_MS, false, durability, { warmup: true })
  }
  // Rounds, and within a round the servers taking turns at each size, so that a change in the
  // machine's load falls on all alike; every other round in reverse order, so that no server always
  // follows the same one. Rounds are pooled.
  for (let round = 0; round < settings.fanoutRounds; round++) {
    const order = round % 2 === 0 ? settings.servers : [...settings.servers].reverse()
    for (const clients of settings.fanoutClients) {
      for (const kind of order) {
        const [result] = await session(ctx, kind, clients - 1, [settings.fanoutRate], settings.fanoutMs, false, durability)
        const key = `${kind}/${clients}`
        raws.set(key, [...(raws.get(key) ?? []), result!.raw])
      }
    }
  }
  const fanout: FanoutResults['fanout'] = {}
  for (const kind of settings.servers)
    fanout[kind] = settings.fanoutClients.map((clients) => summarise(raws.get(`${kind}/${clients}`)!))

  const ramp: FanoutResults['ramp'] = {}
  for (const kind of settings.fanoutOnly ? [] : settings.servers.filter((k) => !BARE_KINDS.includes(k))) {
    const steps = (await session(ctx, kind, settings.rampReaders, settings.rampRates, settings.rampMs, true, durability)).map(
      (r) => r.step,
    )
    const passed = steps.filter((s) => passes(ctx, s)).map((s) => s.rate)
    const last = steps[steps.length - 1]!
    ramp[kind] = {
      steps,
      maxSustainedRate: passed.length > 0 ? Math.max(...passed) : null,
      // The ramp stopped at a rate that failed twice (else every rate passed and the result is a lower bound).
      limitReached: !passes(ctx, last),
    }
  }
  return { fanout, ramp, durability }
}
