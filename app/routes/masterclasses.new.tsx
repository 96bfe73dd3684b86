// /masterclasses/new: facilitators and admins create a masterclass. It starts
// as a draft (with its notes document); publishing opens registration.
import { parseWithZod } from '@conform-to/zod'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { canCreateMasterclass } from '~/auth/masterclass-policy'
import { requireUser } from '~/auth/guards.server'
import { MasterclassForm } from '~/components/masterclass-form'
import { getLanguage } from '~/i18n/i18next.server'
import { actorOf } from '~/services/community-access.server'
import { masterclassFormOptions } from '~/services/masterclass-form.server'
import { createMasterclass } from '~/services/masterclasses.server'
import { fieldErrorsOf, UserInputError } from '~/utils/errors'
import { withNotice } from '~/utils/flash'
import { masterclassFormInput } from '~/utils/masterclass-form-data'
import { masterclassInputSchema } from '~/utils/masterclass-rules'
import { pageTitle } from '~/utils/meta'
import { forbidden } from '~/utils/responses.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'masterclasses.form.newTitle')

function requireCreator(context: LoaderFunctionArgs['context'], request: Request) {
  const user = requireUser(context, request)
  if (!canCreateMasterclass(actorOf(user))) throw forbidden()
  return user
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireCreator(context, request)
  return { options: await masterclassFormOptions(user), lng: await getLanguage(request) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireCreator(context, request)
  const submission = parseWithZod(await request.formData(), { schema: masterclassInputSchema })
  if (submission.status !== 'success') return { result: submission.reply() }
  try {
    const { id } = await createMasterclass(user, masterclassFormInput(submission.payload))
    return redirect(withNotice(`/masterclasses/${id}/edit`, 'created'))
  } catch (error) {
    if (error instanceof UserInputError) return { result: submission.reply(fieldErrorsOf(error)) }
    throw error
  }
}

export default function NewMasterclass() {
  const { t } = useTranslation()
  const { options, lng } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  return (
    <section className="peloton-narrow">
      <h1 className="utrecht-heading-1">{t('masterclasses.form.newTitle')}</h1>
      <p className="utrecht-paragraph">{t('masterclasses.form.newIntro')}</p>
      <MasterclassForm options={options} lng={lng} lastResult={data?.result} submitLabel={t('masterclasses.form.create')} />
    </section>
  )
}
