// The relay's own framing (relay.server.ts): the same frames as ws would
// build, each member's two frames of a message in one write of one buffer,
// and a connection with a write in flight left to engine.io's own buffer.
import type { Socket as NetSocket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { webSocketFrame } from '~/realtime/relay.server'
import { createDocument } from '~/services/documents.server'
import { makeCommunity, makeLoggedInUser } from '../factories'
import { RawClient, startCollabServer, until } from '../support/collab'

const cleanup: Array<() => unknown> = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

interface ServerConnection {
  transport: { writable: boolean; socket: { _socket: NetSocket } }
  writeBuffer: unknown[]
  flush(): void
}

describe('relaying to the members of a document', () => {
  it('frames a payload exactly as ws does, at every length encoding', () => {
    const sender = (WebSocket as unknown as { Sender: { frame(data: Buffer, options: object): Buffer[] } }).Sender
    for (const length of [0, 1, 125, 126, 127, 65_535, 65_536, 70_000]) {
      const payload = Buffer.alloc(length, 7)
      for (const opcode of [1, 2] as const) {
        const ours = webSocketFrame(payload, opcode)
        const theirs = sender.frame(payload, { readOnly: false, mask: false, rsv1: false, opcode, fin: true })
        expect(Buffer.concat(ours)).toEqual(Buffer.concat(theirs))
      }
    }
  })

  it('writes each member’s frames of a message at once, and leaves a busy connection to engine.io', async () => {
    const server = await startCollabServer()
    cleanup.push(() => server.close())
    const editor = await makeLoggedInUser()
    const community = await makeCommunity({ members: [editor.user.id] })
    const { id: docId } = await createDocument({ communityId: community.id, title: 'Relay', createdById: editor.user.id })
    const clients = await Promise.all([0, 1, 2].map(() => RawClient.connect(server.url, editor.token, docId)))
    for (const c of clients) cleanup.push(() => c.close())
    for (const c of clients) await c.joinAndSync()
    const [writer, quiet, busy] = clients as [RawClient, RawClient, RawClient]
    const connection = (client: RawClient) => {
      const socket = server.io.of('/collab').sockets.get(client.socket.id!)!
      return socket.conn as unknown as ServerConnection
    }

    // Count the server's writes to one member's TCP socket while a message is relayed.
    const raw = connection(quiet).transport.socket._socket
    const writes: number[][] = []
    const write = raw._write.bind(raw)
    const writev = raw._writev!.bind(raw)
    raw._write = (chunk: Buffer, encoding, callback) => (writes.push([chunk.length]), write(chunk, encoding, callback))
    raw._writev = (chunks, callback) => (writes.push(chunks.map((c) => (c.chunk as Buffer).length)), writev(chunks, callback))
    cleanup.push(() => {
      raw._write = write
      raw._writev = writev
    })

    // The third member's connection has a write in flight: the relay must not touch it.
    const held = connection(busy)
    held.transport.writable = false
    // A long message, so that its frame takes the 64-bit length.
    const long = 'bodem '.repeat(12_000)
    expect(await writer.edit((d) => d.getText('t').insert(0, long))).toBeNull()
    await until(() => quiet.text() === long, 'the quiet member receives it')
    // Header and bytes (each a frame header and a payload) in one write of one buffer:
    // the text frame (2-byte header) and the binary frame (10-byte header, the update and more).
    expect(writes).toHaveLength(1)
    expect(writes[0]).toHaveLength(1)
    expect(writes[0]![0]).toBeGreaterThan(2 + 10 + long.length)
    expect(held.writeBuffer).toHaveLength(2)
    expect(busy.text()).toBe('')
    // When engine.io's write completes, it sends what it buffered: the same message.
    held.transport.writable = true
    held.flush()
    await until(() => busy.text() === long, 'the busy member receives it')
    expect(writer.text()).toBe(long)
  })
})
