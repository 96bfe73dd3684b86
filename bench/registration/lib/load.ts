// The clients: `clients` loops in this process, each with its own keep-alive
// agent (one socket), taking the next member from a shared line and POSTing
// /masterclasses/:id/register as that member (their own session cookie) with
// `Accept: application/json`. So at every moment `clients` distinct members
// have a registration in flight; a loop sends its next one as soon as its
// answer is in (closed loop). The agents are made once and kept for the
// whole run, so the measured phase runs on connections the warm-up opened.
import http from 'node:http'
import type { Member } from './fixtures'

export interface Answer {
  /** Index in the members list = the order in which requests were sent. */
  member: number
  status: number
  body: { status?: string; position?: number; error?: string } | null
  /** ms on performance.now() */
  start: number
  end: number
  /** Sent on a connection opened for it (the first request of its client). */
  newConnection: boolean
  /** Transport failure (no HTTP answer). */
  error?: string
}

export interface LoadResult {
  answers: Answer[]
  wallMs: number
}

const REQUEST_TIMEOUT_MS = 60_000

function post(agent: http.Agent, base: URL, path: string, cookie: string): Promise<Omit<Answer, 'member' | 'start' | 'end'>> {
  return new Promise((done) => {
    const resolve = (a: Omit<Answer, 'member' | 'start' | 'end' | 'newConnection'>) =>
      done({ ...a, newConnection: !req.reusedSocket })
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        path,
        method: 'POST',
        headers: { Cookie: cookie, Origin: base.origin, Accept: 'application/json', 'Content-Length': 0 },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let body: Answer['body'] = null
          try {
            body = JSON.parse(text) as Answer['body']
          } catch {
            // Not JSON (a redirect or an error page): the status says enough.
          }
          resolve({ status: res.statusCode ?? 0, body })
        })
        res.on('error', (e) => resolve({ status: 0, body: null, error: e.message }))
      },
    )
    req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)))
    req.on('error', (e) => resolve({ status: 0, body: null, error: e.message }))
    req.end()
  })
}

/** One keep-alive agent (one socket) per client. */
export function makeClients(count: number): http.Agent[] {
  return Array.from({ length: count }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }))
}

export async function registerAll(
  url: string,
  masterclassId: string,
  members: Member[],
  agents: http.Agent[],
): Promise<LoadResult> {
  const base = new URL(url)
  const path = `/masterclasses/${masterclassId}/register`
  const answers: Answer[] = new Array<Answer>(members.length)
  let next = 0
  const started = performance.now()
  await Promise.all(
    agents.map(async (agent) => {
      for (let i = next++; i < members.length; i = next++) {
        const start = performance.now()
        const answer = await post(agent, base, path, members[i]!.cookie)
        answers[i] = { member: i, ...answer, start, end: performance.now() }
      }
    }),
  )
  const wallMs = performance.now() - started
  return { answers, wallMs }
}
