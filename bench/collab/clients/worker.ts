// A client process of the benchmark: it opens many clients of one server (the
// readers), or one client that types (the writer), and reports times on the
// shared clock (lib/ipc.ts `now`). The writer puts a token `[seq]` in the text
// with each update; readers note when each token first reaches them.
import type { Socket } from 'socket.io-client'
import * as Y from 'yjs'
import { CollabProvider } from '~/realtime/collab-provider'
import { MESSAGE_SYNC, SYNC_STEP_2 } from '~/realtime/protocol'
import { now, serve } from '../lib/ipc'
import { connectClient, pelotonSocket, type BenchClient, type Target } from './adapters'

const TEXT = 't'
const TOKEN = /\[(\d+)\]/g

interface Reader {
  client: BenchClient
  /** seq → first time seen. */
  seen: Map<number, number>
}

let readers: Reader[] = []
let writer: { client: BenchClient; next: number; acks: boolean } | null = null
let currentSeq: number | null = null
const acks = new Map<number, { at: number; error: unknown }>()
let extraSockets: Socket[] = []
let providers: CollabProvider[] = []

async function inBatches<T>(count: number, size: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = []
  for (let i = 0; i < count; i += size) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(size, count - i) }, (_, j) => make(i + j)))))
  }
  return out
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      promise,
      new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out`)), ms))),
    ])
  } finally {
    clearTimeout(timer)
  }
}

function openReader(target: Target): Reader {
  const client = connectClient(target)
  const seen = new Map<number, number>()
  client.doc.getText(TEXT).observe((event) => {
    const at = now()
    for (const op of event.delta) {
      if (typeof op.insert !== 'string') continue
      for (const match of op.insert.matchAll(TOKEN)) {
        const seq = Number(match[1])
        if (!seen.has(seq)) seen.set(seq, at)
      }
    }
  })
  return { client, seen }
}

// y-websocket's provider adds a process 'exit' listener per instance; a hundred of them are expected here.
process.setMaxListeners(0)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

serve({
  clock: () => now(),
  cpu: () => process.cpuUsage(),
  /** Exits normally soon after answering (so that --cpu-prof writes its profile). */
  exit: () => {
    setTimeout(() => process.exit(0), 20)
    return true
  },

  async openReaders({ target, count }: { target: Target; count: number }) {
    const opened = await inBatches(count, 10, async () => {
      const reader = openReader(target)
      await withTimeout(reader.client.synced, 20_000, 'reader sync')
      return reader
    })
    readers.push(...opened)
    return readers.length
  },

  async openWriter({ target }: { target: Target }) {
    acks.clear()
    const client = connectClient(target, {
      onSend: () => {
        const seq = currentSeq
        if (seq === null) return null
        return (error) => acks.set(seq, { at: now(), error })
      },
    })
    await withTimeout(client.synced, 20_000, 'writer sync')
    writer = { client, next: 1, acks: target.kind === 'peloton' }
    return true
  },

  /**
   * Types `[seq]` at the end of the text at `rate` updates per second for
   * `durationMs` (open loop: late ticks catch up at once), one update each.
   * Returns when done and, for Peloton, when every ack arrived (or 15 s passed).
   */
  async write({ rate, durationMs, ackWaitMs = 15_000 }: { rate: number; durationMs: number; ackWaitMs?: number }) {
    if (!writer) throw new Error('no writer')
    const w = writer
    const text = w.client.doc.getText(TEXT)
    const period = 1000 / rate
    const total = Math.max(1, Math.round((durationMs / 1000) * rate))
    const firstSeq = w.next
    const sent: number[] = []
    const lag: number[] = []
    const start = now() + 5
    for (let i = 0; i < total; i++) {
      const due = start + i * period
      const wait = due - now()
      if (wait >= 1) await sleep(wait)
      else if (i % 20 === 19) await new Promise((resolve) => setImmediate(resolve))
      const seq = w.next++
      const at = now()
      currentSeq = seq
      text.insert(text.length, `[${seq}]`)
      currentSeq = null
      sent.push(at)
      lag.push(at - due)
    }
    const lastSeq = w.next - 1
    const end = now() + ackWaitMs
    const unacked = () => {
      for (let seq = firstSeq; seq <= lastSeq; seq++) if (!acks.has(seq)) return true
      return false
    }
    while (w.acks && unacked() && now() < end) await sleep(10)
    const acked: Array<[number, number, boolean]> = []
    for (let seq = firstSeq; seq <= lastSeq; seq++) {
      const ack = acks.get(seq)
      if (ack) acked.push([seq, ack.at, ack.error === null || ack.error === undefined])
    }
    return { firstSeq, lastSeq, sent, lagP99: percentile(lag, 0.99), acked }
  },

  /** Waits until every reader saw `lastSeq` (or `waitMs` passed); per reader, the time each seq was first seen (-1: never). */
  async receipts({ firstSeq, lastSeq, waitMs }: { firstSeq: number; lastSeq: number; waitMs: number }) {
    const end = now() + waitMs
    while (now() < end && readers.some((r) => !r.seen.has(lastSeq))) await sleep(10)
    // Updates are relayed in order, so once the last is in, earlier ones are too (or never will be).
    return readers.map((r) => {
      const row: number[] = []
      for (let seq = firstSeq; seq <= lastSeq; seq++) row.push(r.seen.get(seq) ?? -1)
      return row
    })
  },

  async closeAll() {
    for (const r of readers) r.client.destroy()
    writer?.client.destroy()
    for (const p of providers) p.destroy()
    for (const s of extraSockets) s.disconnect()
    readers = []
    writer = null
    providers = []
    extraSockets = []
    await sleep(100)
    return true
  },

  /**
   * Cold load: with a connected socket, the time from `join` to the server's
   * sync step 2 arriving, and to CollabProvider reporting synced (applied).
   */
  async coldJoin({ target }: { target: Target }) {
    const socket = pelotonSocket(target)
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve())
        socket.once('connect_error', (e) => reject(e))
      }),
      10_000,
      'connect',
    )
    let stepTwoAt = 0
    let stepTwoBytes = 0
    socket.on('msg', (_docId: string, data: ArrayBuffer | Uint8Array) => {
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(data)
      if (!stepTwoAt && bytes[0] === MESSAGE_SYNC && bytes[1] === SYNC_STEP_2) {
        stepTwoAt = now()
        stepTwoBytes = bytes.length
      }
    })
    const doc = new Y.Doc()
    const joinAt = now()
    const provider = new CollabProvider({ docId: target.docName, doc, socket })
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        provider.on('synced', (s) => s && resolve())
        provider.on('error', (e) => reject(new Error(e.code)))
      }),
      30_000,
      'cold join',
    )
    const syncedAt = now()
    const text = doc.getText(TEXT).toString()
    provider.destroy()
    socket.disconnect()
    doc.destroy()
    return { toStepTwoMs: stepTwoAt - joinAt, toSyncedMs: syncedAt - joinAt, stepTwoBytes, text }
  },

  /** Memory runs: `sockets` Peloton sockets, then documents joined round-robin over them (CollabProvider each). */
  async openSockets({ target, sockets }: { target: Target; sockets: number }) {
    extraSockets = await inBatches(sockets, 10, async () => {
      const socket = pelotonSocket(target)
      await withTimeout(
        new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve())
          socket.once('connect_error', (e) => reject(e))
        }),
        10_000,
        'connect',
      )
      return socket
    })
    return extraSockets.length
  },

  async openDocuments({ docIds }: { docIds: string[] }) {
    const start = providers.length
    await inBatches(docIds.length, 20, async (i) => {
      const doc = new Y.Doc()
      const provider = new CollabProvider({ docId: docIds[i]!, doc, socket: extraSockets[(start + i) % extraSockets.length]! })
      providers.push(provider)
      await withTimeout(
        new Promise<void>((resolve, reject) => {
          if (provider.synced) return resolve()
          provider.on('synced', (s) => s && resolve())
          provider.on('error', (e) => reject(new Error(e.code)))
        }),
        20_000,
        'document sync',
      )
    })
    return providers.length
  },
})

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!
}
