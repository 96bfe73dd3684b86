// /masterclasses/:id: what, when and where, seats left and the waitlist, and
// for a logged-in member their registration (register / cancel post to their
// own routes and come back with ?notice= or ?error=). After the event a
// confirmed participant gives feedback here (this route's action).
import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getUser, requireUser } from '~/auth/guards.server'
import { StatusBadges } from '~/components/masterclass-card'
import { Facts } from '~/components/masterclass-facts'
import { Feedback, feedbackForm } from '~/components/masterclass-feedback-form'
import { Flash } from '~/components/ui/flash'
import { noticeKeys } from '~/utils/flash'
import { StatusMessage, SubmitButton } from '~/components/ui/form'
import { formatDateTime } from '~/i18n/config'
import { getLanguage } from '~/i18n/i18next.server'
import { actorOf } from '~/services/community-access.server'
import { giveFeedback } from '~/services/masterclass-feedback.server'
import { masterclassPage } from '~/services/masterclass-pages.server'
import { requireMasterclass, requireMasterclassCan } from '~/services/masterclass-queries.server'
import { fieldErrorsOf, UserInputError } from '~/utils/errors'
import { titled } from '~/utils/meta'
import { translateError } from '~/utils/validation'

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
  const actionData = useActionData<typeof action>()
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

        {m.can.giveFeedback ? <Feedback earlier={data.feedback} actionData={actionData} /> : null}
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
