// Whether a (parsed, valid) update can be integrated completely into a
// document. Pure: the caller passes what it knows about its document.
import type { Id, ParsedUpdate } from './update-validation'

/**
 * Whether the update can be integrated completely into a document whose
 * per-client state (next expected clock) is `stateOf`, given that `isType(id)`
 * tells whether an existing struct is a nested type. Yjs would park an update
 * with a gap, an unknown reference or an unknown deleted range as "pending",
 * which the server refuses instead (nothing it has stored depends on it).
 */
export function missingDependency(
  parsed: ParsedUpdate,
  stateOf: (client: number) => number,
  isType: (id: Id) => boolean,
): string | null {
  const ends = new Map<number, number>()
  const end = (client: number) => Math.max(stateOf(client), ends.get(client) ?? 0)
  const typesHere = new Set<string>()
  for (const s of parsed.structs) {
    if (s.kind === 'item' && s.content === 7) typesHere.add(`${s.client}:${s.clock}`)
    if (s.kind === 'skip') continue
    if (s.clock > end(s.client)) return 'gap'
    ends.set(s.client, Math.max(end(s.client), s.clock + s.length))
  }
  const known = (ref: Id) => ref.clock < end(ref.client)
  for (const s of parsed.structs) {
    if (s.origin && !known(s.origin)) return 'unknown origin'
    if (s.rightOrigin && !known(s.rightOrigin)) return 'unknown right origin'
    if (s.parentId) {
      if (!known(s.parentId)) return 'unknown parent'
      const here = typesHere.has(`${s.parentId.client}:${s.parentId.clock}`)
      if (!here && (s.parentId.clock >= stateOf(s.parentId.client) || !isType(s.parentId))) return 'parent is not a type'
    }
  }
  for (const d of parsed.deletes) {
    if (d.clock + d.length > end(d.client)) return 'unknown deleted range'
  }
  return null
}
