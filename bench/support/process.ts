// What both benchmark runners (bench/collab, bench/registration) need around
// their measurements: where things go, how busy the machine was, which
// versions ran, the child processes they start (each stopped by its own
// handle, never by name), and one way to end — normally, on Ctrl-C or on an
// error — that stops every child still running.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const resultsDir = path.join(repoRoot, 'bench/results')
export const tmpDir = path.join(repoRoot, 'bench/.tmp')

/** The load average and the busiest processes: the machine is shared, so figures need this beside them. */
export function machine(): { loadavg: number[]; busiest: string[] } {
  let busiest: string[] = []
  try {
    busiest = execFileSync('ps', ['-eo', 'pcpu,rss,comm', '--sort=-pcpu'], { encoding: 'utf8' }).trim().split('\n').slice(1, 8)
  } catch {
    // ps is not everywhere; the load average still says how busy the machine was.
  }
  return { loadavg: os.loadavg().map((n) => Math.round(n * 100) / 100), busiest: busiest.map((l) => l.trim()) }
}

/** What a run's JSON says about the machine: its size, Node, and how busy it was before and after. */
export function machineReport(before: ReturnType<typeof machine>) {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    totalMemory: os.totalmem(),
    node: process.version,
    before,
    after: machine(),
  }
}

/** Installed versions of these packages, from node_modules. */
export function packageVersions(names: string[]): Record<string, string> {
  const read = (name: string) => {
    try {
      const file = path.join(repoRoot, 'node_modules', name, 'package.json')
      return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version
    } catch {
      return 'unknown'
    }
  }
  return Object.fromEntries(names.map((n) => [n, read(n)]))
}

/** Writes a run's JSON to bench/results/<name>-<date>.json and returns the path. */
export function writeResult(name: string, date: string, report: unknown): string {
  fs.mkdirSync(resultsDir, { recursive: true })
  const out = path.join(resultsDir, `${name}-${date.replace(/[:.]/g, '-')}.json`)
  fs.writeFileSync(out, JSON.stringify(report, null, 2) + '\n')
  return out
}

// ------------------------------------------------------------ children

type Stop = () => Promise<void> | void
const running = new Set<Stop>()

/**
 * Registers how to stop a child process this run started (by its own handle:
 * its PID or the object that holds it). Returns the function that stops it
 * now and forgets it; stopAll() stops whatever is still registered.
 */
export function track(stop: Stop): () => Promise<void> {
  const once = async () => {
    if (!running.delete(once)) return
    await stop()
  }
  running.add(once)
  return once
}

/** Stops every tracked child still running (the end of a run, Ctrl-C, an error). */
export async function stopAll(): Promise<void> {
  await Promise.allSettled([...running].map((stop) => stop()))
}

/**
 * Runs a benchmark's main: afterwards, on Ctrl-C (exit 130) or on an error
 * (printed, exit 1) every tracked child is stopped first. The exit code of a
 * normal end is main's to set (process.exitCode).
 */
export function runBench(main: () => Promise<void>): void {
  process.on('SIGINT', () => {
    void stopAll().finally(() => process.exit(130))
  })
  main()
    .then(stopAll)
    .catch(async (error: unknown) => {
      console.error(error)
      await stopAll()
      process.exit(1)
    })
}
