import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { endSessionAndRedirect } from '~/auth/auth.server'
import { requireUser } from '~/auth/guards.server'
import { FormErrors, SubmitButton, TextField } from '~/components/ui/form'
import { deleteAccount } from '~/services/profile.server'
import { fieldErrorsOf, UserInputError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import { emailField } from '~/utils/validation'

const schema = z.object({ confirmEmail: emailField })

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'profile.deleteTitle')

export function loader({ request, context }: LoaderFunctionArgs) {
  requireUser(context, request)
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const submission = parseWithZod(await request.formData(), { schema })
  if (submission.status !== 'success') return submission.reply()
  if (submission.value.confirmEmail !== user.email)
    return submission.reply({ fieldErrors: { confirmEmail: ['errors.confirmMismatch'] } })
  try {
    await deleteAccount(user.id)
  } catch (error) {
    if (error instanceof UserInputError) return submission.reply(fieldErrorsOf(error))
    throw error
  }
  return endSessionAndRedirect(context, '/')
}

export default function DeleteAccount() {
  const { t } = useTranslation()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm<z.input<typeof schema>>({ lastResult })
  return (
    <section className="peloton-narrow">
      <h1 className="utrecht-heading-1">{t('profile.deleteTitle')}</h1>
      <p className="utrecht-paragraph">{t('profile.deleteIntro')}</p>
      <Form method="post" {...getFormProps(form)} className="peloton-form">
        <FormErrors errors={form.errors} />
        <TextField field={fields.confirmEmail} label={t('profile.deleteConfirm')} type="email" autoComplete="off" />
        <div className="peloton-actions">
          <SubmitButton variant="danger">{t('profile.deleteSubmit')}</SubmitButton>
        </div>
      </Form>
    </section>
  )
}
