import { yDocToProsemirrorJSON } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DOCUMENT_FIELD, documentSchema } from '~/components/editor/extensions'
import { DOCUMENT_TEMPLATES } from '~/utils/document-templates'
import { templateUpdate } from './document-templates.server'

describe('document templates', () => {
  it.each(DOCUMENT_TEMPLATES)('%s becomes a valid document in the editor schema', (template) => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, templateUpdate(template))
    const json = yDocToProsemirrorJSON(doc, DOCUMENT_FIELD)
    // Throws on anything the editor could not open.
    const node = documentSchema().nodeFromJSON(json)
    node.check()
    expect(node.firstChild?.type.name).toBe('heading')
    expect(node.textContent.length).toBeGreaterThan(40)
  })
})
