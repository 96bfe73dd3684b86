// The document service: access, versions restored live through
// the relay, and Markdown/HTML export (the provider: collab-provider.test.ts;
// compaction: document-compaction.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  archiveDocument,
  createDocument,
  documentAccess,
  exportDocument,
  listCommunityDocuments,
  listVersions,
  restoreVersion,
  saveVersion,
} from '~/services/documents.server'
import { MAX_NESTING_DEPTH } from '~/realtime/update-dependencies'
import { documentPageData, pageHtml } from '~/services/document-pages.server'
import { prisma } from '~/utils/db.server'
import { makeCommunity, makeLoggedInUser, makeUser } from '../factories'
import { RawClient, startCollabServer, until } from '../support/collab'

let server: Awaited<ReturnType<typeof startCollabServer>>
beforeAll(async () => {
  server = await startCollabServer({ compactAfter: 1_000_000 })
})
afterAll(async () => {
  await server.close()
})

function richDoc(): Y.Doc {
  const doc = new Y.Doc()
  const f = doc.getXmlFragment('default')
  const heading = new Y.XmlElement('heading')
  heading.setAttribute('level', 2 as never)
  heading.insert(0, [new Y.XmlText('Bodem & <water>')])
  const p = new Y.XmlElement('paragraph')
  const t = new Y.XmlText()
  p.insert(0, [t])
  const list = new Y.XmlElement('bulletList')
  const item = new Y.XmlElement('listItem')
  const itemP = new Y.XmlElement('paragraph')
  itemP.insert(0, [new Y.XmlText('punt één')])
  item.insert(0, [itemP])
  list.insert(0, [item])
  const quote = new Y.XmlElement('blockquote')
  const quoteP = new Y.XmlElement('paragraph')
  quoteP.insert(0, [new Y.XmlText('citaat')])
  quote.insert(0, [quoteP])
  const table = new Y.XmlElement('table')
  const row1 = new Y.XmlElement('tableRow')
  const row2 = new Y.XmlElement('tableRow')
  const cell = (name: string, text: string) => {
    const c = new Y.XmlElement(name)
    const cp = new Y.XmlElement('paragraph')
    cp.insert(0, [new Y.XmlText(text)])
    c.insert(0, [cp])
    return c
  }
  row1.insert(0, [cell('tableHeader', 'Fase'), cell('tableHeader', 'Thema')])
  row2.insert(0, [cell('tableCell', 'Visie'), cell('tableCell', 'Grondwater')])
  table.insert(0, [row1, row2])
  f.insert(0, [heading, p, list, quote, table])
  t.insert(0, 'Vet', { bold: {} })
  t.insert(3, ' en ', {})
  t.insert(7, 'schuin', { italic: {} })
  t.insert(13, ' ', {})
  t.insert(14, 'link', { link: { href: "https://example.nl/?a=1&b='2'" } })
  t.insert(18, ' ', {})
  t.insert(19, 'kwaad', { link: { href: 'javascript:alert(1)' } })
  t.insert(24, ' ', {})
  // Only http(s) and mailto are links (app/utils/links.ts): relative ones are plain text too.
  t.insert(25, 'intern', { link: { href: '/communities/elders' } })
  return doc
}

async function setup() {
  const editor = await makeLoggedInUser({ name: 'Eva Editor' })
  const community = await makeCommunity({ visibility: 'on_request', members: [editor.user.id] })
  return { editor, community }
}

describe('documents', () => {
  it('creates from an initial update, lists with the last editor, archives to read-only', async () => {
    const { editor, community } = await setup()
    const initial = Y.encodeStateAsUpdate(richDoc())
    const { id } = await createDocument({ communityId: community.id, title: ' Plan ', initial, createdById: editor.user.id })
    const [listed] = await listCommunityDocuments(community.id)
    expect(listed).toMatchObject({ id, title: 'Plan', lastEditedBy: { name: 'Eva Editor' } })
    const actor = { id: editor.user.id, role: 'member' as const }
    expect(await documentAccess(id, actor)).toEqual({ role: 'editor' })
    await archiveDocument(id)
    expect(await documentAccess(id, actor)).toEqual({ role: 'viewer' })
    expect(await listCommunityDocuments(community.id)).toEqual([])
    const stranger = await makeUser()
    expect(await documentAccess(id, { id: stranger.id, role: 'member' })).toEqual({ code: 'forbidden' })
    await expect(
      createDocument({ communityId: community.id, title: 'x', initial: new Uint8Array([1, 2, 3]), createdById: null }),
    ).rejects.toThrow()
  })

  it('exports Markdown and HTML with marks, lists, quotes and tables, escaped and with safe links only', async () => {
    const { editor, community } = await setup()
    const { id } = await createDocument({
      communityId: community.id,
      title: 'Export',
      initial: Y.encodeStateAsUpdate(richDoc()),
      createdById: editor.user.id,
    })
    const md = await exportDocument(id, 'markdown')
    expect(md).toBe(
      [
        '## Bodem & \\<water\\>',
        '',
        "**Vet** en _schuin_ [link](<https://example.nl/?a=1&b='2'>) kwaad intern",
        '',
        '- punt één',
        '',
        '> citaat',
        '',
        '| Fase | Thema |',
        '| --- | --- |',
        '| Visie | Grondwater |',
        '',
      ].join('\n'),
    )
    const html = await exportDocument(id, 'html')
    expect(html).toContain('<h2>Bodem &amp; &lt;water&gt;</h2>')
    expect(html).toContain('<strong>Vet</strong> en <em>schuin</em>')
    expect(html).toContain('<a href="https://example.nl/?a=1&amp;b=&#39;2&#39;" rel="nofollow noopener noreferrer">link</a>')
    expect(html).not.toContain('javascript:')
    expect(html).not.toContain('/communities/elders')
    expect(html).toContain(' kwaad intern</p>')
    expect(html).toContain('<ul><li><p>punt één</p></li></ul>')
    expect(html).toContain('<table><tbody><tr><th><p>Fase</p></th>')
  })

  it('exports and renders content nested deeper than the relay allows (stored before the limit) without overflowing', async () => {
    const { editor, community } = await setup()
    const { id } = await createDocument({ communityId: community.id, title: 'Diep', createdById: editor.user.id })
    const deep = new Y.Doc()
    let parent: Y.XmlFragment = deep.getXmlFragment('default')
    for (let i = 0; i < 6000; i++) {
      const quote = new Y.XmlElement('blockquote')
      parent.insert(0, [quote])
      parent = quote
    }
    const p = new Y.XmlElement('paragraph')
    parent.insert(0, [p])
    p.insert(0, [new Y.XmlText('bodem <diep>')])
    const state = Y.encodeStateAsUpdate(deep)
    await expect(
      createDocument({ communityId: community.id, title: 'Diep', initial: state, createdById: null }),
    ).rejects.toThrow()
    // Legacy content, written before the limit existed.
    await prisma.document.update({ where: { id }, data: { snapshot: Buffer.from(state) } })
    const html = (await exportDocument(id, 'html'))!
    expect(html).toContain('bodem &lt;diep&gt;')
    expect(html.match(/<blockquote>/g)).toHaveLength(MAX_NESTING_DEPTH)
    expect(await exportDocument(id, 'markdown')).toContain('bodem \\<diep\\>')
    expect((await documentPageData(id, editor.sessionUser)).html).toContain('bodem &lt;diep&gt;')
  })

  it('opens the page with the plain text, escaped, should rendering fail', () => {
    const html = pageHtml(Y.encodeStateAsUpdate(richDoc()), () => {
      throw new Error('renderer broke')
    })
    expect(html).toContain('<p>Bodem &amp; &lt;water&gt;</p>')
    expect(html).toContain('<p>Grondwater</p>')
    expect(html).not.toContain('<h2>')
  })

  it('restores a version as a new change that connected editors see live', async () => {
    const { editor, community } = await setup()
    const { id } = await createDocument({ communityId: community.id, title: 'Versies', createdById: editor.user.id })
    const a = await RawClient.connect(server.url, editor.token, id)
    await a.joinAndSync()
    const para = (text: string) => {
      const p = new Y.XmlElement('paragraph')
      p.insert(0, [new Y.XmlText(text)])
      return p
    }
    await a.edit((d) => d.getXmlFragment('default').insert(0, [para('eerste versie')]))
    const { id: versionId } = await saveVersion({ documentId: id, name: 'v1', createdById: editor.user.id })
    await a.edit((d) => {
      const f = d.getXmlFragment('default')
      f.delete(0, f.length)
      f.insert(0, [para('tweede versie'), para('meer')])
    })
    expect((await listVersions(id)).map((v) => v.name)).toEqual(['v1'])
    expect(await exportDocument(id, 'markdown', { versionId })).toBe('eerste versie\n')
    expect(await restoreVersion({ documentId: id, versionId, userId: editor.user.id })).toBe(true)
    await until(() => a.doc.getXmlFragment('default').toString() === '<paragraph>eerste versie</paragraph>', 'live restore')
    await server.collab.flush()
    expect(await exportDocument(id, 'markdown')).toBe('eerste versie\n')
    a.close()
    // Nothing in history was lost: every update is still stored after the restore.
    expect(await prisma.documentUpdate.count({ where: { documentId: id } })).toBeGreaterThanOrEqual(3)
  })
})
