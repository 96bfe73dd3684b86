// After the event a confirmed participant rates it and leaves a comment
// (the detail page's action); an earlier answer can be changed.
import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { FormErrors, StatusMessage, SubmitButton, TextareaField } from './ui/form'
import { RadioGroup } from './ui/radio-group'

// The service checks the rating fully (giveFeedback); the form only needs it present.
export const feedbackForm = z.object({
  rating: z.string({ required_error: 'masterclasses.errors.ratingInvalid' }),
  comment: z.string().optional(),
})

export function Feedback({
  earlier,
  actionData,
}: {
  earlier: { rating: number; comment: string | null } | null
  actionData?: { result: SubmissionResult<string[]>; saved: boolean }
}) {
  const { t } = useTranslation()
  const [form, fields] = useForm<z.input<typeof feedbackForm>>({
    lastResult: actionData?.result,
    defaultValue: earlier ? { rating: String(earlier.rating), comment: earlier.comment } : undefined,
  })
  const options = (['1', '2', '3', '4', '5'] as const).map((value) => ({
    value,
    label: t(`masterclasses.feedback.ratings.${value}`),
  }))
  return (
    <section aria-labelledby="masterclass-feedback" className="peloton-masterclass__feedback">
      <h2 id="masterclass-feedback" className="utrecht-heading-2">
        {t('masterclasses.feedback.title')}
      </h2>
      {actionData?.saved ? <StatusMessage>{t('masterclasses.feedback.saved')}</StatusMessage> : null}
      <p className="utrecht-paragraph">
        {earlier && !actionData?.saved
          ? t('masterclasses.feedback.earlier', { rating: earlier.rating })
          : t('masterclasses.feedback.intro')}
      </p>
      <Form method="post" {...getFormProps(form)} className="peloton-form">
        <FormErrors errors={form.errors} />
        <RadioGroup field={fields.rating} legend={t('masterclasses.feedback.rating')} options={options} />
        <TextareaField field={fields.comment} label={t('masterclasses.feedback.comment')} />
        <div className="peloton-actions">
          <SubmitButton>{earlier ? t('masterclasses.feedback.update') : t('masterclasses.feedback.submit')}</SubmitButton>
        </div>
      </Form>
    </section>
  )
}
