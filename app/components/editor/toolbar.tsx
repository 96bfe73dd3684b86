// The editor's toolbar, after the WAI-ARIA toolbar pattern: one tab stop, the
// arrow keys move between buttons, every button has a name and (where there
// is one) announces its keyboard shortcut. Formatting buttons say whether
// they are on (aria-pressed).
import type { Editor } from '@tiptap/core'
import { useEditorState } from '@tiptap/react'
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { isSafeLink } from '~/utils/links'

interface Tool {
  id: string
  label: string
  /** In aria-keyshortcuts syntax with "Mod" for Control (Command on a Mac), e.g. "Mod+B". */
  shortcut?: string
  pressed?: boolean
  /** For a button that opens something (the link form). */
  expanded?: boolean
  disabled?: boolean
  run: () => void
}

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

/** "Mod+B" as aria-keyshortcuts wants it on this machine, and as a person reads it. */
function shortcutFor(shortcut: string) {
  const mac = isMac()
  return {
    aria: shortcut.replace('Mod', mac ? 'Meta' : 'Control'),
    shown: shortcut.replace('Mod', mac ? '⌘' : 'Ctrl'),
  }
}

export function EditorToolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation()
  const [linkOpen, setLinkOpen] = useState(false)
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      blockquote: e.isActive('blockquote'),
      link: e.isActive('link'),
      inTable: e.isActive('table'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  })
  const chain = () => editor.chain().focus()
  const groupLabels = [
    t('documents.editor.groups.text'),
    t('documents.editor.groups.blocks'),
    t('documents.editor.groups.table'),
    t('documents.editor.groups.history'),
  ]
  const groups: Tool[][] = [
    [
      {
        id: 'bold',
        label: t('documents.editor.bold'),
        shortcut: 'Mod+B',
        pressed: state.bold,
        run: () => chain().toggleBold().run(),
      },
      {
        id: 'italic',
        label: t('documents.editor.italic'),
        shortcut: 'Mod+I',
        pressed: state.italic,
        run: () => chain().toggleItalic().run(),
      },
      {
        id: 'link',
        label: t('documents.editor.link'),
        pressed: state.link,
        expanded: linkOpen,
        run: () => setLinkOpen((open) => !open),
      },
    ],
    [
      {
        id: 'h2',
        label: t('documents.editor.heading', { level: 2 }),
        shortcut: 'Mod+Alt+2',
        pressed: state.h2,
        run: () => chain().toggleHeading({ level: 2 }).run(),
      },
      {
        id: 'h3',
        label: t('documents.editor.heading', { level: 3 }),
        shortcut: 'Mod+Alt+3',
        pressed: state.h3,
        run: () => chain().toggleHeading({ level: 3 }).run(),
      },
      {
        id: 'bulletList',
        label: t('documents.editor.bulletList'),
        shortcut: 'Mod+Shift+8',
        pressed: state.bulletList,
        run: () => chain().toggleBulletList().run(),
      },
      {
        id: 'orderedList',
        label: t('documents.editor.orderedList'),
        shortcut: 'Mod+Shift+7',
        pressed: state.orderedList,
        run: () => chain().toggleOrderedList().run(),
      },
      {
        id: 'blockquote',
        label: t('documents.editor.blockquote'),
        shortcut: 'Mod+Shift+B',
        pressed: state.blockquote,
        run: () => chain().toggleBlockquote().run(),
      },
    ],
    state.inTable
      ? [
          { id: 'addRow', label: t('documents.editor.addRow'), run: () => chain().addRowAfter().run() },
          { id: 'addColumn', label: t('documents.editor.addColumn'), run: () => chain().addColumnAfter().run() },
          { id: 'deleteRow', label: t('documents.editor.deleteRow'), run: () => chain().deleteRow().run() },
          { id: 'deleteColumn', label: t('documents.editor.deleteColumn'), run: () => chain().deleteColumn().run() },
          { id: 'deleteTable', label: t('documents.editor.deleteTable'), run: () => chain().deleteTable().run() },
        ]
      : [
          {
            id: 'table',
            label: t('documents.editor.table'),
            run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
          },
        ],
    [
      {
        id: 'undo',
        label: t('documents.editor.undo'),
        shortcut: 'Mod+Z',
        disabled: !state.canUndo,
        run: () => chain().undo().run(),
      },
      {
        id: 'redo',
        label: t('documents.editor.redo'),
        shortcut: 'Mod+Shift+Z',
        disabled: !state.canRedo,
        run: () => chain().redo().run(),
      },
    ],
  ]
  const tools = groups.flat()
  const [active, setActive] = useState(0)
  const refs = useRef<(HTMLButtonElement | null)[]>([])
  const current = Math.min(active, tools.length - 1)

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const moves: Record<string, number> = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: tools.length - 1 }
    const next = moves[event.key]
    if (next === undefined) return
    event.preventDefault()
    const index = (next + tools.length) % tools.length
    setActive(index)
    refs.current[index]?.focus()
  }

  let index = -1
  return (
    <>
      <div className="peloton-editor__toolbar" role="toolbar" aria-label={t('documents.editor.toolbar')} onKeyDown={onKeyDown}>
        {groups.map((group, g) => (
          <div key={g} className="peloton-editor__group" role="group" aria-label={groupLabels[g]}>
            {group.map((tool) => {
              index++
              const i = index
              const keys = tool.shortcut ? shortcutFor(tool.shortcut) : null
              return (
                <button
                  key={tool.id}
                  ref={(el) => {
                    refs.current[i] = el
                  }}
                  type="button"
                  className="utrecht-button utrecht-button--subtle peloton-editor__button"
                  tabIndex={i === current ? 0 : -1}
                  aria-pressed={tool.pressed === undefined ? undefined : tool.pressed}
                  aria-expanded={tool.expanded}
                  aria-controls={tool.expanded ? 'editor-link-form' : undefined}
                  aria-keyshortcuts={keys?.aria}
                  title={keys ? `${tool.label} (${keys.shown})` : tool.label}
                  disabled={tool.disabled}
                  onFocus={() => setActive(i)}
                  onClick={tool.run}
                >
                  {tool.label}
                </button>
              )
            })}
          </div>
        ))}
      </div>
      {linkOpen ? <LinkForm editor={editor} onDone={() => setLinkOpen(false)} /> : null}
    </>
  )
}

/** Sets or removes the link on the selected text; a labelled field, not a browser prompt. */
function LinkForm({ editor, onDone }: { editor: Editor; onDone: () => void }) {
  const { t } = useTranslation()
  const [href, setHref] = useState<string>(() => (editor.getAttributes('link').href as string | undefined) ?? 'https://')
  const [error, setError] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  // Opened by the Link button: the address field is where the person wants to be.
  useEffect(() => input.current?.focus(), [])
  const apply = () => {
    const url = href.trim()
    if (!isSafeLink(url)) {
      setError(true)
      return
    }
    editor.chain().focus().extendMarkRange('link').setLink({ href: url }).run()
    onDone()
  }
  return (
    <div
      id="editor-link-form"
      className="peloton-editor__link-form"
      role="group"
      aria-label={t('documents.editor.linkFormLabel')}
    >
      <label className="utrecht-form-label" htmlFor="editor-link-url">
        {t('documents.editor.linkUrl')}
      </label>
      <input
        id="editor-link-url"
        className="utrecht-textbox utrecht-textbox--html-input"
        type="url"
        ref={input}
        value={href}
        aria-invalid={error || undefined}
        aria-describedby={error ? 'editor-link-error' : undefined}
        onChange={(e) => {
          setHref(e.target.value)
          setError(false)
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            apply()
          } else if (e.key === 'Escape') {
            e.preventDefault()
            onDone()
            editor.commands.focus()
          }
        }}
      />
      {error ? (
        <p id="editor-link-error" className="utrecht-form-field-error-message" role="alert">
          {t('documents.editor.linkInvalid')}
        </p>
      ) : null}
      <button type="button" className="utrecht-button utrecht-button--primary-action" onClick={apply}>
        {t('documents.editor.applyLink')}
      </button>
      <button
        type="button"
        className="utrecht-button utrecht-button--secondary-action"
        onClick={() => {
          editor.chain().focus().extendMarkRange('link').unsetLink().run()
          onDone()
        }}
      >
        {t('documents.editor.removeLink')}
      </button>
    </div>
  )
}
