import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { startSessionAndRedirect } from '~/auth/auth.server'
import { requireAnonymous, safeRedirect } from '~/auth/guards.server'
import { FormErrors, SubmitButton, TextField } from '~/components/ui/form'
import { formatTime } from '~/i18n/config'
import { getLanguage } from '~/i18n/i18next.server'
import { logIn } from '~/services/account.server'
import { pageTitle } from '~/utils/meta'
import { emailField, message, passwordField } from '~/utils/validation'
import { Flash } from '~/components/ui/flash'

const schema = z.object({ email: emailField, password: passwordField, redirectTo: z.string().optional() })

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth.loginTitle')

export function loader({ context }: LoaderFunctionArgs) {
  requireAnonymous(context)
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAnonymous(context)
  const submission = parseWithZod(await request.formData(), { schema })
  if (submission.status !== 'success') return submission.reply({ hideFields: ['password'] })
  const { email, password, redirectTo } = submission.value
  const result = await logIn({ email, password, ip: context.clientIp })
  if (result.ok) return startSessionAndRedirect(result.userId, request, safeRedirect(redirectTo))
  if (result.reason === 'throttled') {
    const time = formatTime(result.until, await getLanguage(request))
    return submission.reply({ formErrors: [message('errors.throttled', { time })], hideFields: ['password'] })
  }
  return submission.reply({ formErrors: ['errors.invalidCredentials'], hideFields: ['password'] })
}

export default function Login() {
  const { t } = useTranslation()
  const lastResult = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const [form, fields] = useForm<z.input<typeof schema>>({ lastResult })
  return (
    <section className="peloton-narrow">
      <h1 className="utrecht-heading-1">{t('auth.loginTitle')}</h1>
      <Flash notices={{ reset: 'auth.resetDone', 'logged-out': 'auth.loggedOut' }} />
      <Form method="post" {...getFormProps(form)} className="peloton-form">
        <FormErrors errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? '/'} />
        <TextField field={fields.email} label={t('auth.email')} type="email" autoComplete="username" />
        <TextField field={fields.password} label={t('auth.password')} type="password" autoComplete="current-password" />
        <div className="peloton-actions">
          <SubmitButton>{t('auth.loginSubmit')}</SubmitButton>
        </div>
      </Form>
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to="/forgot-password">
          {t('auth.forgotLink')}
        </Link>
      </p>
      <p className="utrecht-paragraph">
        {t('auth.noAccount')}{' '}
        <Link className="utrecht-link" to="/signup">
          {t('nav.signup')}
        </Link>
      </p>
    </section>
  )
}
