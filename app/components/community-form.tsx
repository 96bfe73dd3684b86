// The community form, for creating (communities.new) and editing
// (communities.$slug.edit) alike. A plain POST form: works without JavaScript.
import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { COMMUNITY_KINDS, VISIBILITIES } from '~/auth/community-policy'
import { CheckboxGroup, FormErrors, SelectField, SubmitButton, TextareaField, TextField } from '~/components/ui/form'
import type { Language } from '~/i18n/config'
import type { communityInputSchema } from '~/services/communities.server'
import type { Taxonomies } from '~/services/taxonomy.server'
import { optionsOf } from '~/utils/taxonomy'

export type CommunityFormValues = z.input<typeof communityInputSchema>

export function CommunityForm({
  taxonomies,
  lng,
  lastResult,
  defaultValue,
  submitLabel,
  slug,
  descriptionMax,
}: {
  descriptionMax: number
  taxonomies: Taxonomies
  lng: Language
  lastResult?: SubmissionResult<string[]>
  defaultValue?: CommunityFormValues
  submitLabel: string
  slug?: string
}) {
  const { t } = useTranslation()
  const [form, fields] = useForm<CommunityFormValues>({ lastResult, defaultValue })
  const invalid = Boolean(form.errors?.length) || Object.values(fields).some((f) => f.errors?.length)
  return (
    <Form method="post" {...getFormProps(form)} className="peloton-form">
      <input type="hidden" name="intent" value="save" />
      <FormErrors errors={form.errors} />
      {invalid ? (
        <div role="alert" className="utrecht-alert utrecht-alert--error">
          <p className="utrecht-paragraph">{t('errors.formHasErrors')}</p>
        </div>
      ) : null}
      <SelectField
        field={fields.kind}
        label={t('communities.form.kind')}
        emptyLabel={t('communities.form.choose')}
        options={COMMUNITY_KINDS.map((k) => ({ value: k, label: t(`communities.kinds.${k}`) }))}
      />
      <TextField field={fields.name} label={t('communities.form.name')} hint={t('communities.form.nameHint')} />
      {slug ? (
        <p className="utrecht-paragraph">
          <strong>{t('communities.form.slug')}:</strong> <code>/communities/{slug}</code>
          <br />
          {t('communities.form.slugHint')}
        </p>
      ) : null}
      <TextareaField
        field={fields.description}
        label={t('communities.form.description')}
        hint={t('communities.form.descriptionHint', { max: descriptionMax })}
      />
      <SelectField
        field={fields.visibility}
        label={t('communities.form.visibility')}
        emptyLabel={t('communities.form.choose')}
        options={VISIBILITIES.map((v) => ({ value: v, label: t(`communities.visibilities.${v}`) }))}
      />
      <CheckboxGroup field={fields.themeIds} legend={t('communities.form.themes')} options={optionsOf(taxonomies.themes, lng)} />
      <CheckboxGroup
        field={fields.phaseIds}
        legend={t('communities.form.phases')}
        options={taxonomies.phases.map((p, i) => ({ value: p.id, label: `${i + 1}. ${lng === 'en' ? p.nameEn : p.name}` }))}
      />
      <CheckboxGroup
        field={fields.positionIds}
        legend={t('communities.form.positions')}
        options={optionsOf(taxonomies.positions, lng)}
      />
      <div className="peloton-actions">
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </Form>
  )
}
