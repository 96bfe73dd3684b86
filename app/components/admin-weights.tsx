// The matching weights on /admin: five whole numbers 0–100, each error beside
// its field; nothing is saved unless all five are valid.
import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { FormErrors, StatusMessage, SubmitButton, TextField } from '~/components/ui/form'
import { WEIGHT_MAX, WEIGHT_MIN, WEIGHT_NAMES } from '~/utils/peer-limits'
import { message } from '~/utils/validation'

const outOfRange = message('errors.wholeNumberBetween', { min: WEIGHT_MIN, max: WEIGHT_MAX })
const weight = z
  .number({ invalid_type_error: outOfRange })
  .int(outOfRange)
  .min(WEIGHT_MIN, outOfRange)
  .max(WEIGHT_MAX, outOfRange)

export const weightsSchema = z.object({
  intent: z.literal('setWeights'),
  position: weight,
  samePhase: weight,
  phaseAhead: weight,
  sharedTheme: weight,
  region: weight,
})

type Weights = Record<(typeof WEIGHT_NAMES)[number], number>

export function AdminWeights({
  weights,
  lastResult,
  saved,
}: {
  weights: Weights
  lastResult?: SubmissionResult<string[]>
  saved: boolean
}) {
  const { t } = useTranslation()
  const [form, fields] = useForm<Record<(typeof WEIGHT_NAMES)[number], string>>({
    id: 'weights',
    lastResult,
    defaultValue: Object.fromEntries(WEIGHT_NAMES.map((n) => [n, String(weights[n])])),
  })
  return (
    <section aria-labelledby="weights-title">
      <h2 id="weights-title" className="utrecht-heading-2">
        {t('peers.weights.title')}
      </h2>
      <p className="utrecht-paragraph">{t('peers.weights.intro')}</p>
      {saved ? <StatusMessage>{t('peers.weights.saved')}</StatusMessage> : null}
      <Form method="post" {...getFormProps(form)} className="peloton-form">
        <input type="hidden" name="intent" value="setWeights" />
        <FormErrors errors={form.errors} />
        {WEIGHT_NAMES.map((name) => (
          <TextField
            key={name}
            field={fields[name]}
            type="number"
            label={t(`peers.weights.${name}`)}
            hint={t('peers.weights.hint')}
          />
        ))}
        <div className="peloton-actions">
          <SubmitButton>{t('peers.weights.save')}</SubmitButton>
        </div>
      </Form>
    </section>
  )
}
