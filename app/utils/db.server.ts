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
 * journal_mode=WAL is stored in the file; the other two are settings of the
 * connection, so this runs once per process, on its one connection.
 *
 * synchronous=FULL: a commit returns only after the WAL is synced to disk, so
 * nothing the app acknowledged is lost even on power loss or an OS crash.
 * (In WAL mode NORMAL syncs only at checkpoints: durable against a crash of
 * the process, but the last commits can be lost on power loss.) It must be
 * set explicitly: better-sqlite3 is built with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1,
 * so a connection to a file that is already in WAL mode — every start after
 * the first — would otherwise run at NORMAL.
 */
export function prepareDatabase(): Promise<void> {
  globalForPrisma.__pelotonPragmas ??= prisma
    .$queryRawUnsafe('PRAGMA journal_mode = WAL')
    .then(() => prisma.$executeRawUnsafe('PRAGMA synchronous = FULL'))
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
