// Starts the production build (`node build/server.js`) as a child process on
// a free port, with its own database and mail outbox in a fresh temporary
// folder, and stops exactly that process again.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const E2E_ADMIN = { email: 'admin@e2e.peloton.test', password: 'e2e-admin-password-0123' } as const

export interface RunningApp {
  /** http://localhost:<port> */
  url: string
  port: number
  dbPath: string
  outboxDir: string
  admin: { email: string; password: string }
  /** Everything the server wrote to stdout and stderr so far (the last 256 kB). */
  output(): string
  /** How the server process ended: null while it runs. */
  exit(): { code: number | null; signal: NodeJS.Signals | null } | null
  /** Stops the server gracefully but keeps its database and outbox, for resume(). */
  pause(): Promise<void>
  /** Starts the server again on the same port with the same files. */
  resume(): Promise<void>
  stop(): Promise<void>
}

export interface StartAppOptions {
  /** Extra environment, e.g. `{ SEED_DEMO: 'true' }`. Wins over the defaults. */
  env?: Record<string, string>
}

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const HEALTH_ATTEMPTS = 120
const HEALTH_INTERVAL_MS = 250
const STOP_GRACE_MS = 10_000
const MAX_OUTPUT = 256 * 1024

// Settings the app reads that must not leak in from the developer's shell.
const APP_VARIABLES = [
  'NODE_ENV',
  'PORT',
  'HOST',
  'APP_URL',
  'DATABASE_URL',
  'SEED_DEMO',
  'ADMIN_EMAIL',
  'ADMIN_PASSWORD',
  'SMTP_HOST',
  'SMTP_PORT',
  'SMTP_SECURE',
  'SMTP_USER',
  'SMTP_PASSWORD',
  'MAIL_FROM',
  'MAIL_OUTBOX_DIR',
  'TRUST_PROXY',
  'LOG_LEVEL',
  'LOGIN_THROTTLE',
  'COLLAB_MAX_MESSAGE_BYTES',
]

/** A port that was free a moment ago: listen on port 0, read it, close. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.unref()
    probe.on('error', reject)
    probe.listen(0, () => {
      const address = probe.address()
      if (typeof address !== 'object' || address === null) {
        probe.close()
        reject(new Error('could not read the probe port'))
        return
      }
      probe.close(() => resolve(address.port))
    })
  })
}

export async function startApp({ env = {} }: StartAppOptions = {}): Promise<RunningApp> {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'peloton-e2e-'))
  const port = await findFreePort()
  const url = `http://localhost:${port}`
  const dbPath = path.join(tmpDir, 'e2e.db')
  const outboxDir = path.join(tmpDir, 'outbox')

  const baseEnv: NodeJS.ProcessEnv = { ...process.env }
  for (const name of APP_VARIABLES) delete baseEnv[name]
  const childEnv: NodeJS.ProcessEnv = {
    ...baseEnv,
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: `file:${dbPath}`,
    MAIL_OUTBOX_DIR: outboxDir,
    LOG_LEVEL: 'warn',
    ADMIN_EMAIL: E2E_ADMIN.email,
    ADMIN_PASSWORD: E2E_ADMIN.password,
    ...env,
  }

  let output = ''
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-MAX_OUTPUT)
  }
  let child: ChildProcess
  let exited: Promise<void>
  // Should the test runner die without calling stop(), take the server along.
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)

  async function launch(): Promise<void> {
    child = spawn(process.execPath, ['build/server.js'], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout?.on('data', collect)
    child.stderr?.on('data', collect)
    const current = child
    exited = new Promise<void>((resolve) => current.once('exit', () => resolve()))
    await waitForHealth(url, child)
  }

  let stopped: Promise<void> | undefined
  const app: RunningApp = {
    url,
    port,
    dbPath,
    outboxDir,
    admin: { ...E2E_ADMIN, ...pick(env, 'ADMIN_EMAIL', 'email'), ...pick(env, 'ADMIN_PASSWORD', 'password') },
    output: () => output,
    exit: () =>
      child.exitCode !== null || child.signalCode !== null ? { code: child.exitCode, signal: child.signalCode } : null,
    pause: () => terminate(child, exited),
    resume: launch,
    stop() {
      stopped ??= (async () => {
        await terminate(child, exited)
        process.removeListener('exit', killOnExit)
        fs.rmSync(tmpDir, { recursive: true, force: true })
      })()
      return stopped
    },
  }

  try {
    await launch()
  } catch (error) {
    await app.stop()
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`${reason}\n--- server output ---\n${output || '(none)'}\n--- end of server output ---`)
  }
  return app
}

function pick(env: Record<string, string>, name: string, key: 'email' | 'password') {
  return env[name] === undefined ? {} : { [key]: env[name] }
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  let lastProblem = 'no answer yet'
  for (let attempt = 0; attempt < HEALTH_ATTEMPTS; attempt++) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The server exited during start-up (code ${child.exitCode}, signal ${child.signalCode}).`)
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) })
      if (response.status === 200) return
      lastProblem = `GET /healthz answered ${response.status}`
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error)
    }
    await new Promise((resolve) => setTimeout(resolve, HEALTH_INTERVAL_MS))
  }
  throw new Error(
    `The server did not become healthy at ${url} within ${(HEALTH_ATTEMPTS * HEALTH_INTERVAL_MS) / 1000} s (${lastProblem}).`,
  )
}

/** SIGTERM, wait for the graceful shutdown, SIGKILL after the grace period. */
async function terminate(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  let timer: NodeJS.Timeout | undefined
  const graceOver = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), STOP_GRACE_MS)
  })
  const result = await Promise.race([exited.then(() => 'exited' as const), graceOver])
  clearTimeout(timer)
  if (result === 'timeout') {
    child.kill('SIGKILL')
    await exited
  }
}
