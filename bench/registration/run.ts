// npm run bench:registration [-- --quick] [-- --profile] [-- --no-build]
//
// Registrations per second and p50/p99 latency through real HTTP: 50 clients
// (keep-alive, each request a distinct member with their own session cookie)
// register for ONE popular masterclass — most of them go to the waitlist —
// on the production build (tests/e2e/support/server.ts startApp) with SQLite
// in WAL mode at synchronous=FULL; then the overbooking check read from the
// database. Beside it "the limit": the same conditional registration done
// directly with better-sqlite3 in one process. Prints both and the ratio and
// writes bench/results/registration-<date>.json. See bench/README.md.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { applyMigrations } from '../../app/utils/migrate.server'
import { startApp, type RunningApp } from '../../tests/e2e/support/server'
import { percentile } from '../collab/lib/stats'
import {
  machine,
  machineReport,
  packageVersions,
  repoRoot,
  resultsDir,
  runBench,
  tmpDir,
  track,
  writeResult,
} from '../support/process'
import { ensureBuild } from './lib/build'
import { checkRegistrations, sampleMail } from './lib/check'
import type { LimitResult } from './lib/limit'
import type { LoadResult } from './lib/load'
import { summariseLoopDelay, summariseProfile, type ProfileSummary } from './lib/profile'
import { printReport, type PelotonResult, type Report, type Settings } from './lib/report'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const numberArg = (name: string, fallback: number) => {
  const raw = args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)
  return raw === undefined ? fallback : Number(raw)
}
const settings: Settings = {
  quick,
  clients: numberArg('clients', 50),
  registrations: numberArg('registrations', quick ? 600 : 3000),
  capacity: numberArg('capacity', quick ? 100 : 500),
  warmupRegistrations: quick ? 100 : 200,
  limitRuns: quick ? 1 : 3,
  profile: args.includes('--profile'),
}

const root = repoRoot

function summarise(load: LoadResult): { perSecond: number; p50: number; p90: number; p99: number; max: number } {
  const ok = load.answers.filter((a) => a.status >= 200 && a.status < 300)
  const latencies = load.answers.map((a) => a.end - a.start)
  return {
    perSecond: (ok.length / load.wallMs) * 1000,
    p50: percentile(latencies, 0.5),
    p90: percentile(latencies, 0.9),
    p99: percentile(latencies, 0.99),
    max: Math.max(...latencies),
  }
}

/** The ten slowest requests: when they were sent (ms after the first), how long they took, what they got. */
function slowest(load: LoadResult): PelotonResult['slowest'] {
  const first = Math.min(...load.answers.map((a) => a.start))
  return [...load.answers]
    .sort((a, b) => b.end - b.start - (a.end - a.start))
    .slice(0, 10)
    .map((a) => ({
      member: a.member,
      sentAtMs: Math.round(a.start - first),
      ms: Math.round(a.end - a.start),
      status: a.status,
      answer: a.body?.status ?? a.body?.error ?? a.error ?? null,
      position: a.body?.position ?? null,
    }))
}

async function main(): Promise<void> {
  const started = Date.now()
  const before = machine()
  console.log(
    `registration bench${quick ? ' (quick)' : ''}: ${settings.registrations} registrations, ${settings.capacity} seats, ` +
      `${settings.clients} clients; ${os.cpus().length} CPUs, Node ${process.version}, load ${before.loadavg.join(' ')}`,
  )
  ensureBuild(root, { allowBuild: !args.includes('--no-build') })

  // The limit's template: a fresh database made from the migrations.
  fs.mkdirSync(tmpDir, { recursive: true })
  const template = path.join(tmpDir, `registration-template-${process.pid}.db`)
  applyMigrations(`file:${template}`)

  const profileDir = path.join(resultsDir, 'profiles', `registration-${new Date().toISOString().replace(/[:.]/g, '-')}`)
  if (settings.profile) fs.mkdirSync(profileDir, { recursive: true })
  const app: RunningApp = await startApp({
    // --cpu-prof is not allowed in NODE_OPTIONS; the hook starts the same profiler through node:inspector.
    env: settings.profile
      ? {
          NODE_OPTIONS: `--import=${path.join(root, 'bench/registration/lib/cpu-profile-hook.mjs')}`,
          BENCH_CPU_PROFILE_DIR: profileDir,
        }
      : {},
  })
  const stopApp = track(() => app.stop())
  console.log(`server: production build at ${app.url}, database ${app.dbPath}`)

  // This process opens the server's file too (after the server made it and put it in WAL mode).
  process.env.LOG_LEVEL ??= 'warn'
  process.env.DATABASE_URL = `file:${app.dbPath}`
  const fixtures = await import('./lib/fixtures')
  const { makeClients, registerAll } = await import('./lib/load')
  // Imports the service (for registrationRefusal), so only now that DATABASE_URL is set.
  const { runLimit } = await import('./lib/limit')
  const appConnection = await fixtures.appSynchronous()
  if (appConnection !== 2) throw new Error(`prepareDatabase() left synchronous at ${appConnection}, not FULL (2)`)

  const t = Date.now()
  const members = await fixtures.makeMembers(settings.registrations)
  console.log(`fixtures: ${members.length} members with sessions in ${((Date.now() - t) / 1000).toFixed(1)} s`)

  const warmupId = await fixtures.popularMasterclass(Math.ceil(settings.warmupRegistrations / 5), 'Opwarmen')
  // The clients connect during the warm-up and keep their connections for the measured run.
  const clients = makeClients(settings.clients)
  const warm = await registerAll(app.url, warmupId, members.slice(0, settings.warmupRegistrations), clients)
  const warmStats = summarise(warm)
  const opening = warm.answers.filter((a) => a.newConnection).map((a) => a.end - a.start)
  console.log(
    `warm-up: ${settings.warmupRegistrations} registrations at ${warmStats.perSecond.toFixed(0)}/s; ` +
      `the ${opening.length} first requests (new connections) took ${percentile(opening, 0.5).toFixed(0)} ms median, ${Math.max(...opening).toFixed(0)} ms max`,
  )

  const masterclassId = await fixtures.popularMasterclass(settings.capacity, 'Populaire masterclass')
  const monotonicUs = () => Number(process.hrtime.bigint() / 1000n)
  const fromUs = monotonicUs()
  const load = await registerAll(app.url, masterclassId, members, clients)
  const window = { fromUs, toUs: monotonicUs() }
  for (const agent of clients) agent.destroy()
  const stats = summarise(load)
  console.log(
    `measured: ${members.length} registrations in ${(load.wallMs / 1000).toFixed(1)} s (${stats.perSecond.toFixed(0)}/s, p99 ${stats.p99.toFixed(0)} ms)`,
  )

  await fixtures.closeFixtures()
  // A graceful stop keeps the files (and lets the --profile hook write its profile).
  await app.pause()
  const check = checkRegistrations(app.dbPath, masterclassId, members, load.answers)
  const mail = sampleMail(app.dbPath)
  let profile: ProfileSummary | null = null
  if (settings.profile) {
    const files = fs
      .readdirSync(profileDir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => path.join(profileDir, f))
    const largest = files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0]
    if (largest) {
      profile = summariseProfile(largest, window)
      profile.loopDelay = summariseLoopDelay(largest.replace(/\.cpuprofile$/, '.loop.json'), window)
    }
  }
  await stopApp()

  console.log('limit: better-sqlite3 in this process …')
  const limitOptions = { template, dir: tmpDir, registrations: settings.registrations, capacity: settings.capacity }
  const runs: LimitResult[] = []
  for (let i = 0; i < settings.limitRuns; i++) runs.push(runLimit({ ...limitOptions, synchronous: 'FULL' }))
  const median = [...runs].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(runs.length / 2)]!
  const withMail = runLimit({ ...limitOptions, synchronous: 'FULL', mail })
  const normal = runLimit({ ...limitOptions, synchronous: 'NORMAL' })
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(template + suffix, { force: true })

  const peloton: PelotonResult = {
    registrations: members.length,
    wallMs: load.wallMs,
    ...stats,
    warmup: {
      registrations: settings.warmupRegistrations,
      perSecond: warmStats.perSecond,
      p99: warmStats.p99,
      newConnections: opening.length,
      newConnectionP50: percentile(opening, 0.5),
      newConnectionMax: Math.max(...opening),
    },
    newConnectionsInMeasured: load.answers.filter((a) => a.newConnection).length,
    slowest: slowest(load),
    check,
  }
  const report: Report = {
    date: new Date().toISOString(),
    settings,
    machine: machineReport(before),
    versions: versions(),
    durationS: Math.round((Date.now() - started) / 1000),
    synchronous: { appConnection, bundleSetsFull: true },
    peloton,
    limit: { median, runs, withMail, normal },
    ratio: peloton.perSecond / median.perSecond,
    profile,
  }
  const out = writeResult('registration', report.date, report)
  printReport(report)
  console.log(`\nJSON: ${path.relative(process.cwd(), out)}`)
  // Overbooking, a lost or misreported registration, or a non-2xx answer is a failure, not a slow figure.
  const limitOk = [...runs, withMail, normal].every((r) => r.ok)
  process.exitCode = check.ok && limitOk ? 0 : 1
}

function versions(): Record<string, string> {
  const sqlite = (() => {
    try {
      return execFileSync(
        process.execPath,
        ['-e', "console.log(new (require('better-sqlite3'))(':memory:').prepare('select sqlite_version() v').get().v)"],
        {
          cwd: root,
          encoding: 'utf8',
        },
      ).trim()
    } catch {
      return 'unknown'
    }
  })()
  return {
    ...packageVersions(['prisma', '@prisma/client', 'better-sqlite3', '@remix-run/node', 'express']),
    sqlite,
  }
}

runBench(main)
