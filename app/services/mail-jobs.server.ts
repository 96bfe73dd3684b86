// Mail that is rendered after the commit. A change that mails many people at
// once (a masterclass cancelled, a capacity raised) must not render hundreds
// of texts and calendar files inside its transaction, under the write lock;
// yet a mail may never be lost once the change is acknowledged. So the
// transaction stores one compact row per recipient — a MailMessage with
// status `pending`, the address, and in `text` a small JSON job — and commits
// it with the change. After the commit the caller renders those rows
// (renderPendingMail with their ids), each turning into an ordinary `queued`
// message; every pass of the mail worker renders whatever is still pending
// (a process that stopped between commit and rendering). A pending row is
// never sent, and rendering is a conditional update (status still `pending`),
// so two renderers cannot make two messages of one job.
import { randomUUID } from 'node:crypto'
import { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { logger } from '~/utils/logger.server'
import { InvalidMailError, mailAddress, mailRow, type MailInput } from './mail-message.server'

export const PENDING = 'pending'
const CHUNK = 100

export interface MailJob {
  to: string
  /** Which registered renderer makes the message. */
  template: string
  /** What the renderer needs, as JSON; keep it small (ids, a name, a language). */
  data: unknown
}

export interface PendingJob {
  id: string
  to: string
  data: unknown
}

/** Renders jobs of one template; one result per job, in order; null when there is nothing to send. */
export type MailRenderer = (jobs: PendingJob[]) => Promise<Array<MailInput | null>>

const renderers = new Map<string, MailRenderer>()

/** A module that queues jobs registers how to render them (at import, so every process that queues can render). */
export function registerMailRenderer(template: string, render: MailRenderer): void {
  renderers.set(template, render)
}

/**
 * Stores the jobs in the caller's transaction (one INSERT per chunk) and
 * returns their ids, for renderPendingMail after the commit. A job for an
 * address that is not one is left out (logged), as queueMail would refuse it.
 */
export async function queueMailJobs(tx: Prisma.TransactionClient, jobs: MailJob[]): Promise<string[]> {
  const rows = jobs.flatMap((job) => {
    if (!renderers.has(job.template)) throw new Error(`No mail renderer registered for ${job.template}`)
    const to = mailAddress(job.to)
    if (!to) {
      logger.warn({ template: job.template }, 'mail job without a valid address left out')
      return []
    }
    const text = JSON.stringify({ template: job.template, data: job.data })
    return [{ id: randomUUID(), to, subject: job.template, text, status: PENDING }]
  })
  // Raw multi-row INSERTs: createMany costs about half a millisecond a row in
  // Prisma, inside the caller's locked transaction. 100 rows × 7 values stay
  // under the 999 parameters Prisma allows for SQLite.
  const now = new Date()
  for (let i = 0; i < rows.length; i += 100) {
    const values = rows
      .slice(i, i + 100)
      .map((r) => Prisma.sql`(${r.id}, ${r.to}, ${r.subject}, ${r.text}, ${r.status}, ${now}, ${now})`)
    await tx.$executeRaw`
      INSERT INTO "MailMessage" ("id", "to", "subject", "text", "status", "createdAt", "nextAttemptAt")
      VALUES ${Prisma.join(values)}`
  }
  return rows.map((r) => r.id)
}

function parseJob(text: string): { template: string; data: unknown } | null {
  try {
    const job = JSON.parse(text) as { template?: unknown; data?: unknown }
    return typeof job.template === 'string' ? { template: job.template, data: job.data } : null
  } catch {
    return null
  }
}

type Outcome = { status: 'queued'; data: ReturnType<typeof mailRow> } | { status: 'failed'; lastError: string }

async function renderChunk(rows: Array<{ id: string; to: string; text: string }>): Promise<number> {
  const outcomes = new Map<string, Outcome>()
  const byTemplate = new Map<string, PendingJob[]>()
  for (const row of rows) {
    const job = parseJob(row.text)
    if (!job) {
      outcomes.set(row.id, { status: 'failed', lastError: 'not a mail job' })
      continue
    }
    if (!renderers.has(job.template)) continue // left pending for a process that knows it
    const list = byTemplate.get(job.template) ?? []
    list.push({ id: row.id, to: row.to, data: job.data })
    byTemplate.set(job.template, list)
  }
  for (const [template, jobs] of byTemplate) {
    const mails = await renderers.get(template)!(jobs)
    jobs.forEach((job, i) => {
      const mail = mails[i]
      if (!mail) return outcomes.set(job.id, { status: 'failed', lastError: 'nothing to send (its subject is gone)' })
      try {
        outcomes.set(job.id, { status: 'queued', data: mailRow(mail) })
      } catch (error) {
        if (!(error instanceof InvalidMailError)) throw error
        outcomes.set(job.id, { status: 'failed', lastError: error.message.slice(0, 1000) })
      }
    })
  }
  if (outcomes.size === 0) return 0
  return prisma.$transaction(async (tx) => {
    let done = 0
    for (const [id, outcome] of outcomes) {
      const data =
        outcome.status === 'queued'
          ? // nextAttemptAt stays the job's creation time: one rendered late (after a restart) keeps its place in line.
            { ...outcome.data, status: 'queued' }
          : { status: 'failed', lastError: outcome.lastError }
      done += (await tx.mailMessage.updateMany({ where: { id, status: PENDING }, data })).count
    }
    return done
  })
}

/**
 * Renders pending jobs into queued messages: these ids (after the commit that
 * stored them), or all that are pending (the mail worker). Returns how many
 * it turned into messages (queued or failed).
 */
export async function renderPendingMail(ids?: string[]): Promise<number> {
  const todo =
    ids ??
    (await prisma.mailMessage.findMany({ where: { status: PENDING }, select: { id: true }, orderBy: { createdAt: 'asc' } })).map(
      (r) => r.id,
    )
  let done = 0
  for (let i = 0; i < todo.length; i += CHUNK) {
    const rows = await prisma.mailMessage.findMany({
      where: { id: { in: todo.slice(i, i + CHUNK) }, status: PENDING },
      select: { id: true, to: true, text: true },
    })
    done += await renderChunk(rows)
  }
  return done
}
