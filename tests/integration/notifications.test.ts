// The bell: notifications are stored with the write they belong to, counted
// for the header, listed newest first a page at a time, and marked read when shown.
import { describe, expect, it } from 'vitest'
import { loader as rootLoader } from '~/root'
import { loader as notificationsLoader } from '~/routes/notifications'
import { listNotifications, markRead, notify, NOTIFICATIONS_PER_PAGE, unreadCount } from '~/services/notifications.server'
import { prisma } from '~/utils/db.server'
import { anonymousContext, makeLoggedInUser, makeUser } from '../factories'

type Ctx = Awaited<ReturnType<typeof makeLoggedInUser>>['context']
const args = (path: string, context: Ctx | typeof anonymousContext) =>
  ({ request: new Request(`http://localhost${path}`), context, params: {} }) as never

async function seed(userId: string, n: number) {
  for (let i = 0; i < n; i++) {
    await prisma.$transaction((tx) =>
      notify(tx, {
        userId,
        kind: 'reply',
        link: `/communities/bodem/discussions/t${i}`,
        data: { person: `Persoon ${i}`, thread: `Draad ${i}`, community: 'Bodem' },
      }),
    )
    // Distinct timestamps, so "newest first" is well defined.
    await prisma.notification.updateMany({
      where: { userId, link: `/communities/bodem/discussions/t${i}` },
      data: { createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)) },
    })
  }
}

describe('notifications', () => {
  it('counts unread ones for the header and marks only the shown page read', async () => {
    const { user, context } = await makeLoggedInUser()
    const other = await makeUser()
    await seed(user.id, NOTIFICATIONS_PER_PAGE + 5)
    await seed(other.id, 2)
    expect(await unreadCount(user.id)).toBe(NOTIFICATIONS_PER_PAGE + 5)
    expect((await rootLoader(args('/', context))).unreadNotifications).toBe(NOTIFICATIONS_PER_PAGE + 5)
    expect((await rootLoader(args('/', anonymousContext))).unreadNotifications).toBe(0)

    const first = await notificationsLoader(args('/notifications', context))
    expect(first.notifications).toHaveLength(NOTIFICATIONS_PER_PAGE)
    expect(first.pages).toBe(2)
    // Newest first, each as it was when shown (unread), with its link and names.
    expect(first.notifications[0]).toMatchObject({
      link: `/communities/bodem/discussions/t${NOTIFICATIONS_PER_PAGE + 4}`,
      read: false,
      data: { person: `Persoon ${NOTIFICATIONS_PER_PAGE + 4}`, community: 'Bodem' },
    })
    expect(await unreadCount(user.id)).toBe(5)
    const second = await notificationsLoader(args('/notifications?page=2', context))
    expect(second.notifications).toHaveLength(5)
    expect(await unreadCount(user.id)).toBe(0)
    // Shown again: now read.
    expect((await notificationsLoader(args('/notifications', context))).notifications.every((n) => n.read)).toBe(true)
    // Someone else's stay unread.
    expect(await unreadCount(other.id)).toBe(2)
  })

  it("markRead ignores another member's notifications", async () => {
    const a = await makeUser()
    const b = await makeUser()
    await seed(b.id, 1)
    const { notifications } = await listNotifications(b.id)
    expect(
      await markRead(
        a.id,
        notifications.map((n) => n.id),
      ),
    ).toBe(0)
    expect(await unreadCount(b.id)).toBe(1)
    expect(
      await markRead(
        b.id,
        notifications.map((n) => n.id),
      ),
    ).toBe(1)
    expect(await unreadCount(b.id)).toBe(0)
  })

  it('asks a visitor to log in, and survives a bad page number', async () => {
    const thrown = await notificationsLoader(args('/notifications', anonymousContext)).catch((r: unknown) => r)
    expect((thrown as Response).headers.get('Location')).toMatch(/^\/login\?redirectTo=%2Fnotifications/)
    const { context } = await makeLoggedInUser()
    const page = await notificationsLoader(args('/notifications?page=abc', context))
    expect(page).toMatchObject({ page: 1, pages: 1, notifications: [] })
  })

  it('keeps only links on our own site', async () => {
    const { user, context } = await makeLoggedInUser()
    await prisma.notification.create({ data: { userId: user.id, kind: 'reply', link: '//evil.example/x', data: 'not json' } })
    const page = await notificationsLoader(args('/notifications', context))
    expect(page.notifications[0]).toMatchObject({ link: '/notifications', data: {} })
  })
})
