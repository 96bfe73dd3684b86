import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { startSessionAndRedirect } from '~/auth/auth.server'
import { requireAnonymous } from '~/auth/guards.server'
import { FormErrors, SubmitButton, TextField } from '~/components/ui/form'
import { getLanguage } from '~/i18n/i18next.server'
import { signUp } from '~/services/account.server'
import { fieldErrorsOf, UserInputError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import { emailField, nameField, newPasswordField, PASSWORD_MIN_LENGTH } from '~/utils/validation'

const schema = z.object({ name: nameField, email: emailField, password: newPasswordField })

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth.signupTitle')

export function loader({ context }: LoaderFunctionArgs) {
  requireAnonymous(context)
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAnonymous(context)
  const submission = parseWithZod(await request.formData(), { schema })
  if (submission.status !== 'success') return submission.reply({ hideFields: ['password'] })
  try {
    const user = await signUp({ ...submission.value, lng: await getLanguage(request) })
    return await startSessionAndRedirect(user.id, request, '/settings/profile')
  } catch (error) {
    if (error instanceof UserInputError) return submission.reply({ ...fieldErrorsOf(error), hideFields: ['password'] })
    throw error
  }
}

export default function Signup() {
  const { t } = useTranslation()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm<z.input<typeof schema>>({ lastResult })
  return (
    <section className="peloton-narrow">
      <h1 className="utrecht-heading-1">{t('auth.signupTitle')}</h1>
      <p className="utrecht-paragraph">{t('auth.signupIntro')}</p>
      <Form method="post" {...getFormProps(form)} className="peloton-form">
        <FormErrors errors={form.errors} />
        <TextField field={fields.name} label={t('auth.name')} autoComplete="name" />
        <TextField field={fields.email} label={t('auth.email')} type="email" autoComplete="email" />
        <TextField
          field={fields.password}
          label={t('auth.password')}
          type="password"
          autoComplete="new-password"
          hint={t('auth.passwordHint', { min: PASSWORD_MIN_LENGTH })}
        />
        <div className="peloton-actions">
          <SubmitButton>{t('auth.signupSubmit')}</SubmitButton>
        </div>
      </Form>
      <p className="utrecht-paragraph">
        {t('auth.haveAccount')}{' '}
        <Link className="utrecht-link" to="/login">
          {t('nav.login')}
        </Link>
      </p>
    </section>
  )
}
