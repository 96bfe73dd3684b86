// better-sqlite3 gives each process ONE connection. Prisma's adapter puts its
// interactive transactions behind a mutex, but plain queries do not wait for
// it: a `prisma.x.create()` issued while another request's transaction is
// open would run inside that transaction (and vanish if it rolls back), and a
// plain read would see its uncommitted rows. This wrapper makes every query
// outside a transaction wait until no transaction is open, so each request
// sees only committed data and its writes commit on their own.
import type { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3['connect']>>
type Transaction = Awaited<ReturnType<Adapter['startTransaction']>>

/** A FIFO lock: acquire() resolves with the function that releases it. */
class Lock {
  private tail: Promise<void> = Promise.resolve()

  acquire(): Promise<() => void> {
    let release!: () => void
    const next = new Promise<void>((resolve) => (release = resolve))
    const acquired = this.tail.then(() => release)
    this.tail = this.tail.then(() => next)
    return acquired
  }
}

function releasingOnEnd(tx: Transaction, release: () => void): Transaction {
  let released = false
  const done = () => {
    if (!released) {
      released = true
      release()
    }
  }
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === 'commit' || prop === 'rollback') {
        return async () => {
          try {
            await target[prop]()
          } finally {
            done()
          }
        }
      }
      const value: unknown = Reflect.get(target, prop, target)
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
}

/** The process has one Prisma client, so one lock: its connection's, shared with the document store's worker. */
const lock = new Lock()

async function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const release = await lock.acquire()
  try {
    return await work()
  } finally {
    release()
  }
}

/**
 * Runs `work` while no Prisma query or transaction of this process runs (in
 * turn with them): for database work on another connection of the same file
 * (the document store's worker, app/services/document-store.server.ts), so
 * that the process's database work stays serialised.
 */
export function exclusiveDatabaseAccess<T>(work: () => Promise<T>): Promise<T> {
  return exclusive(work)
}

function serialised(adapter: Adapter): Adapter {
  return new Proxy(adapter, {
    get(target, prop) {
      switch (prop) {
        case 'queryRaw':
          return (query: Parameters<Adapter['queryRaw']>[0]) => exclusive(() => target.queryRaw(query))
        case 'executeRaw':
          return (query: Parameters<Adapter['executeRaw']>[0]) => exclusive(() => target.executeRaw(query))
        case 'executeScript':
          return (script: string) => exclusive(() => target.executeScript(script))
        case 'startTransaction':
          return async (isolationLevel?: Parameters<Adapter['startTransaction']>[0]) => {
            const release = await lock.acquire()
            try {
              return releasingOnEnd(await target.startTransaction(isolationLevel), release)
            } catch (error) {
              release()
              throw error
            }
          }
      }
      const value: unknown = Reflect.get(target, prop, target)
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
}

/** The adapter factory, with plain queries serialised against transactions. */
export function withSerialisedQueries(factory: PrismaBetterSQLite3): PrismaBetterSQLite3 {
  return new Proxy(factory, {
    get(target, prop) {
      if (prop === 'connect') return async () => serialised(await target.connect())
      const value: unknown = Reflect.get(target, prop, target)
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
}
