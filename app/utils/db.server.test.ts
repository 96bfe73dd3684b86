// The one SQLite connection must not let a plain query slip into another
// request's open transaction (see sqlite-adapter.server.ts).
import { describe, expect, it } from 'vitest'
import { prisma } from './db.server'

describe('database connection', () => {
  it('runs in WAL mode with foreign keys on', async () => {
    const { prepareDatabase } = await import('./db.server')
    await prepareDatabase()
    const [mode] = await prisma.$queryRawUnsafe<Array<{ journal_mode: string }>>('PRAGMA journal_mode')
    expect(mode?.journal_mode).toBe('wal')
    const [fk] = await prisma.$queryRawUnsafe<Array<{ foreign_keys: bigint | number }>>('PRAGMA foreign_keys')
    expect(Number(fk?.foreign_keys)).toBe(1)
  })

  it('keeps a plain write made during another transaction when that transaction rolls back', async () => {
    let insideTransaction!: () => void
    const transactionOpen = new Promise<void>((resolve) => (insideTransaction = resolve))
    let letItFail!: () => void
    const failNow = new Promise<void>((resolve) => (letItFail = resolve))

    const rolledBack = prisma
      .$transaction(async (tx) => {
        await tx.loginThrottle.create({ data: { key: 'inside-tx', windowStart: new Date() } })
        insideTransaction()
        await failNow
        throw new Error('roll back')
      })
      .catch((e: Error) => e.message)

    await transactionOpen
    // A plain read does not see the uncommitted row, and a plain write waits for the transaction.
    // (Prisma queries are lazy: .then() sends them now.)
    const read = prisma.loginThrottle.findUnique({ where: { key: 'inside-tx' } }).then((row) => row)
    const write = prisma.loginThrottle.create({ data: { key: 'outside-tx', windowStart: new Date() } }).then((row) => row)
    // Give them every chance to run while the transaction is open: without the
    // serialising wrapper they would, and this test would fail.
    await new Promise((resolve) => setTimeout(resolve, 100))
    letItFail()
    expect(await rolledBack).toBe('roll back')
    expect(await read).toBeNull()
    await write
    expect(await prisma.loginThrottle.findUnique({ where: { key: 'outside-tx' } })).not.toBeNull()
    expect(await prisma.loginThrottle.findUnique({ where: { key: 'inside-tx' } })).toBeNull()
  })
})
