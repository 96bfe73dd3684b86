// /peers: peer suggestions for the logged-in member (two lists: peers like
// you, one phase ahead), introduction requests to answer, introductions made.
// Suggestions only for members who opted in themselves (reciprocity: whoever
// wants to find others lets themselves be found). Works without JavaScript.
import { parseWithZod } from '@conform-to/zod'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requireUser } from '~/auth/guards.server'
import { IntroductionRequests, MadeIntroductions } from '~/components/peer-introductions'
import { SuggestionList, type AskResult } from '~/components/peer-suggestions'
import { FilterCheckbox, FilterSelect } from '~/components/ui/filter-select'
import { Flash } from '~/components/ui/flash'
import { getLanguage } from '~/i18n/i18next.server'
import { answerIntroduction, introductionStates, listIntroductions, requestIntroduction } from '~/services/introductions.server'
import { peerProfileOf, suggestPeers } from '~/services/peers.server'
import { listTaxonomies } from '~/services/taxonomy.server'
import { fieldErrorsOf, UserInputError } from '~/utils/errors'
import { noticeKeys, withError, withNotice } from '~/utils/flash'
import { pageTitle } from '~/utils/meta'
import { INTRODUCTION_MESSAGE_MAX_LENGTH } from '~/utils/peer-limits'
import { notFound } from '~/utils/responses.server'
import { optionsOf } from '~/utils/taxonomy'
import { message } from '~/utils/validation'

const id = z.string().min(1).max(64)

const filterSchema = z.object({
  sameProvince: z
    .literal('on')
    .optional()
    .catch(undefined)
    .transform((v) => v === 'on'),
  organisationType: z.enum(['same', 'other']).optional().catch(undefined),
  themeId: z.string().min(1).max(64).optional().catch(undefined),
})

const askSchema = z.object({
  intent: z.literal('ask'),
  recipientId: id,
  message: z
    .string()
    .trim()
    .max(INTRODUCTION_MESSAGE_MAX_LENGTH, message('errors.tooLong', { max: INTRODUCTION_MESSAGE_MAX_LENGTH })),
})
const answerSchema = z.object({ intent: z.enum(['accept', 'decline']), introductionId: id })

const NOTICES = noticeKeys('peers.notices', ['asked', 'accepted', 'declined'])

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'peers.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const lng = await getLanguage(request)
  const me = await peerProfileOf(user.id)
  if (!me) throw notFound()
  const params = Object.fromEntries(new URL(request.url).searchParams)
  const filters = filterSchema.parse(params)
  const [introductions, taxonomies] = await Promise.all([listIntroductions(user.id), listTaxonomies()])
  const states = introductionStates(introductions)
  const found = me.optedIn ? await suggestPeers(me, filters, lng) : null
  const withState = (list: NonNullable<typeof found>['peers']) => list.map((s) => ({ ...s, state: states.get(s.id) ?? null }))
  return {
    optedIn: me.optedIn,
    complete: me.positionId !== null && me.phaseRank !== null && me.themeIds.length > 0,
    suggestions: found ? { peers: withState(found.peers), ahead: withState(found.ahead) } : null,
    introductions,
    filters,
    themes: optionsOf(taxonomies.themes, lng),
    lng,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const url = new URL(request.url)
  const here = `/peers${url.search}`
  const formData = await request.formData()
  if (formData.get('intent') === 'ask') {
    const submission = parseWithZod(formData, { schema: askSchema })
    const recipientId = String(formData.get('recipientId') ?? '')
    if (submission.status !== 'success') return { recipientId, result: submission.reply() }
    try {
      await requestIntroduction(user.id, submission.value.recipientId, submission.value.message ?? '')
    } catch (error) {
      if (error instanceof UserInputError) return { recipientId, result: submission.reply(fieldErrorsOf(error)) }
      throw error
    }
    return redirect(withNotice(here, 'asked'))
  }
  const answer = answerSchema.safeParse(Object.fromEntries(formData))
  if (!answer.success) return redirect(withError(here, 'errors.invalidChoice'))
  const accept = answer.data.intent === 'accept'
  try {
    await answerIntroduction(user.id, answer.data.introductionId, accept)
  } catch (error) {
    if (error instanceof UserInputError) return redirect(withError(here, error.code))
    throw error
  }
  return redirect(withNotice(here, accept ? 'accepted' : 'declined'))
}

export default function Peers() {
  const { t } = useTranslation()
  const { optedIn, complete, suggestions, introductions, filters, themes, lng } = useLoaderData<typeof loader>()
  const ask = useActionData<typeof action>() as AskResult
  return (
    <section>
      <h1 className="utrecht-heading-1">{t('peers.title')}</h1>
      <Flash notices={NOTICES} />
      <IntroductionRequests received={introductions.received} lng={lng} />
      {!suggestions ? (
        <section aria-labelledby="opt-in">
          <h2 id="opt-in" className="utrecht-heading-2">
            {t('peers.optInTitle')}
          </h2>
          <p className="utrecht-paragraph">{t('peers.optInText')}</p>
          <p className="utrecht-paragraph">
            <Link className="utrecht-link" to="/settings/profile">
              {t('peers.optInLink')}
            </Link>
          </p>
        </section>
      ) : (
        <>
          <p className="utrecht-paragraph">{t('peers.intro')}</p>
          {optedIn && !complete ? (
            <p className="utrecht-paragraph">
              <Link className="utrecht-link" to="/settings/profile">
                {t('peers.completeProfile')}
              </Link>
            </p>
          ) : null}
          <Form method="get" className="peloton-filters" role="search" aria-label={t('peers.filters.label')}>
            <FilterCheckbox name="sameProvince" label={t('peers.filters.sameProvince')} checked={filters.sameProvince} />
            <FilterSelect
              name="organisationType"
              label={t('peers.filters.organisationType')}
              options={[
                { value: 'same', label: t('peers.filters.sameType') },
                { value: 'other', label: t('peers.filters.otherTypes') },
              ]}
              value={filters.organisationType}
              anyLabel={t('peers.filters.anyType')}
            />
            <FilterSelect
              name="themeId"
              label={t('peers.filters.theme')}
              options={themes}
              value={filters.themeId}
              anyLabel={t('peers.filters.anyTheme')}
            />
            <div className="peloton-actions">
              <button type="submit" className="utrecht-button utrecht-button--primary-action">
                {t('peers.filters.submit')}
              </button>
            </div>
          </Form>
          <SuggestionList
            id="like-you"
            title={t('peers.likeYou')}
            intro={t('peers.likeYouIntro')}
            empty={t('peers.none')}
            suggestions={suggestions.peers}
            lng={lng}
            ask={ask}
          />
          <SuggestionList
            id="ahead"
            title={t('peers.ahead')}
            intro={t('peers.aheadIntro')}
            empty={t('peers.noneAhead')}
            suggestions={suggestions.ahead}
            lng={lng}
            ask={ask}
          />
        </>
      )}
      <MadeIntroductions introduced={introductions.introduced} sent={introductions.sent} lng={lng} />
    </section>
  )
}
