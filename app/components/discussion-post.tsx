// One post in a discussion (the thread's opening post or a reply) with its
// author, dates, the Markdown already rendered safely on the server, and the
// buttons the reader may use; and the form to write or edit a post. Every
// action is a plain POST form, so it all works without JavaScript.
import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form, Link, useLocation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { formatDateTime, type Language } from '~/i18n/config'
import { FormErrors, SubmitButton, TextareaField, TextField } from './ui/form'

/** A post as the thread page gets it; `id` is "thread" for the opening post. */
export interface PostData {
  id: string
  author: { id: string; name: string } | null
  mine: boolean
  createdAt: Date | string
  editedAt: Date | string | null
  removed: 'byAuthor' | 'byModerator' | null
  /** Rendered by renderMarkdown on the server; null for a removed post. */
  html: string | null
  /** The Markdown source, only for the post being edited. */
  source: string | null
}

/**
 * Where this page's forms post: the page itself, keeping ?page and ?edit but
 * not a ?notice from the last action (it would show again beside an error).
 */
export function usePostTarget(): string {
  const { pathname, search } = useLocation()
  const params = new URLSearchParams(search)
  params.delete('notice')
  const query = params.toString()
  return query ? `${pathname}?${query}` : pathname
}

interface PostFormProps {
  id: string
  intent: 'reply' | 'editThread' | 'editReply'
  replyId?: string
  title?: string
  body?: string
  bodyLabel: string
  submit: string
  lastResult?: SubmissionResult<string[]>
  cancel?: string
  /** POST_BODY_MAX_LENGTH, passed down by the loader (this file cannot import a .server module). */
  bodyMax: number
}

export function PostForm({ id, intent, replyId, title, body, bodyLabel, submit, lastResult, cancel, bodyMax }: PostFormProps) {
  const { t } = useTranslation()
  const [form, fields] = useForm<{ title?: string; body: string }>({
    id,
    lastResult,
    defaultValue: { title, body },
  })
  const target = usePostTarget()
  const invalid = Boolean(form.errors?.length || fields.title.errors?.length || fields.body.errors?.length)
  return (
    <Form method="post" action={target} {...getFormProps(form)} className="peloton-form peloton-post-form">
      {invalid ? (
        <div role="alert" className="utrecht-alert utrecht-alert--error">
          <p className="utrecht-paragraph">{t('discussions.errors.formHasErrors')}</p>
        </div>
      ) : null}
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value={intent} />
      {replyId ? <input type="hidden" name="replyId" value={replyId} /> : null}
      {intent === 'editThread' ? <TextField field={fields.title} label={t('discussions.threadTitle')} /> : null}
      <TextareaField field={fields.body} label={bodyLabel} hint={t('discussions.bodyHint', { max: bodyMax })} />
      <div className="peloton-actions">
        <SubmitButton>{submit}</SubmitButton>
        {cancel ? (
          <Link className="utrecht-link" to={cancel}>
            {t('discussions.cancel')}
          </Link>
        ) : null}
      </div>
    </Form>
  )
}

interface PostViewProps {
  post: PostData
  lng: Language
  mayPost: boolean
  mayModerate?: boolean
  /** Set for the opening post: its edit form includes the title. */
  threadTitle?: string
  lastResult?: SubmissionResult<string[]>
  bodyMax: number
}

export function PostView({ post, lng, mayPost, mayModerate = false, threadTitle, lastResult, bodyMax }: PostViewProps) {
  const { t } = useTranslation()
  const [searchParams] = useSearchParams()
  const target = usePostTarget()
  const isThread = threadTitle !== undefined
  const name = post.author?.name ?? t('people.formerMember')
  const headingId = `post-${post.id}-by`
  const linkWith = (edit: string | null) => {
    const params = new URLSearchParams(searchParams)
    params.delete('notice')
    if (edit) params.set('edit', edit)
    else params.delete('edit')
    const query = params.toString()
    return `${query ? `?${query}` : '?'}#post-${post.id}`
  }

  if (post.removed) {
    return (
      <article id={`post-${post.id}`} className="peloton-post peloton-post--removed">
        <p className="utrecht-paragraph">
          {post.removed === 'byAuthor' ? t('discussions.removedByAuthor') : t('discussions.removedByModerator')}
        </p>
      </article>
    )
  }

  const editing = post.mine && mayPost && (post.source !== null || lastResult !== undefined)
  return (
    <article id={`post-${post.id}`} className="peloton-post" aria-labelledby={headingId}>
      <header className="peloton-post__header">
        <p id={headingId} className="utrecht-paragraph peloton-post__author">
          <strong>{name}</strong>{' '}
          <span className="peloton-post__date">{t('discussions.postedAt', { date: formatDateTime(post.createdAt, lng) })}</span>
          {post.editedAt ? (
            <span className="peloton-post__date"> · {t('discussions.edited', { date: formatDateTime(post.editedAt, lng) })}</span>
          ) : null}
        </p>
      </header>
      {editing ? (
        <PostForm
          id={`edit-${post.id}`}
          intent={isThread ? 'editThread' : 'editReply'}
          replyId={isThread ? undefined : post.id}
          title={threadTitle}
          body={post.source ?? undefined}
          bodyLabel={isThread ? t('discussions.body') : t('discussions.replyLabel')}
          submit={t('discussions.save')}
          lastResult={lastResult}
          cancel={linkWith(null)}
          bodyMax={bodyMax}
        />
      ) : (
        // Sanitised by renderMarkdown on the server: raw HTML is escaped, only safe links remain.
        <div className="peloton-markdown peloton-post__body" dangerouslySetInnerHTML={{ __html: post.html ?? '' }} />
      )}
      {!editing && ((post.mine && mayPost) || (!isThread && mayModerate)) ? (
        <div className="peloton-actions peloton-post__actions" role="group" aria-label={t('discussions.postActions', { name })}>
          {post.mine && mayPost ? (
            <>
              <Link className="utrecht-link" to={linkWith(post.id)}>
                {isThread ? t('discussions.editThread') : t('discussions.editReply')}
              </Link>
              <Form method="post" action={target}>
                <input type="hidden" name="intent" value={isThread ? 'deleteThread' : 'deleteReply'} />
                {isThread ? null : <input type="hidden" name="replyId" value={post.id} />}
                <SubmitButton variant="secondary">
                  {isThread ? t('discussions.deleteThread') : t('discussions.delete')}
                </SubmitButton>
              </Form>
            </>
          ) : (
            <Form method="post" action={target}>
              <input type="hidden" name="intent" value="removeReply" />
              <input type="hidden" name="replyId" value={post.id} />
              <SubmitButton variant="danger">{t('discussions.removeReply')}</SubmitButton>
            </Form>
          )}
        </div>
      ) : null}
    </article>
  )
}
