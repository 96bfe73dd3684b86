// Discussions: threads, replies, own edits and deletes, moderation, access,
// bad input and XSS, through the routes' loaders and actions.
import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { i18nConfig, resources } from '~/i18n/config'
import { action as listAction, loader as listLoader } from '~/routes/communities.$slug.discussions._index'
import { action as threadAction, loader as threadLoader } from '~/routes/communities.$slug.discussions.$threadId'
import { prisma } from '~/utils/db.server'
import { translateError } from '~/utils/validation'
import { formRequest, getRequest, makeCommunity, makeLoggedInUser, routeArgs, status } from '../factories'

type Ctx = Awaited<ReturnType<typeof makeLoggedInUser>>['context']

/** A community with a facilitator and two members, all logged in. */
async function setup(visibility: 'open' | 'on_request' | 'invite_only' = 'on_request') {
  const [facilitator, alice, bob] = await Promise.all([
    makeLoggedInUser({ name: 'Fenna Facilitator' }),
    makeLoggedInUser({ name: 'Alice Lid' }),
    makeLoggedInUser({ name: 'Bob Lid' }),
  ])
  const community = await makeCommunity({
    visibility,
    facilitators: [facilitator.user.id],
    members: [alice.user.id, bob.user.id],
  })
  return { community, facilitator, alice, bob, slug: community.slug }
}

async function startThread(
  slug: string,
  context: Ctx,
  fields = { title: 'Grondwater en warmte', body: 'Wie heeft **ervaring**?' },
) {
  const response = await listAction(routeArgs(formRequest(`/communities/${slug}/discussions`, fields), context, { slug }))
  expect(response).toBeInstanceOf(Response)
  const location = (response as Response).headers.get('Location') ?? ''
  const threadId = /\/discussions\/([^?]+)\?/.exec(location)?.[1]
  expect(threadId).toBeTruthy()
  return threadId!
}

function post(slug: string, threadId: string, context: Ctx, fields: Record<string, string>) {
  const path = `/communities/${slug}/discussions/${threadId}`
  return threadAction(routeArgs(formRequest(path, fields), context, { slug, threadId }))
}

function readThread(slug: string, threadId: string, context: Ctx, query = '') {
  return threadLoader(routeArgs(getRequest(`/communities/${slug}/discussions/${threadId}${query}`), context, { slug, threadId }))
}

function readList(slug: string, context: unknown, query = '') {
  return listLoader(routeArgs(getRequest(`/communities/${slug}/discussions${query}`), context, { slug }))
}

/** The action answered with errors instead of a redirect. */
function errorsOf(result: unknown): string[] {
  expect(result).not.toBeInstanceOf(Response)
  const reply = (result as { result: { error?: Record<string, string[] | null> } }).result
  return Object.values(reply.error ?? {}).flatMap((e) => e ?? [])
}

describe('threads and replies', () => {
  it('starts a thread, replies, and notifies the thread author (not oneself)', async () => {
    const { slug, alice, bob } = await setup()
    const threadId = await startThread(slug, alice.context)
    const before = await prisma.thread.findUniqueOrThrow({ where: { id: threadId } })

    expect(await post(slug, threadId, bob.context, { intent: 'reply', body: 'Ja, in *Utrecht*.' })).toSatisfy(status(302))
    expect(await post(slug, threadId, alice.context, { intent: 'reply', body: 'Dank je!' })).toSatisfy(status(302))

    const page = await readThread(slug, threadId, alice.context)
    expect(page.thread.post.html).toContain('<strong>ervaring</strong>')
    expect(page.replies.map((r) => r.html)).toEqual(['<p>Ja, in <em>Utrecht</em>.</p>\n', '<p>Dank je!</p>\n'])
    expect(page.replies[0]?.author?.name).toBe('Bob Lid')
    const after = await prisma.thread.findUniqueOrThrow({ where: { id: threadId } })
    expect(after.lastActivityAt.getTime()).toBeGreaterThanOrEqual(before.lastActivityAt.getTime())

    const notifications = await prisma.notification.findMany({ where: { kind: 'reply', link: { contains: threadId } } })
    expect(notifications).toHaveLength(1)
    expect(notifications[0]).toMatchObject({ userId: alice.user.id, link: `/communities/${slug}/discussions/${threadId}` })
    expect(JSON.parse(notifications[0]!.data)).toMatchObject({ person: 'Bob Lid', thread: 'Grondwater en warmte' })

    const list = await readList(slug, bob.context)
    expect(list.threads).toHaveLength(1)
    expect(list.threads[0]).toMatchObject({ id: threadId, replyCount: 2, author: { name: 'Alice Lid' } })
  })

  it('does not notify an author who has left a closed community', async () => {
    const { slug, community, alice, bob } = await setup('on_request')
    const threadId = await startThread(slug, alice.context)
    await prisma.membership.delete({ where: { communityId_userId: { communityId: community.id, userId: alice.user.id } } })
    expect(await post(slug, threadId, bob.context, { intent: 'reply', body: 'Nog een gedachte.' })).toSatisfy(status(302))
    expect(await prisma.notification.count({ where: { userId: alice.user.id } })).toBe(0)
  })

  it('edits and deletes one’s own posts, and refuses someone else’s with 403', async () => {
    const { slug, alice, bob } = await setup()
    const threadId = await startThread(slug, alice.context)
    await post(slug, threadId, bob.context, { intent: 'reply', body: 'Eerste versie' })
    const reply = await prisma.reply.findFirstOrThrow({ where: { threadId } })

    await post(slug, threadId, bob.context, { intent: 'editReply', replyId: reply.id, body: 'Tweede versie' })
    await post(slug, threadId, alice.context, { intent: 'editThread', title: 'Nieuwe titel', body: 'Nieuwe tekst' })
    const editing = await readThread(slug, threadId, bob.context, `?edit=${reply.id}`)
    expect(editing.replies[0]).toMatchObject({ source: 'Tweede versie', html: '<p>Tweede versie</p>\n' })
    expect(editing.replies[0]?.editedAt).not.toBeNull()
    expect(editing.thread).toMatchObject({ title: 'Nieuwe titel' })
    expect(editing.thread.post.editedAt).not.toBeNull()

    // Someone else's posts: 403 for editing and deleting, and nothing changes.
    const forbidden = [
      post(slug, threadId, alice.context, { intent: 'editReply', replyId: reply.id, body: 'Gekaapt' }),
      post(slug, threadId, alice.context, { intent: 'deleteReply', replyId: reply.id }),
      post(slug, threadId, bob.context, { intent: 'editThread', title: 'Gekaapt', body: 'Gekaapt' }),
      post(slug, threadId, bob.context, { intent: 'deleteThread' }),
      post(slug, threadId, bob.context, { intent: 'pin' }),
    ]
    for (const attempt of forbidden) await expect(attempt).rejects.toSatisfy(status(403))
    expect((await prisma.reply.findUniqueOrThrow({ where: { id: reply.id } })).body).toBe('Tweede versie')
    expect(await prisma.thread.findUniqueOrThrow({ where: { id: threadId } })).toMatchObject({
      title: 'Nieuwe titel',
      pinned: false,
    })

    await post(slug, threadId, bob.context, { intent: 'deleteReply', replyId: reply.id })
    const row = await prisma.reply.findUniqueOrThrow({ where: { id: reply.id } })
    expect(row.removedAt).not.toBeNull()
    expect(row.removedById).toBe(bob.user.id)
    const page = await readThread(slug, threadId, alice.context)
    expect(page.replies[0]).toMatchObject({ removed: 'byAuthor', html: null, source: null })

    await post(slug, threadId, alice.context, { intent: 'deleteThread' })
    expect((await readList(slug, alice.context)).threads).toHaveLength(0)
    await expect(readThread(slug, threadId, alice.context)).rejects.toSatisfy(status(404))
  })

  it('shows posts of a deleted account as a former member', async () => {
    const { slug, alice, bob } = await setup()
    const threadId = await startThread(slug, alice.context)
    await prisma.user.update({ where: { id: alice.user.id }, data: { deletedAt: new Date(), name: '', email: null } })
    const page = await readThread(slug, threadId, bob.context)
    expect(page.thread.post.author).toBeNull()
    expect((await readList(slug, bob.context)).threads[0]?.author).toBeNull()
  })

  it('lists pinned threads first, then by last activity, 20 a page', async () => {
    const { slug, alice, facilitator } = await setup()
    const ids: string[] = []
    for (let i = 0; i < 22; i++) ids.push(await startThread(slug, alice.context, { title: `Gesprek ${i}`, body: 'x' }))
    await post(slug, ids[0]!, facilitator.context, { intent: 'pin' })
    await post(slug, ids[1]!, alice.context, { intent: 'reply', body: 'omhoog' })
    const first = await readList(slug, alice.context)
    expect(first).toMatchObject({ page: 1, pages: 2, total: 22 })
    expect(first.threads).toHaveLength(20)
    expect(first.threads.slice(0, 2).map((t) => t.id)).toEqual([ids[0], ids[1]])
    expect(first.threads[0]?.pinned).toBe(true)
    expect((await readList(slug, alice.context, '?page=2')).threads).toHaveLength(2)
  })
})

describe('moderation', () => {
  it('lets a facilitator pin, lock and remove; a locked thread refuses members’ replies', async () => {
    const { slug, alice, bob, facilitator } = await setup()
    const threadId = await startThread(slug, alice.context)
    await post(slug, threadId, bob.context, { intent: 'reply', body: 'Ongepast' })
    const reply = await prisma.reply.findFirstOrThrow({ where: { threadId } })

    await post(slug, threadId, facilitator.context, { intent: 'pin' })
    await post(slug, threadId, facilitator.context, { intent: 'lock' })
    expect(await prisma.thread.findUniqueOrThrow({ where: { id: threadId } })).toMatchObject({ pinned: true, locked: true })

    const refused = await post(slug, threadId, bob.context, { intent: 'reply', body: 'Toch nog iets' })
    expect(errorsOf(refused)).toEqual(['discussions.errors.locked'])
    await expect(
      post(slug, threadId, bob.context, { intent: 'editReply', replyId: reply.id, body: 'anders' }),
    ).resolves.toSatisfy((r) => errorsOf(r).includes('discussions.errors.locked'))
    expect(await prisma.reply.count({ where: { threadId } })).toBe(1)
    // The facilitator may still reply in a locked thread.
    expect(await post(slug, threadId, facilitator.context, { intent: 'reply', body: 'Gesloten.' })).toSatisfy(status(302))

    await post(slug, threadId, facilitator.context, { intent: 'removeReply', replyId: reply.id })
    const removed = await prisma.reply.findUniqueOrThrow({ where: { id: reply.id } })
    expect(removed.removedById).toBe(facilitator.user.id)
    expect((await readThread(slug, threadId, alice.context)).replies[0]).toMatchObject({ removed: 'byModerator', html: null })

    await post(slug, threadId, facilitator.context, { intent: 'unlock' })
    await post(slug, threadId, facilitator.context, { intent: 'unpin' })
    expect(await prisma.thread.findUniqueOrThrow({ where: { id: threadId } })).toMatchObject({ pinned: false, locked: false })

    await post(slug, threadId, facilitator.context, { intent: 'removeThread' })
    const thread = await prisma.thread.findUniqueOrThrow({ where: { id: threadId } })
    expect(thread.removedById).toBe(facilitator.user.id)
    await expect(readThread(slug, threadId, bob.context)).rejects.toSatisfy(status(404))
  })

  it('lets an admin moderate without being a member, and never a member', async () => {
    const { slug, alice } = await setup()
    const admin = await makeLoggedInUser({ role: 'admin' })
    const threadId = await startThread(slug, alice.context)
    await expect(post(slug, threadId, alice.context, { intent: 'lock' })).rejects.toSatisfy(status(403))
    await expect(post(slug, threadId, alice.context, { intent: 'removeThread' })).rejects.toSatisfy(status(403))
    expect(await post(slug, threadId, admin.context, { intent: 'lock' })).toSatisfy(status(302))
    expect((await prisma.thread.findUniqueOrThrow({ where: { id: threadId } })).locked).toBe(true)
  })
})

describe('bad input', () => {
  it('refuses a 100 kB post with a translated error and saves nothing', async () => {
    const { slug, community, alice, bob } = await setup()
    const huge = 'Bodem '.repeat(17_000)
    const created = await listAction(
      routeArgs(formRequest(`/communities/${slug}/discussions`, { title: 'Te lang', body: huge }), alice.context, { slug }),
    )
    const [error] = errorsOf(created)
    expect(error).toBe('discussions.errors.bodyTooLong?max=20000')
    expect(await prisma.thread.count({ where: { communityId: community.id } })).toBe(0)

    const i18n = i18next.createInstance()
    await i18n.init({ ...i18nConfig, lng: 'nl', resources })
    expect(translateError(i18n.t, error!)).toBe('Je bericht is te lang: hoogstens 20.000 tekens. Er is niets opgeslagen.')
    await i18n.changeLanguage('en')
    expect(translateError(i18n.t, error!)).toContain('at most 20,000 characters')

    const threadId = await startThread(slug, alice.context)
    expect(errorsOf(await post(slug, threadId, bob.context, { intent: 'reply', body: huge }))).toEqual([error])
    expect(
      errorsOf(await post(slug, threadId, alice.context, { intent: 'editThread', title: 'x'.repeat(201), body: 'ok' })),
    ).toEqual(['discussions.errors.titleTooLong?max=200'])
    expect(errorsOf(await post(slug, threadId, bob.context, { intent: 'reply', body: '   ' }))).toEqual([
      'discussions.errors.bodyRequired',
    ])
    expect(await prisma.reply.count({ where: { threadId } })).toBe(0)
    expect((await prisma.thread.findUniqueOrThrow({ where: { id: threadId } })).editedAt).toBeNull()
  })
})

describe('access', () => {
  it('refuses a thread or reply in a community one has left with a translated error, saving nothing', async () => {
    const { slug, community, alice } = await setup('open')
    const threadId = await startThread(slug, alice.context)
    await prisma.membership.delete({ where: { communityId_userId: { communityId: community.id, userId: alice.user.id } } })
    expect(await post(slug, threadId, alice.context, { intent: 'reply', body: 'Nog even' })).toMatchObject({
      refused: 'discussions.errors.notMember',
    })
    expect(
      await listAction(
        routeArgs(formRequest(`/communities/${slug}/discussions`, { title: 'Nieuw', body: 'x' }), alice.context, { slug }),
      ),
    ).toMatchObject({ refused: 'discussions.errors.notMember' })
    // Moderation stays a plain 403.
    await expect(post(slug, threadId, alice.context, { intent: 'lock' })).rejects.toSatisfy(status(403))
    expect(await prisma.reply.count({ where: { threadId } })).toBe(0)
    expect(await prisma.thread.count({ where: { communityId: community.id } })).toBe(1)
    // An open community's discussions stay readable for every logged-in member.
    expect((await readList(slug, alice.context)).mayPost).toBe(false)
  })

  it('refuses new posts in an archived community with a translated error', async () => {
    const { slug, community, alice } = await setup('open')
    const threadId = await startThread(slug, alice.context)
    await prisma.community.update({ where: { id: community.id }, data: { archivedAt: new Date() } })
    expect(await post(slug, threadId, alice.context, { intent: 'reply', body: 'Nog even' })).toMatchObject({
      refused: 'discussions.errors.archived',
    })
    expect(await prisma.reply.count({ where: { threadId } })).toBe(0)
  })

  it('hides on-request discussions (403) and invite-only ones (404) from non-members; visitors must log in', async () => {
    const outsider = await makeLoggedInUser()
    const onRequest = await setup('on_request')
    const inviteOnly = await setup('invite_only')
    const t1 = await startThread(onRequest.slug, onRequest.alice.context)
    const t2 = await startThread(inviteOnly.slug, inviteOnly.alice.context)
    await expect(readList(onRequest.slug, outsider.context)).rejects.toSatisfy(status(403))
    await expect(readThread(onRequest.slug, t1, outsider.context)).rejects.toSatisfy(status(403))
    await expect(readList(inviteOnly.slug, outsider.context)).rejects.toSatisfy(status(404))
    await expect(readThread(inviteOnly.slug, t2, outsider.context)).rejects.toSatisfy(status(404))
    await expect(post(inviteOnly.slug, t2, outsider.context, { intent: 'reply', body: 'hoi' })).rejects.toSatisfy(status(404))
    await expect(readList(onRequest.slug, { session: null })).rejects.toSatisfy(status(302))
  })

  it('answers 404 for a thread of another community', async () => {
    const a = await setup()
    const b = await setup()
    const threadInB = await startThread(b.slug, b.alice.context)
    // b's facilitator is not in a, so use a's own members against b's thread id.
    await expect(readThread(a.slug, threadInB, a.alice.context)).rejects.toSatisfy(status(404))
    await expect(post(a.slug, threadInB, a.alice.context, { intent: 'reply', body: 'hoi' })).rejects.toSatisfy(status(404))
    await expect(post(a.slug, threadInB, a.facilitator.context, { intent: 'removeThread' })).rejects.toSatisfy(status(404))
    expect(await prisma.reply.count({ where: { threadId: threadInB } })).toBe(0)
    expect((await prisma.thread.findUniqueOrThrow({ where: { id: threadInB } })).removedAt).toBeNull()
  })
})

describe('XSS', () => {
  it('renders stored payloads as text: no scripts, handlers or javascript: links', async () => {
    const { slug, alice, bob } = await setup()
    const payloads = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[x](javascript:alert(1))',
      '[x](JAVASCRIPT:alert(1))',
      '[x](java&#x09;script:alert(1))',
      '<a href="javascript:alert(1)">x</a>',
      '![x](javascript:alert(1))',
      '<svg onload=alert(1)>',
      '"><script>alert(1)</script>',
      '<javascript:alert(1)>',
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    ]
    const threadId = await startThread(slug, alice.context, { title: '<script>alert(1)</script>', body: payloads.join('\n\n') })
    for (const body of payloads) await post(slug, threadId, bob.context, { intent: 'reply', body })
    const page = await readThread(slug, threadId, bob.context)
    const html = [page.thread.post.html, ...page.replies.map((r) => r.html)].join('\n')
    expect(page.replies).toHaveLength(payloads.length)
    expect(html).not.toMatch(/<script|<img|<svg/i)
    for (const tag of html.match(/<[^>]*>/g) ?? []) {
      expect(tag).not.toMatch(/\son[a-z]+\s*=/i)
      expect(tag).not.toMatch(/(href|src)="\s*(javascript|data|vbscript):/i)
    }
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    // The title is plain text, rendered by React (escaped), never as HTML.
    expect(page.thread.title).toBe('<script>alert(1)</script>')
  })
})
