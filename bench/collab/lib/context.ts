// What every phase shares: the settings of this run, the database fixtures,
// the client worker processes, and how to start a server under test.
import type { Fixtures } from './fixtures'
import { Child } from './ipc'
import type { ServerKind, Target } from '../clients/adapters'

export interface Settings {
  quick: boolean
  /** Writer rate of the fan-out runs (updates per second). */
  fanoutRate: number
  fanoutClients: number[]
  fanoutMs: number
  /** Fan-out runs per server and size; their samples are pooled. */
  fanoutRounds: number
  /** Updates at the start of each run left out of the statistics. */
  warmupUpdates: number
  rampReaders: number
  rampRates: number[]
  rampMs: number
  /** p99 above this ends the ramp. */
  rampLimitMs: number
  coldLoads: number
  freshProcessLoads: number
  memoryDocs: number[]
  servers: ServerKind[]
  /** Peloton's server with --cpu-prof (profiles under bench/results/profiles/). */
  profile: boolean
  /** Only the fan-out runs: no ramp, cold load or memory. */
  fanoutOnly: boolean
}

export interface ServerInfo {
  port: number
  cookieName?: string
}

export interface Context {
  settings: Settings
  fixtures: Fixtures
  databaseUrl: string
  writer: Child
  readers: Child
  profileDir: string
}

const SCRIPTS: Record<ServerKind, string> = {
  peloton: 'servers/peloton.ts',
  'y-websocket': 'servers/y-websocket.ts',
  hocuspocus: 'servers/hocuspocus.ts',
  'bare-socket.io': 'servers/bare.ts',
  'bare-ws': 'servers/bare.ts',
}

export async function startServer(
  ctx: Context,
  kind: ServerKind,
  { env = {} }: { env?: Record<string, string> } = {},
): Promise<Child<ServerInfo>> {
  const nodeArgs = ['--expose-gc']
  if (kind === 'peloton' && ctx.settings.profile) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${ctx.profileDir}`)
  return Child.start<ServerInfo>(`${kind} server`, SCRIPTS[kind], {
    nodeArgs,
    env: {
      DATABASE_URL: ctx.databaseUrl,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      ...(kind === 'bare-ws' ? { BENCH_BARE: 'ws' } : kind === 'bare-socket.io' ? { BENCH_BARE: 'socket.io' } : {}),
      ...env,
    },
  })
}

export function targetFor(server: Child<ServerInfo>, kind: ServerKind, docName: string, token?: string): Target {
  const url = `http://127.0.0.1:${server.info.port}`
  return { kind, url, docName, cookie: token && server.info.cookieName ? `${server.info.cookieName}=${token}` : undefined }
}

/**
 * Stops a server under test by PID with SIGKILL, as a crash would (nothing is
 * flushed). When profiling, it is asked to exit instead, so the profile is written.
 */
export async function stopServer(ctx: Context, server: Child<ServerInfo>): Promise<void> {
  if (ctx.settings.profile) {
    await server.call('exit').catch(() => undefined)
    const timer = setTimeout(() => void server.kill('SIGKILL'), 10_000)
    await server.exited
    clearTimeout(timer)
    return
  }
  await server.kill('SIGKILL')
}
