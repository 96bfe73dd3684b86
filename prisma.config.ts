// Prisma 6.19 with its JavaScript engine: no native engine download is
// needed (see docs/decisions/0002-prisma-js-engine-sqlite.md).
import fs from 'node:fs'
import path from 'node:path'
import { defineConfig } from 'prisma/config'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { databaseUrl, sqliteFilePath } from './app/utils/database-url'

// The schema reads env("DATABASE_URL"); give it the same default the app uses.
process.env.DATABASE_URL = databaseUrl()

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  adapter: async () => {
    const file = sqliteFilePath(databaseUrl())
    fs.mkdirSync(path.dirname(file), { recursive: true })
    return new PrismaBetterSQLite3({ url: file, timeout: 5000 })
  },
})
