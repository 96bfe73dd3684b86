// npm run bench:collab [-- --quick] [-- --profile] [-- --servers=peloton,hocuspocus]
//                      [-- --clients=50] [-- --fanout-only]  (the fan-out runs alone, e.g. to profile them)
//
// Peloton's /collab server beside y-websocket's and Hocuspocus' servers, each
// in its own process on a free port, driven by client processes: fan-out
// latency, the highest sustained update rate, cold load of a large document,
// memory per open document and lost acknowledged updates. Prints a table and
// writes bench/results/collab-<date>.json. See bench/README.md.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { SERVER_KINDS, type ServerKind } from './clients/adapters'
import type { Context, Settings } from './lib/context'
import { copyDatabase, openBenchDatabase, removeDatabase } from './lib/db'
import {
  machine,
  machineReport,
  packageVersions,
  repoRoot,
  resultsDir,
  runBench,
  stopAll,
  tmpDir,
  writeResult,
} from '../support/process'
import { Child } from './lib/ipc'
import { goals, printReport, type Report } from './lib/report'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const serversArg = args.find((a) => a.startsWith('--servers='))?.slice('--servers='.length)
const clientsArg = args.find((a) => a.startsWith('--clients='))?.slice('--clients='.length)
const fanoutOnly = args.includes('--fanout-only')
const servers = (serversArg ? serversArg.split(',') : SERVER_KINDS) as ServerKind[]
if (clientsArg && !clientsArg.split(',').every((n) => Number.isInteger(Number(n)) && Number(n) >= 2)) {
  throw new Error(`--clients takes sizes of at least 2 (a writer and a reader), e.g. --clients=10,50`)
}
for (const s of servers) if (!SERVER_KINDS.includes(s)) throw new Error(`unknown server ${s}; use ${SERVER_KINDS.join(', ')}`)

const settings: Settings = {
  quick,
  fanoutRate: 20,
  fanoutClients: clientsArg ? clientsArg.split(',').map(Number) : quick ? [10, 50] : [10, 50, 100],
  fanoutMs: quick ? 2500 : 5000,
  fanoutRounds: quick ? 1 : 2,
  warmupUpdates: 10,
  rampReaders: 50,
  rampRates: quick ? [50, 200, 800, 3200] : [25, 50, 100, 200, 400, 800, 1600, 3200],
  rampMs: quick ? 1500 : 3000,
  rampLimitMs: 100,
  coldLoads: quick ? 2 : 5,
  freshProcessLoads: quick ? 0 : 3,
  memoryDocs: quick ? [100] : [100, 1000],
  servers,
  profile: args.includes('--profile'),
  fanoutOnly,
}

const cacheDir = path.join(repoRoot, 'bench/.cache')

async function main(): Promise<void> {
  const started = Date.now()
  const before = machine()
  console.log(
    `collab bench${quick ? ' (quick)' : ''}: ${os.cpus().length} CPUs, Node ${process.version}, load ${before.loadavg.join(' ')}`,
  )

  // The cold-load document takes a minute or two to store (see README), so its database is cached by input hash.
  process.env.LOG_LEVEL ??= 'warn'
  const { coldCacheKey, TRACE_FILE } = await import('./lib/cold-cache')
  const key = coldCacheKey()
  const cacheFile = path.join(cacheDir, `collab-cold-${key}.db`)
  const cacheMeta = `${cacheFile}.json`
  const fromCache = fs.existsSync(cacheFile) && fs.existsSync(cacheMeta)
  const db = openBenchDatabase(tmpDir, fromCache ? { from: cacheFile } : {})

  const { makeFixtures } = await import('./lib/fixtures')
  const { buildColdDocument, runColdLoad } = await import('./phases/cold-load')
  const { readTrace } = await import('./lib/trace')
  const { runFanout } = await import('./phases/fanout')
  const { runMemory } = await import('./phases/memory')
  const { prisma } = await import('~/utils/db.server')

  const trace = readTrace(TRACE_FILE)
  let cold
  if (fromCache) {
    cold = JSON.parse(fs.readFileSync(cacheMeta, 'utf8'))
    console.log(`cold-load document: from ${path.relative(repoRoot, cacheFile)}`)
  } else {
    console.log('cold-load document: replaying automerge-paper and storing it (log → compaction → tail); cached afterwards')
    cold = await buildColdDocument(await makeFixtures(), trace)
    copyDatabase(db.file, cacheFile)
    fs.writeFileSync(cacheMeta, JSON.stringify(cold, null, 2))
    const { replay, append, compact } = cold.buildMs
    console.log(
      `  replay ${(replay / 1000).toFixed(1)} s, append ${(append / 1000).toFixed(1)} s, compaction ${(compact / 1000).toFixed(1)} s`,
    )
  }

  const fixtures = await makeFixtures()
  const profileDir = path.join(resultsDir, 'profiles')
  // With --profile the client processes are profiled too (their library's cost is part of each latency).
  const clientArgs = settings.profile
    ? { nodeArgs: ['--cpu-prof', '--cpu-prof-interval=100', `--cpu-prof-dir=${profileDir}`] }
    : {}
  const writer = await Child.start('writer', 'clients/worker.ts', clientArgs)
  const readers = await Child.start('readers', 'clients/worker.ts', clientArgs)
  const ctx: Context = { settings, fixtures, databaseUrl: db.url, writer, readers, profileDir }

  try {
    console.log('fan-out and ramp:')
    const fanout = await runFanout(ctx)
    let coldLoad = null
    let memory = null
    if (servers.includes('peloton') && !fanoutOnly) {
      console.log('cold load:')
      coldLoad = await runColdLoad(ctx, cold, trace.endContent, fromCache)
      console.log('memory per open document:')
      memory = await runMemory(ctx)
    }
    const report: Report = {
      date: new Date().toISOString(),
      settings,
      machine: machineReport(before),
      versions: versions(),
      durationS: Math.round((Date.now() - started) / 1000),
      ...fanout,
      coldLoad,
      memory,
    }
    report.goals = goals(report)
    const out = writeResult('collab', report.date, report)
    printReport(report)
    console.log(`\nJSON: ${path.relative(process.cwd(), out)}`)
    // A lost acknowledged update is a correctness failure, not a slow figure.
    process.exitCode = report.durability.lostAcked > 0 ? 1 : 0
  } finally {
    if (settings.profile)
      await Promise.all(
        [writer, readers].map((child) =>
          child.call('exit').then(
            () => child.exited,
            () => undefined,
          ),
        ),
      )
    await writer.kill()
    await readers.kill()
    await stopAll()
    await prisma.$disconnect()
    removeDatabase(db)
  }
}

function versions(): Record<string, string> {
  return packageVersions([
    'yjs',
    'socket.io',
    'socket.io-client',
    'y-websocket',
    '@hocuspocus/server',
    '@hocuspocus/provider',
    'ws',
    'prisma',
  ])
}

runBench(main)
