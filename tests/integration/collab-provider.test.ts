// The browser's CollabProvider against a real /collab server on port 0 and the
// real database: sync, save states, offline edits and reconnects, retries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CollabProvider, type SaveState } from '~/realtime/collab-provider'
import { readStoredDocument } from '~/services/document-persistence.server'
import { createDocument } from '~/services/documents.server'
import { prisma } from '~/utils/db.server'
import { makeCommunity, makeLoggedInUser } from '../factories'
import { collabSocket, startCollabServer, until } from '../support/collab'

let server: Awaited<ReturnType<typeof startCollabServer>>
beforeAll(async () => {
  server = await startCollabServer()
})
afterAll(async () => {
  await server.close()
})

async function setup() {
  const editor = await makeLoggedInUser({ name: 'Eva Editor' })
  const community = await makeCommunity({ visibility: 'on_request', members: [editor.user.id] })
  return { editor, community }
}

describe('CollabProvider', () => {
  it('syncs two providers, reports saving → saved, and resyncs offline edits after a reconnect', async () => {
    const { editor, community } = await setup()
    const { id } = await createDocument({ communityId: community.id, title: 'Provider', createdById: editor.user.id })
    const socketOptions = {
      transports: ['websocket'],
      extraHeaders: { cookie: `peloton_session=${editor.token}`, origin: server.url },
    }
    const docA = new Y.Doc()
    const docB = new Y.Doc()
    const a = new CollabProvider({ docId: id, doc: docA, url: server.url, socketOptions: { ...socketOptions, forceNew: true } })
    const b = new CollabProvider({ docId: id, doc: docB, url: server.url, socketOptions: { ...socketOptions, forceNew: true } })
    const states: SaveState[] = []
    a.on('save-state', (s) => states.push(s))
    await until(() => a.synced && b.synced, 'providers synced')
    expect(a.role).toBe('editor')
    docA.getText('t').insert(0, 'hallo')
    expect(a.saveState).toBe('saving')
    await until(() => a.saveState === 'saved' && docB.getText('t').toString() === 'hallo', 'saved and relayed')
    expect(states).toContain('saving')

    // Offline: edits stay local and are sent after the reconnect's resync.
    a.socket.disconnect()
    await until(() => a.saveState === 'offline', 'offline')
    docA.getText('t').insert(5, ' wereld')
    expect(a.saveState).toBe('offline')
    a.socket.connect()
    await until(() => a.saveState === 'saved' && docB.getText('t').toString() === 'hallo wereld', 'resynced')
    const stored = await readStoredDocument(id)
    const check = new Y.Doc()
    for (const u of stored!.updates) Y.applyUpdate(check, u)
    expect(check.getText('t').toString()).toBe('hallo wereld')
    a.destroy()
    b.destroy()
  })

  it('keeps typing after a reconnect local until its resync has gone out, so nothing is refused as a gap', async () => {
    const { editor, community } = await setup()
    const { id } = await createDocument({ communityId: community.id, title: 'Snel', createdById: editor.user.id })
    const socketOptions = {
      transports: ['websocket'],
      forceNew: true,
      extraHeaders: { cookie: `peloton_session=${editor.token}`, origin: server.url },
    }
    const docA = new Y.Doc()
    const docB = new Y.Doc()
    const a = new CollabProvider({ docId: id, doc: docA, url: server.url, socketOptions })
    const b = new CollabProvider({ docId: id, doc: docB, url: server.url, socketOptions })
    await until(() => a.synced && b.synced, 'providers synced')
    docA.getText('t').insert(0, 'online')
    await until(() => a.saveState === 'saved', 'saved')
    a.socket.disconnect()
    await until(() => a.saveState === 'offline', 'offline')
    docA.getText('t').insert(6, ' offline')
    // A keystroke the moment the join is answered, before the server's sync step 1 arrives.
    const off = a.on('status', (status) => {
      if (status !== 'connected') return
      off()
      docA.getText('t').insert(docA.getText('t').length, '!')
    })
    a.socket.connect()
    await until(() => a.saveState === 'saved' && docB.getText('t').toString() === 'online offline!', 'resynced')
    expect(a.error).toBeNull()
    a.destroy()
    b.destroy()
  })

  it('asks again, with back-off, when a join fails with unavailable', async () => {
    const { editor, community } = await setup()
    const { id } = await createDocument({ communityId: community.id, title: 'Later', createdById: editor.user.id })
    const socketOptions = {
      transports: ['websocket'],
      forceNew: true,
      extraHeaders: { cookie: `peloton_session=${editor.token}`, origin: server.url },
    }
    // The document cannot be loaded while its updates table is away.
    await prisma.$executeRawUnsafe('ALTER TABLE "DocumentUpdate" RENAME TO "DocumentUpdate_away"')
    const provider = new CollabProvider({ docId: id, doc: new Y.Doc(), url: server.url, socketOptions, joinRetryMs: 50 })
    let joins = 0
    provider.socket.onAnyOutgoing((event) => {
      if (event === 'join') joins++
    })
    try {
      await until(() => joins >= 2, 'a second join')
    } finally {
      await prisma.$executeRawUnsafe('ALTER TABLE "DocumentUpdate_away" RENAME TO "DocumentUpdate"')
    }
    await until(() => provider.synced, 'joined once the document loads')
    expect(provider.error).toBeNull()
    expect(provider.role).toBe('editor')
    provider.destroy()
  })

  it('reports an error for a refused connection', async () => {
    const socket = collabSocket(server.url)
    const provider = new CollabProvider({ docId: 'whatever', doc: new Y.Doc(), socket })
    await until(() => provider.error !== null, 'error')
    expect(provider.error).toEqual({ code: 'unauthorized' })
    expect(provider.saveState).toBe('error')
    provider.destroy()
    socket.disconnect()
  })
})
