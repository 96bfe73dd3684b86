// Memory per open document on Peloton's server: sockets first (measured as
// the baseline), then N small real documents joined over them (at most 20 a
// socket, the server's default), heap and RSS after full GCs in the server.
import type { MemoryReport } from '../servers/common'
import { newDocument, smallDocumentState } from '../lib/fixtures'
import { startServer, stopServer, targetFor, type Context } from '../lib/context'

export interface MemoryResult {
  sockets: number
  baseline: MemoryReport
  points: Array<{
    documents: number
    report: MemoryReport
    heapPerDoc: number
    rssPerDoc: number
    /** Heap per document added since the previous point (leaves out one-time costs of the first documents). */
    marginalHeapPerDoc: number | null
  }>
}

const PER_SOCKET = 20

export async function runMemory(ctx: Context): Promise<MemoryResult> {
  const most = Math.max(...ctx.settings.memoryDocs)
  const docIds: string[] = []
  for (let i = 0; i < most; i++) docIds.push(await newDocument(ctx.fixtures, `Verslag ${i}`, smallDocumentState(i)))
  const sockets = Math.ceil(most / PER_SOCKET)
  const server = await startServer(ctx, 'peloton')
  try {
    await ctx.readers.call('openSockets', { target: targetFor(server, 'peloton', '', ctx.fixtures.readerToken), sockets })
    const baseline = await server.call<MemoryReport>('memory')
    const points: MemoryResult['points'] = []
    let open = 0
    for (const n of [...ctx.settings.memoryDocs].sort((a, b) => a - b)) {
      await ctx.readers.call('openDocuments', { docIds: docIds.slice(open, n) }, 300_000)
      open = n
      const report = await server.call<MemoryReport>('memory')
      if (report.documents !== n) throw new Error(`expected ${n} open documents, the server has ${report.documents}`)
      const previous = points[points.length - 1]
      points.push({
        documents: n,
        report,
        heapPerDoc: (report.heapUsed - baseline.heapUsed) / n,
        rssPerDoc: (report.rss - baseline.rss) / n,
        marginalHeapPerDoc: previous ? (report.heapUsed - previous.report.heapUsed) / (n - previous.documents) : null,
      })
      console.log(
        `  ${n} documents: heap +${((report.heapUsed - baseline.heapUsed) / n / 1024).toFixed(1)} KiB/doc, RSS +${((report.rss - baseline.rss) / n / 1024).toFixed(1)} KiB/doc`,
      )
    }
    return { sockets, baseline, points }
  } finally {
    await ctx.readers.call('closeAll')
    await stopServer(ctx, server)
  }
}
