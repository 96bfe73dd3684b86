// Discussions: threads and replies inside a community. Who may call what is
// decided by the caller through the community policy (readDiscussions, post,
// moderate); this module checks what only the data can tell: that a thread
// belongs to this community (otherwise 404), that a post is the caller's own
// (otherwise 403) and that a thread is not locked. Removed threads disappear
// from the list and their page; removed replies stay as a placeholder so the
// conversation still reads in order. Bodies are Markdown, rendered by the
// routes through renderMarkdown.
import { pageWindow } from '~/utils/pagination'
import { can, type MembershipRole, type Visibility } from '~/auth/community-policy'
import { toRole } from '~/auth/roles'
import { notify } from '~/services/notifications.server'
import { prisma } from '~/utils/db.server'
import { UserInputError } from '~/utils/errors'
import { POST_BODY_MAX_LENGTH, THREAD_TITLE_MAX_LENGTH } from '~/utils/discussion-rules'
import { message } from '~/utils/validation'
import { forbidden, notFound } from '~/utils/responses.server'

export const THREADS_PER_PAGE = 20
export const REPLIES_PER_PAGE = 50

/** The person acting, and whether the policy lets them moderate this community. */
export interface Poster {
  userId: string
  moderator: boolean
}

const authorSelect = { select: { id: true, name: true, deletedAt: true } } as const

/** The author's name, or null for a deleted account (shown as "voormalig lid"). */
function authorOf(author: { id: string; name: string; deletedAt: Date | null } | null) {
  return author && !author.deletedAt ? { id: author.id, name: author.name } : null
}

function checkTitle(title: string): string {
  const value = title.trim()
  if (!value) throw new UserInputError('title', 'discussions.errors.titleRequired')
  if (value.length > THREAD_TITLE_MAX_LENGTH)
    throw new UserInputError('title', message('discussions.errors.titleTooLong', { max: THREAD_TITLE_MAX_LENGTH }))
  return value
}

function checkBody(body: string): string {
  const value = body.trim()
  if (!value) throw new UserInputError('body', 'discussions.errors.bodyRequired')
  if (value.length > POST_BODY_MAX_LENGTH)
    throw new UserInputError('body', message('discussions.errors.bodyTooLong', { max: POST_BODY_MAX_LENGTH }))
  return value
}

/** One page of a community's threads: pinned first, then the most recently active. */
export async function listThreads(communityId: string, page = 1) {
  const where = { communityId, removedAt: null }
  const total = await prisma.thread.count({ where })
  const { page: current, pages, skip, take } = pageWindow(total, page, THREADS_PER_PAGE)
  const rows = await prisma.thread.findMany({
    where,
    orderBy: [{ pinned: 'desc' }, { lastActivityAt: 'desc' }, { id: 'desc' }],
    skip,
    take,
    select: {
      id: true,
      title: true,
      pinned: true,
      locked: true,
      createdAt: true,
      lastActivityAt: true,
      author: authorSelect,
      _count: { select: { replies: { where: { removedAt: null } } } },
    },
  })
  const threads = rows.map(({ author, _count, ...t }) => ({ ...t, author: authorOf(author), replyCount: _count.replies }))
  return { threads, total, page: current, pages }
}

export type ThreadSummary = Awaited<ReturnType<typeof listThreads>>['threads'][number]

/** A thread of this community with one page of its replies, or null (missing, elsewhere or removed). */
export async function getThread(communityId: string, threadId: string, page = 1) {
  const thread = await prisma.thread.findFirst({
    where: { id: threadId, communityId, removedAt: null },
    select: {
      id: true,
      title: true,
      body: true,
      pinned: true,
      locked: true,
      createdAt: true,
      editedAt: true,
      author: authorSelect,
    },
  })
  if (!thread) return null
  const total = await prisma.reply.count({ where: { threadId } })
  const { page: current, pages, skip, take } = pageWindow(total, page, REPLIES_PER_PAGE)
  const rows = await prisma.reply.findMany({
    where: { threadId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    skip,
    take,
    select: {
      id: true,
      body: true,
      createdAt: true,
      editedAt: true,
      removedAt: true,
      removedById: true,
      authorId: true,
      author: authorSelect,
    },
  })
  const replies = rows.map(({ author, authorId, removedById, removedAt, body, ...r }) => ({
    ...r,
    author: authorOf(author),
    authorId,
    // A removed reply keeps its place but not its text.
    body: removedAt ? null : body,
    removed: removedAt
      ? removedById !== null && removedById === authorId
        ? ('byAuthor' as const)
        : ('byModerator' as const)
      : null,
  }))
  const { author, ...rest } = thread
  return { thread: { ...rest, author: authorOf(author), authorId: author?.id ?? null }, replies, total, page: current, pages }
}

export type ThreadPage = NonNullable<Awaited<ReturnType<typeof getThread>>>

export async function createThread(communityId: string, userId: string, input: { title: string; body: string }) {
  const title = checkTitle(input.title)
  const body = checkBody(input.body)
  return prisma.thread.create({ data: { communityId, authorId: userId, title, body }, select: { id: true } })
}

/** A live thread of this community, or 404. */
async function liveThread(communityId: string, threadId: string) {
  const thread = await prisma.thread.findFirst({
    where: { id: threadId, communityId, removedAt: null },
    select: { id: true, title: true, authorId: true, locked: true, community: { select: { slug: true, name: true } } },
  })
  if (!thread) throw notFound()
  return thread
}

/**
 * Adds a reply, moves the thread up in the list and tells the thread's author,
 * all in one transaction. Returns the reply and the page it is on.
 */
export async function replyToThread(communityId: string, threadId: string, poster: Poster, input: { body: string }) {
  const body = checkBody(input.body)
  const thread = await liveThread(communityId, threadId)
  if (thread.locked && !poster.moderator) throw new UserInputError(null, 'discussions.errors.locked')
  return prisma.$transaction(async (tx) => {
    const now = new Date()
    // Re-checked inside the transaction: a thread locked or removed a moment ago takes no new replies.
    const { count } = await tx.thread.updateMany({
      where: { id: threadId, communityId, removedAt: null, ...(poster.moderator ? {} : { locked: false }) },
      data: { lastActivityAt: now },
    })
    if (count === 0) throw new UserInputError(null, 'discussions.errors.locked')
    const reply = await tx.reply.create({
      data: { threadId, authorId: poster.userId, body, createdAt: now },
      select: { id: true },
    })
    if (thread.authorId && thread.authorId !== poster.userId) {
      const [person, author, community] = await Promise.all([
        tx.user.findUnique({ where: { id: poster.userId }, select: { name: true } }),
        tx.user.findUnique({
          where: { id: thread.authorId },
          select: { deletedAt: true, role: true, memberships: { where: { communityId }, select: { role: true } } },
        }),
        tx.community.findUniqueOrThrow({ where: { id: communityId }, select: { visibility: true, archivedAt: true } }),
      ])
      // Only while the author may still read the thread (not after leaving a closed community).
      const authorMayRead =
        author !== null &&
        !author.deletedAt &&
        can(
          { id: thread.authorId, role: toRole(author.role) },
          {
            visibility: community.visibility as Visibility,
            archived: community.archivedAt !== null,
            membership: (author.memberships[0]?.role ?? null) as MembershipRole | null,
          },
          'readDiscussions',
        )
      if (authorMayRead) {
        await notify(tx, {
          userId: thread.authorId,
          kind: 'reply',
          link: `/communities/${thread.community.slug}/discussions/${threadId}`,
          data: { community: thread.community.name, thread: thread.title, person: person?.name ?? '' },
        })
      }
    }
    const total = await tx.reply.count({ where: { threadId } })
    return { id: reply.id, page: Math.max(1, Math.ceil(total / REPLIES_PER_PAGE)) }
  })
}

/** Edits the thread's title and opening post; only its author may, and not once it is locked (unless moderating). */
export async function editThread(communityId: string, threadId: string, poster: Poster, input: { title: string; body: string }) {
  const title = checkTitle(input.title)
  const body = checkBody(input.body)
  const thread = await liveThread(communityId, threadId)
  if (thread.authorId !== poster.userId) throw forbidden()
  if (thread.locked && !poster.moderator) throw new UserInputError(null, 'discussions.errors.locked')
  await prisma.thread.update({ where: { id: threadId }, data: { title, body, editedAt: new Date() } })
}

/** A live reply in a live thread of this community, or 404. */
async function liveReply(communityId: string, threadId: string, replyId: string) {
  const reply = await prisma.reply.findFirst({
    where: { id: replyId, threadId, removedAt: null, thread: { communityId, removedAt: null } },
    select: { id: true, authorId: true, thread: { select: { locked: true } } },
  })
  if (!reply) throw notFound()
  return reply
}

export async function editReply(communityId: string, threadId: string, replyId: string, poster: Poster, input: { body: string }) {
  const body = checkBody(input.body)
  const reply = await liveReply(communityId, threadId, replyId)
  if (reply.authorId !== poster.userId) throw forbidden()
  if (reply.thread.locked && !poster.moderator) throw new UserInputError(null, 'discussions.errors.locked')
  await prisma.reply.update({ where: { id: replyId }, data: { body, editedAt: new Date() } })
}

/**
 * Removes a thread (soft: kept, but gone from the list and its page). The
 * author may delete their own; a moderator may remove any.
 */
export async function removeThread(communityId: string, threadId: string, poster: Poster) {
  const thread = await liveThread(communityId, threadId)
  if (thread.authorId !== poster.userId && !poster.moderator) throw forbidden()
  await prisma.thread.update({ where: { id: threadId }, data: { removedAt: new Date(), removedById: poster.userId } })
}

/** Removes a reply (soft: its place stays, its text goes). Own replies, or any when moderating. */
export async function removeReply(communityId: string, threadId: string, replyId: string, poster: Poster) {
  const reply = await liveReply(communityId, threadId, replyId)
  if (reply.authorId !== poster.userId && !poster.moderator) throw forbidden()
  await prisma.reply.update({ where: { id: replyId }, data: { removedAt: new Date(), removedById: poster.userId } })
}

/** Moderation only: the caller has checked `moderate`. */
export async function setThreadFlags(communityId: string, threadId: string, flags: { pinned?: boolean; locked?: boolean }) {
  await liveThread(communityId, threadId)
  await prisma.thread.update({ where: { id: threadId }, data: flags })
}
