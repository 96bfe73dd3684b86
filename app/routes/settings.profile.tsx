import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requireUser } from '~/auth/guards.server'
import {
  CheckboxField,
  CheckboxGroup,
  FormErrors,
  SelectField,
  StatusMessage,
  SubmitButton,
  TextareaField,
  TextField,
} from '~/components/ui/form'
import { formatDate } from '~/i18n/config'
import { getLanguage } from '~/i18n/i18next.server'
import { getProfile, listOrganisations, updateProfile } from '~/services/profile.server'
import { listTaxonomies } from '~/services/taxonomy.server'
import { fieldErrorsOf, UserInputError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import { labelOf, optionsOf } from '~/utils/taxonomy'
import { BIO_MAX_LENGTH, message, nameField, NAME_MAX_LENGTH, NEW_ORGANISATION } from '~/utils/validation'
import { Flash } from '~/components/ui/flash'

const optionalId = z.string().max(64).optional()

const schema = z
  .object({
    name: nameField,
    bio: z
      .string()
      .trim()
      .max(BIO_MAX_LENGTH, message('errors.tooLong', { max: BIO_MAX_LENGTH }))
      .default(''),
    organisationId: optionalId,
    newOrganisationName: z
      .string()
      .trim()
      .max(NAME_MAX_LENGTH, message('errors.tooLong', { max: NAME_MAX_LENGTH }))
      .optional(),
    newOrganisationTypeId: optionalId,
    newOrganisationProvinceId: optionalId,
    positionId: optionalId,
    phaseId: optionalId,
    themeIds: z.array(z.string().max(64)).max(50).default([]),
    matchingOptIn: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.organisationId !== NEW_ORGANISATION) return
    for (const field of ['newOrganisationName', 'newOrganisationTypeId', 'newOrganisationProvinceId'] as const) {
      if (!v[field]) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message: 'errors.required' })
    }
  })

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'profile.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const [profile, organisations, taxonomies] = await Promise.all([getProfile(user.id), listOrganisations(), listTaxonomies()])
  return { profile, organisations, taxonomies, lng: await getLanguage(request) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const submission = parseWithZod(await request.formData(), { schema })
  if (submission.status !== 'success') return { result: submission.reply(), saved: false }
  const v = submission.value
  try {
    await updateProfile(user.id, {
      name: v.name,
      bio: v.bio,
      organisationId: v.organisationId,
      newOrganisation:
        v.organisationId === NEW_ORGANISATION
          ? { name: v.newOrganisationName!, typeId: v.newOrganisationTypeId!, provinceId: v.newOrganisationProvinceId! }
          : undefined,
      positionId: v.positionId,
      phaseId: v.phaseId,
      themeIds: v.themeIds,
      matchingOptIn: v.matchingOptIn,
    })
  } catch (error) {
    if (error instanceof UserInputError) return { result: submission.reply(fieldErrorsOf(error)), saved: false }
    throw error
  }
  return { result: submission.reply(), saved: true }
}

export default function ProfileSettings() {
  const { t } = useTranslation()
  const { profile, organisations, taxonomies, lng } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()

  return (
    <section className="peloton-narrow">
      <h1 className="utrecht-heading-1">{t('profile.title')}</h1>
      <p className="utrecht-paragraph">{t('profile.intro')}</p>
      {data?.saved ? <StatusMessage>{t('profile.saved')}</StatusMessage> : null}
      <Flash notices={{ 'verification-sent': 'profile.verificationSent' }} />
      {/* A saved profile mounts a fresh form, so every field shows what was stored
          (a new organisation is then one of the choices), not what was typed. */}
      <ProfileForm
        key={new Date(profile.updatedAt).getTime()}
        profile={profile}
        organisations={organisations}
        taxonomies={taxonomies}
        lng={lng}
        lastResult={data?.saved ? undefined : data?.result}
      />

      {profile.phaseChanges.length > 0 ? (
        <>
          <h2 className="utrecht-heading-2">{t('profile.phaseHistory')}</h2>
          <ul className="utrecht-unordered-list">
            {profile.phaseChanges.map((c) => (
              <li key={String(c.changedAt)} className="utrecht-unordered-list__item">
                {formatDate(c.changedAt, lng)}: {labelOf(c.phase, lng)}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2 className="utrecht-heading-2">{t('profile.emailTitle')}</h2>
      <p className="utrecht-paragraph">
        {profile.emailVerifiedAt
          ? t('profile.emailVerified', { email: profile.email })
          : t('profile.emailUnverified', { email: profile.email })}
      </p>
      {profile.emailVerifiedAt ? null : (
        <Form method="post" action="/settings/verify-email">
          <SubmitButton variant="secondary">{t('profile.sendVerification')}</SubmitButton>
        </Form>
      )}

      <h2 className="utrecht-heading-2">{t('profile.passwordTitle')}</h2>
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to="/settings/password">
          {t('profile.passwordTitle')}
        </Link>
      </p>

      <h2 className="utrecht-heading-2">{t('masterclasses.calendar.title')}</h2>
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to="/settings/calendar">
          {t('masterclasses.calendar.settingsLink')}
        </Link>
      </p>

      <h2 className="utrecht-heading-2">{t('profile.dataTitle')}</h2>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href="/settings/data" download>
          {t('profile.download')}
        </a>
      </p>
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to="/settings/delete">
          {t('profile.deleteTitle')}
        </Link>
      </p>
    </section>
  )
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

function ProfileForm({
  profile,
  organisations,
  taxonomies,
  lng,
  lastResult,
}: Pick<LoaderData, 'profile' | 'organisations' | 'taxonomies' | 'lng'> & { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation()
  const [form, fields] = useForm<z.input<typeof schema>>({
    lastResult,
    defaultValue: {
      name: profile.name,
      bio: profile.bio,
      organisationId: profile.organisationId ?? '',
      positionId: profile.positionId ?? '',
      phaseId: profile.phaseId ?? '',
      themeIds: profile.themes.map((th) => th.themeId),
      matchingOptIn: profile.matchingOptIn ? 'on' : undefined,
    },
  })
  const [organisationChoice, setOrganisationChoice] = useState(fields.organisationId.initialValue ?? '')
  // Without JavaScript the new-organisation fields are always shown.
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  const showNewOrganisation = !hydrated || organisationChoice === NEW_ORGANISATION

  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="peloton-form"
      onChange={(e) => {
        const target = e.target as HTMLSelectElement
        if (target.name === fields.organisationId.name) setOrganisationChoice(target.value)
      }}
    >
      <FormErrors errors={form.errors} />
      {form.errors?.length || Object.values(fields).some((f) => f.errors?.length) ? (
        <div role="alert" className="utrecht-alert utrecht-alert--error">
          <p className="utrecht-paragraph">{t('errors.formHasErrors')}</p>
        </div>
      ) : null}
      <TextField field={fields.name} label={t('profile.name')} autoComplete="name" />
      <SelectField
        field={fields.organisationId}
        label={t('profile.organisation')}
        emptyLabel={t('profile.organisationNone')}
        options={[
          ...organisations.map((o) => ({ value: o.id, label: o.name })),
          { value: NEW_ORGANISATION, label: t('profile.organisationNew') },
        ]}
      />
      {showNewOrganisation ? (
        <fieldset className="utrecht-form-fieldset peloton-subform">
          <legend className="utrecht-form-fieldset__legend">{t('profile.newOrganisationLegend')}</legend>
          <TextField field={fields.newOrganisationName} label={t('profile.newOrganisationName')} autoComplete="organization" />
          <SelectField
            field={fields.newOrganisationTypeId}
            label={t('profile.newOrganisationType')}
            emptyLabel={t('profile.choose')}
            options={optionsOf(taxonomies.organisationTypes, lng)}
          />
          <SelectField
            field={fields.newOrganisationProvinceId}
            label={t('profile.newOrganisationProvince')}
            emptyLabel={t('profile.choose')}
            options={optionsOf(taxonomies.provinces, lng)}
          />
        </fieldset>
      ) : null}
      <SelectField
        field={fields.positionId}
        label={t('profile.position')}
        emptyLabel={t('profile.choose')}
        options={optionsOf(taxonomies.positions, lng)}
      />
      <SelectField
        field={fields.phaseId}
        label={t('profile.phase')}
        hint={t('profile.phaseHint')}
        emptyLabel={t('profile.choose')}
        options={taxonomies.phases.map((p, i) => ({ value: p.id, label: `${i + 1}. ${labelOf(p, lng)}` }))}
      />
      <CheckboxGroup field={fields.themeIds} legend={t('profile.themes')} options={optionsOf(taxonomies.themes, lng)} />
      <TextareaField field={fields.bio} label={t('profile.bio')} hint={t('profile.bioHint', { max: BIO_MAX_LENGTH })} />
      <CheckboxField field={fields.matchingOptIn} label={t('profile.optIn')} hint={t('profile.optInHint')} />
      <div className="peloton-actions">
        <SubmitButton>{t('profile.save')}</SubmitButton>
      </div>
    </Form>
  )
}
