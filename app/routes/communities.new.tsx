import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { canCreateCommunity, COMMUNITY_KINDS, VISIBILITIES } from '~/auth/community-policy'
import { requireUser } from '~/auth/guards.server'
import { CheckboxGroup, FormErrors, SelectField, SubmitButton, TextareaField, TextField } from '~/components/ui/form'
import type { Language } from '~/i18n/config'
import { getLanguage } from '~/i18n/i18next.server'
import { actorOf } from '~/services/community-access.server'
import { communityInputSchema, createCommunity, DESCRIPTION_MAX_LENGTH } from '~/services/communities.server'
import { listTaxonomies, type Taxonomies } from '~/services/taxonomy.server'
import { fieldErrorsOf, UserInputError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import { optionsOf } from '~/utils/taxonomy'
import { forbidden } from '~/utils/responses.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'communities.form.newTitle')

function requireCreator(context: LoaderFunctionArgs['context'], request: Request) {
  const user = requireUser(context, request)
  if (!canCreateCommunity(actorOf(user))) throw forbidden()
  return user
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireCreator(context, request)
  return { taxonomies: await listTaxonomies(), lng: await getLanguage(request), descriptionMax: DESCRIPTION_MAX_LENGTH }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireCreator(context, request)
  const submission = parseWithZod(await request.formData(), { schema: communityInputSchema })
  if (submission.status !== 'success') return { result: submission.reply() }
  try {
    const { slug } = await createCommunity(user.id, submission.value)
    return redirect(`/communities/${slug}`)
  } catch (error) {
    if (error instanceof UserInputError) return { result: submission.reply(fieldErrorsOf(error)) }
    throw error
  }
}

export default function NewCommunity() {
  const { t } = useTranslation()
  const { taxonomies, lng, descriptionMax } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  return (
    <section className="peloton-narrow">
      <h1 className="utrecht-heading-1">{t('communities.form.newTitle')}</h1>
      <p className="utrecht-paragraph">{t('communities.form.newIntro')}</p>
      <CommunityForm
        taxonomies={taxonomies}
        lng={lng}
        descriptionMax={descriptionMax}
        lastResult={data?.result}
        submitLabel={t('communities.form.create')}
      />
    </section>
  )
}

export type CommunityFormValues = z.input<typeof communityInputSchema>

/** The create and edit form; also used by communities.$slug.edit. Works without JavaScript. */
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
