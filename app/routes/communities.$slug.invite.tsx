// /communities/:slug/invite: facilitators invite people by e-mail address,
// one per line. Each gets a link that works once and expires.
import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requireUser } from '~/auth/guards.server'
import { FormErrors, StatusMessage, SubmitButton, TextareaField } from '~/components/ui/form'
import { getLanguage } from '~/i18n/i18next.server'
import { requireCan, requireCommunity } from '~/services/community-access.server'
import { inviteByEmail } from '~/services/invitations.server'
import { INVITATION_TTL_DAYS, MAX_INVITES } from '~/utils/membership-limits'
import { titled } from '~/utils/meta'
import { EMAIL_MAX_LENGTH, message } from '~/utils/validation'

const schema = z.object({
  emails: z
    .string({ required_error: 'membership.errors.noEmails' })
    .max(MAX_INVITES * (EMAIL_MAX_LENGTH + 2), message('membership.errors.tooManyEmails', { max: MAX_INVITES }))
    .transform((text, ctx) => {
      const lines = [
        ...new Set(
          text
            .split(/[\r\n]+/)
            .map((l) => l.trim().toLowerCase())
            .filter(Boolean),
        ),
      ]
      if (lines.length === 0) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'membership.errors.noEmails' })
      if (lines.length > MAX_INVITES) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: message('membership.errors.tooManyEmails', { max: MAX_INVITES }) })
      }
      for (const line of lines) {
        if (line.length > EMAIL_MAX_LENGTH || !z.string().email().safeParse(line).success) {
          const shown = line.length > 60 ? `${line.slice(0, 60)}…` : line
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: message('membership.errors.invalidEmail', { email: shown }) })
        }
      }
      return lines
    }),
})

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? titled(data.community.name) : [])

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const access = await requireCommunity(params.slug ?? '', user)
  requireCan(access, 'invite')
  return { community: { slug: access.community.slug, name: access.community.name } }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const access = await requireCommunity(params.slug ?? '', user)
  requireCan(access, 'invite')
  const submission = parseWithZod(await request.formData(), { schema })
  if (submission.status !== 'success') return { result: submission.reply(), invited: 0, skipped: 0 }
  const { invited, skipped } = await inviteByEmail(access.community, user, submission.value.emails, await getLanguage(request))
  // Only how many: which addresses belong to members is not the inviter's to learn.
  return { result: submission.reply({ resetForm: true }), invited: invited.length, skipped: skipped.length }
}

export default function Invite() {
  const { t } = useTranslation()
  const { community } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const [form, fields] = useForm<z.input<typeof schema>>({ lastResult: data?.result })
  const done = data && data.result.status === 'success'
  return (
    <section className="peloton-narrow">
      <h2 className="utrecht-heading-2">{t('membership.invite.title', { community: community.name })}</h2>
      <p className="utrecht-paragraph">{t('membership.invite.intro', { days: INVITATION_TTL_DAYS })}</p>
      {done ? <StatusMessage>{t('membership.invite.sent', { count: data.invited })}</StatusMessage> : null}
      {done && data.skipped > 0 ? (
        <StatusMessage type="info">{t('membership.invite.skipped', { count: data.skipped })}</StatusMessage>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="peloton-form">
        <FormErrors errors={form.errors} />
        <TextareaField
          field={fields.emails}
          label={t('membership.invite.emails')}
          hint={t('membership.invite.emailsHint', { max: MAX_INVITES })}
        />
        <div className="peloton-actions">
          <SubmitButton>{t('membership.invite.submit')}</SubmitButton>
        </div>
      </Form>
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to={`/communities/${community.slug}`}>
          {t('membership.invite.back')}
        </Link>
      </p>
    </section>
  )
}
