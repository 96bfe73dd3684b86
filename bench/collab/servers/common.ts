// What every server process under test answers, whichever server it runs.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { now } from '../lib/ipc'
import { takeWireTimes } from './wire-probe'

export interface MemoryReport {
  heapUsed: number
  rss: number
  external: number
  arrayBuffers: number
  documents: number
}

const collect = (globalThis as { gc?: () => void }).gc

/** How long the event loop was blocked: a relay waits behind whatever runs synchronously. */
const loop = monitorEventLoopDelay({ resolution: 5 })
loop.enable()

export function serverHandlers(documents: () => number) {
  return {
    clock: () => now(),
    cpu: () => process.cpuUsage(),
    /** The server's own share of each update's fan-out since the last call (wire-probe.ts). */
    wireTimes: () => takeWireTimes(),
    /** Event-loop delay since the last call (ms), then starts again. */
    loopDelay: () => {
      const result = { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 }
      loop.reset()
      return result
    },
    /** Exits normally soon after answering (so that --cpu-prof writes its profile). */
    exit: () => {
      setTimeout(() => process.exit(0), 20)
      return true
    },
    /** process.memoryUsage() after full collections (needs node --expose-gc). */
    memory: async (): Promise<MemoryReport> => {
      if (!collect) throw new Error('start the server with --expose-gc')
      for (let i = 0; i < 3; i++) {
        collect()
        await new Promise((resolve) => setImmediate(resolve))
      }
      const { heapUsed, rss, external, arrayBuffers } = process.memoryUsage()
      return { heapUsed, rss, external, arrayBuffers, documents: documents() }
    },
  }
}
