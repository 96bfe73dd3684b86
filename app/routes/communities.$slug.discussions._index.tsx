// /communities/:slug/discussions: the community's threads (pinned first, then
// the most recently active) and, for those who may post, "Nieuw gesprek".
import { Pagination } from '~/components/ui/pagination'
import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { can } from '~/auth/community-policy'
import { requireUser } from '~/auth/guards.server'
import { FormErrors, StatusMessage, SubmitButton, TextareaField, TextField } from '~/components/ui/form'
import { formatDateTime } from '~/i18n/config'
import { getLanguage } from '~/i18n/i18next.server'
import { postRefusal, requireCan, requireCommunity } from '~/services/community-access.server'
import { createThread, listThreads } from '~/services/discussions.server'
import { bodyField, POST_BODY_MAX_LENGTH, titleField } from '~/utils/discussion-rules'
import { fieldErrorsOf, UserInputError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import { withNotice } from '~/utils/flash'
import { Flash } from '~/components/ui/flash'

const schema = z.object({ title: titleField, body: bodyField })

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'discussions.title')

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const access = await requireCommunity(params.slug ?? '', user)
  requireCan(access, 'readDiscussions')
  const page = Number(new URL(request.url).searchParams.get('page') ?? '1')
  const list = await listThreads(access.community.id, page)
  return {
    ...list,
    slug: access.community.slug,
    archived: access.facts.archived,
    mayPost: can(access.actor, access.facts, 'post'),
    lng: await getLanguage(request),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const access = await requireCommunity(params.slug ?? '', user)
  const refused = postRefusal(access)
  if (refused) return { result: undefined, refused }
  const submission = parseWithZod(await request.formData(), { schema })
  if (submission.status !== 'success') return { result: submission.reply() }
  try {
    const thread = await createThread(access.community.id, user.id, submission.value)
    return redirect(withNotice(`/communities/${access.community.slug}/discussions/${thread.id}`, 'created'))
  } catch (error) {
    if (error instanceof UserInputError) return { result: submission.reply(fieldErrorsOf(error)) }
    throw error
  }
}

export default function Discussions() {
  const { t } = useTranslation()
  const { threads, page, pages, slug, archived, mayPost, lng } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const base = `/communities/${slug}/discussions`
  const pageLink = (p: number) => (p === 1 ? base : `${base}?page=${p}`)

  return (
    <section className="peloton-discussions" aria-labelledby="discussions-title">
      <h2 id="discussions-title" className="utrecht-heading-2">
        {t('discussions.title')}
      </h2>
      <p className="utrecht-paragraph">{t('discussions.intro')}</p>
      <Flash notices={{ threadRemoved: 'discussions.notices.threadRemoved' }} />
      {data && 'refused' in data && data.refused ? <FormErrors errors={[data.refused]} /> : null}
      {archived ? <StatusMessage type="info">{t('discussions.archivedNotice')}</StatusMessage> : null}

      {threads.length === 0 ? (
        <p className="utrecht-paragraph">{t('discussions.empty')}</p>
      ) : (
        <ul className="peloton-thread-list" aria-label={t('discussions.listLabel')}>
          {threads.map((thread) => (
            <li
              key={thread.id}
              className={`peloton-thread-list__item${thread.pinned ? ' peloton-thread-list__item--pinned' : ''}`}
            >
              <h3 className="utrecht-heading-3 peloton-thread-list__title">
                <Link className="utrecht-link" to={`${base}/${thread.id}`}>
                  {thread.title}
                </Link>
              </h3>
              <p className="utrecht-paragraph peloton-thread-list__meta">
                {thread.pinned ? <span className="peloton-badge">{t('discussions.pinned')}</span> : null}
                {thread.locked ? <span className="peloton-badge peloton-badge--muted">{t('discussions.locked')}</span> : null}
                <span>
                  {t('discussions.startedBy', {
                    name: thread.author?.name ?? t('people.formerMember'),
                    date: formatDateTime(thread.createdAt, lng),
                  })}
                </span>
                <span>{t('discussions.replies', { count: thread.replyCount })}</span>
                <span>{t('discussions.lastActivity', { date: formatDateTime(thread.lastActivityAt, lng) })}</span>
              </p>
            </li>
          ))}
        </ul>
      )}

      <Pagination page={page} pages={pages} link={pageLink} label={t('discussions.pagination')} />

      {mayPost ? (
        <NewThreadForm action={`${base}?index`} />
      ) : archived ? null : (
        <p className="utrecht-paragraph">{t('discussions.mayNotPost')}</p>
      )}
    </section>
  )
}

function NewThreadForm({ action: target }: { action: string }) {
  const { t } = useTranslation()
  const data = useActionData<typeof action>()
  const [form, fields] = useForm<z.input<typeof schema>>({ id: 'new-thread', lastResult: data?.result })
  const invalid = Boolean(form.errors?.length || fields.title.errors?.length || fields.body.errors?.length)
  return (
    <section className="peloton-discussions__new" aria-labelledby="new-thread-heading">
      <h2 id="new-thread-heading" className="utrecht-heading-2">
        {t('discussions.newThread')}
      </h2>
      <Form method="post" action={target} {...getFormProps(form)} className="peloton-form">
        {invalid ? (
          <div role="alert" className="utrecht-alert utrecht-alert--error">
            <p className="utrecht-paragraph">{t('discussions.errors.formHasErrors')}</p>
          </div>
        ) : null}
        <FormErrors errors={form.errors} />
        <TextField field={fields.title} label={t('discussions.threadTitle')} />
        <TextareaField
          field={fields.body}
          label={t('discussions.body')}
          hint={t('discussions.bodyHint', { max: POST_BODY_MAX_LENGTH })}
        />
        <div className="peloton-actions">
          <SubmitButton>{t('discussions.start')}</SubmitButton>
        </div>
      </Form>
    </section>
  )
}
