// The strict reader must never refuse what Yjs itself writes: random editing
// sessions on two documents, every update and every sync answer checked the
// way the server checks them, against the receiving document.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { documentFacts } from './doc-structure'
import { MAX_NESTING_DEPTH, missingDependency } from './update-dependencies'
import { MalformedUpdateError, parseUpdateV1 } from './update-validation'

type Op =
  | { kind: 'text'; at: number; text: string; bold: boolean }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'format'; at: number; length: number }
  | { kind: 'xml'; at: number; name: string; text: string }
  | { kind: 'map'; key: string; value: unknown }
  | { kind: 'array'; value: unknown }
  | { kind: 'sync' }

const json = fc.jsonValue({ maxDepth: 3 })
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('text' as const),
    at: fc.nat(),
    text: fc.string({ minLength: 1, maxLength: 8, unit: 'grapheme' }),
    bold: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('format' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 5 }) }),
  fc.record({
    kind: fc.constant('xml' as const),
    at: fc.nat(),
    name: fc.constantFrom('paragraph', 'heading', 'listItem'),
    text: fc.string({ maxLength: 6 }),
  }),
  fc.record({ kind: fc.constant('map' as const), key: fc.string({ minLength: 1, maxLength: 4 }), value: json }),
  fc.record({
    kind: fc.constant('array' as const),
    value: fc.oneof(json, fc.uint8Array({ maxLength: 4 }), fc.double({ noNaN: true })),
  }),
  fc.constant({ kind: 'sync' as const }),
)

function apply(doc: Y.Doc, o: Op): void {
  const text = doc.getText('t')
  const fragment = doc.getXmlFragment('default')
  switch (o.kind) {
    case 'text':
      return text.insert(o.at % (text.length + 1), o.text, o.bold ? { bold: true } : {})
    case 'delete':
      if (text.length > 0) text.delete(o.at % text.length, Math.min(o.length, text.length - (o.at % text.length)))
      return
    case 'format':
      if (text.length > 0) text.format(o.at % text.length, o.length, { italic: true })
      return
    case 'xml': {
      const element = new Y.XmlElement(o.name)
      element.setAttribute('level', '2')
      element.insert(0, [new Y.XmlText(o.text)])
      fragment.insert(o.at % (fragment.length + 1), [element])
      if (fragment.length > 3) fragment.delete(0, 1)
      return
    }
    case 'map':
      doc.getMap('m').set(o.key, o.value)
      return
    case 'array':
      return doc.getArray('a').push([o.value])
    case 'sync':
      return
  }
}

/** What the server does before applying: parse strictly, then check completeness against its document. */
function serverAccepts(server: Y.Doc, update: Uint8Array): boolean {
  const parsed = parseUpdateV1(update)
  return missingDependency(parsed, documentFacts(server)) === null
}

describe('parseUpdateV1', () => {
  it('accepts every update and sync answer that Yjs writes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), op), { minLength: 1, maxLength: 40 }), (ops) => {
        const server = new Y.Doc()
        const clients = [new Y.Doc(), new Y.Doc()]
        for (const client of clients) {
          client.on('update', (update: Uint8Array, origin: unknown) => {
            if (origin === 'server') return
            expect(serverAccepts(server, update)).toBe(true)
            Y.applyUpdate(server, update, 'client')
          })
        }
        for (const [which, o] of ops) {
          const client = clients[which ? 1 : 0]!
          if (o.kind === 'sync') {
            // The other client catches up as after a reconnect: the server's step 2 for its state vector.
            const other = clients[which ? 0 : 1]!
            Y.applyUpdate(other, Y.encodeStateAsUpdate(server, Y.encodeStateVector(other)), 'server')
          } else {
            // Edit on top of what the server has (the hub relays everything).
            Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)), 'server')
            client.transact(() => apply(client, o))
          }
        }
        // A whole-state sync answer (what a reconnecting client sends) is accepted too.
        const full = Y.encodeStateAsUpdate(clients[0]!)
        expect(serverAccepts(server, full)).toBe(true)
        expect(serverAccepts(new Y.Doc(), Y.encodeStateAsUpdate(server))).toBe(true)
      }),
      { numRuns: 200 },
    )
  })

  it('refuses what Yjs would park as pending: a gap in the clocks, an unknown origin, an unknown deletion', () => {
    const a = new Y.Doc()
    const updates: Uint8Array[] = []
    a.on('update', (u: Uint8Array) => updates.push(u))
    a.getText('t').insert(0, 'ab')
    a.getText('t').insert(2, 'cd')
    a.getText('t').delete(0, 1)
    const server = new Y.Doc()
    expect(missingDependency(parseUpdateV1(updates[1]!), documentFacts(server))).toBe('gap')
    Y.applyUpdate(server, updates[0]!)
    expect(serverAccepts(server, updates[1]!)).toBe(true)
    expect(() => parseUpdateV1(new Uint8Array([]))).toThrow(MalformedUpdateError)
  })
  it('refuses types nested deeper than the limit, whether new, added to stored content, or in a long chain', () => {
    /** `depth` XmlElements, each inside the previous one, under the root fragment; returns the innermost. */
    const nest = (doc: Y.Doc, depth: number): Y.XmlElement => {
      // Each element is integrated before the next goes in (Yjs integrates prelim content recursively).
      let parent: Y.XmlFragment = doc.getXmlFragment('default')
      for (let i = 0; i < depth; i++) {
        const element = new Y.XmlElement('blockquote')
        parent.insert(0, [element])
        parent = element
      }
      return parent as Y.XmlElement
    }
    const check = (server: Y.Doc, update: Uint8Array) => missingDependency(parseUpdateV1(update), documentFacts(server))
    const full = (depth: number) => {
      const doc = new Y.Doc()
      nest(doc, depth)
      return Y.encodeStateAsUpdate(doc)
    }
    expect(check(new Y.Doc(), full(MAX_NESTING_DEPTH))).toBeNull()
    expect(check(new Y.Doc(), full(MAX_NESTING_DEPTH + 1))).toBe('nested too deeply')
    expect(check(new Y.Doc(), full(2000))).toBe('nested too deeply')

    // Against stored content at the limit: a sibling of the innermost fits, anything inside it does not.
    const server = new Y.Doc()
    Y.applyUpdate(server, full(MAX_NESTING_DEPTH))
    const changeOnTop = (change: (innermost: Y.XmlElement) => void) => {
      const client = new Y.Doc()
      Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
      let innermost = client.getXmlFragment('default').get(0) as Y.XmlElement
      while (innermost.length > 0) innermost = innermost.get(0) as Y.XmlElement
      const before = Y.encodeStateVector(client)
      change(innermost)
      return Y.encodeStateAsUpdate(client, before)
    }
    const sibling = changeOnTop((innermost) => (innermost.parent as Y.XmlElement).insert(1, [new Y.XmlElement('p')]))
    expect(check(server, sibling)).toBeNull()
    expect(
      check(
        server,
        changeOnTop((innermost) => innermost.insert(0, [new Y.XmlElement('p')])),
      ),
    ).toBe('nested too deeply')
    expect(
      check(
        server,
        changeOnTop((innermost) => innermost.insert(0, [new Y.XmlText('x')])),
      ),
    ).toBe('nested too deeply')
  })
})
