// /masterclasses/:id: what, when and where, seats left and the waitlist, and
// for a logged-in member their registration (register / cancel post to their
// own routes and come back with ?notice= or ?error=). After the event a
// confirmed participant gives feedback here (this route's action).
import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { getUser, requireUser } from '~/auth/guards.server'
import { StatusBadges, timeRange } from '~/components/masterclass-card'
import { Flash } from '~/components/ui/flash'
import { noticeKeys } from '~/utils/flash'
import { FormErrors, StatusMessage, SubmitButton, TextareaField } from '~/components/ui/form'
import { RadioGroup } from '~/components/ui/radio-group'
import { formatDateTime } from '~/i18n/config'
import { getLanguage } from '~/i18n/i18next.server'
import { actorOf } from '~/services/community-access.server'
import { giveFeedback } from '~/services/masterclass-feedback.server'
import { masterclassPage } from '~/services/masterclass-pages.server'
import { requireMasterclass, requireMasterclassCan } from '~/services/masterclass-queries.server'
import { fieldErrorsOf, UserInputError } from '~/utils/errors'
import { titled } from '~/utils/meta'
import { labelOf } from '~/utils/taxonomy'
import { translateError } from '~/utils/validation'

// The service checks the rating fully (giveFeedback); the form only needs it present.
const feedbackForm = z.object({
  rating: z.string({ required_error: 'masterclasses.errors.ratingInvalid' }),
  comment: z.string().optional(),
})

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? titled(data.masterclass.title) : [])

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = getUser(context)
  const access = await requireMasterclass(params.id ?? '', actorOf(user))
  return { ...(await masterclassPage(access)), loggedIn: user !== null, lng: await getLanguage(request) }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const access = await requireMasterclass(params.id ?? '', actorOf(user))
  requireMasterclassCan(access, 'giveFeedback')
  const submission = parseWithZod(await request.formData(), { schema: feedbackForm })
  if (submission.status !== 'success') return { result: submission.reply(), saved: false }
  try {
    await giveFeedback(access.masterclass.id, user.id, submission.value)
  } catch (error) {
    if (error instanceof UserInputError) return { result: submission.reply(fieldErrorsOf(error)), saved: false }
    throw error
  }
  return { result: submission.reply(), saved: true }
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>

export default function MasterclassDetail() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const { masterclass: m, descriptionHtml } = data
  const base = `/masterclasses/${m.id}`
  return (
    <article className="peloton-masterclass" aria-labelledby="masterclass-title">
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to="/masterclasses">
          {t('masterclasses.detail.back')}
        </Link>
      </p>
      <Flash
        notices={noticeKeys('masterclasses.notices', [
          'confirmed',
          'waitlisted',
          'cancelled',
          'published',
          'masterclassCancelled',
        ])}
      />
      <h1 id="masterclass-title" className="utrecht-heading-1">
        {m.title}
      </h1>
      {m.status === 'draft' ? <StatusMessage type="info">{t('masterclasses.detail.draftNotice')}</StatusMessage> : null}
      {m.status === 'cancelled' ? (
        <StatusMessage type="warning">{t('masterclasses.detail.cancelledNotice')}</StatusMessage>
      ) : null}
      {m.status === 'published' && m.seatsLeft === 0 && !data.started ? (
        <p className="utrecht-paragraph">
          <StatusBadges status={m.status} full />
        </p>
      ) : null}

      <div className="peloton-masterclass__body">
        <section aria-labelledby="masterclass-registration" className="peloton-masterclass__registration">
          <h2 id="masterclass-registration" className="utrecht-heading-2">
            {t('masterclasses.detail.registration')}
          </h2>
          <Registration data={data} />
        </section>

        <section aria-labelledby="masterclass-facts" className="peloton-masterclass__facts">
          <h2 id="masterclass-facts" className="utrecht-heading-2">
            {t('masterclasses.detail.facts')}
          </h2>
          <Facts data={data} />
        </section>

        <section aria-labelledby="masterclass-about" className="peloton-masterclass__about">
          <h2 id="masterclass-about" className="utrecht-heading-2">
            {t('masterclasses.detail.about')}
          </h2>
          {descriptionHtml ? (
            // Sanitised by renderMarkdown on the server: no scripts, handlers or javascript: links.
            <div className="peloton-markdown" dangerouslySetInnerHTML={{ __html: descriptionHtml }} />
          ) : (
            <p className="utrecht-paragraph">{t('masterclasses.detail.noDescription')}</p>
          )}
        </section>

        <nav aria-labelledby="masterclass-links" className="peloton-masterclass__links">
          <h2 id="masterclass-links" className="utrecht-heading-2">
            {t('masterclasses.detail.links')}
          </h2>
          <ul className="utrecht-unordered-list">
            <li className="utrecht-unordered-list__item">
              <a className="utrecht-link" href={`${base}/calendar.ics`} download>
                {t('masterclasses.detail.addToCalendar')}
              </a>
            </li>
            {m.can.editNotes && m.notesDocumentId ? (
              <li className="utrecht-unordered-list__item">
                <Link className="utrecht-link" to={`/docs/${m.notesDocumentId}`}>
                  {t('masterclasses.detail.notes')}
                </Link>
              </li>
            ) : null}
            {m.can.groups ? (
              <li className="utrecht-unordered-list__item">
                <Link className="utrecht-link" to={`${base}/groups`}>
                  {t('groups.link')}
                </Link>
              </li>
            ) : null}
            {m.can.edit ? (
              <li className="utrecht-unordered-list__item">
                <Link className="utrecht-link" to={`${base}/edit`}>
                  {t('masterclasses.detail.edit')}
                </Link>
              </li>
            ) : null}
            {m.can.manageAttendees ? (
              <li className="utrecht-unordered-list__item">
                <Link className="utrecht-link" to={`${base}/attendees`}>
                  {t('masterclasses.detail.attendees')}
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>

        {m.can.giveFeedback ? <Feedback data={data} /> : null}
      </div>
    </article>
  )
}

function Registration({ data }: { data: Data }) {
  const { t } = useTranslation()
  const { masterclass: m, registration, loggedIn, started, ended, lng } = data
  const mine = m.myRegistration
  const base = `/masterclasses/${m.id}`
  const p = (text: string) => <p className="utrecht-paragraph">{text}</p>
  return (
    <>
      {ended ? p(t('masterclasses.detail.ended')) : null}
      {mine?.status === 'confirmed' ? (
        <StatusMessage type="info">
          {ended ? t('masterclasses.detail.youConfirmedPast') : t('masterclasses.detail.youConfirmed')}
        </StatusMessage>
      ) : null}
      {mine?.status === 'waitlisted' ? (
        <StatusMessage type="info">{t('masterclasses.detail.youWaitlisted', { position: mine.position ?? '?' })}</StatusMessage>
      ) : null}
      {registration.mayCancel ? (
        <Form method="post" action={`${base}/cancel`} className="peloton-inline-form">
          <p className="utrecht-paragraph peloton-muted" id="cancel-hint">
            {t('masterclasses.detail.cancelHint')}
          </p>
          <button type="submit" className="utrecht-button utrecht-button--secondary-action" aria-describedby="cancel-hint">
            {mine?.status === 'waitlisted' ? t('masterclasses.detail.cancelWaitlist') : t('masterclasses.detail.cancelConfirmed')}
          </button>
        </Form>
      ) : null}
      {registration.mayRegister ? (
        <Form method="post" action={`${base}/register`}>
          <SubmitButton>
            {m.seatsLeft > 0 ? t('masterclasses.detail.register') : t('masterclasses.detail.registerWaitlist')}
          </SubmitButton>
        </Form>
      ) : null}
      {!loggedIn && registration.refusal === null ? (
        <p className="utrecht-paragraph">
          <Link
            className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
            to={`/login?${new URLSearchParams({ redirectTo: base })}`}
          >
            {t('masterclasses.detail.loginToRegister')}
          </Link>
        </p>
      ) : null}
      {registration.refusal && !ended && m.status !== 'cancelled' ? p(translateError(t, registration.refusal)) : null}
      {registration.refusal === 'masterclasses.errors.notOpenYet' && m.registrationOpensAt
        ? p(t('masterclasses.detail.registrationOpens', { date: formatDateTime(m.registrationOpensAt, lng) }))
        : null}
      {registration.refusal === null && !started && m.registrationClosesAt
        ? p(t('masterclasses.detail.registrationCloses', { date: formatDateTime(m.registrationClosesAt, lng) }))
        : null}
    </>
  )
}

function Facts({ data }: { data: Data }) {
  const { t } = useTranslation()
  const { masterclass: m, lng, started } = data
  const facts: Array<[string, React.ReactNode]> = [
    [
      t('masterclasses.detail.when'),
      <time key="when" dateTime={new Date(m.startsAt).toISOString()}>
        {timeRange(m.startsAt, m.endsAt, lng, t)}
      </time>,
    ],
    [t('masterclasses.detail.where'), <Where key="where" data={data} />],
  ]
  if (m.community) {
    facts.push([
      t('masterclasses.detail.community'),
      <Link key="community" className="utrecht-link" to={`/communities/${m.community.slug}`}>
        {m.community.name}
      </Link>,
    ])
  }
  if (m.facilitators.length) facts.push([t('masterclasses.detail.facilitators'), m.facilitators.map((f) => f.name).join(', ')])
  facts.push([t('masterclasses.detail.seats'), seats(t, m, started)])
  if (m.targetPhases.length)
    facts.push([t('masterclasses.list.forPhases'), m.targetPhases.map((x) => labelOf(x.phase, lng)).join(', ')])
  if (m.targetPositions.length)
    facts.push([t('masterclasses.list.forPositions'), m.targetPositions.map((x) => labelOf(x.position, lng)).join(', ')])
  if (m.themes.length) facts.push([t('masterclasses.list.themes'), m.themes.map((x) => labelOf(x.theme, lng)).join(', ')])
  return (
    <dl className="peloton-facts">
      {facts.map(([term, value]) => (
        <div key={term} className="peloton-facts__row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

function seats(t: TFunction, m: Data['masterclass'], started: boolean): string {
  const parts = [t('masterclasses.detail.capacity', { count: m.capacity })]
  if (!started) {
    parts.unshift(m.seatsLeft > 0 ? t('masterclasses.list.seatsLeft', { count: m.seatsLeft }) : t('masterclasses.list.full'))
    if (m.waitlistLength > 0) parts.push(t('masterclasses.list.waitlist', { count: m.waitlistLength }))
  }
  return parts.join(' · ')
}

function Where({ data }: { data: Data }) {
  const { t } = useTranslation()
  const { masterclass: m } = data
  const online = m.onlineUrl ? (
    /^https?:\/\//i.test(m.onlineUrl) ? (
      <a className="utrecht-link" href={m.onlineUrl} rel="noopener noreferrer">
        {t('masterclasses.detail.onlineLink', { url: m.onlineUrl })}
      </a>
    ) : (
      t('masterclasses.detail.onlineLink', { url: m.onlineUrl })
    )
  ) : m.online ? (
    t('masterclasses.detail.onlineHidden')
  ) : null
  return (
    <>
      {m.location}
      {m.location && online ? <br /> : null}
      {online}
    </>
  )
}

function Feedback({ data }: { data: Data }) {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const earlier = data.feedback
  const [form, fields] = useForm<z.input<typeof feedbackForm>>({
    lastResult: actionData?.result,
    defaultValue: earlier ? { rating: String(earlier.rating), comment: earlier.comment } : undefined,
  })
  const options = (['1', '2', '3', '4', '5'] as const).map((value) => ({
    value,
    label: t(`masterclasses.feedback.ratings.${value}`),
  }))
  return (
    <section aria-labelledby="masterclass-feedback" className="peloton-masterclass__feedback">
      <h2 id="masterclass-feedback" className="utrecht-heading-2">
        {t('masterclasses.feedback.title')}
      </h2>
      {actionData?.saved ? <StatusMessage>{t('masterclasses.feedback.saved')}</StatusMessage> : null}
      <p className="utrecht-paragraph">
        {earlier && !actionData?.saved
          ? t('masterclasses.feedback.earlier', { rating: earlier.rating })
          : t('masterclasses.feedback.intro')}
      </p>
      <Form method="post" {...getFormProps(form)} className="peloton-form">
        <FormErrors errors={form.errors} />
        <RadioGroup field={fields.rating} legend={t('masterclasses.feedback.rating')} options={options} />
        <TextareaField field={fields.comment} label={t('masterclasses.feedback.comment')} />
        <div className="peloton-actions">
          <SubmitButton>{earlier ? t('masterclasses.feedback.update') : t('masterclasses.feedback.submit')}</SubmitButton>
        </div>
      </Form>
    </section>
  )
}
