// Applies the committed migrations with Prisma's own CLI (`migrate deploy`),
// exactly as `npm run db:migrate` does, before the server listens.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

export function applyMigrations(databaseUrl: string): void {
  const require = createRequire(import.meta.url)
  const cli = require.resolve('prisma/build/index.js')
  const result = spawnSync(process.execPath, [cli, 'migrate', 'deploy'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    encoding: 'utf8',
  })
  if (result.status !== 0) {
    throw new Error(`Applying the database migrations failed:\n${result.stdout}\n${result.stderr}`)
  }
}
