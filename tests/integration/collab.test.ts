// The /collab contract against a real socket.io server on port 0 and the real
// database: sync, roles, refusals, ack-after-commit, limits and malformed
// input (presence: collab-presence.test.ts).
import * as decoding from 'lib0/decoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { archiveDocument, createDocument } from '~/services/documents.server'
import { removeMember } from '~/services/membership.server'
import { readStoredDocument } from '~/services/document-persistence.server'
import { encodeUpdate } from '~/realtime/protocol'
import { MAX_NESTING_DEPTH } from '~/realtime/update-dependencies'
import { prisma } from '~/utils/db.server'
import { makeCommunity, makeLoggedInUser } from '../factories'
import { collabSocket, connectOutcome, RawClient, startCollabServer, until } from '../support/collab'

let server: Awaited<ReturnType<typeof startCollabServer>>
const clients: RawClient[] = []

beforeAll(async () => {
  server = await startCollabServer({ maxDocsPerSocket: 2 })
})
afterAll(async () => {
  for (const c of clients) c.close()
  await server.close()
})

async function setup(visibility: 'open' | 'on_request' | 'invite_only' = 'on_request') {
  const editor1 = await makeLoggedInUser({ name: 'Eva Editor' })
  const editor2 = await makeLoggedInUser({ name: 'Erik Editor' })
  const outsider = await makeLoggedInUser({ name: 'Olga Outsider' })
  const community = await makeCommunity({ visibility, members: [editor1.user.id, editor2.user.id] })
  const { id: docId } = await createDocument({ communityId: community.id, title: 'Notulen', createdById: editor1.user.id })
  return { editor1, editor2, outsider, community, docId }
}

async function client(token: string, docId: string) {
  const c = await RawClient.connect(server.url, token, docId)
  clients.push(c)
  return c
}

async function storedText(docId: string): Promise<string> {
  const stored = await readStoredDocument(docId)
  const doc = new Y.Doc()
  for (const u of stored!.updates) Y.applyUpdate(doc, u)
  return doc.getText('t').toString()
}

describe('/collab', () => {
  it('lets two editors converge after concurrent edits, and a late joiner receives everything', async () => {
    const { editor1, editor2, docId } = await setup()
    const a = await client(editor1.token, docId)
    const b = await client(editor2.token, docId)
    expect(await a.joinAndSync()).toBe('editor')
    expect(await b.joinAndSync()).toBe('editor')
    const acks = await Promise.all([
      a.edit((d) => d.getText('t').insert(0, 'Hello ')),
      b.edit((d) => d.getText('t').insert(0, 'World ')),
      a.edit((d) => d.getMap('meta').set('status', 'draft')),
    ])
    expect(acks).toEqual([null, null, null])
    await until(() => a.text() === b.text() && a.text().length === 12, 'convergence')
    expect(b.doc.getMap('meta').get('status')).toBe('draft')

    const late = await client(editor1.token, docId)
    await late.joinAndSync()
    expect(late.text()).toBe(a.text())
    expect(await storedText(docId)).toBe(a.text())
  })

  it('relays an update to the joined sockets of that document only: not back to the sender, not after leave, not to other documents', async () => {
    const { editor1, editor2, community, docId } = await setup()
    const { id: otherDocId } = await createDocument({ communityId: community.id, title: 'Ander', createdById: editor1.user.id })
    const a = await client(editor1.token, docId)
    const b = await client(editor2.token, docId)
    const left = await client(editor2.token, docId)
    const elsewhere = await client(editor2.token, otherDocId)
    const connectedOnly = await client(editor2.token, docId)
    for (const c of [a, b, left, elsewhere]) await c.joinAndSync()
    left.socket.emit('leave', docId)
    // Answered after the leave (one socket's events are handled in order); joins nothing.
    expect((await left.join('no-such-document')).error).toEqual({ code: 'not_found' })
    // Every frame each socket receives from now on.
    const received = new Map<RawClient, Array<[string, number]>>()
    for (const c of [a, b, left, elsewhere, connectedOnly]) {
      received.set(c, [])
      c.socket.on('msg', (id: string, data: Uint8Array) => received.get(c)!.push([id, data[0]!]))
    }
    expect(await a.edit((d) => d.getText('t').insert(0, 'alleen voor leden'))).toBeNull()
    await until(() => b.text() === 'alleen voor leden', 'relay to b')
    // A later update from b goes to a: both relays have passed the server when it arrives.
    expect(await b.edit((d) => d.getText('t').insert(0, '> '))).toBeNull()
    await until(() => a.text() === '> alleen voor leden', 'relay to a')
    expect(received.get(a)).toEqual([[docId, 0]])
    expect(received.get(b)).toEqual([[docId, 0]])
    expect(received.get(left)).toEqual([])
    expect(received.get(elsewhere)).toEqual([])
    expect(received.get(connectedOnly)).toEqual([])
    expect(left.text()).toBe('')
  })

  it('acknowledges an update only after it is committed', async () => {
    const { editor1, docId } = await setup()
    const a = await client(editor1.token, docId)
    await a.joinAndSync()
    const before = await prisma.documentUpdate.count({ where: { documentId: docId } })
    expect(await a.edit((d) => d.getText('t').insert(0, 'durable'))).toBeNull()
    // No waiting: the row is there the moment the ack arrives.
    expect(await prisma.documentUpdate.count({ where: { documentId: docId } })).toBe(before + 1)
    const doc = await prisma.document.findUniqueOrThrow({ where: { id: docId } })
    expect(doc.lastEditedById).toBe(editor1.user.id)
  })

  it('answers write_failed when the database refuses, and stores the update once it can again', async () => {
    const { editor1, docId } = await setup()
    const a = await client(editor1.token, docId)
    await a.joinAndSync()
    await prisma.$executeRawUnsafe('ALTER TABLE "DocumentUpdate" RENAME TO "DocumentUpdate_away"')
    let ack: { code: string } | null
    try {
      ack = await a.edit((d) => d.getText('t').insert(0, 'kept'))
    } finally {
      await prisma.$executeRawUnsafe('ALTER TABLE "DocumentUpdate_away" RENAME TO "DocumentUpdate"')
    }
    expect(ack).toEqual({ code: 'write_failed' })
    expect(a.disconnected).toBe(false)
    // Sending it again (as the provider does) asks for the outcome of the retry.
    expect(await a.sendUpdate(Y.encodeStateAsUpdate(a.doc))).toBeNull()
    expect(await storedText(docId)).toBe('kept')
  })

  it("ignores a viewer's updates (not applied, not relayed) and keeps the viewer connected", async () => {
    const { editor1, outsider, docId } = await setup('open')
    const editor = await client(editor1.token, docId)
    const viewer = await client(outsider.token, docId)
    await editor.joinAndSync()
    expect(await viewer.joinAndSync()).toBe('viewer')
    void viewer.edit((d) => d.getText('t').insert(0, 'VIEWER'))
    await editor.edit((d) => d.getText('t').insert(0, 'editor'))
    // The viewer keeps its own local text, and receives the editor's: both, in Yjs order.
    const combined = new Y.Doc()
    Y.applyUpdate(combined, Y.encodeStateAsUpdate(viewer.doc))
    Y.applyUpdate(combined, Y.encodeStateAsUpdate(editor.doc))
    await until(() => viewer.text() === combined.getText('t').toString(), 'relay to viewer')
    expect(viewer.text()).toMatch(/^(VIEWEReditor|editorVIEWER)$/)
    expect(editor.text()).toBe('editor')
    expect(await storedText(docId)).toBe('editor')
    expect(viewer.disconnected).toBe(false)
    expect(viewer.errors).toEqual([])
  })

  it('refuses non-members, invite-only documents for outsiders, missing sessions and foreign origins', async () => {
    const onRequest = await setup('on_request')
    const outsider = await client(onRequest.outsider.token, onRequest.docId)
    expect((await outsider.join()).error).toEqual({ code: 'forbidden' })
    expect((await outsider.join('nonexistentdoc123')).error).toEqual({ code: 'not_found' })
    const inviteOnly = await setup('invite_only')
    expect((await outsider.join(inviteOnly.docId)).error).toEqual({ code: 'not_found' })

    expect(await connectOutcome(collabSocket(server.url))).toBe('unauthorized')
    expect(await connectOutcome(collabSocket(server.url, { token: 'bogus.token' }))).toBe('unauthorized')
    const foreign = collabSocket(server.url, { token: onRequest.editor1.token, origin: 'https://evil.example' })
    expect(await connectOutcome(foreign)).toBe('unauthorized')
  })

  it('closes the open document of a removed member, and refuses the next join', async () => {
    const { editor1, editor2, community, docId } = await setup()
    const a = await client(editor1.token, docId)
    const b = await client(editor2.token, docId)
    await a.joinAndSync()
    await b.joinAndSync()
    await removeMember(community.id, { userId: editor1.user.id, removerId: editor2.user.id })
    await until(() => a.disconnected, 'revoked socket closed')
    expect(b.disconnected).toBe(false)
    const again = await client(editor1.token, docId)
    expect((await again.join()).error).toEqual({ code: 'forbidden' })
  })

  it('turns editors into viewers when the document is archived', async () => {
    const { editor1, docId } = await setup()
    const a = await client(editor1.token, docId)
    await a.joinAndSync()
    await archiveDocument(docId)
    await until(() => a.disconnected, 'editor closed on archive')
    const again = await client(editor1.token, docId)
    expect(await again.joinAndSync()).toBe('viewer')
  })

  it('keeps a document in memory while someone is connected, and unloads it after the idle delay', async () => {
    const { editor1, docId } = await setup()
    const a = await client(editor1.token, docId)
    await a.joinAndSync()
    expect(server.collab.loadedDocuments()).toContain(docId)
    a.socket.emit('leave', docId)
    await until(() => !server.collab.loadedDocuments().includes(docId), 'unloaded')
    expect(a.disconnected).toBe(false)
  })

  it('answers limit past the open-document limit, and closes a socket on not_joined and malformed frames', async () => {
    const { editor1, community } = await setup()
    const docs = await Promise.all(
      [1, 2, 3].map((n) => createDocument({ communityId: community.id, title: `D${n}`, createdById: editor1.user.id })),
    )
    const a = await client(editor1.token, docs[0]!.id)
    expect((await a.join(docs[0]!.id)).error).toBeNull()
    expect((await a.join(docs[1]!.id)).error).toBeNull()
    expect((await a.join(docs[2]!.id)).error).toEqual({ code: 'limit' })

    const b = await client(editor1.token, docs[2]!.id)
    b.socket.emit('msg', docs[2]!.id, encodeUpdate(Y.encodeStateAsUpdate(new Y.Doc())))
    await until(() => b.disconnected, 'not_joined close')
    expect(b.errors).toEqual([{ code: 'not_joined' }])

    const c = await client(editor1.token, docs[0]!.id)
    await c.joinAndSync()
    c.socket.emit('msg', docs[0]!.id, new Uint8Array([0, 2, 5, 1, 2]))
    await until(() => c.disconnected, 'malformed close')
    expect(c.errors).toEqual([{ code: 'malformed' }])

    const d = await client(editor1.token, docs[0]!.id)
    d.socket.emit('join', 42, () => undefined)
    await until(() => d.disconnected, 'malformed join close')
    expect(d.errors).toEqual([{ code: 'malformed' }])
  })

  it('refuses an update that nests elements deeper than the limit, and keeps one at the limit', async () => {
    const { editor1, docId } = await setup()
    const nested = (depth: number) => {
      const doc = new Y.Doc()
      let parent: Y.XmlFragment = doc.getXmlFragment('default')
      for (let i = 0; i < depth; i++) {
        const quote = new Y.XmlElement('blockquote')
        parent.insert(0, [quote])
        parent = quote
      }
      return Y.encodeStateAsUpdate(doc)
    }
    const a = await client(editor1.token, docId)
    await a.joinAndSync()
    expect(await a.sendUpdate(nested(MAX_NESTING_DEPTH))).toBeNull()
    const b = await client(editor1.token, docId)
    await b.joinAndSync()
    void b.sendUpdate(nested(2000))
    await until(() => b.disconnected, 'deep update refused')
    expect(b.errors).toEqual([{ code: 'malformed' }])
    const stored = await readStoredDocument(docId)
    const doc = new Y.Doc()
    for (const u of stored!.updates) Y.applyUpdate(doc, u)
    expect(doc.getXmlFragment('default').length).toBe(1)
    expect(a.disconnected).toBe(false)
  })

  it('never relays an update it refuses, and relays only what an update added', async () => {
    const { editor1, editor2, docId } = await setup()
    const reader = await client(editor1.token, docId)
    await reader.joinAndSync()
    const relayed: string[][] = []
    reader.socket.on('msg', (_: string, data: ArrayBuffer | Uint8Array) => {
      const bytes = new Uint8Array(data)
      if (bytes[0] !== 0 || bytes[1] !== 2) return // updates only (the server's own sync messages may follow the join)
      const update = decoding.readVarUint8Array(decoding.createDecoder(bytes.subarray(2)))
      relayed.push(Y.decodeUpdate(update).structs.map((s) => ((s as Y.Item).content as Y.ContentString).str))
    })

    // An update with a gap (its first part never sent): refused, and nothing of it relayed.
    const source = new Y.Doc()
    source.getText('t').insert(0, 'first ')
    const first = Y.encodeStateAsUpdate(source)
    const middle = Y.encodeStateVector(source)
    source.getText('t').insert(6, 'second')
    const gap = await client(editor2.token, docId)
    await gap.joinAndSync()
    void gap.sendUpdate(Y.encodeStateAsUpdate(source, middle))
    await until(() => gap.disconnected, 'gap refused')
    expect(gap.errors).toEqual([{ code: 'malformed' }])

    // The second update repeats what the first brought (as a resend does): only its new part goes out.
    const writer = await client(editor2.token, docId)
    await writer.joinAndSync()
    expect(await writer.sendUpdate(first)).toBeNull()
    expect(await writer.sendUpdate(Y.encodeStateAsUpdate(source))).toBeNull()
    await until(() => reader.doc.getText('t').toString() === 'first second', 'relayed')
    expect(relayed).toEqual([['first '], ['second']])
    expect(await storedText(docId)).toBe('first second')
  })

  it('closes a socket that does not join in time', async () => {
    const quick = await startCollabServer({ joinTimeoutMs: 100 })
    try {
      const { editor1 } = await setup()
      const socket = collabSocket(quick.url, { token: editor1.token })
      expect(await connectOutcome(socket)).toBe('connected')
      await until(() => socket.disconnected, 'join timeout', 3000)
    } finally {
      await quick.close()
    }
  })

  it('closes the connection on a message over the size limit', async () => {
    const small = await startCollabServer({ maxMessageBytes: 64 * 1024 })
    try {
      const { editor1, docId } = await setup()
      const socket = collabSocket(small.url, { token: editor1.token })
      await connectOutcome(socket)
      const a = new RawClient(socket, docId)
      await a.joinAndSync()
      void a.edit((d) => d.getText('t').insert(0, 'x'.repeat(100 * 1024)))
      await until(() => a.disconnected, 'oversized close')
      expect(await storedText(docId)).toBe('')
      a.close()
    } finally {
      await small.close()
    }
  })
})
