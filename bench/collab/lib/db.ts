// The benchmark's database: a SQLite file made from the committed migrations
// (as tests/setup does) or a copy of the cached cold-load database, with
// DATABASE_URL pointing at it before any app module opens a connection.
import fs from 'node:fs'
import path from 'node:path'
import { applyMigrations } from '../../../app/utils/migrate.server'

export interface BenchDatabase {
  file: string
  url: string
}

const SUFFIXES = ['', '-wal']

/** A new migrated database file in `dir` (or a copy of `from`), and DATABASE_URL set to it for this process. */
export function openBenchDatabase(dir: string, { from }: { from?: string } = {}): BenchDatabase {
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `collab-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.db`)
  const url = `file:${file}`
  if (from) copyDatabase(from, file)
  else applyMigrations(url)
  process.env.DATABASE_URL = url
  return { file, url }
}

/** Copies a database file and its write-ahead log (nothing may be writing to it meanwhile). */
export function copyDatabase(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true })
  for (const suffix of SUFFIXES) {
    fs.rmSync(to + suffix, { force: true })
    if (fs.existsSync(from + suffix)) fs.copyFileSync(from + suffix, to + suffix)
  }
}

export function removeDatabase(db: BenchDatabase): void {
  for (const suffix of [...SUFFIXES, '-shm', '-journal']) fs.rmSync(db.file + suffix, { force: true })
}
