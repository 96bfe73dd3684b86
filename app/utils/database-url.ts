// Shared by prisma.config.ts (the CLI) and the app, so both open the same file.
// Kept free of server-only imports because prisma.config.ts loads it too.
import path from 'node:path'

export const DEFAULT_DATABASE_URL = 'file:./data/peloton.db'

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL && env.DATABASE_URL.length > 0 ? env.DATABASE_URL : DEFAULT_DATABASE_URL
}

/** `file:./data/peloton.db` → an absolute path (relative to the working directory). */
export function sqliteFilePath(url: string): string {
  if (!url.startsWith('file:')) {
    throw new Error(`DATABASE_URL must be a SQLite file URL such as ${DEFAULT_DATABASE_URL}, got "${url}"`)
  }
  const file = url.slice('file:'.length).split('?')[0] ?? ''
  return path.resolve(file)
}
