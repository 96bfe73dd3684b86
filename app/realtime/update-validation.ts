// A strict, bounded reader of Yjs V1 updates, run on every update before Yjs
// sees it. Yjs trusts its input: a crafted update can make it loop or
// allocate without end (yjs#479, #498, #687), and a throw half-way through
// integration leaves a document half-changed. This reader walks every byte of
// the format with explicit bounds (each declared count must fit in the bytes
// that are left, each struct consumes input), rejects what no Yjs encoder
// writes (zero lengths, trailing bytes, sub-documents, unknown content), and
// returns what the update refers to, so the server can refuse an update whose
// dependencies it does not have (update-dependencies.ts) instead of parking
// it as "pending".
// Pure and isomorphic: no Yjs, no Node APIs.

export class MalformedUpdateError extends Error {
  constructor(reason: string) {
    super(`malformed: ${reason}`)
    this.name = 'MalformedUpdateError'
  }
}

/** Clocks and lengths above this are refused: real documents stay far below, and sums stay exact. */
export const MAX_CLOCK = 2 ** 40
const MAX_ANY_DEPTH = 32
const MAX_KEY_LENGTH = 4096

export interface Id {
  client: number
  clock: number
}

export interface ParsedStruct {
  client: number
  clock: number
  length: number
  kind: 'item' | 'gc' | 'skip'
  /** For items: the content reference (1 deleted, 2 json, 3 binary, 4 string, 5 embed, 6 format, 7 type, 8 any). */
  content: number
  origin: Id | null
  rightOrigin: Id | null
  /** The parent when it is given by id (a nested type). */
  parentId: Id | null
}

export interface ParsedUpdate {
  structs: ParsedStruct[]
  deletes: Array<{ client: number; clock: number; length: number }>
}

// lib0 decodes strings with a fatal decoder: invalid UTF-8 throws inside Yjs, so it is refused here.
const textDecoder = new TextDecoder('utf-8', { fatal: true })

/** A cursor over bytes that throws MalformedUpdateError instead of reading past the end. */
export class ByteReader {
  pos = 0
  constructor(readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.pos
  }

  done(): boolean {
    return this.pos === this.bytes.length
  }

  uint8(): number {
    if (this.pos >= this.bytes.length) throw new MalformedUpdateError('unexpected end')
    return this.bytes[this.pos++]!
  }

  varUint(): number {
    let num = 0
    let mult = 1
    for (let i = 0; i < 8; i++) {
      const byte = this.uint8()
      num += (byte & 0x7f) * mult
      if (byte < 0x80) {
        if (num > Number.MAX_SAFE_INTEGER) throw new MalformedUpdateError('integer out of range')
        return num
      }
      mult *= 128
    }
    throw new MalformedUpdateError('integer too long')
  }

  /** A count of things that each take at least `minBytes` bytes: it must fit in what is left. */
  count(minBytes = 1): number {
    const n = this.varUint()
    if (n * minBytes > this.remaining) throw new MalformedUpdateError('count larger than the message')
    return n
  }

  varBytes(): Uint8Array {
    const length = this.varUint()
    if (length > this.remaining) throw new MalformedUpdateError('length larger than the message')
    const view = this.bytes.subarray(this.pos, this.pos + length)
    this.pos += length
    return view
  }

  varString(): string {
    const bytes = this.varBytes()
    try {
      return textDecoder.decode(bytes)
    } catch {
      throw new MalformedUpdateError('invalid UTF-8')
    }
  }

  skip(n: number): void {
    if (n > this.remaining) throw new MalformedUpdateError('unexpected end')
    this.pos += n
  }

  /** lib0's signed variable-length integer. */
  varInt(): void {
    let byte = this.uint8()
    for (let i = 0; byte >= 0x80; i++) {
      if (i >= 8) throw new MalformedUpdateError('integer too long')
      byte = this.uint8()
    }
  }
}

function clockOf(reader: ByteReader): number {
  const clock = reader.varUint()
  if (clock >= MAX_CLOCK) throw new MalformedUpdateError('clock out of range')
  return clock
}

function id(reader: ByteReader): Id {
  const client = reader.varUint()
  return { client, clock: clockOf(reader) }
}

function json(text: string): void {
  try {
    JSON.parse(text)
  } catch {
    throw new MalformedUpdateError('invalid JSON')
  }
}

/** lib0's `readAny`, validated and skipped. */
function any(reader: ByteReader, depth = 0): void {
  if (depth > MAX_ANY_DEPTH) throw new MalformedUpdateError('value nested too deeply')
  const type = reader.uint8()
  switch (type) {
    case 127: // undefined
    case 126: // null
    case 121: // false
    case 120: // true
      return
    case 125:
      return reader.varInt()
    case 124:
      return reader.skip(4)
    case 123:
    case 122:
      return reader.skip(8)
    case 119:
      reader.varString()
      return
    case 118: {
      const entries = reader.count(2)
      for (let i = 0; i < entries; i++) {
        reader.varString()
        any(reader, depth + 1)
      }
      return
    }
    case 117: {
      const items = reader.count(1)
      for (let i = 0; i < items; i++) any(reader, depth + 1)
      return
    }
    case 116:
      reader.varBytes()
      return
    default:
      throw new MalformedUpdateError('unknown value type')
  }
}

/** Reads one item's content and returns its length in clock units. */
function content(reader: ByteReader, ref: number): number {
  switch (ref) {
    case 1: {
      const length = reader.varUint()
      if (length < 1 || length >= MAX_CLOCK) throw new MalformedUpdateError('bad deleted length')
      return length
    }
    case 2: {
      const length = reader.count(1)
      for (let i = 0; i < length; i++) {
        const text = reader.varString()
        if (text !== 'undefined') json(text)
      }
      return length
    }
    case 3:
      reader.varBytes()
      return 1
    case 4:
      // Yjs counts a string in UTF-16 code units, as JavaScript does.
      return reader.varString().length
    case 5:
      json(reader.varString())
      return 1
    case 6:
      if (reader.varString().length > MAX_KEY_LENGTH) throw new MalformedUpdateError('key too long')
      json(reader.varString())
      return 1
    case 7: {
      const typeRef = reader.varUint()
      if (typeRef > 6) throw new MalformedUpdateError('unknown type')
      if (typeRef === 3 || typeRef === 5) {
        if (reader.varString().length > MAX_KEY_LENGTH) throw new MalformedUpdateError('name too long')
      }
      return 1
    }
    case 8: {
      const length = reader.count(1)
      for (let i = 0; i < length; i++) any(reader)
      return length
    }
    // 9 (sub-documents) is refused: the editor has none, and it is a lot of surface.
    default:
      throw new MalformedUpdateError('unsupported content')
  }
}

/** Parses a whole V1 update, or throws MalformedUpdateError. */
export function parseUpdateV1(update: Uint8Array): ParsedUpdate {
  const reader = new ByteReader(update)
  const structs: ParsedStruct[] = []
  const clients = reader.count(3)
  const seen = new Set<number>()
  for (let c = 0; c < clients; c++) {
    const numberOfStructs = reader.count(2)
    const client = reader.varUint()
    if (seen.has(client)) throw new MalformedUpdateError('client listed twice')
    seen.add(client)
    let clock = clockOf(reader)
    for (let s = 0; s < numberOfStructs; s++) {
      const info = reader.uint8()
      const ref = info & 0x1f
      if (ref === 0 || ref === 10) {
        if (info !== ref) throw new MalformedUpdateError('bad struct flags')
        const length = reader.varUint()
        if (length < 1 || length >= MAX_CLOCK) throw new MalformedUpdateError('bad struct length')
        structs.push({
          client,
          clock,
          length,
          kind: ref === 0 ? 'gc' : 'skip',
          content: 0,
          origin: null,
          rightOrigin: null,
          parentId: null,
        })
        clock += length
      } else {
        const origin = info & 0x80 ? id(reader) : null
        const rightOrigin = info & 0x40 ? id(reader) : null
        let parentId: Id | null = null
        if (!origin && !rightOrigin) {
          const parentInfo = reader.varUint()
          if (parentInfo === 1) {
            if (reader.varString().length > MAX_KEY_LENGTH) throw new MalformedUpdateError('root name too long')
          } else if (parentInfo === 0) {
            parentId = id(reader)
          } else {
            throw new MalformedUpdateError('bad parent info')
          }
          if (info & 0x20 && reader.varString().length > MAX_KEY_LENGTH) throw new MalformedUpdateError('key too long')
        }
        const length = content(reader, ref)
        if (length < 1) throw new MalformedUpdateError('empty item')
        structs.push({ client, clock, length, kind: 'item', content: ref, origin, rightOrigin, parentId })
        clock += length
      }
      if (clock >= MAX_CLOCK) throw new MalformedUpdateError('clock out of range')
    }
  }
  const deletes: ParsedUpdate['deletes'] = []
  const deleteClients = reader.count(2)
  for (let c = 0; c < deleteClients; c++) {
    const client = reader.varUint()
    const ranges = reader.count(2)
    for (let r = 0; r < ranges; r++) {
      const clock = clockOf(reader)
      const length = reader.varUint()
      if (length < 1 || clock + length >= MAX_CLOCK) throw new MalformedUpdateError('bad delete range')
      deletes.push({ client, clock, length })
    }
  }
  if (!reader.done()) throw new MalformedUpdateError('trailing bytes')
  return { structs, deletes }
}
