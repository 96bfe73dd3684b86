// The editor's building blocks, shared by the browser editor and the server
// (which builds templates and reads documents with the same schema). The
// content lives in the Y.XmlFragment named `default`, as the realtime
// contract says, so any y-prosemirror client can read and write it.
import { getSchema, type Extensions } from '@tiptap/core'
import { TableKit } from '@tiptap/extension-table'
import StarterKit from '@tiptap/starter-kit'
import { EDITOR_FRAGMENT } from '~/realtime/protocol'
import { isSafeLink, LINK_PROTOCOLS } from '~/utils/links'

/** Where Tiptap keeps the text in the Y.Doc: the contract's fragment. */
export const DOCUMENT_FIELD = EDITOR_FRAGMENT

export function documentExtensions(): Extensions {
  return [
    StarterKit.configure({
      // The Collaboration extension brings its own undo, which only undoes one's own changes.
      undoRedo: false,
      heading: { levels: [1, 2, 3] },
      link: {
        openOnClick: false,
        autolink: true,
        protocols: [...LINK_PROTOCOLS],
        isAllowedUri: (url) => isSafeLink(url),
      },
    }),
    TableKit.configure({ table: { resizable: false } }),
  ]
}

export const documentSchema = () => getSchema(documentExtensions())
