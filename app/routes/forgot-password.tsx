import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { FormErrors, StatusMessage, SubmitButton, TextField } from '~/components/ui/form'
import { getLanguage } from '~/i18n/i18next.server'
import { requestPasswordReset } from '~/services/account.server'
import { pageTitle } from '~/utils/meta'
import { emailField } from '~/utils/validation'

const schema = z.object({ email: emailField })

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth.forgotTitle')

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema })
  if (submission.status !== 'success') return { result: submission.reply(), sent: false }
  await requestPasswordReset(submission.value.email, await getLanguage(request))
  // The same answer whether or not the address has an account.
  return { result: submission.reply({ resetForm: true }), sent: true }
}

export default function ForgotPassword() {
  const { t } = useTranslation()
  const data = useActionData<typeof action>()
  const [form, fields] = useForm<z.input<typeof schema>>({ lastResult: data?.result })
  return (
    <section className="peloton-narrow">
      <h1 className="utrecht-heading-1">{t('auth.forgotTitle')}</h1>
      {data?.sent ? (
        <StatusMessage>{t('auth.forgotSent')}</StatusMessage>
      ) : (
        <p className="utrecht-paragraph">{t('auth.forgotIntro')}</p>
      )}
      <Form method="post" {...getFormProps(form)} className="peloton-form">
        <FormErrors errors={form.errors} />
        <TextField field={fields.email} label={t('auth.email')} type="email" autoComplete="email" />
        <div className="peloton-actions">
          <SubmitButton>{t('auth.forgotSubmit')}</SubmitButton>
        </div>
      </Form>
    </section>
  )
}
