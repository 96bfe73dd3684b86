// The masterclass form, for creating (masterclasses.new) and editing
// (masterclasses.$id.edit). Times are entered and shown in Europe/Amsterdam
// (`datetime-local`); the server stores UTC. A plain POST form.
import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CheckboxGroup, FormErrors, SelectField, SubmitButton, TextareaField, TextField } from '~/components/ui/form'
import type { Language } from '~/i18n/config'
import type { Taxonomies } from '~/services/taxonomy.server'
import { CAPACITY_MAX, DESCRIPTION_MAX_LENGTH, type MasterclassFormInput } from '~/utils/masterclass-rules'
import { optionsOf } from '~/utils/taxonomy'

/** What the form holds: everything as the browser sends it (the capacity as text). */
export type MasterclassFormValues = Omit<MasterclassFormInput, 'capacity'> & { capacity: string }

export interface MasterclassFormOptions {
  taxonomies: Taxonomies
  /** Communities it may belong to (those the person runs; all for admins). */
  communities: { id: string; name: string }[]
  /** People who may co-facilitate (facilitators and admins). */
  facilitators: { id: string; name: string }[]
}

export function MasterclassForm({
  options,
  lng,
  lastResult,
  defaultValue,
  submitLabel,
}: {
  options: MasterclassFormOptions
  lng: Language
  lastResult?: SubmissionResult<string[]>
  defaultValue?: MasterclassFormValues
  submitLabel: string
}) {
  const { t } = useTranslation()
  const [form, fields] = useForm<MasterclassFormValues>({ id: 'masterclass', lastResult, defaultValue })
  const invalid = Boolean(form.errors?.length) || Object.values(fields).some((f) => f.errors?.length)
  const { taxonomies } = options
  return (
    <Form method="post" {...getFormProps(form)} className="peloton-form">
      <input type="hidden" name="intent" value="save" />
      {invalid ? (
        <div role="alert" className="utrecht-alert utrecht-alert--error">
          <p className="utrecht-paragraph">{t('errors.formHasErrors')}</p>
        </div>
      ) : null}
      <FormErrors errors={form.errors} />
      <TextField field={fields.title} label={t('masterclasses.form.title')} />
      <TextareaField
        field={fields.description}
        label={t('masterclasses.form.description')}
        hint={t('masterclasses.form.descriptionHint', { max: DESCRIPTION_MAX_LENGTH })}
      />
      <SelectField
        field={fields.communityId}
        label={t('masterclasses.form.community')}
        emptyLabel={t('masterclasses.form.noCommunity')}
        options={options.communities.map((c) => ({ value: c.id, label: c.name }))}
      />
      <TextField
        field={fields.startsAt}
        type="datetime-local"
        label={t('masterclasses.form.startsAt')}
        hint={t('masterclasses.form.timeHint')}
      />
      <TextField field={fields.endsAt} type="datetime-local" label={t('masterclasses.form.endsAt')} />
      <TextField field={fields.location} label={t('masterclasses.form.location')} hint={t('masterclasses.form.placeHint')} />
      <TextField field={fields.onlineUrl} type="url" label={t('masterclasses.form.onlineUrl')} />
      <TextField
        field={fields.capacity}
        type="number"
        label={t('masterclasses.form.capacity')}
        hint={t('masterclasses.form.capacityHint', { max: CAPACITY_MAX })}
      />
      <TextField
        field={fields.registrationOpensAt}
        type="datetime-local"
        label={t('masterclasses.form.registrationOpensAt')}
        hint={t('masterclasses.form.windowHint')}
      />
      <TextField field={fields.registrationClosesAt} type="datetime-local" label={t('masterclasses.form.registrationClosesAt')} />
      <CheckboxGroup
        field={fields.themeIds}
        legend={t('masterclasses.form.themes')}
        options={optionsOf(taxonomies.themes, lng)}
      />
      <CheckboxGroup
        field={fields.phaseIds}
        legend={t('masterclasses.form.phases')}
        options={taxonomies.phases.map((p, i) => ({ value: p.id, label: `${i + 1}. ${lng === 'en' ? p.nameEn : p.name}` }))}
      />
      <CheckboxGroup
        field={fields.positionIds}
        legend={t('masterclasses.form.positions')}
        options={optionsOf(taxonomies.positions, lng)}
      />
      <CheckboxGroup
        field={fields.facilitatorIds}
        legend={t('masterclasses.form.facilitators')}
        options={options.facilitators.map((f) => ({ value: f.id, label: f.name }))}
      />
      <div className="peloton-actions">
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </Form>
  )
}
