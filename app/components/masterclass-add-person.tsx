// The attendees page's "add someone" form: one e-mail address, its errors
// beside the field (unknown address, already registered, a cancelled or
// started masterclass), as the other forms show theirs.
import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { emailField } from '~/utils/validation'
import { SubmitButton, TextField } from './ui/form'

export const addPersonSchema = z.object({ email: emailField })

export function AddPersonForm({ lastResult }: { lastResult?: SubmissionResult<string[]> | null }) {
  const { t } = useTranslation()
  const [form, fields] = useForm<z.input<typeof addPersonSchema>>({ id: 'add-person', lastResult })
  return (
    <section className="peloton-card" aria-labelledby="add-heading">
      <h2 id="add-heading" className="utrecht-heading-3">
        {t('masterclasses.attendees.add')}
      </h2>
      <Form method="post" {...getFormProps(form)} className="peloton-form">
        <input type="hidden" name="intent" value="add" />
        <TextField
          field={fields.email}
          label={t('masterclasses.attendees.addEmail')}
          type="email"
          hint={t('masterclasses.attendees.addHint')}
        />
        <div className="peloton-actions">
          <SubmitButton>{t('masterclasses.attendees.addSubmit')}</SubmitButton>
        </div>
      </Form>
    </section>
  )
}
