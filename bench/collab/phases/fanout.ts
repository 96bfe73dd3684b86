// Fan-out latency: one writer typing a few characters per update at a steady
// rate, the other clients reading; latency = from the writer's local change to
// each reader seeing it. Then the ramp: the writer's rate doubles until p99
// passes the limit. For Peloton, every acknowledged update must be in the
// database after the server is killed (SIGKILL) at the end of each run.
import { docFromUpdates, readStoredDocument } from '~/services/document-persistence.server'
import type { ServerKind } from '../clients/adapters'
import { newDocument } from '../lib/fixtures'
import { startServer, stopServer, targetFor, type Context } from '../lib/context'
import { percentile } from '../lib/stats'

export interface StepResult {
  rate: number
  readers: number
  updates: number
  samples: number
  p50: number
  p99: number
  max: number
  /** Reader×update pairs that never arrived (counted as infinitely late). */
  undelivered: number
  /** Updates per second the writer really managed. */
  achievedRate: number
  writerLagP99: number
  /** Peloton: from the local change to the server's ack (after the commit). */
  ackP50?: number
  ackP99?: number
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

const tokens = (text: string) => new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))

async function measureStep(
  ctx: Context,
  rate: number,
  durationMs: number,
  readers: number,
): Promise<{ step: StepResult; write: WriteResult }> {
  const writerClock = await ctx.writer.clockOffset()
  const readerClock = await ctx.readers.clockOffset()
  const write = await ctx.writer.call<WriteResult>('write', { rate, durationMs }, durationMs + 60_000)
  const rows = await ctx.readers.call<number[][]>('receipts', { firstSeq: write.firstSeq, lastSeq: write.lastSeq, waitMs: 5000 })
  const skip = Math.min(ctx.settings.warmupUpdates, Math.floor(write.sent.length / 4))
  const latencies: number[] = []
  let undelivered = 0
  for (const row of rows) {
    for (let i = skip; i < row.length; i++) {
      const seen = row[i]!
      if (seen < 0) {
        undelivered++
        latencies.push(Infinity)
      } else {
        latencies.push(seen - readerClock.offsetMs - (write.sent[i]! - writerClock.offsetMs))
      }
    }
  }
  const ackTimes = write.acked
    .filter(([seq]) => seq - write.firstSeq >= skip)
    .map(([seq, at]) => at - write.sent[seq - write.firstSeq]!)
  const span = (write.sent[write.sent.length - 1]! - write.sent[0]!) / 1000
  return {
    write,
    step: {
      rate,
      readers,
      updates: write.sent.length,
      samples: latencies.length,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      max: percentile(latencies, 1),
      undelivered,
      achievedRate: span > 0 ? (write.sent.length - 1) / span : rate,
      writerLagP99: write.lagP99,
      ...(ackTimes.length > 0 ? { ackP50: percentile(ackTimes, 0.5), ackP99: percentile(ackTimes, 0.99) } : {}),
    },
  }
}

/** One server, one document, `readers` readers and a writer; `steps` rates in a row (a ramp stops at the first that fails). */
async function session(
  ctx: Context,
  kind: ServerKind,
  readers: number,
  rates: number[],
  durationMs: number,
  stopAbove: number | null,
  durability: DurabilityResult,
): Promise<StepResult[]> {
  const server = await startServer(ctx, kind)
  const docName = kind === 'peloton' ? await newDocument(ctx.fixtures, `Fan-out ${readers}`) : `bench-${kind}-${Date.now()}`
  const results: StepResult[] = []
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
      const { step, write } = await measureStep(ctx, rate, durationMs, readers)
      results.push(step)
      sent += write.sent.length
      for (const [seq, , ok] of write.acked) {
        if (ok) acked.push(seq)
        else durability.ackErrors++
      }
      const label = `${kind} ${readers + 1} clients @${rate}/s`
      console.log(
        `  ${label.padEnd(34)} p50 ${step.p50.toFixed(2)} ms  p99 ${step.p99.toFixed(2)} ms  (${step.achievedRate.toFixed(0)}/s achieved)`,
      )
      if (stopAbove !== null && (!(step.p99 <= stopAbove) || step.undelivered > 0)) break
      await new Promise((resolve) => setTimeout(resolve, 300))
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

export async function runFanout(ctx: Context): Promise<FanoutResults> {
  const { settings } = ctx
  const durability: DurabilityResult = { sent: 0, acked: 0, ackErrors: 0, lostAcked: 0, unacked: 0 }
  const fanout: FanoutResults['fanout'] = {}
  const ramp: FanoutResults['ramp'] = {}
  // Servers take turns at each size, so a change in the machine's load hits all three alike.
  for (const clients of settings.fanoutClients) {
    for (const kind of settings.servers) {
      const [step] = await session(ctx, kind, clients - 1, [settings.fanoutRate], settings.fanoutMs, null, durability)
      ;(fanout[kind] ??= []).push(step!)
    }
  }
  for (const kind of settings.servers) {
    const steps = await session(
      ctx,
      kind,
      settings.rampReaders,
      settings.rampRates,
      settings.rampMs,
      settings.rampLimitMs,
      durability,
    )
    const passing = steps.filter((s) => s.p99 <= settings.rampLimitMs && s.undelivered === 0)
    // The ramp stops at the first step that fails, so the passing steps are the ones before it.
    ramp[kind] = {
      steps,
      maxSustainedRate: passing[passing.length - 1]?.rate ?? null,
      limitReached: passing.length < steps.length,
    }
  }
  return { fanout, ramp, durability }
}
