// The one Prisma client of the process: Prisma 6.19's JavaScript engine on
// better-sqlite3 (docs/decisions/0002-prisma-js-engine-sqlite.md).
import fs from 'node:fs'
import path from 'node:path'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaClient, type Prisma } from '~/generated/prisma/client'
import { databaseUrl, sqliteFilePath } from './database-url'
import { withSerialisedQueries } from './sqlite-adapter.server'

/** How long a write waits for another connection's lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000

function createClient(): PrismaClient {
  const file = sqliteFilePath(databaseUrl())
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const adapter = withSerialisedQueries(new PrismaBetterSQLite3({ url: file, timeout: BUSY_TIMEOUT_MS }))
  // Transactions queue for the one connection (see sqlite-adapter.server.ts):
  // give a busy moment time rather than failing after Prisma's default 2 s.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 10_000 } })
}

// Survives Vite's module reloads in development, so edits do not open a new
// connection each time.
const globalForPrisma = globalThis as unknown as { __pelotonPrisma?: PrismaClient; __pelotonPragmas?: Promise<void> }

export const prisma: PrismaClient = (globalForPrisma.__pelotonPrisma ??= createClient())

/** The client inside `prisma.$transaction(async (tx) => …)`: use only it there, never `prisma`. */
export type Tx = Prisma.TransactionClient

/**
 * WAL lets readers work while one writer writes; the busy timeout (set on the
 * connection above) makes a second writer wait instead of failing.
 * journal_mode=WAL is stored in the file, so this only needs to run once.
 */
export function prepareDatabase(): Promise<void> {
  globalForPrisma.__pelotonPragmas ??= prisma
    .$queryRawUnsafe('PRAGMA journal_mode = WAL')
    .then(() => prisma.$queryRawUnsafe('PRAGMA foreign_keys = ON'))
    .then(() => undefined)
  return globalForPrisma.__pelotonPragmas
}

export async function checkDatabase(): Promise<boolean> {
  try {
    await prisma.$queryRawUnsafe('SELECT 1')
    return true
  } catch {
    return false
  }
}
