// Whether a (parsed, valid) update can be integrated completely into a
// document, and stays within the nesting limit. Pure: the caller passes what
// it knows about its document (doc-structure.ts reads it from a Y.Doc).
import type { Id, ParsedStruct, ParsedUpdate } from './update-validation'

/**
 * How deep types may nest (a root type's children are at depth 1). ProseMirror
 * content never needs more: a table in a list in a quote stays below 15. Deeper
 * content makes recursive readers (exports, renderers) overflow the stack.
 */
export const MAX_NESTING_DEPTH = 64

export interface KnownDocument {
  /** The next expected clock of a client. */
  stateOf(client: number): number
  /** Whether an existing struct is a nested type (or garbage-collected). */
  isType(id: Id): boolean
  /** How deep the type that holds an existing struct is nested (0 for a root type). */
  depthOf(id: Id): number
}

/**
 * What keeps the update from being integrated completely, or null. Yjs would
 * park an update with a gap, an unknown reference or an unknown deleted range
 * as "pending", which the server refuses instead (nothing it has stored
 * depends on it); it also refuses types nested deeper than MAX_NESTING_DEPTH.
 */
export function missingDependency(parsed: ParsedUpdate, known: KnownDocument): string | null {
  const { stateOf, isType } = known
  const ends = new Map<number, number>()
  const end = (client: number) => Math.max(stateOf(client), ends.get(client) ?? 0)
  const typesHere = new Set<string>()
  for (const s of parsed.structs) {
    if (s.kind === 'item' && s.content === 7) typesHere.add(`${s.client}:${s.clock}`)
    if (s.kind === 'skip') continue
    if (s.clock > end(s.client)) return 'gap'
    ends.set(s.client, Math.max(end(s.client), s.clock + s.length))
  }
  const isKnown = (ref: Id) => ref.clock < end(ref.client)
  for (const s of parsed.structs) {
    if (s.origin && !isKnown(s.origin)) return 'unknown origin'
    if (s.rightOrigin && !isKnown(s.rightOrigin)) return 'unknown right origin'
    if (s.parentId) {
      if (!isKnown(s.parentId)) return 'unknown parent'
      const here = typesHere.has(`${s.parentId.client}:${s.parentId.clock}`)
      if (!here && (s.parentId.clock >= stateOf(s.parentId.client) || !isType(s.parentId))) return 'parent is not a type'
    }
  }
  for (const d of parsed.deletes) {
    if (d.clock + d.length > end(d.client)) return 'unknown deleted range'
  }
  return nestingProblem(parsed, known)
}

/**
 * Follows each new item to the type that will hold it, as Yjs does: the
 * parent of its left neighbour (origin), else of its right one, else the
 * parent given by id, else a root type. Iterative, so a long chain of
 * references cannot overflow the stack; a cycle (no Yjs encoder writes one)
 * is refused.
 */
function nestingProblem(parsed: ParsedUpdate, known: KnownDocument): string | null {
  const byClient = new Map<number, ParsedStruct[]>()
  for (const s of parsed.structs) {
    const list = byClient.get(s.client)
    if (list) list.push(s)
    else byClient.set(s.client, [s])
  }
  const inUpdate = (ref: Id): ParsedStruct | undefined => {
    const list = byClient.get(ref.client) ?? []
    let lo = 0
    let hi = list.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const s = list[mid]!
      if (ref.clock < s.clock) hi = mid - 1
      else if (ref.clock >= s.clock + s.length) lo = mid + 1
      else return s
    }
    return undefined
  }
  /** The depth of the type that holds each new item (0 = a root type). */
  const holderDepth = new Map<ParsedStruct, number>()
  const onStack = new Set<ParsedStruct>()
  for (const start of parsed.structs) {
    if (start.kind !== 'item') continue
    const stack = [start]
    while (stack.length > 0) {
      const s = stack[stack.length - 1]!
      if (holderDepth.has(s)) {
        stack.pop()
        continue
      }
      const sibling = s.origin ?? s.rightOrigin
      const ref = sibling ?? s.parentId
      let depth: number | undefined
      if (ref === null) depth = 0
      else if (ref.clock < known.stateOf(ref.client)) depth = known.depthOf(ref) + (sibling ? 0 : 1)
      else {
        const target = inUpdate(ref)
        if (target?.kind !== 'item') depth = 0
        else if (holderDepth.has(target)) depth = holderDepth.get(target)! + (sibling ? 0 : 1)
        else if (onStack.has(target)) return 'cyclic reference'
        else {
          onStack.add(s)
          stack.push(target)
          continue
        }
      }
      holderDepth.set(s, depth)
      onStack.delete(s)
      stack.pop()
      if (s.content === 7 && depth + 1 > MAX_NESTING_DEPTH) return 'nested too deeply'
    }
  }
  return null
}
