// /masterclasses/:id/edit: its facilitators (and admins) edit it, publish a
// draft, or cancel it (everyone registered is told).
import { parseWithZod } from '@conform-to/zod'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/auth/guards.server'
import { MasterclassForm } from '~/components/masterclass-form'
import { Flash } from '~/components/ui/flash'
import { StatusMessage } from '~/components/ui/form'
import { getLanguage } from '~/i18n/i18next.server'
import { masterclassFormOptions, masterclassFormValues } from '~/services/masterclass-form.server'
import { requireMasterclass, requireMasterclassCan } from '~/services/masterclass-queries.server'
import { cancelMasterclass, publishMasterclass, updateMasterclass } from '~/services/masterclasses.server'
import { fieldErrorsOf, UserInputError } from '~/utils/errors'
import { withError, withNotice } from '~/utils/flash'
import { masterclassFormInput } from '~/utils/masterclass-form-data'
import { masterclassInputSchema } from '~/utils/masterclass-rules'
import { titled } from '~/utils/meta'

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? titled(data.masterclass.title) : [])

async function requireEditor(request: Request, context: LoaderFunctionArgs['context'], id: string) {
  const user = requireUser(context, request)
  const access = await requireMasterclass(id, user)
  requireMasterclassCan(access, 'edit')
  return { user, access }
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, access } = await requireEditor(request, context, params.id ?? '')
  return {
    masterclass: access.masterclass,
    values: await masterclassFormValues(access.masterclass.id),
    options: await masterclassFormOptions(user),
    lng: await getLanguage(request),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, access } = await requireEditor(request, context, params.id ?? '')
  const { id } = access.masterclass
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'publish' || intent === 'cancel') {
    const detail = `/masterclasses/${id}`
    // Cancelling cannot be undone and mails everyone: it takes a ticked confirmation.
    if (intent === 'cancel' && formData.get('confirm') !== 'yes') {
      return redirect(withError(`${detail}/edit`, 'masterclasses.errors.cancelNotConfirmed'))
    }
    try {
      await (intent === 'publish' ? publishMasterclass(id) : cancelMasterclass(id))
    } catch (error) {
      if (error instanceof UserInputError) return redirect(withError(`${detail}/edit`, error.code))
      throw error
    }
    return redirect(withNotice(detail, intent === 'publish' ? 'published' : 'masterclassCancelled'))
  }
  const submission = parseWithZod(formData, { schema: masterclassInputSchema })
  if (submission.status !== 'success') return { result: submission.reply(), saved: false }
  try {
    await updateMasterclass(id, user, masterclassFormInput(submission.payload))
  } catch (error) {
    if (error instanceof UserInputError) return { result: submission.reply(fieldErrorsOf(error)), saved: false }
    throw error
  }
  return { result: undefined, saved: true }
}

export default function EditMasterclass() {
  const { t } = useTranslation()
  const { masterclass, values, options, lng } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const detail = `/masterclasses/${masterclass.id}`
  return (
    <section className="peloton-narrow">
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to={detail}>
          {t('masterclasses.form.back', { title: masterclass.title })}
        </Link>
      </p>
      <h1 className="utrecht-heading-1">{t('masterclasses.form.editTitle', { title: masterclass.title })}</h1>
      <Flash notices={{ created: 'masterclasses.form.created' }} />
      {data?.saved ? <StatusMessage>{t('masterclasses.form.saved')}</StatusMessage> : null}
      {masterclass.status === 'draft' ? (
        <section className="peloton-card" aria-labelledby="publish-heading">
          <h2 id="publish-heading" className="utrecht-heading-3">
            {t('masterclasses.form.draftTitle')}
          </h2>
          <p className="utrecht-paragraph">{t('masterclasses.form.draftText')}</p>
          <Form method="post">
            <button type="submit" name="intent" value="publish" className="utrecht-button utrecht-button--primary-action">
              {t('masterclasses.form.publish')}
            </button>
          </Form>
        </section>
      ) : null}
      <MasterclassForm
        // A saved form mounts afresh with what was stored.
        key={data?.saved ? 'saved' : 'form'}
        options={options}
        lng={lng}
        lastResult={data?.result}
        defaultValue={values}
        submitLabel={t('masterclasses.form.save')}
      />
      <section className="peloton-card" aria-labelledby="cancel-heading">
        <h2 id="cancel-heading" className="utrecht-heading-3">
          {t('masterclasses.form.cancelTitle')}
        </h2>
        <p className="utrecht-paragraph">{t('masterclasses.form.cancelText')}</p>
        <Form method="post" className="peloton-form">
          <div className="utrecht-form-field utrecht-form-field--checkbox">
            <div className="utrecht-form-field__input">
              <input
                id="cancel-confirm"
                type="checkbox"
                name="confirm"
                value="yes"
                required
                className="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
              />
            </div>
            <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
              <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor="cancel-confirm">
                {t('masterclasses.form.cancelConfirm')}
              </label>
            </div>
          </div>
          <button type="submit" name="intent" value="cancel" className="utrecht-button utrecht-button--secondary-action">
            {t('masterclasses.form.cancel')}
          </button>
        </Form>
      </section>
    </section>
  )
}
