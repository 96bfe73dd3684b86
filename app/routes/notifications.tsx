// /notifications: the member's notifications, newest first. Opening a page of
// them marks the ones shown read (they have been seen); each links to its page.
import { Pagination } from '~/components/ui/pagination'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requireUser, safeRedirect } from '~/auth/guards.server'
import { formatDateTime } from '~/i18n/config'
import { getLanguage } from '~/i18n/i18next.server'
import { listNotifications, markRead, unreadCount } from '~/services/notifications.server'
import { NOTIFICATION_KINDS } from '~/utils/notification-kinds'
import { pageTitle } from '~/utils/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'membership.notifications.title')

const pageSchema = z.coerce.number().int().min(1).max(10_000).catch(1)

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const page = pageSchema.parse(new URL(request.url).searchParams.get('page') ?? 1)
  const result = await listNotifications(user.id, page)
  await markRead(
    user.id,
    result.notifications.filter((n) => !n.read).map((n) => n.id),
  )
  return {
    ...result,
    // Only links on our own site, whatever a notification holds.
    notifications: result.notifications.map((n) => ({ ...n, link: safeRedirect(n.link, '/notifications') })),
    // The root loader may have counted before these were marked; the bell reads this one on this page.
    unreadNotifications: await unreadCount(user.id),
    lng: await getLanguage(request),
  }
}

export default function Notifications() {
  const { t } = useTranslation()
  const { notifications, page, pages, lng } = useLoaderData<typeof loader>()
  const known = new Set<string>(NOTIFICATION_KINDS)
  return (
    <section className="peloton-narrow">
      <h1 className="utrecht-heading-1">{t('membership.notifications.title')}</h1>
      {notifications.length === 0 ? (
        <p className="utrecht-paragraph">{t('membership.notifications.none')}</p>
      ) : (
        <ul className="utrecht-unordered-list peloton-notifications">
          {notifications.map((n) => (
            <li key={n.id} className="utrecht-unordered-list__item">
              {n.read ? null : <strong>{t('membership.notifications.unread')}: </strong>}
              <Link className="utrecht-link" to={n.link}>
                {t(`membership.notifications.kinds.${known.has(n.kind) ? n.kind : 'unknown'}`, {
                  community: n.data.community ?? '',
                  person: n.data.person ?? '',
                  thread: n.data.thread ?? '',
                  masterclass: n.data.masterclass ?? '',
                })}
              </Link>{' '}
              <time dateTime={new Date(n.createdAt).toISOString()}>{formatDateTime(n.createdAt, lng)}</time>
            </li>
          ))}
        </ul>
      )}
      <Pagination
        page={page}
        pages={pages}
        link={(p) => `/notifications?page=${p}`}
        label={t('membership.notifications.pagination')}
      />
    </section>
  )
}
