// Cold load: the automerge-paper trace typed into a Y.Text, stored the way
// Peloton stores a document after such editing (each keystroke one update in
// the log, folded by the real compaction code, a short tail after it), then
// the time from `join` to synced on a server that has not got it in memory.
import * as Y from 'yjs'
import { createSession } from '~/auth/session.server'
import { appendUpdates, compactDocument, readStoredDocument } from '~/services/document-persistence.server'
import { startServer, stopServer, targetFor, type Context } from '../lib/context'
import { APPEND_BATCH, COMPACTION_CHUNK, TAIL_UPDATES, type ColdDocument } from '../lib/cold-cache'
import { newDocument, type Fixtures } from '../lib/fixtures'
import { median } from '../lib/stats'
import { replayTrace, type SequentialTrace } from '../lib/trace'

/** Replays the trace and stores it through the persistence service: the log, compaction, then the tail. */
export async function buildColdDocument(fixtures: Fixtures, trace: SequentialTrace): Promise<ColdDocument> {
  let t = performance.now()
  const updates: Uint8Array[] = []
  const edits = replayTrace(trace, new Y.Doc(), { onUpdate: (u) => updates.push(u) })
  const replay = performance.now() - t
  const docId = await newDocument(fixtures, 'Automerge paper (editing trace)')
  const write = async (part: Uint8Array[]) => {
    for (let i = 0; i < part.length; i += APPEND_BATCH) {
      await appendUpdates(part.slice(i, i + APPEND_BATCH).map((data) => ({ documentId: docId, data, userId: fixtures.userId })))
    }
  }
  t = performance.now()
  await write(updates.slice(0, updates.length - TAIL_UPDATES))
  const append = performance.now() - t
  t = performance.now()
  await compactDocument(docId, { chunk: COMPACTION_CHUNK })
  const compact = performance.now() - t
  await write(updates.slice(updates.length - TAIL_UPDATES))
  return {
    docId,
    userId: fixtures.userId,
    edits,
    updateLogBytes: updates.reduce((n, u) => n + u.length, 0),
    buildMs: { replay, append, compact },
  }
}

export interface ColdLoadResult {
  edits: number
  textLength: number
  storedBytes: { snapshot: number; tail: number; tailRows: number; total: number }
  updateLogBytes: number
  /** Sync step 2 as sent to the client (the server's in-memory, garbage-collected state). */
  syncBytes: number
  unload: string
  firstLoad: { toStepTwoMs: number; toSyncedMs: number }
  warmLoads: Array<{ toStepTwoMs: number; toSyncedMs: number }>
  warmMedian: { toStepTwoMs: number; toSyncedMs: number }
  freshProcessLoads: Array<{ toStepTwoMs: number; toSyncedMs: number }>
  freshProcessMedian: { toStepTwoMs: number; toSyncedMs: number } | null
  fromCache: boolean
  buildMs: ColdDocument['buildMs'] | null
}

interface Join {
  toStepTwoMs: number
  toSyncedMs: number
  stepTwoBytes: number
  text: string
}

const medians = (loads: Array<{ toStepTwoMs: number; toSyncedMs: number }>) => ({
  toStepTwoMs: median(loads.map((l) => l.toStepTwoMs)),
  toSyncedMs: median(loads.map((l) => l.toSyncedMs)),
})

export async function runColdLoad(
  ctx: Context,
  cold: ColdDocument,
  endContent: string,
  fromCache: boolean,
): Promise<ColdLoadResult> {
  const stored = await readStoredDocument(cold.docId)
  if (!stored) throw new Error('the cold-load document is missing')
  const snapshot = stored.updates.length > stored.tailLength ? stored.updates[0]!.length : 0
  const total = stored.updates.reduce((n, u) => n + u.length, 0)
  const { token } = await createSession(cold.userId)

  async function join(server: Awaited<ReturnType<typeof startServer>>): Promise<Join> {
    const result = await ctx.readers.call<Join>('coldJoin', { target: targetFor(server, 'peloton', cold.docId, token) })
    if (result.text !== endContent) throw new Error('the loaded document differs from the trace’s endContent')
    return result
  }
  const pick = ({ toStepTwoMs, toSyncedMs }: Join) => ({ toStepTwoMs, toSyncedMs })

  // A fresh server process; between loads the document is unloaded by the server's own idle unload.
  const server = await startServer(ctx, 'peloton', { env: { BENCH_IDLE_UNLOAD_MS: '50' } })
  let first: Join
  const warm: Join[] = []
  try {
    first = await join(server)
    for (let i = 0; i < ctx.settings.coldLoads; i++) {
      const end = Date.now() + 10_000
      while ((await server.call<string[]>('loaded')).includes(cold.docId)) {
        if (Date.now() > end) throw new Error('the document was not unloaded')
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      warm.push(await join(server))
    }
  } finally {
    await stopServer(ctx, server)
  }
  const fresh: Join[] = []
  for (let i = 0; i < ctx.settings.freshProcessLoads; i++) {
    const again = await startServer(ctx, 'peloton')
    try {
      fresh.push(await join(again))
    } finally {
      await stopServer(ctx, again)
    }
  }
  return {
    edits: cold.edits,
    textLength: [...endContent].length,
    storedBytes: { snapshot, tail: total - snapshot, tailRows: stored.tailLength, total },
    updateLogBytes: cold.updateLogBytes,
    syncBytes: first.stepTwoBytes,
    unload: 'idle unload of the same server process (idleUnloadMs 50), waiting until loadedDocuments() no longer lists it',
    firstLoad: pick(first),
    warmLoads: warm.map(pick),
    warmMedian: medians(warm),
    freshProcessLoads: fresh.map(pick),
    freshProcessMedian: fresh.length > 0 ? medians(fresh) : null,
    fromCache,
    buildMs: fromCache ? null : cold.buildMs,
  }
}
