import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { SMTPServer } from 'smtp-server'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { createMailTransport, type MailTransport } from './mail-transport.server'
import {
  InvalidMailError,
  LEASE_MS,
  MAX_ATTEMPTS,
  backoffMs,
  latestMailTo,
  listMail,
  processMailQueue,
  queueMail,
  readOutboxMessage,
  startMailWorker,
} from './mail.server'

// These tests choose the transport themselves; the environment's default is the outbox.
process.env.SMTP_HOST = ''

const cleanups: Array<() => Promise<void> | void> = []

beforeEach(async () => {
  await prisma.mailMessage.deleteMany()
})

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A real SMTP server on port 0 that keeps what it receives; `rejecting` makes it answer 451. */
async function startSmtpServer() {
  const received: string[] = []
  const control = { rejecting: false }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (control.rejecting) {
          callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }))
          return
        }
        received.push(Buffer.concat(chunks).toString('utf8'))
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as net.AddressInfo
  cleanups.push(() => new Promise<void>((resolve) => server.close(resolve)))
  return { port, received, control }
}

function smtpTransport(port: number): MailTransport {
  const transport = createMailTransport({ ...env(), SMTP_HOST: '127.0.0.1', SMTP_PORT: port, SMTP_SECURE: false })
  cleanups.push(() => transport.close())
  return transport
}

/** A port on which nothing listens. */
async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** Undoes quoted-printable, the encoding nodemailer gives text bodies (`=` becomes `=3D`). */
const unQuotedPrintable = (raw: string) =>
  raw.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))

const message = (to = 'alice@example.org') => ({
  to,
  subject: 'Reset your password',
  text: 'Open http://localhost:3000/reset-password?token=abc123 to choose a new password.',
})

describe('without SMTP: the outbox folder', () => {
  test('a queued message is written as an .eml file and marked sent', async () => {
    const id = await queueMail({ ...message('Alice@Example.org'), html: '<p>Open the link</p>' })
    const now = new Date()

    expect(await processMailQueue(now)).toBe(1)

    const row = await prisma.mailMessage.findUniqueOrThrow({ where: { id } })
    expect(row).toMatchObject({ status: 'sent', sentAt: now, attempts: 1, lastError: null, leaseUntil: null })
    expect(row.outboxPath).toBe(path.resolve(env().MAIL_OUTBOX_DIR, `${id}.eml`))
    const eml = fs.readFileSync(row.outboxPath!, 'utf8')
    expect(eml).toContain(`Message-ID: <${id}@peloton>\r\n`)
    expect(eml).toContain('To: alice@example.org\r\n')
    expect(eml).toContain('From: Peloton <no-reply@peloton.localhost>\r\n')
    expect(eml).toContain('Subject: Reset your password\r\n')
    expect(unQuotedPrintable(eml)).toContain(message().text)
    expect(eml).toContain('<p>Open the link</p>')

    expect(await readOutboxMessage(id)).toMatchObject({ subject: 'Reset your password', text: message().text })
    expect(await latestMailTo('ALICE@example.org')).toEqual({ subject: 'Reset your password', text: message().text })
    expect(await processMailQueue(now)).toBe(0)
  })

  test('queueing inside a transaction that rolls back stores nothing', async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await queueMail(message(), tx)
        throw new Error('the surrounding write failed')
      }),
    ).rejects.toThrow('the surrounding write failed')
    expect(await prisma.mailMessage.count()).toBe(0)

    const id = await prisma.$transaction((tx) => queueMail(message(), tx))
    expect(await readOutboxMessage(id)).toMatchObject({ status: 'queued' })
  })

  test('listMail shows the newest first', async () => {
    await queueMail({ ...message(), subject: 'First' })
    await queueMail({ ...message(), subject: 'Second' })
    const { total, messages } = await listMail({ limit: 10, offset: 0 })
    expect(total).toBe(2)
    expect(messages.map((m) => m.subject)).toEqual(['Second', 'First'])
    expect(messages[0]).toMatchObject({ to: 'alice@example.org', status: 'queued', attempts: 0, sentAt: null })
  })
})

describe('through a real SMTP server', () => {
  test('the message arrives once, with its subject, body and attachment', async () => {
    const smtp = await startSmtpServer()
    const transport = smtpTransport(smtp.port)
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i))
    const id = await queueMail({
      ...message(),
      attachments: [{ filename: 'kaart.bin', contentType: 'application/octet-stream', content: bytes }],
    })

    expect(await processMailQueue(new Date(), { transport })).toBe(1)
    expect(await processMailQueue(new Date(), { transport })).toBe(0)

    expect(smtp.received).toHaveLength(1)
    const raw = smtp.received[0]!
    expect(raw).toContain(`Message-ID: <${id}@peloton>`)
    expect(raw).toContain('Subject: Reset your password')
    expect(unQuotedPrintable(raw)).toContain(message().text)
    expect(raw).toMatch(/filename="?kaart\.bin"?/)
    expect(raw.replace(/\r\n/g, '')).toContain(bytes.toString('base64'))
    expect(await readOutboxMessage(id)).toMatchObject({ status: 'sent', outboxPath: null })
  })

  test('two concurrent passes never send one message twice', async () => {
    const smtp = await startSmtpServer()
    const transport = smtpTransport(smtp.port)
    const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => queueMail(message(`member${i}@example.org`))))
    const now = new Date()

    const [a, b] = await Promise.all([processMailQueue(now, { transport }), processMailQueue(now, { transport })])

    expect(a + b).toBe(6)
    const messageIds = smtp.received.map((raw) => /Message-ID: (<[^>]+>)/.exec(raw)?.[1])
    expect(messageIds.sort()).toEqual(ids.map((id) => `<${id}@peloton>`).sort())
    expect(await prisma.mailMessage.count({ where: { status: 'sent' } })).toBe(6)
  })

  test('a refusing server: the failure and back-off are recorded, the next pass succeeds', async () => {
    const smtp = await startSmtpServer()
    const transport = smtpTransport(smtp.port)
    smtp.control.rejecting = true
    const id = await queueMail(message())
    const now = new Date()

    expect(await processMailQueue(now, { transport })).toBe(1)
    const failed = await prisma.mailMessage.findUniqueOrThrow({ where: { id } })
    expect(failed).toMatchObject({ status: 'queued', attempts: 1, leaseUntil: null, sentAt: null })
    expect(failed.lastError).toContain('try again later')
    expect(failed.nextAttemptAt).toEqual(new Date(now.getTime() + backoffMs(1)))
    expect(await processMailQueue(new Date(now.getTime() + backoffMs(1) - 1), { transport })).toBe(0)

    smtp.control.rejecting = false
    const later = new Date(now.getTime() + backoffMs(1))
    expect(await processMailQueue(later, { transport })).toBe(1)
    expect(await prisma.mailMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'sent',
      sentAt: later,
      attempts: 2,
    })
    expect(smtp.received).toHaveLength(1)
  })

  test(`an unreachable server: retried with growing back-off, failed after ${MAX_ATTEMPTS} attempts`, async () => {
    const transport = smtpTransport(await closedPort())
    const id = await queueMail(message())
    let now = new Date()

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await processMailQueue(now, { transport })).toBe(1)
      const row = await prisma.mailMessage.findUniqueOrThrow({ where: { id } })
      expect(row.attempts).toBe(attempt)
      expect(row.lastError).toMatch(/ECONNREFUSED/)
      if (attempt < MAX_ATTEMPTS) {
        expect(row.status).toBe('queued')
        expect(row.nextAttemptAt.getTime() - now.getTime()).toBe(backoffMs(attempt))
        now = row.nextAttemptAt
      } else {
        expect(row.status).toBe('failed')
      }
    }
    expect(backoffMs(2)).toBeGreaterThan(backoffMs(1))
    expect(await processMailQueue(new Date(now.getTime() + 24 * 3600_000), { transport })).toBe(0)
  })
})

describe('after a worker died mid-send', () => {
  test('the message is picked up again once its lease has expired', async () => {
    const leaseUntil = new Date()
    const { id } = await prisma.mailMessage.create({
      data: { ...message(), status: 'sending', attempts: 1, leaseUntil },
    })

    expect(await processMailQueue(new Date(leaseUntil.getTime() - 1))).toBe(0)
    expect(await processMailQueue(new Date(leaseUntil.getTime() + 1))).toBe(1)

    const row = await prisma.mailMessage.findUniqueOrThrow({ where: { id } })
    expect(row).toMatchObject({ status: 'sent', attempts: 2 })
    expect(fs.readFileSync(row.outboxPath!, 'utf8')).toContain(`Message-ID: <${id}@peloton>`)
  })

  test('a restart in the middle of sending a mail with a calendar attachment: sent once, attachment intact', async () => {
    const smtp = await startSmtpServer()
    const transport = smtpTransport(smtp.port)
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Peloton//Test//NL\r\nEND:VCALENDAR\r\n'
    const id = await queueMail({
      ...message(),
      subject: 'Inschrijving bevestigd: Bodem & water',
      attachments: [{ filename: 'masterclass.ics', contentType: 'text/calendar', content: ics }],
    })
    // The first worker claims the message and "dies" inside the send: it never returns.
    let die!: (error: Error) => void
    const dying: MailTransport = {
      kind: 'smtp',
      send: () => new Promise((_resolve, reject) => (die = reject)),
      close: () => undefined,
    }
    const now = new Date()
    const firstPass = processMailQueue(now, { transport: dying })
    await expect.poll(async () => (await readOutboxMessage(id))?.status).toBe('sending')

    // After the restart nothing is lost: once the lease has run out the message is sent, once.
    expect(await processMailQueue(new Date(now.getTime() + LEASE_MS - 1), { transport })).toBe(0)
    expect(await processMailQueue(new Date(now.getTime() + LEASE_MS + 1), { transport })).toBe(1)
    expect(await processMailQueue(new Date(now.getTime() + 2 * LEASE_MS + 2), { transport })).toBe(0)

    // The dead worker's late outcome is fenced off by the attempt count: the row stays sent.
    die(new Error('the process was killed'))
    await firstPass
    expect(await prisma.mailMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'sent', attempts: 2 })
    expect(smtp.received).toHaveLength(1)
    const raw = smtp.received[0]!
    expect(raw).toContain(`Message-ID: <${id}@peloton>`)
    expect(raw).toMatch(/Content-Type: text\/calendar/)
    expect(raw).toMatch(/filename="?masterclass\.ics"?/)
    expect(raw.replace(/\r\n/g, '')).toContain(Buffer.from(ics).toString('base64'))
  })

  test('a claim holds a lease that other passes respect until it runs out', async () => {
    const now = new Date()
    const { id } = await prisma.mailMessage.create({
      data: { ...message(), status: 'sending', attempts: 1, leaseUntil: new Date(now.getTime() + LEASE_MS) },
    })
    expect(await processMailQueue(now)).toBe(0)
    expect(await readOutboxMessage(id)).toMatchObject({ status: 'sending' })
  })

  test('an interrupted last attempt fails the message instead of trying forever', async () => {
    const { id } = await prisma.mailMessage.create({
      data: { ...message(), status: 'sending', attempts: MAX_ATTEMPTS, leaseUntil: new Date(0) },
    })
    expect(await processMailQueue(new Date())).toBe(1)
    expect(await prisma.mailMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'failed',
      outboxPath: null,
    })
  })
})

describe('validation', () => {
  test('a bad address is refused and nothing is stored', async () => {
    const attempt = queueMail(message('not-an-address'))
    await expect(attempt).rejects.toThrow(InvalidMailError)
    await expect(attempt).rejects.toThrow('to: not a valid e-mail address')
    await expect(queueMail({ ...message(), subject: 'Hi\r\nBcc: everyone@example.org' })).rejects.toThrow(
      'subject: must be a single line',
    )
    expect(await prisma.mailMessage.count()).toBe(0)
  })
})

describe('the worker', () => {
  test('wake() sends at once; stop() waits for the pass in flight', async () => {
    const worker = startMailWorker({ intervalMs: 60_000 })
    cleanups.push(() => worker.stop())
    const first = await queueMail(message())
    await worker.wake()
    expect(await readOutboxMessage(first)).toMatchObject({ status: 'sent' })

    const second = await queueMail(message('bob@example.org'))
    void worker.wake()
    await worker.stop()
    expect(await readOutboxMessage(second)).toMatchObject({ status: 'sent' })
  })
})
