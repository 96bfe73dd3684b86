// /communities/:slug/request: ask to join an on-request community, with an
// optional message to its facilitators. Works without JavaScript.
import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requireUser } from '~/auth/guards.server'
import { FormErrors, SubmitButton, TextareaField } from '~/components/ui/form'
import { requireCan, requireCommunity, type CommunityAccess } from '~/services/community-access.server'
import { hasPendingRequest, requestToJoin } from '~/services/membership.server'
import { JOIN_MESSAGE_MAX_LENGTH } from '~/utils/membership-limits'
import { titled } from '~/utils/meta'
import { message } from '~/utils/validation'
import { withNotice } from '~/utils/flash'
import { fieldErrorsOf, UserInputError } from '~/utils/errors'

const schema = z.object({
  message: z
    .string()
    .trim()
    .max(JOIN_MESSAGE_MAX_LENGTH, message('errors.tooLong', { max: JOIN_MESSAGE_MAX_LENGTH }))
    .default(''),
})

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? titled(data.community.name) : [])

/** Members and those already waiting go back to the community: asking twice changes nothing. */
async function alreadyDone(access: CommunityAccess, userId: string): Promise<boolean> {
  return access.facts.membership !== null || (await hasPendingRequest(access.community.id, userId))
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const access = await requireCommunity(params.slug ?? '', user)
  if (await alreadyDone(access, user.id)) throw redirect(`/communities/${access.community.slug}`)
  requireCan(access, 'requestToJoin')
  return { community: { slug: access.community.slug, name: access.community.name } }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const access = await requireCommunity(params.slug ?? '', user)
  const home = `/communities/${access.community.slug}`
  if (await alreadyDone(access, user.id)) return redirect(home)
  requireCan(access, 'requestToJoin')
  const submission = parseWithZod(await request.formData(), { schema })
  if (submission.status !== 'success') return submission.reply()
  try {
    await requestToJoin(access.community, user, submission.value.message)
  } catch (error) {
    if (error instanceof UserInputError) return submission.reply(fieldErrorsOf(error))
    throw error
  }
  return redirect(withNotice(home, 'requested'))
}

export default function RequestToJoin() {
  const { t } = useTranslation()
  const { community } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm<z.input<typeof schema>>({ lastResult })
  return (
    <section className="peloton-narrow">
      <h2 className="utrecht-heading-2">{t('membership.request.title', { community: community.name })}</h2>
      <p className="utrecht-paragraph">{t('membership.request.intro')}</p>
      <Form method="post" {...getFormProps(form)} className="peloton-form">
        <FormErrors errors={form.errors} />
        <TextareaField
          field={fields.message}
          label={t('membership.request.message')}
          hint={t('membership.request.messageHint', { max: JOIN_MESSAGE_MAX_LENGTH })}
        />
        <div className="peloton-actions">
          <SubmitButton>{t('membership.request.submit')}</SubmitButton>
        </div>
      </Form>
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to={`/communities/${community.slug}`}>
          {t('membership.request.back')}
        </Link>
      </p>
    </section>
  )
}
