// What every server process under test answers, whichever server it runs.
import { now } from '../lib/ipc'

export interface MemoryReport {
  heapUsed: number
  rss: number
  external: number
  arrayBuffers: number
  documents: number
}

const collect = (globalThis as { gc?: () => void }).gc

export function serverHandlers(documents: () => number) {
  return {
    clock: () => now(),
    cpu: () => process.cpuUsage(),
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
