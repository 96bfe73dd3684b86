// The /collab wire format (PRODUCT.md, "Realtime contract"): socket.io events
// carrying one y-protocols message each, framed as y-websocket frames them:
// varUint message type (0 sync, 1 awareness), then that protocol's payload.
// Shared by the server, the provider and the tests; isomorphic, so constants
// the browser needs live here and not in a .server module.
import * as encoding from 'lib0/encoding'
import { ByteReader, MalformedUpdateError, parseUpdateV1, type ParsedUpdate } from './update-validation'

export const COLLAB_NAMESPACE = '/collab'

export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const SYNC_STEP_1 = 0
export const SYNC_STEP_2 = 1
export const SYNC_UPDATE = 2

/** The Tiptap/y-prosemirror fragment that holds the editor's content. */
export const EDITOR_FRAGMENT = 'default'

/** Document ids are cuids; anything longer or odd is refused before a database lookup. */
export const MAX_DOC_ID_LENGTH = 64
const DOC_ID = /^[A-Za-z0-9_-]{1,64}$/

export type CollabRole = 'editor' | 'viewer'
export type JoinErrorCode = 'forbidden' | 'not_found' | 'limit' | 'unavailable'
export type CollabErrorCode = 'malformed' | 'not_joined'
export type WriteErrorCode = 'write_failed'

export type JoinAck = (error: { code: JoinErrorCode } | null, result?: { role: CollabRole }) => void
export type MessageAck = (error: { code: WriteErrorCode } | null) => void

/** socket.io's typed events for the /collab namespace. */
export interface CollabServerToClient {
  msg: (docId: string, data: Uint8Array) => void
  collab_error: (error: { code: CollabErrorCode }) => void
}
export interface CollabClientToServer {
  join: (docId: string, ack: JoinAck) => void
  leave: (docId: string) => void
  msg: (docId: string, data: Uint8Array, ack?: MessageAck) => void
}

/** The `user` field the server writes into every awareness state. */
export interface AwarenessUser {
  name: string
  color: string
  role: CollabRole
}

export type Frame =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2' | 'update'; update: Uint8Array; parsed: ParsedUpdate }
  | { type: 'awareness'; update: Uint8Array; entries: AwarenessEntry[] }

export interface AwarenessEntry {
  clientId: number
  clock: number
  state: Record<string, unknown> | null
}

export function isDocId(value: unknown): value is string {
  return typeof value === 'string' && DOC_ID.test(value)
}

/** Bytes as socket.io delivers them: a Buffer in Node, an ArrayBuffer or Uint8Array in the browser. */
export function asBytes(value: unknown): Uint8Array | null {
  if (value instanceof Uint8Array) return value
  if (value instanceof ArrayBuffer) return new Uint8Array(value)
  return null
}

function parseStateVector(bytes: Uint8Array): void {
  const reader = new ByteReader(bytes)
  const entries = reader.count(2)
  for (let i = 0; i < entries; i++) {
    reader.varUint()
    reader.varUint()
  }
  if (!reader.done()) throw new MalformedUpdateError('trailing bytes')
}

function parseAwareness(bytes: Uint8Array): AwarenessEntry[] {
  const reader = new ByteReader(bytes)
  const count = reader.count(3)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = reader.varUint()
    const clock = reader.varUint()
    let state: unknown
    try {
      state = JSON.parse(reader.varString())
    } catch {
      throw new MalformedUpdateError('invalid awareness JSON')
    }
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
      throw new MalformedUpdateError('awareness state is not an object')
    }
    entries.push({ clientId, clock, state: state as Record<string, unknown> | null })
  }
  if (!reader.done()) throw new MalformedUpdateError('trailing bytes')
  return entries
}

/**
 * Reads one frame completely and strictly, or throws MalformedUpdateError.
 * Nothing here touches a document: this runs before any Yjs code.
 */
export function parseFrame(data: Uint8Array): Frame {
  const reader = new ByteReader(data)
  const type = reader.varUint()
  let frame: Frame
  if (type === MESSAGE_SYNC) {
    const step = reader.varUint()
    const payload = reader.varBytes()
    if (step === SYNC_STEP_1) {
      parseStateVector(payload)
      frame = { type: 'sync-step-1', stateVector: payload }
    } else if (step === SYNC_STEP_2 || step === SYNC_UPDATE) {
      frame = { type: step === SYNC_STEP_2 ? 'sync-step-2' : 'update', update: payload, parsed: parseUpdateV1(payload) }
    } else {
      throw new MalformedUpdateError('unknown sync message')
    }
  } else if (type === MESSAGE_AWARENESS) {
    const payload = reader.varBytes()
    frame = { type: 'awareness', update: payload, entries: parseAwareness(payload) }
  } else {
    throw new MalformedUpdateError('unknown message type')
  }
  if (!reader.done()) throw new MalformedUpdateError('trailing bytes')
  return frame
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC)
    encoding.writeVarUint(e, SYNC_STEP_1)
    encoding.writeVarUint8Array(e, stateVector)
  })
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC)
    encoding.writeVarUint(e, SYNC_STEP_2)
    encoding.writeVarUint8Array(e, update)
  })
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC)
    encoding.writeVarUint(e, SYNC_UPDATE)
    encoding.writeVarUint8Array(e, update)
  })
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS)
    encoding.writeVarUint8Array(e, update)
  })
}

/** Re-encodes awareness entries (y-protocols' awareness update format). */
export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, entries.length)
    for (const entry of entries) {
      encoding.writeVarUint(e, entry.clientId)
      encoding.writeVarUint(e, entry.clock)
      encoding.writeVarString(e, JSON.stringify(entry.state))
    }
  })
}

/** A stable colour per user (presence cursors), from a palette with enough contrast on white. */
const COLOURS = ['#1d4ed8', '#b91c1c', '#047857', '#7c3aed', '#b45309', '#be185d', '#0e7490', '#4d7c0f']
export function colourFor(userId: string): string {
  let hash = 0
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0
  return COLOURS[hash % COLOURS.length]!
}
