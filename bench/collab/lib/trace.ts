// The editing traces of josephg/editing-traces (shared/data/editing-traces):
// sequential format, positions in Unicode code points.
import fs from 'node:fs'
import zlib from 'node:zlib'
import type * as Y from 'yjs'

export interface SequentialTrace {
  startContent: string
  endContent: string
  txns: Array<{ patches: Array<[pos: number, deleted: number, inserted: string]> }>
}

export function readTrace(file: string): SequentialTrace {
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')) as SequentialTrace
}

/** Code-point positions → UTF-16 offsets, which Y.Text uses; only needed when the text leaves the BMP. */
function utf16Offset(text: string, codePoints: number): number {
  let offset = 0
  for (let i = 0; i < codePoints; i++) offset += (text.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1
  return offset
}

/**
 * Replays every patch into `doc.getText(name)`, one Yjs transaction per
 * patch as an editor sends one update per keystroke, and hands each update
 * to `onUpdate`. Throws when the result differs from the trace's endContent.
 */
export function replayTrace(
  trace: SequentialTrace,
  doc: Y.Doc,
  { name = 't', onUpdate }: { name?: string; onUpdate?: (update: Uint8Array) => void } = {},
): number {
  const text = doc.getText(name)
  const astral = /[\uD800-\uDFFF]/.test(
    trace.startContent + trace.endContent + trace.txns.map((t) => t.patches.map((p) => p[2]).join('')).join(''),
  )
  const listener = (update: Uint8Array) => onUpdate?.(update)
  doc.on('update', listener)
  let edits = 0
  try {
    if (trace.startContent) doc.transact(() => text.insert(0, trace.startContent))
    for (const txn of trace.txns) {
      for (const [pos, deleted, inserted] of txn.patches) {
        doc.transact(() => {
          const current = astral ? text.toString() : ''
          const at = astral ? utf16Offset(current, pos) : pos
          if (deleted > 0) text.delete(at, astral ? utf16Offset(current.slice(at), deleted) : deleted)
          if (inserted) text.insert(at, inserted)
        })
        edits++
      }
    }
  } finally {
    doc.off('update', listener)
  }
  if (text.toString() !== trace.endContent) throw new Error('replaying the trace did not give its endContent')
  return edits
}
