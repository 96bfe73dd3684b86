// /communities/:slug/requests: facilitators approve or decline requests to join.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requireUser } from '~/auth/guards.server'
import { StatusMessage } from '~/components/ui/form'
import { formatDate } from '~/i18n/config'
import { getLanguage } from '~/i18n/i18next.server'
import { requireCan, requireCommunity } from '~/services/community-access.server'
import { decideJoinRequest, listPendingRequests } from '~/services/membership.server'
import { markReadByLink } from '~/services/notifications.server'
import { titled } from '~/utils/meta'
import { labelOf } from '~/utils/taxonomy'
import { FactList } from '~/components/ui/fact-list'

const decisionSchema = z.object({
  requestId: z.string().min(1).max(64),
  intent: z.enum(['approve', 'decline']),
})

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? titled(data.community.name) : [])

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const access = await requireCommunity(params.slug ?? '', user)
  requireCan(access, 'decideJoinRequests')
  const { slug, name } = access.community
  // Seeing the list is seeing what the join-request notifications pointed at.
  const [requests] = await Promise.all([
    listPendingRequests(access.community.id),
    markReadByLink(user.id, `/communities/${slug}/requests`),
  ])
  return { community: { slug, name }, requests, lng: await getLanguage(request) }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const access = await requireCommunity(params.slug ?? '', user)
  requireCan(access, 'decideJoinRequests')
  const parsed = decisionSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) throw new Response('Bad request', { status: 400 })
  const { requestId, intent } = parsed.data
  const decided = await decideJoinRequest(access.community, { requestId, deciderId: user.id, approve: intent === 'approve' })
  if (!decided) return { outcome: 'alreadyDecided' as const, name: '' }
  return { outcome: decided.status, name: decided.name }
}

export default function JoinRequests() {
  const { t } = useTranslation()
  const { community, requests, lng } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <section>
      <h2 className="utrecht-heading-2">{t('membership.requests.title', { community: community.name })}</h2>
      {result?.outcome === 'approved' ? (
        <StatusMessage>{t('membership.requests.approved', { name: result.name })}</StatusMessage>
      ) : null}
      {result?.outcome === 'declined' ? (
        <StatusMessage>{t('membership.requests.declined', { name: result.name })}</StatusMessage>
      ) : null}
      {result?.outcome === 'alreadyDecided' ? (
        <StatusMessage type="warning">{t('membership.requests.alreadyDecided')}</StatusMessage>
      ) : null}
      {requests.length === 0 ? (
        <p className="utrecht-paragraph">{t('membership.requests.none')}</p>
      ) : (
        <ul className="peloton-cards" aria-label={t('membership.requests.title', { community: community.name })}>
          {requests.map((r) => (
            <li key={r.id}>
              <RequestCard request={r} lng={lng} />
            </li>
          ))}
        </ul>
      )}
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to={`/communities/${community.slug}`}>
          {t('membership.request.back')}
        </Link>
      </p>
    </section>
  )
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

function RequestCard({ request: r, lng }: { request: LoaderData['requests'][number]; lng: 'nl' | 'en' }) {
  const { t } = useTranslation()
  const unknown = t('membership.requests.unknown')
  const name = r.user.name
  return (
    <article className="peloton-card">
      <h3 className="utrecht-heading-3">{name}</h3>
      <p className="utrecht-paragraph">{t('membership.requests.requestedAt', { date: formatDate(r.createdAt, lng) })}</p>
      <FactList
        facts={[
          [t('membership.requests.organisation'), r.user.organisation?.name ?? unknown],
          [t('membership.requests.position'), r.user.position ? labelOf(r.user.position, lng) : unknown],
          [t('membership.requests.phase'), r.user.phase ? `${r.user.phase.sortOrder}. ${labelOf(r.user.phase, lng)}` : unknown],
          [
            t('membership.requests.message'),
            <span key="message" style={{ whiteSpace: 'pre-line' }}>
              {r.message || t('membership.requests.noMessage')}
            </span>,
          ],
        ]}
      />
      <Form method="post" className="peloton-actions">
        <input type="hidden" name="requestId" value={r.id} />
        <button
          type="submit"
          name="intent"
          value="approve"
          className="utrecht-button utrecht-button--primary-action"
          aria-label={t('membership.requests.approveLabel', { name })}
        >
          {t('membership.requests.approve')}
        </button>
        <button
          type="submit"
          name="intent"
          value="decline"
          className="utrecht-button utrecht-button--secondary-action"
          aria-label={t('membership.requests.declineLabel', { name })}
        >
          {t('membership.requests.decline')}
        </button>
      </Form>
    </article>
  )
}
