// The cold-load document's inputs and cache key. Free of app imports, so the
// benchmark can choose its database before any module opens a connection.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { benchDir } from './ipc'

export const TRACE_FILE =
  process.env.BENCH_TRACE_FILE ?? path.resolve(benchDir, '../../../shared/data/editing-traces/automerge-paper.json.gz')
/** Updates left after the last compaction: the server compacts once 200 follow the snapshot (compactAfter). */
export const TAIL_UPDATES = 150
/** Rows per compaction step; the server's default is 500, which takes minutes on this trace (see README). */
export const COMPACTION_CHUNK = 20_000
export const APPEND_BATCH = 5000

export interface ColdDocument {
  docId: string
  userId: string
  edits: number
  updateLogBytes: number
  buildMs: { replay: number; append: number; compact: number }
}

/** What decides the stored bytes: the trace, the schema and the persistence code. A change to any of them rebuilds the cache. */
export function coldCacheKey(): string {
  const root = path.resolve(benchDir, '../..')
  const hash = crypto.createHash('sha256')
  hash.update(fs.readFileSync(TRACE_FILE))
  const migrations = path.join(root, 'prisma/migrations')
  for (const name of fs.readdirSync(migrations, { recursive: true }).map(String).sort()) {
    const file = path.join(migrations, name)
    if (fs.statSync(file).isFile()) hash.update(name).update(fs.readFileSync(file))
  }
  for (const file of [
    'app/services/document-persistence.server.ts',
    'app/services/documents.server.ts',
    'node_modules/yjs/package.json',
  ]) {
    hash.update(fs.readFileSync(path.join(root, file)))
  }
  hash.update(`${TAIL_UPDATES}/${COMPACTION_CHUNK}/${APPEND_BATCH}`)
  return hash.digest('hex').slice(0, 16)
}
