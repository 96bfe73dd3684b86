// Presence (awareness) on /collab against a real server on port 0 and the real
// database: names and roles from the session, viewers included, and only
// well-formed states relayed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createDocument } from '~/services/documents.server'
import { makeCommunity, makeLoggedInUser } from '../factories'
import { RawClient, startCollabServer, until } from '../support/collab'

let server: Awaited<ReturnType<typeof startCollabServer>>
const clients: RawClient[] = []

beforeAll(async () => {
  server = await startCollabServer()
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

describe('/collab presence', () => {
  it("relays a viewer's presence to the editors, as a viewer", async () => {
    const { editor1, outsider, docId } = await setup('open')
    const editor = await client(editor1.token, docId)
    const viewer = await client(outsider.token, docId)
    await editor.joinAndSync()
    expect(await viewer.joinAndSync()).toBe('viewer')
    viewer.sendAwareness({ cursor: null })
    await until(() => editor.awareness.getStates().has(viewer.doc.clientID), 'viewer presence')
    expect(editor.awareness.getStates().get(viewer.doc.clientID)).toMatchObject({
      user: { name: 'Olga Outsider', role: 'viewer' },
    })
  })

  it('relays presence with the name from the session, and removes it on disconnect', async () => {
    const { editor1, editor2, docId } = await setup()
    const a = await client(editor1.token, docId)
    const b = await client(editor2.token, docId)
    await a.joinAndSync()
    await b.joinAndSync()
    a.sendAwareness({ user: { name: 'Someone Else', color: '#000' }, cursor: null })
    await until(() => b.awareness.getStates().has(a.doc.clientID), 'presence')
    const state = b.awareness.getStates().get(a.doc.clientID) as { user: { name: string; role: string }; cursor: null }
    expect(state.user.name).toBe('Eva Editor')
    expect(state.user.role).toBe('editor')
    expect(state.cursor).toBeNull()
    // A late joiner gets the current presence right after joining.
    const c = await client(editor2.token, docId)
    await c.joinAndSync()
    await until(() => c.awareness.getStates().has(a.doc.clientID), 'presence for late joiner')
    a.socket.disconnect()
    await until(() => !b.awareness.getStates().has(a.doc.clientID), 'presence removed')
  })

  it("relays only a well-formed cursor and the server's user; other fields, bad cursors and huge states never reach the others", async () => {
    const { editor1, editor2, outsider, docId } = await setup('open')
    const a = await client(outsider.token, docId)
    const b = await client(editor1.token, docId)
    const c = await client(editor2.token, docId)
    expect(await a.joinAndSync()).toBe('viewer')
    await b.joinAndSync()
    await c.joinAndSync()
    await c.edit((d) => d.getXmlFragment('default').insert(0, [new Y.XmlText('hallo wereld')]))
    await until(() => a.doc.getXmlFragment('default').length === 1, 'content at the viewer')
    const seen: unknown[] = []
    b.awareness.on('update', () => seen.push(b.awareness.getStates().get(a.doc.clientID)))
    const latest = () => b.awareness.getStates().get(a.doc.clientID) as Record<string, unknown> | undefined
    const user = { name: 'Olga Outsider', color: expect.any(String), role: 'viewer' }

    // What would throw in every editor's caret plugin: the cursor goes, the user stays.
    for (const cursor of [1, {}, { anchor: 1, head: 2 }, { anchor: { item: { client: -1, clock: 0 } }, head: {} }]) {
      a.sendAwareness({ cursor, note: 'x' })
      await until(() => seen.length > 0 && latest() !== undefined, 'sanitised state')
      expect(latest()).toEqual({ user })
      seen.length = 0
    }

    // A real caret from y-prosemirror's encoding passes intact, and resolves at the others.
    const text = a.doc.getXmlFragment('default').get(0) as Y.XmlText
    const anchor = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, 2))
    const head = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(a.doc.getXmlFragment('default'), 1, -1))
    a.sendAwareness({ cursor: { anchor, head } })
    await until(() => (latest()?.cursor ?? null) !== null, 'cursor relayed')
    expect(latest()).toEqual({ user, cursor: { anchor, head } })
    const relayed = latest()!.cursor as { anchor: unknown; head: unknown }
    expect(Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(relayed.anchor), b.doc)?.index).toBe(2)
    expect(Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(relayed.head), b.doc)).not.toBeNull()

    // A state over the size cap is ignored (not relayed), without closing the socket.
    seen.length = 0
    a.sendAwareness({ cursor: null, blob: 'x'.repeat(5000) })
    a.sendAwareness({ cursor: null })
    await until(() => latest()?.cursor === null, 'the next state')
    expect(JSON.stringify(seen)).not.toContain('xxxx')
    expect(latest()).toEqual({ user, cursor: null })
    expect(a.disconnected).toBe(false)
    expect(a.errors).toEqual([])
  })
})
