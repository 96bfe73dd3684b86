// `npm run db:reset`: start over with an empty, migrated database. Deletes the
// SQLite file that DATABASE_URL names (with its -wal and -shm files) and the
// mail outbox, whose .eml files would otherwise outlive the rows that list
// them, then applies the migrations. Stop the server first.
import fs from 'node:fs'
import path from 'node:path'
import { databaseUrl, sqliteFilePath } from '../app/utils/database-url'
import { applyMigrations } from '../app/utils/migrate.server'

const DEFAULT_OUTBOX_DIR = 'data/outbox'

function main(): void {
  const url = databaseUrl()
  const file = sqliteFilePath(url)
  const outbox = path.resolve(process.env.MAIL_OUTBOX_DIR || DEFAULT_OUTBOX_DIR)
  // A mistyped MAIL_OUTBOX_DIR (".", "..", "/") must not delete the project.
  if (path.relative(outbox, process.cwd()).split(path.sep)[0] !== '..') {
    throw new Error(`MAIL_OUTBOX_DIR "${outbox}" contains the working directory; refusing to delete it`)
  }

  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
  fs.rmSync(outbox, { recursive: true, force: true })
  console.log(`Deleted ${file} and ${outbox}.`)

  fs.mkdirSync(path.dirname(file), { recursive: true })
  applyMigrations(url)
  console.log('Applied the migrations: the database is empty and up to date.')
}

try {
  main()
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
}
