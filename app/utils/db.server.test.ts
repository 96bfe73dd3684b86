// The one SQLite connection must not let a plain query slip into another
// request's open transaction (see sqlite-adapter.server.ts).
import fs from 'node:fs'
import Database from 'better-sqlite3'
import { describe, expect, it, vi } from 'vitest'
import { prisma } from './db.server'

describe('database connection', () => {
  it('runs in WAL mode with foreign keys on', async () => {
    const { prepareDatabase } = await import('./db.server')
    await prepareDatabase()
    const [mode] = await prisma.$queryRawUnsafe<Array<{ journal_mode: string }>>('PRAGMA journal_mode')
    expect(mode?.journal_mode).toBe('wal')
    const [fk] = await prisma.$queryRawUnsafe<Array<{ foreign_keys: bigint | number }>>('PRAGMA foreign_keys')
    expect(Number(fk?.foreign_keys)).toBe(1)
    const [sync] = await prisma.$queryRawUnsafe<Array<{ synchronous: bigint | number }>>('PRAGMA synchronous')
    expect(Number(sync?.synchronous)).toBe(2) // FULL
  })

  it('runs synchronous=FULL after a restart too, on a file that is already in WAL mode', async () => {
    // better-sqlite3's build opens WAL files at NORMAL (SQLITE_DEFAULT_WAL_SYNCHRONOUS=1).
    const file = `${process.env.DATABASE_URL!.slice('file:'.length)}-restart.db`
    const setup = new Database(file)
    setup.pragma('journal_mode = WAL')
    setup.close()
    const reopened = new Database(file)
    expect(reopened.pragma('synchronous', { simple: true })).toBe(1)
    reopened.close()

    // A fresh db.server module, as a restarted process would load it.
    const globals = globalThis as Record<string, unknown>
    const saved = { client: globals.__pelotonPrisma, pragmas: globals.__pelotonPragmas, url: process.env.DATABASE_URL }
    delete globals.__pelotonPrisma
    delete globals.__pelotonPragmas
    process.env.DATABASE_URL = `file:${file}`
    vi.resetModules()
    const restarted = await import('./db.server')
    try {
      await restarted.prepareDatabase()
      const [sync] = await restarted.prisma.$queryRawUnsafe<Array<{ synchronous: bigint | number }>>('PRAGMA synchronous')
      expect(Number(sync?.synchronous)).toBe(2)
    } finally {
      await restarted.prisma.$disconnect()
      Object.assign(globals, { __pelotonPrisma: saved.client, __pelotonPragmas: saved.pragmas })
      process.env.DATABASE_URL = saved.url
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
    }
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
