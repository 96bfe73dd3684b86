// The document pages' loaders and actions: the documents tab (list, create
// from a template, bad input), the document page (access as the socket join
// decides it, the wrong community's URL), versions, downloads, archiving, and
// a masterclass's notes document.
import { describe, expect, it } from 'vitest'
import { loader as docsLoader, action as docsAction } from '~/routes/communities.$slug.docs._index'
import { loader as communityDocLoader } from '~/routes/communities.$slug.docs.$docId'
import { action as archiveAction } from '~/routes/docs.$docId.archive'
import { loader as docLoader } from '~/routes/docs.$docId._index'
import { loader as markdownLoader } from '~/routes/docs.$docId.export[.md]'
import { loader as htmlLoader } from '~/routes/docs.$docId.export[.html]'
import { action as restoreAction } from '~/routes/docs.$docId.versions.$versionId'
import { action as versionsAction, loader as versionsLoader } from '~/routes/docs.$docId.versions._index'
import { contentUpdate, templateUpdate } from '~/services/document-templates.server'
import { createDocument, exportDocument, saveVersion } from '~/services/documents.server'
import { cancelRegistration, register } from '~/services/registrations.server'
import { prisma } from '~/utils/db.server'
import {
  formRequest,
  getRequest,
  locationOf,
  makeCommunity,
  makeLoggedInUser,
  makeMasterclass,
  routeArgs,
  status,
  statusOf,
} from '../factories'

async function setup(visibility: 'open' | 'on_request' | 'invite_only') {
  const facilitator = await makeLoggedInUser()
  const member = await makeLoggedInUser()
  const outsider = await makeLoggedInUser()
  const community = await makeCommunity({ visibility, facilitators: [facilitator.user.id], members: [member.user.id] })
  const doc = await createDocument({
    communityId: community.id,
    title: 'Visie op de ondergrond',
    initial: contentUpdate([{ type: 'paragraph', content: [{ type: 'text', text: 'Grondwater <b>eerst</b>' }] }]),
    createdById: member.user.id,
  })
  return { facilitator, member, outsider, community, doc: { ...doc, communityId: community.id } }
}

describe('the documents tab', () => {
  it('lists documents and lets a member create one from a template', async () => {
    const { member, community } = await setup('on_request')
    const listed = await docsLoader(
      routeArgs(getRequest(`/communities/${community.slug}/docs`), member.context, { slug: community.slug }),
    )
    expect(listed.documents.map((d) => d.title)).toEqual(['Visie op de ondergrond'])
    expect(listed.mayCreate).toBe(true)

    const created = await docsAction(
      routeArgs(
        formRequest(`/communities/${community.slug}/docs`, { title: '  Verslag maart ', template: 'verslag-intervisie' }),
        member.context,
        { slug: community.slug },
      ),
    )
    const location = locationOf(created)
    expect(location).toMatch(new RegExp(`^/communities/${community.slug}/docs/[a-z0-9]+\\?notice=created$`))
    const id = location.split('/docs/')[1]!.split('?')[0]!
    const row = await prisma.document.findUniqueOrThrow({ where: { id } })
    expect(row).toMatchObject({ title: 'Verslag maart', communityId: community.id, createdById: member.user.id })
    expect(await exportDocument(id, 'markdown')).toContain('Verhelderende vragen')
  })

  it('refuses an empty or over-long title with a translated error and creates nothing', async () => {
    const { member, community } = await setup('open')
    const before = await prisma.document.count()
    for (const title of ['   ', 'x'.repeat(201)]) {
      const result = (await docsAction(
        routeArgs(formRequest(`/communities/${community.slug}/docs`, { title, template: 'blank' }), member.context, {
          slug: community.slug,
        }),
      )) as { error: Record<string, string[]> }
      expect(result.error.title?.[0]).toMatch(/^documents\.errors\.title(Required|TooLong)/)
    }
    expect(await prisma.document.count()).toBe(before)
  })

  it('lets logged-in non-members of an open community read but not create; hides the rest', async () => {
    const open = await setup('open')
    const args = (ctx: typeof open.outsider.context, slug: string) =>
      routeArgs(getRequest(`/communities/${slug}/docs`), ctx, { slug })
    expect((await docsLoader(args(open.outsider.context, open.community.slug))).mayCreate).toBe(false)
    await expect(
      docsAction(routeArgs(formRequest('/x', { title: 'Nee' }), open.outsider.context, { slug: open.community.slug })),
    ).rejects.toSatisfy(status(403))
    const onRequest = await setup('on_request')
    expect(await statusOf(docsLoader(args(onRequest.outsider.context, onRequest.community.slug)))).toBe(403)
    const inviteOnly = await setup('invite_only')
    expect(await statusOf(docsLoader(args(inviteOnly.outsider.context, inviteOnly.community.slug)))).toBe(404)
  })
})

describe('the document page', () => {
  it('renders the text on the server, escaped, with the role the socket would give', async () => {
    const { member, outsider, doc, community } = await setup('open')
    const asMember = await docLoader(routeArgs(getRequest(`/docs/${doc.id}`), member.context, { docId: doc.id }))
    expect(asMember.role).toBe('editor')
    expect(asMember.html).toContain('Grondwater &lt;b&gt;eerst&lt;/b&gt;')
    expect(asMember.me.name).toBe(member.user.name)
    const asOutsider = await docLoader(routeArgs(getRequest(`/docs/${doc.id}`), outsider.context, { docId: doc.id }))
    expect(asOutsider.role).toBe('viewer')
    const inCommunity = await communityDocLoader(
      routeArgs(getRequest('/x'), member.context, { slug: community.slug, docId: doc.id }),
    )
    expect(inCommunity.doc.id).toBe(doc.id)
  })

  it('answers 404 for another community’s URL, an unknown id and a non-member of an invite-only community', async () => {
    const { member, outsider, doc } = await setup('invite_only')
    const other = await makeCommunity({ visibility: 'open', members: [member.user.id] })
    expect(
      await statusOf(communityDocLoader(routeArgs(getRequest('/x'), member.context, { slug: other.slug, docId: doc.id }))),
    ).toBe(404)
    expect(await statusOf(docLoader(routeArgs(getRequest('/x'), member.context, { docId: 'nope' })))).toBe(404)
    expect(await statusOf(docLoader(routeArgs(getRequest('/x'), outsider.context, { docId: doc.id })))).toBe(404)
  })

  it('downloads Markdown and HTML as attachments, for those who may read', async () => {
    const { member, outsider, doc } = await setup('on_request')
    const md = await markdownLoader(routeArgs(getRequest(`/docs/${doc.id}/export.md`), member.context, { docId: doc.id }))
    expect(md.headers.get('Content-Type')).toBe('text/markdown; charset=utf-8')
    expect(md.headers.get('Content-Disposition')).toBe('attachment; filename="visie-op-de-ondergrond.md"')
    expect(await md.text()).toContain('# Visie op de ondergrond')
    const html = await htmlLoader(routeArgs(getRequest(`/docs/${doc.id}/export.html`), member.context, { docId: doc.id }))
    const body = await html.text()
    expect(body).toContain('<title>Visie op de ondergrond</title>')
    expect(body).not.toContain('<b>eerst</b>')
    expect(await statusOf(htmlLoader(routeArgs(getRequest('/x'), outsider.context, { docId: doc.id })))).toBe(403)
    // A version of another document is not found through this one.
    const other = await createDocument({ communityId: doc.communityId, title: 'Ander', createdById: member.user.id })
    const version = await saveVersion({ documentId: other.id, name: 'v1', createdById: member.user.id })
    const request = getRequest(`/docs/${doc.id}/export.md?version=${version.id}`)
    expect(await statusOf(markdownLoader(routeArgs(request, member.context, { docId: doc.id })))).toBe(404)
  })

  it('lets the maker and facilitators archive, not other members; archived means read-only', async () => {
    const { facilitator, member, doc, community } = await setup('open')
    const other = await makeLoggedInUser()
    await prisma.membership.create({ data: { communityId: community.id, userId: other.user.id } })
    const archive = (ctx: typeof member.context, archived: string) =>
      archiveAction(routeArgs(formRequest(`/docs/${doc.id}/archive`, { archived }), ctx, { docId: doc.id }))
    expect(await statusOf(archive(other.context, 'true'))).toBe(403)
    expect(locationOf(await archive(member.context, 'true'))).toBe(`/docs/${doc.id}?notice=archived`)
    const page = await docLoader(routeArgs(getRequest('/x'), member.context, { docId: doc.id }))
    expect(page).toMatchObject({ role: 'viewer', doc: { archived: true } })
    expect(locationOf(await archive(facilitator.context, 'false'))).toBe(`/docs/${doc.id}?notice=unarchived`)
    expect((await prisma.document.findUniqueOrThrow({ where: { id: doc.id } })).archivedAt).toBeNull()
  })
})

describe('versions', () => {
  it('editors save and restore; restoring is a new change and keeps the history', async () => {
    const { member, outsider, doc } = await setup('open')
    const saved = await versionsAction(
      routeArgs(formRequest(`/docs/${doc.id}/versions`, { name: 'Eerste ronde' }), member.context, { docId: doc.id }),
    )
    expect(locationOf(saved)).toBe(`/docs/${doc.id}/versions?notice=saved`)
    const { versions } = await versionsLoader(routeArgs(getRequest('/x'), outsider.context, { docId: doc.id }))
    expect(versions.map((v) => v.name)).toEqual(['Eerste ronde'])
    // Someone changes the text (through the service, as the relay would store it).
    await prisma.document.update({
      where: { id: doc.id },
      data: { snapshot: Buffer.from(templateUpdate('geleerde-lessen')), snapshotUpdateId: null },
    })
    const updatesBefore = await prisma.documentUpdate.count({ where: { documentId: doc.id } })
    const versionId = versions[0]!.id
    expect(await statusOf(restoreAction(routeArgs(formRequest('/x', {}), outsider.context, { docId: doc.id, versionId })))).toBe(
      403,
    )
    const restored = await restoreAction(routeArgs(formRequest('/x', {}), member.context, { docId: doc.id, versionId }))
    expect(locationOf(restored)).toBe(`/docs/${doc.id}?notice=restored`)
    expect(await prisma.documentUpdate.count({ where: { documentId: doc.id } })).toBeGreaterThan(updatesBefore)
    const text = await exportDocument(doc.id, 'markdown')
    expect(text).toContain('Grondwater')
    expect(text).not.toContain('Wat ging goed')
  })

  it('refuses an empty version name with a translated error, and viewers cannot save', async () => {
    const { member, outsider, doc } = await setup('open')
    const result = (await versionsAction(routeArgs(formRequest('/x', { name: ' ' }), member.context, { docId: doc.id }))) as {
      error: Record<string, string[]>
    }
    expect(result.error.name).toEqual(['documents.errors.versionNameRequired'])
    expect(await statusOf(versionsAction(routeArgs(formRequest('/x', { name: 'x' }), outsider.context, { docId: doc.id })))).toBe(
      403,
    )
    expect(await prisma.documentVersion.count({ where: { documentId: doc.id } })).toBe(0)
  })
})

describe('a masterclass’s notes document', () => {
  async function notesSetup(communityId: string | null = null) {
    const facilitator = await makeLoggedInUser({ role: 'facilitator' })
    const participant = await makeLoggedInUser()
    const outsider = await makeLoggedInUser()
    const m = await makeMasterclass({ facilitators: [facilitator.user.id], communityId })
    const doc = await createDocument({ masterclassId: m.id, title: 'Notities', createdById: facilitator.user.id })
    await register(m.id, participant.user.id)
    return { facilitator, participant, outsider, m, doc }
  }
  const page = (docId: string, context: unknown) => docLoader(routeArgs(getRequest(`/docs/${docId}`), context, { docId }))

  it('confirmed participants and facilitators edit; the page links back to the masterclass', async () => {
    const { facilitator, participant, m, doc } = await notesSetup()
    const asParticipant = await page(doc.id, participant.context)
    expect(asParticipant.role).toBe('editor')
    expect(asParticipant.doc).toMatchObject({ community: null, masterclass: { id: m.id, title: m.title } })
    expect(asParticipant.mayArchive).toBe(false)
    const asFacilitator = await page(doc.id, facilitator.context)
    expect(asFacilitator).toMatchObject({ role: 'editor', mayArchive: true })
    // Versions and downloads go through the same check.
    const md = await markdownLoader(routeArgs(getRequest('/x'), participant.context, { docId: doc.id }))
    expect(md.headers.get('Content-Type')).toBe('text/markdown; charset=utf-8')
    const { mayEdit } = await versionsLoader(routeArgs(getRequest('/x'), participant.context, { docId: doc.id }))
    expect(mayEdit).toBe(true)
  })

  it('refuses others: 403 for who may see the masterclass, 404 for who may not, 404 at a community URL', async () => {
    const { participant, outsider, m, doc } = await notesSetup()
    expect(await statusOf(page(doc.id, outsider.context))).toBe(403)
    expect(await statusOf(markdownLoader(routeArgs(getRequest('/x'), outsider.context, { docId: doc.id })))).toBe(403)
    // Cancelling the registration takes the access away at once.
    await cancelRegistration(m.id, participant.user.id)
    expect(await statusOf(page(doc.id, participant.context))).toBe(403)
    const community = await makeCommunity({ visibility: 'open' })
    expect(
      await statusOf(
        communityDocLoader(routeArgs(getRequest('/x'), participant.context, { slug: community.slug, docId: doc.id })),
      ),
    ).toBe(404)

    const closed = await makeCommunity({ visibility: 'invite_only' })
    const hidden = await notesSetup(closed.id)
    expect(await statusOf(page(hidden.doc.id, hidden.outsider.context))).toBe(404)
  })
})
