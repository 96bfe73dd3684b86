// A summary of a V8 .cpuprofile (node --cpu-prof): where the server's time
// went, by function (self time), by where the code lives (app bundle, a
// package in node_modules, Node internals, native calls, GC) and inclusive
// time under a few functions that matter for a registration.
import fs from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface CpuProfile {
  startTime: number
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

/** A stretch of time on the monotonic clock, in µs: process.hrtime.bigint() / 1000 in any process on the machine. */
export interface Window {
  fromUs: number
  toUs: number
}

/** Event-loop delay of the server during the window (ms), from the hook's second-by-second samples. */
export interface LoopDelay {
  seconds: number
  /** Median over the seconds of each second's p99. */
  medianP99: number
  worstP99: number
  max: number
}

export function summariseLoopDelay(file: string, window: Window): LoopDelay | null {
  if (!fs.existsSync(file)) return null
  const all = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ atUs: number; p50: number; p99: number; max: number }>
  // Each sample covers the second before its stamp.
  // A second without a sample (max 0) means the loop never reached the monitor's timer before ours: skipped.
  const inside = all.filter((s) => s.atUs - 1_000_000 >= window.fromUs && s.atUs <= window.toUs && s.max > 0)
  if (inside.length === 0) return null
  const p99s = inside.map((s) => s.p99).sort((a, b) => a - b)
  return {
    seconds: inside.length,
    medianP99: p99s[Math.floor(p99s.length / 2)]!,
    worstP99: p99s.at(-1)!,
    max: Math.max(...inside.map((s) => s.max)),
  }
}

export interface ProfileSummary {
  file: string
  window: Window | null
  loopDelay?: LoopDelay | null
  totalMs: number
  busyMs: number
  bySelf: Array<{ fn: string; where: string; ms: number; pct: number }>
  byPlace: Array<{ place: string; ms: number; pct: number }>
  inclusive: Array<{ fn: string; ms: number; pct: number }>
}

/**
 * Functions whose inclusive time is reported (matched by name). Inclusive time
 * follows synchronous stacks only: an async function resumes from the
 * microtask queue, not from its caller, so callers such as register() or
 * enrol() would be undercounted and are not listed. `compile` is Prisma's
 * query compiler (WebAssembly; nodemailer has one too, in the mail worker).
 */
const INCLUSIVE = [
  'renderMasterclassMail',
  'masterclassIcs',
  'formatDateTime',
  'createInstance',
  'compile',
  'executeIO',
  'performIO',
  'validateSessionToken',
]

function place(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : `native: ${fn || '(anonymous)'}`
  const nm = url.lastIndexOf('node_modules/')
  if (nm !== -1) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/')
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!
  }
  if (url.startsWith('node:')) return 'node internals'
  if (url.includes('/build/server/index.js')) return 'app (Remix bundle)'
  if (url.includes('/build/server.js')) return 'server.ts bundle'
  return url
}

/** Summarises the samples taken within `window` (V8 stamps them on the same monotonic clock), or all of them. */
export function summariseProfile(file: string, window: Window | null = null, top = 20): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)

  const self = new Map<number, number>()
  let at = profile.startTime
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0
    at += delta
    if (window && (at < window.fromUs || at > window.toUs)) return
    self.set(id, (self.get(id) ?? 0) + delta / 1000)
  })
  const totalMs = [...self.values()].reduce((a, b) => a + b, 0)
  const idleMs = [...self.entries()]
    .filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)')
    .reduce((a, [, ms]) => a + ms, 0)
  const busyMs = totalMs - idleMs
  const pct = (ms: number) => Math.round((ms / busyMs) * 1000) / 10

  const fnSelf = new Map<string, { fn: string; where: string; ms: number }>()
  const placeMs = new Map<string, number>()
  const inclusive = new Map<string, number>()
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame
    if (functionName === '(idle)') continue
    const where = url ? `${place(url, functionName)}:${lineNumber + 1}` : ''
    const key = `${functionName}@${where}`
    const entry = fnSelf.get(key) ?? { fn: functionName || '(anonymous)', where, ms: 0 }
    entry.ms += ms
    fnSelf.set(key, entry)
    const p = place(url, functionName)
    placeMs.set(p, (placeMs.get(p) ?? 0) + ms)
    // Inclusive: each named function once per stack.
    const seen = new Set<string>()
    for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
      const name = byId.get(node)!.callFrame.functionName
      if (INCLUSIVE.includes(name) && !seen.has(name)) {
        seen.add(name)
        inclusive.set(name, (inclusive.get(name) ?? 0) + ms)
      }
    }
  }
  return {
    file,
    window,
    totalMs,
    busyMs,
    bySelf: [...fnSelf.values()]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top)
      .map((e) => ({ ...e, ms: Math.round(e.ms), pct: pct(e.ms) })),
    byPlace: [...placeMs.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([p, ms]) => ({ place: p, ms: Math.round(ms), pct: pct(ms) })),
    inclusive: INCLUSIVE.filter((n) => inclusive.has(n)).map((fn) => ({
      fn,
      ms: Math.round(inclusive.get(fn)!),
      pct: pct(inclusive.get(fn)!),
    })),
  }
}

// tsx bench/registration/lib/profile.ts <file.cpuprofile>
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!) && process.argv[2]) {
  console.log(JSON.stringify(summariseProfile(process.argv[2]), null, 2))
}
