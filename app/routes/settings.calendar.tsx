// /settings/calendar: a member's personal calendar feed. Only the token's hash
// is stored, so the feed's URL is shown once, right after it was made; a new
// one revokes the old at once, and the feed can be switched off.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requireUser } from '~/auth/guards.server'
import { StatusMessage } from '~/components/ui/form'
import { hasCalendarFeed, renewCalendarFeed, revokeCalendarFeed } from '~/services/masterclass-calendar.server'
import { appUrl } from '~/utils/env.server'
import { pageTitle } from '~/utils/meta'

const intentSchema = z.object({ intent: z.enum(['renew', 'off']) })

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'masterclasses.calendar.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  return { enabled: await hasCalendarFeed(user.id) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const parsed = intentSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) throw new Response('Bad request', { status: 400 })
  if (parsed.data.intent === 'off') {
    await revokeCalendarFeed(user.id)
    return { done: 'turnedOff' as const, url: null }
  }
  const had = await hasCalendarFeed(user.id)
  const token = await renewCalendarFeed(user.id)
  return { done: had ? ('renewed' as const) : ('created' as const), url: `${appUrl()}/calendar/${token}/feed.ics` }
}

export default function CalendarSettings() {
  const { t } = useTranslation()
  const { enabled } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  return (
    <section className="peloton-narrow">
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to="/settings/profile">
          {t('nav.profile')}
        </Link>
      </p>
      <h1 className="utrecht-heading-1">{t('masterclasses.calendar.title')}</h1>
      <p className="utrecht-paragraph">{t('masterclasses.calendar.intro')}</p>
      {data ? <StatusMessage>{t(`masterclasses.calendar.${data.done}`)}</StatusMessage> : null}
      {data?.url ? (
        <div className="utrecht-form-field utrecht-form-field--text">
          <div className="utrecht-form-field__label">
            <label className="utrecht-form-label" htmlFor="feed-url">
              {t('masterclasses.calendar.urlLabel')}
            </label>
          </div>
          <div id="feed-url-hint" className="utrecht-form-field-description">
            {t('masterclasses.calendar.urlHint')} {t('masterclasses.calendar.secret')}
          </div>
          <div className="utrecht-form-field__input">
            <input
              id="feed-url"
              type="text"
              readOnly
              value={data.url}
              aria-describedby="feed-url-hint"
              className="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--read-only"
              onFocus={(event) => event.currentTarget.select()}
            />
          </div>
        </div>
      ) : (
        <p className="utrecht-paragraph">
          {enabled
            ? `${t('masterclasses.calendar.statusOn')} ${t('masterclasses.calendar.shownOnce')}`
            : t('masterclasses.calendar.statusOff')}
        </p>
      )}
      <Form method="post" className="peloton-actions">
        <button
          type="submit"
          name="intent"
          value="renew"
          className="utrecht-button utrecht-button--primary-action"
          aria-describedby={enabled ? 'renew-hint' : undefined}
        >
          {enabled ? t('masterclasses.calendar.renew') : t('masterclasses.calendar.create')}
        </button>
        {enabled ? (
          <button type="submit" name="intent" value="off" className="utrecht-button utrecht-button--secondary-action">
            {t('masterclasses.calendar.off')}
          </button>
        ) : null}
      </Form>
      {enabled ? (
        <p id="renew-hint" className="utrecht-paragraph peloton-muted">
          {t('masterclasses.calendar.renewHint')}
        </p>
      ) : null}
    </section>
  )
}
