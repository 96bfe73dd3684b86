// What the dependency check (update-dependencies.ts) needs to know about a
// live Y.Doc, read from its struct store without changing it.
import * as Y from 'yjs'
import { MAX_NESTING_DEPTH, type KnownDocument } from './update-dependencies'
import type { Id } from './update-validation'

function structAt(doc: Y.Doc, ref: Id): Y.Item | Y.GC | null {
  const structs = doc.store.clients.get(ref.client)
  if (!structs) return null
  try {
    return structs[Y.findIndexSS(structs, ref.clock)] as Y.Item | Y.GC
  } catch {
    return null
  }
}

export function documentFacts(doc: Y.Doc): KnownDocument {
  return {
    stateOf: (client) => Y.getState(doc.store, client),
    isType(ref) {
      const struct = structAt(doc, ref)
      return struct instanceof Y.GC || (struct instanceof Y.Item && struct.content instanceof Y.ContentType)
    },
    depthOf(ref) {
      const struct = structAt(doc, ref)
      if (!(struct instanceof Y.Item)) return 0
      let depth = 0
      let parent = struct.parent
      // Counted only as far as the limit matters, so stored content deeper than it costs nothing more.
      while (parent instanceof Y.AbstractType && parent._item !== null && depth <= MAX_NESTING_DEPTH) {
        depth++
        parent = parent._item.parent
      }
      return depth
    },
  }
}
