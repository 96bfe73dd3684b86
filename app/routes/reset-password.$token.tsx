import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { isOneTimeTokenUsable } from '~/auth/one-time-token.server'
import { FormErrors, SubmitButton, TextField } from '~/components/ui/form'
import { resetPassword } from '~/services/account.server'
import { pageTitle } from '~/utils/meta'
import { newPasswordField, PASSWORD_MIN_LENGTH } from '~/utils/validation'
import { withNotice } from '~/utils/flash'

const schema = z.object({ password: newPasswordField })

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth.resetTitle')

export async function loader({ params }: LoaderFunctionArgs) {
  return { usable: await isOneTimeTokenUsable(params.token ?? '', 'password_reset') }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema })
  if (submission.status !== 'success') return submission.reply({ hideFields: ['password'] })
  const done = await resetPassword(params.token ?? '', submission.value.password)
  if (!done) return submission.reply({ formErrors: ['auth.resetInvalid'], hideFields: ['password'] })
  return redirect(withNotice('/login', 'reset'))
}

export default function ResetPassword() {
  const { t } = useTranslation()
  const { usable } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm<z.input<typeof schema>>({ lastResult })
  return (
    <section className="peloton-narrow">
      <h1 className="utrecht-heading-1">{t('auth.resetTitle')}</h1>
      {usable ? (
        <Form method="post" {...getFormProps(form)} className="peloton-form">
          <FormErrors errors={form.errors} />
          <TextField
            field={fields.password}
            label={t('auth.newPassword')}
            type="password"
            autoComplete="new-password"
            hint={t('auth.passwordHint', { min: PASSWORD_MIN_LENGTH })}
          />
          <div className="peloton-actions">
            <SubmitButton>{t('auth.resetSubmit')}</SubmitButton>
          </div>
        </Form>
      ) : (
        <>
          <p className="utrecht-paragraph">{t('auth.resetInvalid')}</p>
          <p className="utrecht-paragraph">
            <Link className="utrecht-link" to="/forgot-password">
              {t('auth.forgotTitle')}
            </Link>
          </p>
        </>
      )}
    </section>
  )
}
