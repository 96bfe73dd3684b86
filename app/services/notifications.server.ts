// In-app notifications (the bell). A notification stores its kind, the page it
// is about and the names its text needs; the text itself is rendered from
// kind + data in the reader's language, so it follows a language switch.
import { pageWindow } from '~/utils/pagination'
import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'

import type { NotificationKind } from '~/utils/notification-kinds'

/**
 * The names a notification's text uses; every kind reads `community`,
 * `join_request` and `invitation` and `reply` also `person`, `reply` also `thread`;
 * the masterclass kinds read only `masterclass`.
 */
export type NotificationData = {
  community?: string
  person?: string
  thread?: string
  masterclass?: string
  /** Not shown: lets a withdrawn introduction take its entry away. */
  introductionId?: string
}

export interface NewNotification {
  userId: string
  kind: NotificationKind
  /** A path on our own site, e.g. /communities/bodem-utrecht/requests. */
  link: string
  data: NotificationData
}

export const NOTIFICATIONS_PER_PAGE = 20

/** Stores a notification inside the caller's transaction, so it commits with what it is about. */
export async function notify(tx: Prisma.TransactionClient, notification: NewNotification): Promise<void> {
  await notifyMany(tx, [notification.userId], notification)
}

/** The same notification for several people (e.g. every facilitator of a community). */
export async function notifyMany(
  tx: Prisma.TransactionClient,
  userIds: string[],
  { kind, link, data }: Omit<NewNotification, 'userId'>,
): Promise<void> {
  const unique = [...new Set(userIds)]
  if (unique.length === 0) return
  const json = JSON.stringify(data)
  await tx.notification.createMany({ data: unique.map((userId) => ({ userId, kind, link, data: json })) })
}

/** Different notifications in one statement (publishing: each member a link to their own group). */
export async function notifyEach(tx: Prisma.TransactionClient, notifications: NewNotification[]): Promise<void> {
  if (notifications.length === 0) return
  await tx.notification.createMany({
    data: notifications.map(({ userId, kind, link, data }) => ({ userId, kind, link, data: JSON.stringify(data) })),
  })
}

export function unreadCount(userId: string): Promise<number> {
  return prisma.notification.count({ where: { userId, readAt: null } })
}

export interface NotificationItem {
  id: string
  kind: string
  link: string
  data: NotificationData
  read: boolean
  createdAt: Date
}

function parseData(json: string): NotificationData {
  try {
    const value: unknown = JSON.parse(json)
    if (!value || typeof value !== 'object') return {}
    const out: NotificationData = {}
    for (const key of ['community', 'person', 'thread', 'masterclass'] as const) {
      const v = (value as Record<string, unknown>)[key]
      if (typeof v === 'string') out[key] = v
    }
    return out
  } catch {
    return {}
  }
}

/** One page of the member's notifications, newest first. */
export async function listNotifications(
  userId: string,
  page = 1,
): Promise<{ notifications: NotificationItem[]; total: number; page: number; pages: number }> {
  const total = await prisma.notification.count({ where: { userId } })
  const { page: current, pages, skip, take } = pageWindow(total, page, NOTIFICATIONS_PER_PAGE)
  const rows = await prisma.notification.findMany({
    where: { userId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip,
    take,
    select: { id: true, kind: true, link: true, data: true, readAt: true, createdAt: true },
  })
  return {
    notifications: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      link: r.link,
      data: parseData(r.data),
      read: r.readAt !== null,
      createdAt: r.createdAt,
    })),
    total,
    page: current,
    pages,
  }
}

/** Marks these notifications of this member read (ids of someone else's are ignored). */
export async function markRead(userId: string, ids: string[], now = new Date()): Promise<number> {
  if (ids.length === 0) return 0
  const { count } = await prisma.notification.updateMany({
    where: { userId, id: { in: ids }, readAt: null },
    data: { readAt: now },
  })
  return count
}

/** Marks read what points at a page, e.g. a facilitator's join-request notifications once they open the requests page. */
export async function markReadByLink(userId: string, link: string, now = new Date()): Promise<number> {
  const { count } = await prisma.notification.updateMany({ where: { userId, link, readAt: null }, data: { readAt: now } })
  return count
}
