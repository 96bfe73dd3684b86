// Members with their own sessions and the masterclasses, made with the app's
// services and the test factories straight into the server's database file
// (as tests/e2e/registration-concurrency.e2e.test.ts does: 3,000 logins would
// rightly hit the login throttle). Loaded after DATABASE_URL points at that
// file; this process then holds a second connection to it (WAL lets both work).
import { createSession } from '~/auth/session.server'
import { prepareDatabase, prisma } from '~/utils/db.server'
import { makeMasterclass } from '../../../tests/factories'

/** The production cookie name (app/auth/cookie.server.ts); this process does not run in production mode. */
const SESSION_COOKIE = '__Host-peloton_session'

export interface Member {
  id: string
  cookie: string
}

/**
 * `PRAGMA synchronous` on this process's connection after the app's own
 * prepareDatabase(), on a file the server has already put in WAL mode — the
 * case where better-sqlite3's default would be NORMAL (1). FULL is 2.
 */
export async function appSynchronous(): Promise<number> {
  await prepareDatabase()
  const [row] = await prisma.$queryRawUnsafe<Array<{ synchronous: bigint | number }>>('PRAGMA synchronous')
  return Number(row?.synchronous)
}

export async function makeMembers(count: number): Promise<Member[]> {
  const stamp = Date.now()
  const ids = Array.from({ length: count }, (_, i) => `bench-${stamp}-${i}`)
  await prisma.user.createMany({
    data: ids.map((id, i) => ({
      id,
      name: `Deelnemer ${i}`,
      email: `deelnemer-${stamp}-${i}@example.nl`,
      emailVerifiedAt: new Date(),
    })),
  })
  const members: Member[] = []
  for (const id of ids) {
    const { token } = await createSession(id)
    members.push({ id, cookie: `${SESSION_COOKIE}=${token}` })
  }
  return members
}

export async function popularMasterclass(capacity: number, title: string): Promise<string> {
  const m = await makeMasterclass({ capacity, title, location: 'Provinciehuis Utrecht' })
  return m.id
}

export async function closeFixtures(): Promise<void> {
  await prisma.$disconnect()
}
