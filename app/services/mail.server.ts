// The one outgoing-mail service of the app. queueMail stores a message (in the
// caller's transaction if it has one); a worker claims due messages one at a
// time with a lease, sends them and records the outcome; a pass with nothing
// due renders the mail jobs still pending (mail-jobs.server.ts). Why a queue,
// and the one case where a message can arrive twice:
// docs/decisions/0005-mail-queue.md.
import type { MailMessage, Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { logger } from '~/utils/logger.server'
import { renderPendingMail } from './mail-jobs.server'
import { mailRow, type MailInput } from './mail-message.server'
import { createMailTransport, outgoingMail, type MailTransport } from './mail-transport.server'

/** Tries per message (an interrupted try counts); after the last one it is `failed`. */
export const MAX_ATTEMPTS = 8
/** Far longer than a send may take (see SMTP_TIMEOUTS), so a live worker keeps its claim. */
export const LEASE_MS = 5 * 60_000
const BACKOFF_BASE_MS = 60_000
const BACKOFF_MAX_MS = 60 * 60_000
/** A worker pass sends at most this many before it checks whether it should stop. */
const BATCH_SIZE = 20

export { InvalidMailError, type MailInput } from './mail-message.server'

/**
 * Stores a message for the worker to send and returns its id. Pass `tx` to
 * queue it in the same transaction as the write it belongs to; then call
 * wakeMailWorker() after that transaction commits to send it without waiting
 * for the next poll.
 */
export async function queueMail(message: MailInput, tx?: Prisma.TransactionClient): Promise<string> {
  const data = mailRow(message)
  if (tx) return (await tx.mailMessage.create({ data, select: { id: true } })).id
  const { id } = await prisma.mailMessage.create({ data, select: { id: true } })
  wakeMailWorker()
  return id
}

/**
 * Many messages in one statement inside the caller's transaction (publishing
 * peer groups mails every member): checked as queueMail checks one.
 */
export async function queueMails(messages: MailInput[], tx: Prisma.TransactionClient): Promise<void> {
  if (messages.length > 0) await tx.mailMessage.createMany({ data: messages.map(mailRow) })
}

// ------------------------------------------------------------------ sending

let envTransport: MailTransport | undefined

function transportFromEnv(): MailTransport {
  envTransport ??= createMailTransport(env())
  return envTransport
}

/** Due for a (new) try: queued and its back-off is over, or claimed by a worker whose lease ran out. */
function dueWhere(now: Date): Prisma.MailMessageWhereInput {
  return {
    OR: [
      { status: 'queued', nextAttemptAt: { lte: now } },
      { status: 'sending', leaseUntil: { lt: now } },
    ],
  }
}

export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS)
}

export interface ProcessMailOptions {
  /** Defaults to the transport that the environment configures. */
  transport?: MailTransport
  /** Stop after this many messages (the worker uses it to stay stoppable). */
  max?: number
  /** Asked before each claim: a stopping worker claims nothing more, so shutdown never leaves a message half-sent. */
  shouldStop?: () => boolean
}

/**
 * One pass over the queue: claims due messages one at a time and tries to send
 * each. Returns how many it handled (sent, rescheduled or failed). `now` fixes
 * the clock for tests; without it every step reads the current time.
 */
export async function processMailQueue(now?: Date, options: ProcessMailOptions = {}): Promise<number> {
  const transport = options.transport ?? transportFromEnv()
  const max = options.max ?? Number.POSITIVE_INFINITY
  const clock = () => now ?? new Date()
  let handled = 0
  let rendered = false
  while (handled < max && !options.shouldStop?.()) {
    const claimed = await claimNext(clock())
    if (!claimed) {
      // Nothing due: render the jobs whose rendering after their commit did
      // not happen (see mail-jobs.server.ts), once a pass, and send them.
      if (rendered || (await renderLeftovers()) === 0) break
      rendered = true
      continue
    }
    await deliver(claimed, transport, clock)
    handled++
  }
  return handled
}

async function renderLeftovers(): Promise<number> {
  try {
    return await renderPendingMail()
  } catch (error) {
    logger.error({ err: error }, 'rendering pending mail failed')
    return 0
  }
}

async function claimNext(now: Date): Promise<MailMessage | null> {
  for (;;) {
    const candidate = await prisma.mailMessage.findFirst({
      where: dueWhere(now),
      orderBy: [{ nextAttemptAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true },
    })
    if (!candidate) return null
    // The claim is one conditional UPDATE: of two workers (or processes) that
    // read the same candidate, exactly one changes the row.
    const { count } = await prisma.mailMessage.updateMany({
      where: { id: candidate.id, ...dueWhere(now) },
      data: { status: 'sending', leaseUntil: new Date(now.getTime() + LEASE_MS), attempts: { increment: 1 } },
    })
    if (count === 1) return prisma.mailMessage.findUniqueOrThrow({ where: { id: candidate.id } })
    // Someone else claimed it between our read and our update: look again.
  }
}

async function deliver(mail: MailMessage, transport: MailTransport, clock: () => Date): Promise<void> {
  // `attempts` was raised by our claim, so it also fences our writes: if our
  // lease ran out and another worker re-claimed the message, these match nothing.
  const ours = { id: mail.id, status: 'sending', attempts: mail.attempts }
  if (mail.attempts > MAX_ATTEMPTS) {
    await prisma.mailMessage.updateMany({
      where: ours,
      data: { status: 'failed', leaseUntil: null, lastError: 'gave up: the last attempt was interrupted' },
    })
    logger.error({ mailId: mail.id, attempts: mail.attempts - 1 }, 'mail failed: the last attempt was interrupted')
    return
  }

  let outboxPath: string | undefined
  try {
    ;({ outboxPath } = await transport.send(outgoingMail(mail)))
  } catch (error) {
    const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 1000)
    const giveUp = mail.attempts >= MAX_ATTEMPTS
    const next = giveUp
      ? { status: 'failed' }
      : { status: 'queued', nextAttemptAt: new Date(clock().getTime() + backoffMs(mail.attempts)) }
    await prisma.mailMessage.updateMany({ where: ours, data: { ...next, leaseUntil: null, lastError } })
    const log = { mailId: mail.id, attempts: mail.attempts, err: error }
    if (giveUp) logger.error(log, 'mail failed permanently')
    else logger.warn(log, 'mail not sent; will retry')
    return
  }

  // Between the send above and this write lies the one window in which a
  // crash makes the message go out twice (see the ADR).
  const { count } = await prisma.mailMessage.updateMany({
    where: ours,
    data: { status: 'sent', sentAt: clock(), leaseUntil: null, lastError: null, outboxPath: outboxPath ?? null },
  })
  if (count === 0) logger.warn({ mailId: mail.id }, 'mail sent after its lease ran out; another worker may send it too')
}

// ------------------------------------------------------------------- worker

export interface MailWorker {
  /** Runs a pass now (or right after the running one); resolves when it is done. */
  wake(): Promise<void>
  /** Stops polling and waits for a pass in flight. */
  stop(): Promise<void>
}

// On globalThis, not a module variable: the production server bundles its own
// copy of this module (server.ts starts the worker) apart from the Remix
// build's (whose routes call wakeMailWorker), as with the live documents'
// registry (document-live.server.ts).
const registry = globalThis as unknown as { __pelotonMailWorker?: MailWorker }

/** Lets the running worker (if this process has one) send new mail at once. */
export function wakeMailWorker(): void {
  void registry.__pelotonMailWorker?.wake()
}

export function startMailWorker(options: { intervalMs?: number; transport?: MailTransport } = {}): MailWorker {
  const intervalMs = options.intervalMs ?? 2000
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let current: Promise<void> | undefined
  let next: Promise<void> | undefined

  async function pass(): Promise<void> {
    clearTimeout(timer)
    try {
      let handled: number
      do {
        handled = await processMailQueue(undefined, { transport: options.transport, max: BATCH_SIZE, shouldStop: () => stopped })
      } while (handled === BATCH_SIZE && !stopped)
    } catch (error) {
      // The queue is untouched by a failed pass; the next one tries again.
      logger.error({ err: error }, 'mail queue pass failed')
    }
    if (!stopped) {
      timer = setTimeout(() => void run(), intervalMs)
      timer.unref()
    }
  }

  function run(): Promise<void> {
    if (stopped) return Promise.resolve()
    if (current) {
      // The running pass may already be past a message queued just now, so
      // one more pass follows it; any further wake-ups share that one.
      next ??= current.then(() => {
        next = undefined
        return run()
      })
      return next
    }
    current = pass().finally(() => {
      current = undefined
    })
    return current
  }

  const worker: MailWorker = {
    wake: run,
    async stop() {
      stopped = true
      clearTimeout(timer)
      if (registry.__pelotonMailWorker === worker) registry.__pelotonMailWorker = undefined
      await current
      await next
    },
  }
  registry.__pelotonMailWorker = worker
  void run()
  return worker
}

// ------------------------------------------------------------------ reading

const summary = {
  id: true,
  to: true,
  subject: true,
  status: true,
  createdAt: true,
  sentAt: true,
  attempts: true,
  lastError: true,
} satisfies Prisma.MailMessageSelect

export type MailSummary = Prisma.MailMessageGetPayload<{ select: typeof summary }>

/** The admin outbox page: newest first. */
export async function listMail({ limit = 50, offset = 0 }: { limit?: number; offset?: number } = {}): Promise<{
  total: number
  messages: MailSummary[]
}> {
  const [total, messages] = await Promise.all([
    prisma.mailMessage.count(),
    prisma.mailMessage.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: Math.min(Math.max(1, limit), 200),
      skip: Math.max(0, offset),
      select: summary,
    }),
  ])
  return { total, messages }
}

export function readOutboxMessage(id: string) {
  return prisma.mailMessage.findUnique({
    where: { id },
    select: { id: true, to: true, subject: true, text: true, status: true, outboxPath: true },
  })
}

/** The newest message queued for an address (tests read e-mailed links with it). */
export function latestMailTo(address: string): Promise<{ subject: string; text: string } | null> {
  return prisma.mailMessage.findFirst({
    where: { to: address.trim().toLowerCase() },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { subject: true, text: true },
  })
}
