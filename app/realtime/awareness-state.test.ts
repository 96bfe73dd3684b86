import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { cursorOf, MAX_AWARENESS_STATE_LENGTH, relativePositionOf, sanitiseAwarenessState } from './awareness-state'

const user = { name: 'Eva', color: '#1d4ed8', role: 'editor' as const }

describe('awareness states', () => {
  it('keeps every RelativePosition that Yjs writes, as written', () => {
    const doc = new Y.Doc()
    const fragment = doc.getXmlFragment('default')
    const text = new Y.XmlText('hallo')
    fragment.insert(0, [text])
    const positions = [
      Y.createRelativePositionFromTypeIndex(text, 0),
      Y.createRelativePositionFromTypeIndex(text, 5, -1),
      Y.createRelativePositionFromTypeIndex(text, 5),
      Y.createRelativePositionFromTypeIndex(fragment, 1),
    ].map((p) => JSON.parse(JSON.stringify(Y.relativePositionToJSON(p))) as unknown)
    for (const json of positions) {
      expect(relativePositionOf(json)).toEqual(json)
      // And Yjs can resolve what is kept.
      expect(Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc)).not.toBeNull()
    }
  })

  it('refuses what would throw or is not a position, and drops unknown fields', () => {
    for (const bad of [
      null,
      1,
      'x',
      [],
      {},
      { assoc: 0 },
      { item: { client: -1, clock: 0 } },
      { item: { client: 1, clock: 0.5 } },
      { item: { client: 1 } },
      { type: 'x' },
      { tname: 5 },
      { tname: 'default', assoc: 1.5 },
      { tname: 'x'.repeat(300) },
    ]) {
      expect(relativePositionOf(bad), JSON.stringify(bad)).toBeNull()
    }
    expect(relativePositionOf({ item: { client: 1, clock: 2, x: 3 }, y: 4 })).toEqual({ item: { client: 1, clock: 2 } })
    expect(cursorOf({ anchor: { tname: 'default' } })).toBeUndefined()
    expect(cursorOf(null)).toBeNull()
  })

  it("rebuilds a state from the server's user and a well-formed cursor; a huge state is ignored", () => {
    const cursor = { anchor: { tname: 'default', assoc: 0 }, head: { tname: 'default', assoc: -1 } }
    expect(sanitiseAwarenessState({ user: { name: 'Mallory' }, cursor, html: '<img>' }, user)).toEqual({ user, cursor })
    expect(sanitiseAwarenessState({ cursor: 1 }, user)).toEqual({ user })
    expect(sanitiseAwarenessState({}, user)).toEqual({ user })
    expect(sanitiseAwarenessState({ cursor: null }, user)).toEqual({ user, cursor: null })
    expect(sanitiseAwarenessState({ blob: 'x'.repeat(MAX_AWARENESS_STATE_LENGTH) }, user)).toBeNull()
  })
})
