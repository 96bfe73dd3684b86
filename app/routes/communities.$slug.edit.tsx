// Facilitators and admins edit a community (never its slug) and archive or bring it back.
import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { can } from '~/auth/community-policy'
import { getUser, requireUser } from '~/auth/guards.server'
import { StatusMessage, SubmitButton } from '~/components/ui/form'
import { getLanguage } from '~/i18n/i18next.server'
import {
  communityInputSchema,
  DESCRIPTION_MAX_LENGTH,
  getCommunityDetails,
  setArchived,
  updateCommunity,
} from '~/services/communities.server'
import { requireCan, requireCommunity } from '~/services/community-access.server'
import { listTaxonomies } from '~/services/taxonomy.server'
import { fieldErrorsOf, UserInputError } from '~/utils/errors'
import { languageOf, titled, translate } from '~/utils/meta'
import { CommunityForm } from '~/components/community-form'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? titled(translate(languageOf(matches), 'communities.form.editTitle', { name: data.community.name })) : []

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requireUser(context, request)
  const access = await requireCommunity(params.slug ?? '', getUser(context))
  // An archived community cannot be edited, only brought back.
  requireCan(access, 'archive')
  const [community, taxonomies] = await Promise.all([getCommunityDetails(access.community.id), listTaxonomies()])
  return {
    community,
    mayEdit: can(access.actor, access.facts, 'edit'),
    taxonomies,
    lng: await getLanguage(request),
    descriptionMax: DESCRIPTION_MAX_LENGTH,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const access = await requireCommunity(params.slug ?? '', user)
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'archive' || intent === 'unarchive') {
    requireCan(access, 'archive')
    await setArchived(access.community.id, intent === 'archive')
    return { result: undefined, notice: intent === 'archive' ? ('archived' as const) : ('unarchived' as const) }
  }
  requireCan(access, 'edit')
  const submission = parseWithZod(formData, { schema: communityInputSchema })
  if (submission.status !== 'success') return { result: submission.reply(), notice: null }
  try {
    await updateCommunity(access.community.id, submission.value)
  } catch (error) {
    if (error instanceof UserInputError) return { result: submission.reply(fieldErrorsOf(error)), notice: null }
    throw error
  }
  return { result: undefined, notice: 'saved' as const }
}

const NOTICES = {
  saved: 'communities.form.saved',
  archived: 'communities.form.archivedNotice',
  unarchived: 'communities.form.unarchivedNotice',
} as const

export default function EditCommunity() {
  const { t } = useTranslation()
  const { community, mayEdit, taxonomies, lng, descriptionMax } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  return (
    <section className="peloton-narrow">
      <h2 className="utrecht-heading-2">{t('communities.form.editTitle', { name: community.name })}</h2>
      {data?.notice ? <StatusMessage>{t(NOTICES[data.notice])}</StatusMessage> : null}
      {mayEdit ? (
        <CommunityForm
          // A saved form remounts with what was stored.
          key={data?.notice ?? 'form'}
          taxonomies={taxonomies}
          lng={lng}
          descriptionMax={descriptionMax}
          lastResult={data?.result}
          slug={community.slug}
          submitLabel={t('communities.form.save')}
          defaultValue={{
            kind: community.kind as 'cop',
            name: community.name,
            description: community.description,
            visibility: community.visibility as 'open',
            themeIds: community.themes.map((x) => x.theme.id),
            phaseIds: community.targetPhases.map((x) => x.phase.id),
            positionIds: community.targetPositions.map((x) => x.position.id),
          }}
        />
      ) : null}
      <h2 className="utrecht-heading-2">{t('communities.form.archiveTitle')}</h2>
      <p className="utrecht-paragraph">
        {community.archivedAt ? t('communities.form.unarchiveText') : t('communities.form.archiveText')}
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value={community.archivedAt ? 'unarchive' : 'archive'} />
        <SubmitButton variant={community.archivedAt ? 'primary' : 'danger'}>
          {community.archivedAt ? t('communities.form.unarchive') : t('communities.form.archive')}
        </SubmitButton>
      </Form>
    </section>
  )
}
