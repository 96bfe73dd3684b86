// The live editor: Tiptap on a Y.Doc that the CollabProvider keeps in sync
// with /collab, kept in the browser too (y-indexeddb) so edits made offline
// survive a closed tab and merge on reconnect. Until the document has synced
// it shows the text the server rendered, so the page reads the same before
// and after JavaScript.
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { EditorContent, useEditor } from '@tiptap/react'
import { useBlocker } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { IndexeddbPersistence } from 'y-indexeddb'
import * as Y from 'yjs'
import { CollabProvider, type ProviderError, type SaveState } from '~/realtime/collab-provider'
import type { CollabRole } from '~/realtime/protocol'
import { DOCUMENT_FIELD, documentExtensions } from './extensions'
import { localCopyName } from './local-copies'
import { PresenceList } from './presence-list'
import { EditorToolbar } from './toolbar'

export interface DocumentEditorProps {
  docId: string
  title: string
  /** The document as the server rendered it (sanitised), shown until the live copy has synced. */
  initialHtml: string
  /** Whether the server says this person may edit (the socket's join decides in the end). */
  mayEdit: boolean
  /** Name, colour and role as the server puts them in awareness for this person. */
  me: { id: string; name: string; color: string; role: CollabRole }
}

interface Live {
  doc: Y.Doc
  provider: CollabProvider
}

export function DocumentEditor({ docId, title, initialHtml, mayEdit, me }: DocumentEditorProps) {
  const { t } = useTranslation()
  const [live, setLive] = useState<Live | null>(null)
  const [synced, setSynced] = useState(false)
  const [saveState, setSaveState] = useState<SaveState>('offline')
  const [role, setRole] = useState<CollabRole | null>(null)
  const [error, setError] = useState<ProviderError | null>(null)

  useEffect(() => {
    const doc = new Y.Doc()
    // Offline edits live here until the server has them; per document, in this browser only.
    const local = mayEdit ? new IndexeddbPersistence(localCopyName(me.id, docId), doc) : null
    const provider = new CollabProvider({ docId, doc, url: window.location.origin })
    const offs = [
      provider.on('save-state', setSaveState),
      provider.on('synced', (value) => value && setSynced(true)),
      provider.on('role', setRole),
      provider.on('error', setError),
    ]
    setLive({ doc, provider })
    return () => {
      offs.forEach((off) => off())
      provider.destroy()
      void local?.destroy()
      doc.destroy()
      setLive(null)
      setSynced(false)
    }
  }, [docId, mayEdit, me.id])

  // Leaving with edits the server has not confirmed: asked first, for links in the app…
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      role === 'editor' && live?.provider.saveState !== 'saved' && currentLocation.pathname !== nextLocation.pathname,
  )
  // …and by the browser for closing the tab or going elsewhere.
  useEffect(() => {
    if (saveState === 'saved' || role !== 'editor') return
    const warn = (event: BeforeUnloadEvent) => {
      if (live?.provider.saveState === 'saved') return
      event.preventDefault()
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [saveState, role, live])

  return (
    <div className="peloton-editor">
      {blocker.state === 'blocked' ? <LeaveWarning onStay={() => blocker.reset()} onLeave={() => blocker.proceed()} /> : null}
      <div className="peloton-editor__bar">
        <SaveStatus state={saveState} role={role} error={error} started={live !== null} />
        {live ? <PresenceList awareness={live.provider.awareness} /> : null}
      </div>
      {live && synced ? (
        <LiveEditor live={live} title={title} editable={role === 'editor'} me={me} />
      ) : (
        <div
          className="peloton-document__content"
          aria-busy={live !== null}
          // Rendered and sanitised on the server from the stored document.
          dangerouslySetInnerHTML={{ __html: initialHtml }}
        />
      )}
      {live && !synced && error === null ? (
        <p className="utrecht-paragraph peloton-muted">{t('documents.editor.loading')}</p>
      ) : null}
    </div>
  )
}

function LiveEditor({
  live,
  title,
  editable,
  me,
}: {
  live: Live
  title: string
  editable: boolean
  me: DocumentEditorProps['me']
}) {
  const { t } = useTranslation()
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable,
      extensions: [
        ...documentExtensions(),
        Collaboration.configure({ document: live.doc, field: DOCUMENT_FIELD }),
        // The server overwrites what is sent with the same, from the session: a client cannot claim a name.
        CollaborationCaret.configure({ provider: live.provider, user: { name: me.name, color: me.color, role: me.role } }),
      ],
      editorProps: {
        attributes: {
          class: 'peloton-document__content peloton-editor__content',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': t('documents.editor.content', { title }),
          'aria-describedby': 'editor-keys-hint',
        },
        // Tab moves between table cells and indents list items; Escape leaves the text for the toolbar.
        handleKeyDown: (_view, event) => {
          if (event.key !== 'Escape') return false
          const toolbarButton = document.querySelector<HTMLElement>('.peloton-editor__toolbar [tabindex="0"]')
          if (toolbarButton) toolbarButton.focus()
          else (document.activeElement as HTMLElement | null)?.blur()
          return true
        },
      },
    },
    [live],
  )
  useEffect(() => {
    editor?.setEditable(editable)
  }, [editor, editable])
  if (!editor) return null
  return (
    <>
      {editable ? <EditorToolbar editor={editor} /> : null}
      <EditorContent editor={editor} />
      <p id="editor-keys-hint" className="peloton-visually-hidden">
        {t('documents.editor.keysHint')}
      </p>
    </>
  )
}

/** Asked when a link in the app would leave unsaved edits; focus goes to "Stay". */
function LeaveWarning({ onStay, onLeave }: { onStay: () => void; onLeave: () => void }) {
  const { t } = useTranslation()
  const stay = useRef<HTMLButtonElement>(null)
  useEffect(() => stay.current?.focus(), [])
  return (
    <div className="utrecht-alert utrecht-alert--warning" role="alertdialog" aria-labelledby="leave-warning">
      <p id="leave-warning" className="utrecht-paragraph utrecht-alert__message">
        {t('documents.editor.leaveWarning')}
      </p>
      <div className="peloton-actions">
        <button ref={stay} type="button" className="utrecht-button utrecht-button--primary-action" onClick={onStay}>
          {t('documents.editor.stay')}
        </button>
        <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={onLeave}>
          {t('documents.editor.leaveAnyway')}
        </button>
      </div>
    </div>
  )
}

/** How long "Saved" must hold before a screen reader hears it (not after every keystroke). */
const ANNOUNCE_SAVED_AFTER_MS = 2000

function SaveStatus({
  state,
  role,
  error,
  started,
}: {
  state: SaveState
  role: CollabRole | null
  error: ProviderError | null
  started: boolean
}) {
  const { t } = useTranslation()
  let text: string
  if (!started) text = t('documents.saveState.connecting')
  else if (error && error.code !== 'write_failed') text = t(`documents.access.${error.code}`)
  else if (role === 'viewer') text = t('documents.saveState.viewer')
  else text = t(`documents.saveState.${state}`)
  // Shown at once; announced politely, and "Saving…"/"Saved" only once things settle.
  const settling = started && role === 'editor' && !error && (state === 'saving' || state === 'saved')
  const [announced, setAnnounced] = useState('')
  useEffect(() => {
    if (!settling) {
      setAnnounced(text)
      return
    }
    // Emptied while saving (an emptied region is not read out), so it never says "Saved" too early.
    if (state !== 'saved') {
      setAnnounced('')
      return
    }
    const timer = setTimeout(() => setAnnounced(text), ANNOUNCE_SAVED_AFTER_MS)
    return () => clearTimeout(timer)
  }, [settling, state, text])
  return (
    <>
      <p className={`peloton-save-state peloton-save-state--${state}`} aria-hidden="true">
        {text}
      </p>
      <p className="peloton-visually-hidden" role="status">
        {announced}
      </p>
    </>
  )
}
