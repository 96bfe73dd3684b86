// How the live copies of one document in several Node processes would stay in
// step (docs/decisions/0009-collab-across-processes.md): each room publishes
// the updates and awareness changes its own sockets made, and applies what
// other processes publish. In one process nothing needs to travel, so the
// default bus is silent; a Redis pub/sub bus is a second implementation of
// this interface, not a change to the rooms.
export type BusMessageKind = 'update' | 'awareness'
export type BusListener = (kind: BusMessageKind, data: Uint8Array) => void

export interface DocBus {
  publish(documentId: string, kind: BusMessageKind, data: Uint8Array): void
  /** Returns the unsubscribe function. */
  subscribe(documentId: string, listener: BusListener): () => void
}

export const localOnlyBus: DocBus = {
  publish() {},
  subscribe() {
    return () => {}
  },
}
