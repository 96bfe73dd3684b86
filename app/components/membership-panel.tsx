// Join, request to join, leave; for those who run the community, links to its
// join requests and to inviting people. Plain POST forms, so it works without
// JavaScript. Placed on the community home with the data from
// membershipPanelData(access) (app/services/membership.server.ts).
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { can, type Actor, type CommunityFacts } from '~/auth/community-policy'
import { Flash } from '~/components/ui/flash'
import { noticeKeys } from '~/utils/flash'
import { JOIN_MESSAGE_MAX_LENGTH, REQUEST_AGAIN_AFTER_DAYS } from '~/utils/membership-limits'

export interface MembershipPanelProps {
  slug: string
  facts: CommunityFacts
  actor: Actor
  pendingRequest: boolean
  declinedRecently: boolean
  pendingRequests: number
}

const NOTICES = noticeKeys('membership.notices', ['joined', 'requested', 'left', 'accepted'])

export function MembershipPanel({ slug, facts, actor, pendingRequest, declinedRecently, pendingRequests }: MembershipPanelProps) {
  const { t } = useTranslation()
  const base = `/communities/${slug}`
  return (
    <section className="peloton-card peloton-membership" aria-labelledby="membership-panel-title">
      <h2 id="membership-panel-title" className="utrecht-heading-3">
        {t('membership.panel.title')}
      </h2>
      <Flash notices={NOTICES} />
      {facts.archived ? <p className="utrecht-paragraph">{t('membership.panel.archived')}</p> : null}
      {facts.membership ? (
        <p className="utrecht-paragraph">
          {t(facts.membership === 'facilitator' ? 'membership.panel.facilitator' : 'membership.panel.member')}
        </p>
      ) : null}
      {actor === null && !facts.archived && facts.visibility !== 'invite_only' ? (
        <p className="utrecht-paragraph">
          <Link className="utrecht-link" to={`/login?${new URLSearchParams({ redirectTo: base })}`}>
            {t('membership.panel.loginToJoin')}
          </Link>
        </p>
      ) : null}
      {can(actor, facts, 'join') ? (
        <Form method="post" action={`${base}/join`} className="peloton-actions">
          <button type="submit" className="utrecht-button utrecht-button--primary-action">
            {t('membership.panel.join')}
          </button>
        </Form>
      ) : null}
      {can(actor, facts, 'requestToJoin') ? (
        pendingRequest ? (
          <p className="utrecht-paragraph">
            <strong>{t('membership.panel.pending')}</strong> {t('membership.panel.pendingText')}
          </p>
        ) : declinedRecently ? (
          <p className="utrecht-paragraph">{t('membership.panel.declinedText', { days: REQUEST_AGAIN_AFTER_DAYS })}</p>
        ) : (
          <Form method="post" action={`${base}/request`} className="peloton-form">
            <div className="utrecht-form-field utrecht-form-field--textarea">
              <div className="utrecht-form-field__label">
                <label className="utrecht-form-label" htmlFor="membership-request-message">
                  {t('membership.request.message')}
                </label>
              </div>
              <div className="utrecht-form-field__input">
                <textarea
                  id="membership-request-message"
                  name="message"
                  rows={3}
                  maxLength={JOIN_MESSAGE_MAX_LENGTH}
                  className="utrecht-textarea utrecht-textarea--html-textarea"
                />
              </div>
            </div>
            <div className="peloton-actions">
              <button type="submit" className="utrecht-button utrecht-button--primary-action">
                {t('membership.panel.request')}
              </button>
            </div>
          </Form>
        )
      ) : null}
      {can(actor, facts, 'decideJoinRequests') || can(actor, facts, 'invite') ? (
        <ul className="utrecht-unordered-list">
          {can(actor, facts, 'decideJoinRequests') && (facts.visibility === 'on_request' || pendingRequests > 0) ? (
            <li className="utrecht-unordered-list__item">
              <Link className="utrecht-link" to={`${base}/requests`}>
                {pendingRequests > 0
                  ? t('membership.panel.requestsCount', { count: pendingRequests })
                  : t('membership.panel.requests')}
              </Link>
            </li>
          ) : null}
          {can(actor, facts, 'invite') ? (
            <li className="utrecht-unordered-list__item">
              <Link className="utrecht-link" to={`${base}/invite`}>
                {t('membership.panel.invite')}
              </Link>
            </li>
          ) : null}
        </ul>
      ) : null}
      {can(actor, facts, 'leave') ? (
        <Form method="post" action={`${base}/leave`} className="peloton-actions">
          <button type="submit" className="utrecht-button utrecht-button--secondary-action">
            {t('membership.panel.leave')}
          </button>
        </Form>
      ) : null}
    </section>
  )
}
