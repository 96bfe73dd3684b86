// The production server's life: it refuses a bad configuration with a message
// naming the variable, applies migrations and seeds on start, and stops
// cleanly on SIGTERM.
import Database from 'better-sqlite3'
import { describe, expect, test } from 'vitest'
import { startApp } from './support/server'

describe('the production server', () => {
  test('refuses to start with a malformed variable and names it', async () => {
    const error = await startApp({ env: { SMTP_PORT: 'not-a-port' } }).then(
      () => null,
      (e: Error) => e,
    )
    expect(error).not.toBeNull()
    expect(error!.message).toMatch(/SMTP_PORT:/)
    expect(error!.message).toMatch(/exited during start-up \(code 1/)
  })

  test('starts on an empty database with migrations, taxonomies, the demo data and the admin, then stops cleanly on SIGTERM', async () => {
    const app = await startApp({ env: { SEED_DEMO: 'true' } })
    const health = await fetch(`${app.url}/healthz`)
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok' })

    const db = new Database(app.dbPath, { readonly: true })
    try {
      const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n
      expect(count('SELECT count(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL')).toBeGreaterThan(0)
      expect(count('SELECT count(*) AS n FROM TransitionPhase')).toBe(5)
      expect(count("SELECT count(*) AS n FROM User WHERE role = 'member' OR role = 'facilitator'")).toBeGreaterThanOrEqual(60)
      expect(count('SELECT count(*) AS n FROM Organisation')).toBeGreaterThanOrEqual(15)
      expect(count(`SELECT count(*) AS n FROM User WHERE role = 'admin' AND email = '${app.admin.email}'`)).toBe(1)
      expect((db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe('wal')
    } finally {
      db.close()
    }

    await app.stop()
    expect(app.exit()).toEqual({ code: 0, signal: null })
  })
})
