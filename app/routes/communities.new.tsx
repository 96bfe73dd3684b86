import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { canCreateCommunity } from '~/auth/community-policy'
import { requireUser } from '~/auth/guards.server'
import { CommunityForm } from '~/components/community-form'
import { getLanguage } from '~/i18n/i18next.server'
import { actorOf } from '~/services/community-access.server'
import { communityInputSchema, createCommunity, DESCRIPTION_MAX_LENGTH } from '~/services/communities.server'
import { listTaxonomies } from '~/services/taxonomy.server'
import { fieldErrorsOf, UserInputError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
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
