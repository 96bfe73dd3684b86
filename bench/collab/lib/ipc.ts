// A small request/response layer over Node's IPC channel, so the benchmark
// can drive its child processes (servers under test and client workers) and
// read their clocks and memory. Children call serve(); the parent holds a Child.
import { fork, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { track } from '../../support/process'

type Request = { id: number; type: string; args: unknown }
type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string }
type Ready = { ready: true; info: unknown }

/** The one clock every process reports in: milliseconds on the Unix epoch, sub-millisecond resolution. */
export const now = (): number => performance.timeOrigin + performance.now()

/** In a child: answers the parent's requests with these handlers, then tells it what it needs to know. */
export function serve(handlers: Record<string, (args: never) => unknown>, info: unknown = null): void {
  if (!process.send) throw new Error('this module runs as a child process of bench/collab/run.ts')
  process.on('message', (message: Request) => {
    const handler = handlers[message.type] as ((args: unknown) => unknown) | undefined
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`no handler for ${message.type}`)
        return handler(message.args)
      })
      .then(
        (result) => process.send!({ id: message.id, ok: true, result } satisfies Reply),
        (error: unknown) =>
          process.send!({
            id: message.id,
            ok: false,
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
          }),
      )
  })
  // The parent going away (or being killed) must not leave us running.
  process.on('disconnect', () => process.exit(0))
  process.send({ ready: true, info } satisfies Ready)
}

const here = path.dirname(fileURLToPath(import.meta.url))
export const benchDir = path.resolve(here, '..')

/** A child process the benchmark started and holds by PID, with request/response over IPC. */
export class Child<Info = unknown> {
  private nextId = 1
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  exited: Promise<number | null>
  info!: Info

  private constructor(
    readonly name: string,
    readonly proc: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)))
    proc.on('message', (message: Reply | Ready) => {
      if ('ready' in message) return
      const waiter = this.pending.get(message.id)
      if (!waiter) return
      this.pending.delete(message.id)
      if (message.ok) waiter.resolve(message.result)
      else waiter.reject(new Error(`${name}: ${message.error}`))
    })
    proc.once('exit', (code, signal) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`${name} exited (${signal ?? code})`))
      this.pending.clear()
    })
  }

  /** Starts `bench/collab/<script>` with tsx and waits for it to say it is ready. */
  static async start<I>(
    name: string,
    script: string,
    {
      env = {},
      nodeArgs = [],
      timeoutMs = 30_000,
    }: { env?: Record<string, string>; nodeArgs?: string[]; timeoutMs?: number } = {},
  ): Promise<Child<I>> {
    const proc = fork(path.join(benchDir, script), [], {
      execArgv: [...nodeArgs, '--import', 'tsx'],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const child = new Child<I>(name, proc)
    // Stopped with the run (bench/support/process.ts) unless it ends first.
    const untrack = track(() => child.kill())
    void child.exited.then(untrack)
    child.info = await new Promise<I>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs} ms`)), timeoutMs)
      proc.on('message', (message: Reply | Ready) => {
        if ('ready' in message) {
          clearTimeout(timer)
          resolve(message.info as I)
        }
      })
      proc.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`${name} exited with ${code} before it was ready`))
      })
    })
    return child
  }

  get pid(): number {
    return this.proc.pid!
  }

  call<T>(type: string, args: unknown = null, timeoutMs = 120_000): Promise<T> {
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Error(`${this.name}: ${type} timed out after ${timeoutMs} ms`))
      }, timeoutMs)
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer)
          resolve(v as T)
        },
        reject: (e) => {
          clearTimeout(timer)
          reject(e)
        },
      })
      this.proc.send({ id, type, args } satisfies Request)
    })
  }

  /**
   * This process's clock minus ours, from the round trip with the smallest
   * delay (as NTP does); the error is at most half that round trip.
   */
  async clockOffset(samples = 15): Promise<{ offsetMs: number; rttMs: number }> {
    let best = { offsetMs: 0, rttMs: Infinity }
    for (let i = 0; i < samples; i++) {
      const sent = now()
      const theirs = await this.call<number>('clock')
      const received = now()
      const rtt = received - sent
      if (rtt < best.rttMs) best = { offsetMs: theirs - (sent + received) / 2, rttMs: rtt }
    }
    return best
  }

  /** SIGKILL, by PID, and wait for the exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return
    this.proc.kill(signal)
    await this.exited
  }
}
