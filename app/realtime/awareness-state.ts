// What an awareness state may carry through the relay. Every editor reads
// every other client's state: y-tiptap's caret plugin calls
// `Y.createRelativePositionFromJSON(state.cursor.anchor)` inside ProseMirror's
// plugin `apply`, so one bad cursor (`cursor: 1`, `{}`) from anyone, viewers
// included, throws in every connected editor. The server therefore rebuilds
// each state from what it knows the shape of: the `user` it sets itself, and a
// `cursor` that is null or two RelativePosition JSONs (what
// `Y.relativePositionToJSON` writes). Everything else is dropped.
// Pure and isomorphic.
import type { AwarenessUser } from './protocol'

/** A state bigger than this (as JSON, in characters) is ignored: a caret and a name need far less. */
export const MAX_AWARENESS_STATE_LENGTH = 4096
/** Root type names (a RelativePosition's `tname`) are short; the editor's is 'default'. */
const MAX_TYPE_NAME_LENGTH = 256

interface IdJSON {
  client: number
  clock: number
}

export interface RelativePositionJSON {
  type?: IdJSON | null
  tname?: string | null
  item?: IdJSON | null
  assoc?: number
}

export interface CursorJSON {
  anchor: RelativePositionJSON
  head: RelativePositionJSON
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0

/** An ID as JSON, rebuilt with only its two fields; undefined when it is not one. */
function idOf(value: unknown): IdJSON | null | undefined {
  if (value === null || value === undefined) return null
  return isRecord(value) && isCount(value.client) && isCount(value.clock)
    ? { client: value.client, clock: value.clock }
    : undefined
}

/**
 * A RelativePosition as JSON, rebuilt from its known fields, or null when it
 * is not one. At least one of item, tname and type must be set: Yjs throws on
 * a position with none of them.
 */
export function relativePositionOf(value: unknown): RelativePositionJSON | null {
  if (!isRecord(value)) return null
  const type = idOf(value.type)
  const item = idOf(value.item)
  const tname = value.tname ?? null
  const assoc = value.assoc
  if (type === undefined || item === undefined) return null
  if (tname !== null && (typeof tname !== 'string' || tname.length > MAX_TYPE_NAME_LENGTH)) return null
  if (assoc !== undefined && !(typeof assoc === 'number' && Number.isSafeInteger(assoc))) return null
  if (type === null && item === null && tname === null) return null
  return {
    ...(type ? { type } : {}),
    ...(tname !== null ? { tname } : {}),
    ...(item ? { item } : {}),
    ...(assoc !== undefined ? { assoc } : {}),
  }
}

/** A caret as y-prosemirror writes it, rebuilt; undefined when it is not one. */
export function cursorOf(value: unknown): CursorJSON | null | undefined {
  if (value === null) return null
  if (!isRecord(value)) return undefined
  const anchor = relativePositionOf(value.anchor)
  const head = relativePositionOf(value.head)
  return anchor && head ? { anchor, head } : undefined
}

/**
 * The state the server relays for what a client sent: `user` from the
 * session, and the cursor when it is well-formed. Null when the state is too
 * big to consider (the update is ignored, the socket stays open).
 */
export function sanitiseAwarenessState(state: Record<string, unknown>, user: AwarenessUser): Record<string, unknown> | null {
  if (JSON.stringify(state).length > MAX_AWARENESS_STATE_LENGTH) return null
  const cursor = cursorOf(state.cursor)
  return cursor === undefined ? { user } : { user, cursor }
}
