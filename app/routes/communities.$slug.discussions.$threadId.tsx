// /communities/:slug/discussions/:threadId: one thread and its replies, the
// reply form, editing and deleting one's own posts, and the facilitators'
// pin / lock / remove. Every button is a POST form with an `intent`, checked
// here against the policy (post or moderate) and by the service (ownership).
import { Pagination } from '~/components/ui/pagination'
import { markReadByLink } from '~/services/notifications.server'
import { parseWithZod } from '@conform-to/zod'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { can } from '~/auth/community-policy'
import { requireUser } from '~/auth/guards.server'
import { PostForm, PostView, usePostTarget, type PostData } from '~/components/discussion-post'
import { FormErrors, StatusMessage, SubmitButton } from '~/components/ui/form'
import { getLanguage } from '~/i18n/i18next.server'
import { postRefusal, requireCan, requireCommunity } from '~/services/community-access.server'
import {
  editReply,
  editThread,
  getThread,
  removeReply,
  removeThread,
  replyToThread,
  setThreadFlags,
} from '~/services/discussions.server'
import { bodyField, POST_BODY_MAX_LENGTH, titleField } from '~/utils/discussion-rules'
import { fieldErrorsOf, UserInputError } from '~/utils/errors'
import { renderMarkdown } from '~/utils/markdown.server'
import { titled } from '~/utils/meta'
import { notFound } from '~/utils/responses.server'
import { withNotice } from '~/utils/flash'
import { Flash } from '~/components/ui/flash'
import { noticeKeys } from '~/utils/flash'

const replyId = z.string().min(1).max(64)
const schema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('reply'), body: bodyField }),
  z.object({ intent: z.literal('editThread'), title: titleField, body: bodyField }),
  z.object({ intent: z.literal('editReply'), replyId, body: bodyField }),
  z.object({ intent: z.literal('deleteThread') }),
  z.object({ intent: z.literal('deleteReply'), replyId }),
  z.object({ intent: z.literal('pin') }),
  z.object({ intent: z.literal('unpin') }),
  z.object({ intent: z.literal('lock') }),
  z.object({ intent: z.literal('unlock') }),
  z.object({ intent: z.literal('removeThread') }),
  z.object({ intent: z.literal('removeReply'), replyId }),
])
const MODERATION = new Set(['pin', 'unpin', 'lock', 'unlock', 'removeThread', 'removeReply'])
const NOTICES = ['created', 'replied', 'edited', 'removed', 'pinned', 'unpinned', 'locked', 'unlocked'] as const

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? titled(data.thread.title) : [])

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const access = await requireCommunity(params.slug ?? '', user)
  requireCan(access, 'readDiscussions')
  const url = new URL(request.url)
  const found = await getThread(access.community.id, params.threadId ?? '', Number(url.searchParams.get('page') ?? '1'))
  if (!found) throw notFound()
  // Reading the thread is reading its reply notifications.
  await markReadByLink(user.id, `/communities/${access.community.slug}/discussions/${found.thread.id}`)
  const may = { post: can(access.actor, access.facts, 'post'), moderate: can(access.actor, access.facts, 'moderate') }
  // The raw Markdown goes to the page only for the post being edited.
  const editing = may.post ? url.searchParams.get('edit') : null
  const { thread, replies } = found
  const threadMine = thread.authorId === user.id
  const post = (p: { id: string; body: string | null; mine: boolean }): Pick<PostData, 'html' | 'source'> => ({
    html: p.body === null ? null : renderMarkdown(p.body),
    source: p.mine && editing === p.id ? p.body : null,
  })
  return {
    slug: access.community.slug,
    archived: access.facts.archived,
    may,
    thread: {
      id: thread.id,
      title: thread.title,
      pinned: thread.pinned,
      locked: thread.locked,
      post: {
        id: 'thread',
        author: thread.author,
        mine: threadMine,
        createdAt: thread.createdAt,
        editedAt: thread.editedAt,
        removed: null,
        ...post({ id: 'thread', body: thread.body, mine: threadMine }),
      } satisfies PostData,
    },
    replies: replies.map((r): PostData => ({
      id: r.id,
      author: r.author,
      mine: r.authorId === user.id,
      createdAt: r.createdAt,
      editedAt: r.editedAt,
      removed: r.removed,
      ...post({ id: r.id, body: r.body, mine: r.authorId === user.id }),
    })),
    page: found.page,
    pages: found.pages,
    bodyMax: POST_BODY_MAX_LENGTH,
    lng: await getLanguage(request),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const access = await requireCommunity(params.slug ?? '', user)
  const formData = await request.formData()
  // Authorise before reading the input: a non-member learns nothing from validation.
  if (MODERATION.has(String(formData.get('intent')))) requireCan(access, 'moderate')
  else {
    requireCan(access, 'readDiscussions')
    const refused = postRefusal(access)
    if (refused) return { result: undefined, intent: null, replyId: null, refused }
  }
  const submission = parseWithZod(formData, { schema })
  if (submission.status !== 'success') {
    const intent = formData.get('intent')
    return { result: submission.reply(), intent: typeof intent === 'string' ? intent : null, replyId: formData.get('replyId') }
  }
  const v = submission.value
  const communityId = access.community.id
  const threadId = params.threadId ?? ''
  const poster = { userId: user.id, moderator: can(access.actor, access.facts, 'moderate') }
  const here = `/communities/${access.community.slug}/discussions/${threadId}`
  try {
    switch (v.intent) {
      case 'reply': {
        const reply = await replyToThread(communityId, threadId, poster, v)
        return redirect(withNotice(`${here}?page=${reply.page}#post-${reply.id}`, 'replied'))
      }
      case 'editThread':
        await editThread(communityId, threadId, poster, v)
        return redirect(withNotice(here, 'edited'))
      case 'editReply':
        await editReply(communityId, threadId, v.replyId, poster, v)
        return redirect(withNotice(`${here}#post-${v.replyId}`, 'edited'))
      case 'deleteThread':
      case 'removeThread':
        await removeThread(communityId, threadId, poster)
        return redirect(withNotice(`/communities/${access.community.slug}/discussions`, 'threadRemoved'))
      case 'deleteReply':
      case 'removeReply':
        await removeReply(communityId, threadId, v.replyId, poster)
        return redirect(withNotice(`${here}#post-${v.replyId}`, 'removed'))
      case 'pin':
      case 'unpin':
        await setThreadFlags(communityId, threadId, { pinned: v.intent === 'pin' })
        return redirect(withNotice(here, `${v.intent}ned`))
      case 'lock':
      case 'unlock':
        await setThreadFlags(communityId, threadId, { locked: v.intent === 'lock' })
        return redirect(withNotice(here, `${v.intent}ed`))
    }
  } catch (error) {
    if (error instanceof UserInputError) {
      return { result: submission.reply(fieldErrorsOf(error)), intent: v.intent, replyId: 'replyId' in v ? v.replyId : null }
    }
    throw error
  }
}

function Moderation({ pinned, locked }: { pinned: boolean; locked: boolean }) {
  const { t } = useTranslation()
  const target = usePostTarget()
  const button = (intent: string, label: string, variant: 'secondary' | 'danger' = 'secondary') => (
    <Form method="post" action={target} key={intent}>
      <input type="hidden" name="intent" value={intent} />
      <SubmitButton variant={variant}>{label}</SubmitButton>
    </Form>
  )
  return (
    <section className="peloton-moderation" aria-labelledby="moderation-title">
      <h2 id="moderation-title" className="utrecht-heading-3">
        {t('discussions.moderation')}
      </h2>
      <div className="peloton-actions">
        {pinned ? button('unpin', t('discussions.unpin')) : button('pin', t('discussions.pin'))}
        {locked ? button('unlock', t('discussions.unlock')) : button('lock', t('discussions.lock'))}
        {button('removeThread', t('discussions.removeThread'), 'danger')}
      </div>
    </section>
  )
}

export default function ThreadPage() {
  const { t } = useTranslation()
  const { slug, archived, may, thread, replies, page, pages, bodyMax, lng } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const base = `/communities/${slug}/discussions`
  const pageLink = (p: number) => `${base}/${thread.id}${p === 1 ? '' : `?page=${p}`}`
  const mayReply = may.post && (!thread.locked || may.moderate)
  const errorFor = (intent: string, id?: string) =>
    data && data.intent === intent && (id === undefined || data.replyId === id) ? data.result : undefined

  return (
    <article className="peloton-thread" aria-labelledby="thread-title">
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to={base}>
          {t('discussions.back')}
        </Link>
      </p>
      <Flash notices={noticeKeys('discussions.notices', NOTICES)} />
      {data && 'refused' in data && data.refused ? <FormErrors errors={[data.refused]} /> : null}
      <h2 id="thread-title" className="utrecht-heading-2 peloton-thread__title">
        {thread.title}
      </h2>
      {thread.pinned || thread.locked ? (
        <p className="utrecht-paragraph peloton-thread-list__meta">
          {thread.pinned ? <span className="peloton-badge">{t('discussions.pinned')}</span> : null}
          {thread.locked ? <span className="peloton-badge peloton-badge--muted">{t('discussions.locked')}</span> : null}
        </p>
      ) : null}
      {archived ? <StatusMessage type="info">{t('discussions.archivedNotice')}</StatusMessage> : null}
      <PostView
        bodyMax={bodyMax}
        post={thread.post}
        lng={lng}
        mayPost={may.post}
        threadTitle={thread.title}
        lastResult={errorFor('editThread')}
      />
      {may.moderate ? <Moderation pinned={thread.pinned} locked={thread.locked} /> : null}

      <section aria-labelledby="replies-title" className="peloton-thread__replies">
        <h2 id="replies-title" className="utrecht-heading-2">
          {t('discussions.repliesTitle')}
        </h2>
        {replies.length === 0 ? <p className="utrecht-paragraph">{t('discussions.noReplies')}</p> : null}
        <ol className="peloton-replies">
          {replies.map((reply) => (
            <li key={reply.id}>
              <PostView
                bodyMax={bodyMax}
                post={reply}
                lng={lng}
                mayPost={may.post}
                mayModerate={may.moderate}
                lastResult={errorFor('editReply', reply.id)}
              />
            </li>
          ))}
        </ol>
        <Pagination page={page} pages={pages} link={pageLink} label={t('discussions.repliesPagination')} />
      </section>

      {thread.locked ? <StatusMessage type="info">{t('discussions.lockedNotice')}</StatusMessage> : null}
      {mayReply ? (
        <section aria-labelledby="reply-heading" className="peloton-thread__reply">
          <h2 id="reply-heading" className="utrecht-heading-2">
            {t('discussions.replyTitle')}
          </h2>
          {/* A fresh (empty) form once the reply is on the page. */}
          <PostForm
            key={`${page}-${replies.length}`}
            bodyMax={bodyMax}
            id="reply"
            intent="reply"
            bodyLabel={t('discussions.replyLabel')}
            submit={t('discussions.replySubmit')}
            lastResult={errorFor('reply')}
          />
        </section>
      ) : !may.post && !archived ? (
        <p className="utrecht-paragraph">{t('discussions.mayNotPost')}</p>
      ) : null}
    </article>
  )
}
