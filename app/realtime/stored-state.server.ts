// A document's stored state as bytes, before its Y.Doc is built. A room that
// has just been loaded answers the joining clients' sync step 1 from these
// bytes (the snapshot and the tail merged into one update) and builds its
// Y.Doc right after, off their path: building it costs 10–80 ms for a large
// document, merging a few, and a new client's answer (an empty state vector)
// is the merged update itself (ADR 0008, "Loading").
import * as Y from 'yjs'
import { DocumentLoadError, type StoredDocument } from '~/services/document-persistence.server'

/** The origin of the transaction that builds a room's Y.Doc from what is stored. */
export const FROM_STORE = Symbol('store')

export class StoredState {
  /** Snapshot and tail as one update: every struct and deletion that is stored. */
  readonly merged: Uint8Array

  /** Throws DocumentLoadError when the stored bytes cannot be decoded. */
  constructor(
    readonly documentId: string,
    private readonly stored: StoredDocument,
  ) {
    try {
      // One update is returned as it is; an empty list gives the empty update.
      this.merged = Y.mergeUpdates(stored.updates)
    } catch (error) {
      throw new DocumentLoadError(documentId, error)
    }
  }

  get tailLength(): number {
    return this.stored.tailLength
  }

  /** What a client with this state vector lacks: `Y.encodeStateAsUpdate(doc, stateVector)` of the built doc. */
  diff(stateVector: Uint8Array): Uint8Array {
    // An empty state vector (a new client) is one varUint 0: it lacks everything.
    return stateVector.length === 1 && stateVector[0] === 0 ? this.merged : Y.diffUpdate(this.merged, stateVector)
  }

  /** Applies the stored updates to a new (empty) Y.Doc in one transaction; throws DocumentLoadError if any fails. */
  applyTo(doc: Y.Doc): void {
    try {
      doc.transact(() => {
        for (const update of this.stored.updates) Y.applyUpdate(doc, update)
      }, FROM_STORE)
    } catch (error) {
      throw new DocumentLoadError(this.documentId, error)
    }
  }
}
