import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requireUser } from '~/auth/guards.server'
import { FormErrors, StatusMessage, SubmitButton, TextField } from '~/components/ui/form'
import { changePassword } from '~/services/account.server'
import { fieldErrorsOf, UserInputError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import { newPasswordField, passwordField, PASSWORD_MIN_LENGTH } from '~/utils/validation'

const schema = z.object({ currentPassword: passwordField, newPassword: newPasswordField })

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'profile.passwordTitle')

export function loader({ request, context }: LoaderFunctionArgs) {
  requireUser(context, request)
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const submission = parseWithZod(await request.formData(), { schema })
  const hideFields = ['currentPassword', 'newPassword']
  if (submission.status !== 'success') return { result: submission.reply({ hideFields }), changed: false }
  try {
    await changePassword({ userId: user.id, keepSessionId: context.session!.id, ...submission.value })
  } catch (error) {
    if (error instanceof UserInputError)
      return { result: submission.reply({ ...fieldErrorsOf(error), hideFields }), changed: false }
    throw error
  }
  return { result: submission.reply({ resetForm: true }), changed: true }
}

export default function PasswordSettings() {
  const { t } = useTranslation()
  const data = useActionData<typeof action>()
  const [form, fields] = useForm<z.input<typeof schema>>({ lastResult: data?.result })
  return (
    <section className="peloton-narrow">
      <h1 className="utrecht-heading-1">{t('profile.passwordTitle')}</h1>
      <p className="utrecht-paragraph">{t('profile.passwordIntro')}</p>
      {data?.changed ? <StatusMessage>{t('profile.passwordChanged')}</StatusMessage> : null}
      <Form method="post" {...getFormProps(form)} className="peloton-form">
        <FormErrors errors={form.errors} />
        <TextField
          field={fields.currentPassword}
          label={t('auth.currentPassword')}
          type="password"
          autoComplete="current-password"
        />
        <TextField
          field={fields.newPassword}
          label={t('auth.newPassword')}
          type="password"
          autoComplete="new-password"
          hint={t('auth.passwordHint', { min: PASSWORD_MIN_LENGTH })}
        />
        <div className="peloton-actions">
          <SubmitButton>{t('profile.passwordSave')}</SubmitButton>
        </div>
      </Form>
    </section>
  )
}
