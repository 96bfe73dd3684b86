// Hostile input: thousands of random and mutated frames, plus the malformed
// encodings reported against Yjs, go through the real frame parser and a real
// document room (real database); a smaller number through the real server.
// Nothing invalid may change the document, nothing may throw out of the
// handlers or hang, and clients still converge with what is stored.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeAwarenessUpdate, Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { DocRoom, type RoomMember } from '~/realtime/doc-room.server'
import { localOnlyBus } from '~/realtime/doc-bus.server'
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate, parseFrame } from '~/realtime/protocol'
import { MalformedUpdateError } from '~/realtime/update-validation'
import { UpdateWriter } from '~/realtime/update-writer.server'
import { loadStoredDoc, readStoredDocument } from '~/services/document-persistence.server'
import { createDocument } from '~/services/documents.server'
import { makeCommunity, makeLoggedInUser } from '../factories'
import { collabSocket, connectOutcome, RawClient, startCollabServer, until } from '../support/collab'

const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'))
const frameOf = (prefix: number[], payload: Uint8Array) => new Uint8Array([...prefix, ...varUint(payload.length), ...payload])
function varUint(n: number): number[] {
  const out: number[] = []
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80)
    n = Math.floor(n / 128)
  }
  out.push(n)
  return out
}

/** Frames reported to hang, exhaust memory or throw inside Yjs/lib0 (yjs#479, #498, #687), and classic traps. */
const KNOWN_BAD: Uint8Array[] = [
  new Uint8Array([]),
  new Uint8Array([0]),
  new Uint8Array([0, 2]),
  new Uint8Array([0x80]),
  new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
  new Uint8Array([0, 2, 0]), // empty update (#498)
  new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f]), // length far past the end
  frameOf([0, 2], new Uint8Array(Buffer.from('garbagedoc', 'base64'))), // #479
  frameOf([0, 2], hex('00010000000001000100010200001602000001fdffffffff7f0000')), // #687 (V2 bytes as V1)
  frameOf([0, 1], hex('00010000000001000100010200001602000001fdffffffff7f0000')),
  frameOf([0, 2], new Uint8Array([1, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 0])), // a billion structs declared
  frameOf([0, 2], new Uint8Array([1, 1, 1, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f, 0])), // GC of 2^48
  frameOf([0, 2], new Uint8Array([1, 1, 5, 0, 8, 1, 1, 116, 0xff, 0xff, 0xff, 0x7f, 0])), // ContentAny, huge binary
  frameOf([0, 2], new Uint8Array([0, 1, 9, 1, 0, 0xff, 0xff, 0xff, 0x0f])), // delete set with 2^32 ranges
  frameOf([0, 0], new Uint8Array([0xff, 0xff, 0xff, 0x0f])), // state vector with 2^32 entries
  frameOf([1], new Uint8Array([0xff, 0xff, 0xff, 0x0f])), // awareness with 2^32 entries
  frameOf([1], new Uint8Array([1, 7, 1, 3, ...Buffer.from('[1]')])), // awareness state that is no object
  new Uint8Array([2, 0]), // y-websocket auth message: not in this contract
]

function baseUpdates(): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  const f = doc.getXmlFragment('default')
  const p = new Y.XmlElement('paragraph')
  f.insert(0, [p])
  p.insert(0, [new Y.XmlText('Bodem en ondergrond')])
  doc.getText('t').insert(0, 'héllo 👋')
  doc.getMap('m').set('k', { nested: [1, 'two', null, true] })
  doc.getArray('a').insert(0, [new Uint8Array([1, 2, 3]), 4.5, -7])
  doc.getText('t').delete(1, 2)
  ;(p.get(0) as Y.XmlText).format(0, 5, { bold: {} })
  return { doc, updates }
}

function seeds(): Uint8Array[] {
  const { doc, updates } = baseUpdates()
  const awareness = new Awareness(doc)
  awareness.setLocalState({ user: { name: 'x' }, cursor: { anchor: 1 } })
  const frames = [
    ...updates.map(encodeUpdate),
    encodeSyncStep2(Y.encodeStateAsUpdate(doc)),
    encodeSyncStep1(Y.encodeStateVector(doc)),
    encodeAwareness(encodeAwarenessUpdate(awareness, [doc.clientID])),
  ]
  awareness.destroy()
  return frames
}

const SEEDS = seeds()
const mutated = fc
  .tuple(
    fc.constantFrom(...SEEDS),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
    fc.option(fc.nat(), { nil: undefined }),
    fc.option(fc.uint8Array({ maxLength: 8 }), { nil: undefined }),
  )
  .map(([seed, flips, cut, tail]) => {
    const bytes = Uint8Array.from(seed)
    for (const [pos, value] of flips) bytes[pos % bytes.length] = value
    const truncated = cut === undefined ? bytes : bytes.subarray(0, cut % (bytes.length + 1))
    return tail ? new Uint8Array([...truncated, ...tail]) : truncated
  })
const randomFrame = fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 512 }))

describe('hostile frames', () => {
  let docId: string
  let room: DocRoom
  let broken = 0
  const sink: RoomMember = { socketId: 'fuzz', user: { id: 'fuzz', name: 'Fuzz' }, role: 'editor', send: () => undefined }

  beforeAll(async () => {
    const editor = await makeLoggedInUser()
    const community = await makeCommunity({ members: [editor.user.id] })
    const { doc } = baseUpdates()
    ;({ id: docId } = await createDocument({
      communityId: community.id,
      title: 'Fuzz',
      initial: Y.encodeStateAsUpdate(doc),
      createdById: editor.user.id,
    }))
    room = new DocRoom(docId, (await readStoredDocument(docId))!, {
      writer: new UpdateWriter(),
      bus: localOnlyBus,
      compactAfter: 1_000_000,
      idleMs: 60_000,
      onIdle: () => undefined,
      onBroken: () => broken++,
    })
  })
  afterAll(async () => {
    await room.destroy()
  })

  /** One frame through the server's path; a refused frame must leave the document exactly as it was. */
  function feed(frame: Uint8Array): 'ok' | 'refused' {
    const before = Y.encodeStateVector(room.doc)
    const content = JSON.stringify(room.doc.getXmlFragment('default').toJSON()) + room.doc.getText('t').toString()
    try {
      room.receive(sink, parseFrame(frame), undefined)
      return 'ok'
    } catch (error) {
      expect(error).toBeInstanceOf(MalformedUpdateError)
      expect(Y.encodeStateVector(room.doc)).toEqual(before)
      expect(JSON.stringify(room.doc.getXmlFragment('default').toJSON()) + room.doc.getText('t').toString()).toBe(content)
      return 'refused'
    }
  }

  it('refuses the known malformed encodings without touching Yjs', () => {
    for (const frame of KNOWN_BAD) expect(feed(frame)).toBe('refused')
  })

  it('survives 12,000 random and mutated frames; the stored document equals the live one', async () => {
    const started = Date.now()
    let refused = 0
    fc.assert(
      fc.property(randomFrame, (frame) => {
        if (feed(frame) === 'refused') refused++
      }),
      { numRuns: 6000 },
    )
    fc.assert(
      fc.property(mutated, (frame) => {
        if (feed(frame) === 'refused') refused++
      }),
      { numRuns: 6000 },
    )
    expect(broken).toBe(0)
    expect(refused).toBeGreaterThan(6000)
    await room.flush()
    const stored = await loadStoredDoc(docId)
    expect(Y.encodeStateVector(stored!.doc)).toEqual(Y.encodeStateVector(room.doc))
    expect(stored!.doc.getXmlFragment('default').toJSON()).toEqual(room.doc.getXmlFragment('default').toJSON())
    expect(Date.now() - started).toBeLessThan(30_000)
  })
})

describe('hostile frames through the real server', () => {
  let server: Awaited<ReturnType<typeof startCollabServer>>
  beforeAll(async () => {
    server = await startCollabServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('stays up, closes each offending socket, and clients still converge with what is stored', async () => {
    const editor = await makeLoggedInUser()
    const community = await makeCommunity({ members: [editor.user.id] })
    const { id: docId } = await createDocument({ communityId: community.id, title: 'Fuzz', createdById: editor.user.id })
    const good = await RawClient.connect(server.url, editor.token, docId)
    await good.joinAndSync()
    await good.edit((d) => d.getText('t').insert(0, 'begin'))

    const frames = [...KNOWN_BAD, ...fc.sample(fc.oneof(randomFrame, mutated), 120)]
    for (const frame of frames) {
      const socket = collabSocket(server.url, { token: editor.token })
      expect(await connectOutcome(socket)).toBe('connected')
      const bad = new RawClient(socket, docId)
      await bad.join()
      socket.emit('msg', docId, frame, () => undefined)
      // Either refused (and closed) or accepted; a sync step 1 round trip tells which without sleeping.
      socket.emit('msg', docId, encodeSyncStep1(new Uint8Array([0])))
      await until(() => bad.disconnected || bad.synced, 'outcome')
      bad.close()
    }
    expect(good.disconnected).toBe(false)
    await good.edit((d) => d.getText('t').insert(0, 'end '))
    const late = await RawClient.connect(server.url, editor.token, docId)
    await late.joinAndSync()
    await until(() => good.text() === late.text(), 'convergence')
    // A mutated frame may still be a valid update (an editor may write anything): what counts is agreement.
    expect(good.text()).toContain('end ')
    await server.collab.flush()
    const stored = await loadStoredDoc(docId)
    expect(stored!.doc.getText('t').toString()).toBe(good.text())
    expect(Y.encodeStateVector(stored!.doc)).toEqual(Y.encodeStateVector(late.doc))
    good.close()
    late.close()
  })
})
