// The member-facing masterclass pages' loaders and actions on a real
// database: the list (filters, recommended with reasons, visibility), the
// detail (registration states and reasons, the online link), feedback after
// the event, the calendar files, the personal feed's settings, a community's
// tab and the landing page.
import { describe, expect, test } from 'vitest'
import { loader as landingLoader } from '~/routes/_index'
import { loader as feedLoader } from '~/routes/calendar.$token.feed[.ics]'
import { loader as communityTabLoader } from '~/routes/communities.$slug.masterclasses'
import { action as detailAction, loader as detailLoader } from '~/routes/masterclasses.$id._index'
import { loader as calendarLoader } from '~/routes/masterclasses.$id.calendar[.ics]'
import { loader as listLoader } from '~/routes/masterclasses._index'
import { action as feedSettingsAction, loader as feedSettingsLoader } from '~/routes/settings.calendar'
import { register } from '~/services/registrations.server'
import { prisma } from '~/utils/db.server'
import {
  anonymousContext,
  formRequest,
  getRequest,
  makeCommunity,
  makeLoggedInUser,
  makeMasterclass,
  routeArgs,
  status,
  statusOf,
} from '../factories'

const DAY = 24 * 3600_000
const list = (path: string, context: unknown = anonymousContext) => listLoader(routeArgs(getRequest(path), context))
const detail = (id: string, context: unknown = anonymousContext) =>
  detailLoader(routeArgs(getRequest(`/masterclasses/${id}`), context, { id }))

/** Moves a masterclass into the past (registration refuses that, so it is done after registering). */
async function endIt(id: string) {
  await prisma.masterclass.update({
    where: { id },
    data: { startsAt: new Date(Date.now() - 3 * DAY), endsAt: new Date(Date.now() - 3 * DAY + 2 * 3600_000) },
  })
}

describe('/masterclasses', () => {
  test('filters by community, theme, format and upcoming / past', async () => {
    const community = await makeCommunity({ visibility: 'open' })
    const inPerson = await makeMasterclass({ communityId: community.id, themes: ['grondwater'], title: 'Grondwater live' })
    const online = await makeMasterclass({
      communityId: community.id,
      location: null,
      onlineUrl: 'https://meet.example/x',
      title: 'Online sessie',
    })
    const past = await makeMasterclass({
      communityId: community.id,
      startsAt: new Date(Date.now() - 10 * DAY),
      title: 'Vorig jaar',
    })
    const ids = (r: Awaited<ReturnType<typeof list>>) => r.masterclasses.map((m) => m.id)
    const c = `communityId=${community.id}`
    expect(ids(await list(`/masterclasses?${c}`))).toEqual([inPerson.id, online.id])
    expect(ids(await list(`/masterclasses?${c}&when=past`))).toEqual([past.id])
    expect(ids(await list(`/masterclasses?${c}&format=online`))).toEqual([online.id])
    expect(ids(await list(`/masterclasses?${c}&format=in_person`))).toEqual([inPerson.id])
    const theme = await prisma.theme.findUniqueOrThrow({ where: { slug: 'grondwater' } })
    expect(ids(await list(`/masterclasses?${c}&themeId=${theme.id}`))).toEqual([inPerson.id])
    // The community is one of the filter's choices; nonsense in the query is ignored, not a 500.
    const result = await list(`/masterclasses?${c}&format=zeppelin&when=later&page=-3`)
    expect(result.communities.map((x) => x.id)).toContain(community.id)
    expect(result.filters).toMatchObject({ when: 'upcoming', format: undefined })
  })

  test('recommends to a member what fits their phase, position and themes, with the reasons', async () => {
    const community = await makeCommunity({ visibility: 'open' })
    const member = await makeLoggedInUser({ phase: 'planvorming', position: 'manager', themes: ['drinkwater'] })
    const fits = await makeMasterclass({
      communityId: community.id,
      phases: ['planvorming'],
      positions: ['manager'],
      themes: ['drinkwater'],
    })
    await makeMasterclass({ communityId: community.id, phases: ['borging'] })
    const result = await list(`/masterclasses?communityId=${community.id}`, member.context)
    expect(result.recommended.map((m) => m.id)).toEqual([fits.id])
    expect(result.recommended[0]!.reasons.map((r) => [r.kind, r.name])).toEqual([
      ['phase', 'Planvorming'],
      ['position', 'Manager'],
      ['theme', 'Drinkwater'],
    ])
    // Visitors get no recommendations, and nobody gets them for the past.
    expect((await list(`/masterclasses?communityId=${community.id}`)).recommended).toEqual([])
    expect((await list(`/masterclasses?communityId=${community.id}&when=past`, member.context)).recommended).toEqual([])
    expect(result.canCreate).toBe(false)
  })

  test('a draft only for its facilitators; an invite-only community’s masterclass only for its members', async () => {
    const facilitator = await makeLoggedInUser({ role: 'facilitator' })
    const member = await makeLoggedInUser()
    const insider = await makeLoggedInUser()
    const closed = await makeCommunity({ visibility: 'invite_only', members: [insider.user.id] })
    const draft = await makeMasterclass({ status: 'draft', facilitators: [facilitator.user.id] })
    const hidden = await makeMasterclass({ communityId: closed.id })
    const seen = async (context: unknown) => (await list('/masterclasses', context)).masterclasses.map((m) => m.id)
    expect(await seen(member.context)).not.toContain(draft.id)
    expect(await seen(member.context)).not.toContain(hidden.id)
    expect(await seen(facilitator.context)).toContain(draft.id)
    expect(await seen(insider.context)).toContain(hidden.id)
    expect((await list('/masterclasses', facilitator.context)).canCreate).toBe(true)
    expect(await statusOf(detail(draft.id, member.context))).toBe(404)
    expect(await statusOf(detail(hidden.id, member.context))).toBe(404)
    expect(await statusOf(detail(hidden.id))).toBe(404)
    expect(await statusOf(detail('nope', member.context))).toBe(404)
    expect((await detail(draft.id, facilitator.context)).masterclass.status).toBe('draft')
    expect((await detail(hidden.id, insider.context)).masterclass.id).toBe(hidden.id)
  })
})

describe('/masterclasses/:id', () => {
  test('shows confirmed, waitlisted with the position, seats left and the waitlist length', async () => {
    const m = await makeMasterclass({ capacity: 1, location: null, onlineUrl: 'https://meet.example/geheim' })
    const [a, b, c, d] = await Promise.all([makeLoggedInUser(), makeLoggedInUser(), makeLoggedInUser(), makeLoggedInUser()])
    await register(m.id, a.user.id)
    await register(m.id, b.user.id)
    await register(m.id, c.user.id)
    const asA = await detail(m.id, a.context)
    expect(asA.masterclass.myRegistration).toMatchObject({ status: 'confirmed' })
    expect(asA.registration).toEqual({ mayRegister: false, refusal: null, mayCancel: true })
    expect(asA.masterclass.onlineUrl).toBe('https://meet.example/geheim')
    const asC = await detail(m.id, c.context)
    expect(asC.masterclass.myRegistration).toMatchObject({ status: 'waitlisted', position: 2 })
    expect(asC.masterclass).toMatchObject({ seatsLeft: 0, waitlistLength: 2, online: true })
    // Only participants see the online link; others see that it is online.
    expect(asC.masterclass.onlineUrl).toBeNull()
    const asD = await detail(m.id, d.context)
    expect(asD.registration).toMatchObject({ mayRegister: true, mayCancel: false })
    expect(asD.masterclass.onlineUrl).toBeNull()
    const visitor = await detail(m.id)
    expect(visitor).toMatchObject({ loggedIn: false, registration: { mayRegister: false, refusal: null } })
    expect(visitor.masterclass.onlineUrl).toBeNull()
  })

  test('gives the reason instead of the button outside the window, for a cancelled one and after the start', async () => {
    const member = await makeLoggedInUser()
    const notYet = await makeMasterclass({ registrationOpensAt: new Date(Date.now() + DAY) })
    expect((await detail(notYet.id, member.context)).registration).toMatchObject({
      mayRegister: false,
      refusal: 'masterclasses.errors.notOpenYet',
    })
    const closed = await makeMasterclass({ registrationClosesAt: new Date(Date.now() - DAY) })
    expect((await detail(closed.id, member.context)).registration.refusal).toBe('masterclasses.errors.registrationClosed')
    const cancelled = await makeMasterclass({ status: 'cancelled' })
    expect((await detail(cancelled.id, member.context)).registration).toMatchObject({
      mayRegister: false,
      refusal: 'masterclasses.errors.cancelled',
    })
    const over = await makeMasterclass({ startsAt: new Date(Date.now() - 2 * DAY) })
    expect(await detail(over.id, member.context)).toMatchObject({
      ended: true,
      registration: { mayRegister: false, refusal: 'masterclasses.errors.registrationClosed' },
    })
  })

  test('renders the description as sanitised Markdown', async () => {
    const m = await makeMasterclass()
    await prisma.masterclass.update({
      where: { id: m.id },
      data: { description: '**Vet** <script>alert(1)</script> [x](javascript:alert(1))' },
    })
    const html = (await detail(m.id)).descriptionHtml ?? ''
    expect(html).toContain('<strong>Vet</strong>')
    expect(html).not.toContain('<script')
    expect(html).not.toContain('href="javascript')
  })
})

describe('feedback after the event', () => {
  const send = (id: string, context: unknown, fields: Record<string, string>) =>
    detailAction(routeArgs(formRequest(`/masterclasses/${id}`, fields), context, { id }))

  test('only a confirmed participant, only after the end; the earlier answer comes back to edit', async () => {
    const m = await makeMasterclass({ capacity: 1 })
    const attendee = await makeLoggedInUser()
    const waiting = await makeLoggedInUser()
    await register(m.id, attendee.user.id)
    await register(m.id, waiting.user.id)
    // Before the event: no form, and a POST is refused.
    expect((await detail(m.id, attendee.context)).masterclass.can.giveFeedback).toBe(false)
    await expect(send(m.id, attendee.context, { rating: '4' })).rejects.toSatisfy(status(403))
    await endIt(m.id)
    expect((await detail(m.id, waiting.context)).masterclass.can.giveFeedback).toBe(false)
    await expect(send(m.id, waiting.context, { rating: '4' })).rejects.toSatisfy(status(403))

    const page = await detail(m.id, attendee.context)
    expect(page.masterclass.can.giveFeedback).toBe(true)
    expect(page.feedback).toBeNull()
    // A rating out of range: a translated error beside the field, nothing saved.
    const bad = (await send(m.id, attendee.context, { rating: '9' })) as {
      saved: boolean
      result: { error: Record<string, string[]> }
    }
    expect(bad.saved).toBe(false)
    expect(bad.result.error.rating).toEqual(['masterclasses.errors.ratingInvalid'])
    const missing = (await send(m.id, attendee.context, {})) as { result: { error: Record<string, string[]> } }
    expect(missing.result.error.rating).toEqual(['masterclasses.errors.ratingInvalid'])
    expect(await prisma.masterclassFeedback.count({ where: { masterclassId: m.id } })).toBe(0)

    expect(await send(m.id, attendee.context, { rating: '4', comment: 'Leerzaam' })).toMatchObject({ saved: true })
    expect((await detail(m.id, attendee.context)).feedback).toEqual({ rating: 4, comment: 'Leerzaam' })
    await send(m.id, attendee.context, { rating: '5', comment: '' })
    expect((await detail(m.id, attendee.context)).feedback).toEqual({ rating: 5, comment: '' })
    expect(await prisma.masterclassFeedback.count({ where: { masterclassId: m.id } })).toBe(1)
  })
})

describe('calendar files', () => {
  test('/masterclasses/:id/calendar.ics for those who may see it, without the online link for outsiders', async () => {
    const m = await makeMasterclass({ title: 'Agenda-test', location: null, onlineUrl: 'https://meet.example/geheim' })
    const participant = await makeLoggedInUser()
    const member = await makeLoggedInUser()
    await register(m.id, participant.user.id)
    const get = (id: string, context: unknown = anonymousContext) =>
      calendarLoader(routeArgs(getRequest(`/masterclasses/${id}/calendar.ics`), context, { id }))
    const mine = await get(m.id, participant.context)
    expect(mine.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    expect(mine.headers.get('Content-Disposition')).toBe(`attachment; filename="masterclass-${m.id}.ics"`)
    const text = await mine.text()
    expect(text).toContain('BEGIN:VCALENDAR')
    expect(text).toContain('SUMMARY:Agenda-test')
    expect(text).toContain('meet.example/geheim')
    const theirs = await (await get(m.id, member.context)).text()
    expect(theirs).toContain('LOCATION:Online')
    expect(theirs).not.toContain('geheim')
    expect(await (await get(m.id)).text()).not.toContain('geheim')
    const draft = await makeMasterclass({ status: 'draft' })
    expect(await statusOf(get(draft.id, member.context))).toBe(404)
    expect(await statusOf(get('nope', member.context))).toBe(404)
  })

  test('the personal feed: made and renewed at /settings/calendar; renewing revokes the old link; off is off', async () => {
    const member = await makeLoggedInUser()
    const m = await makeMasterclass({ title: 'In mijn feed' })
    await register(m.id, member.user.id)
    const settings = (intent: string) =>
      feedSettingsAction(routeArgs(formRequest('/settings/calendar', { intent }), member.context)) as Promise<{
        done: string
        url: string | null
      }>
    const feed = (url: string) => {
      const token = new URL(url).pathname.split('/')[2]!
      return feedLoader(routeArgs(getRequest(`/calendar/${token}/feed.ics`), anonymousContext, { token }))
    }
    expect(await feedSettingsLoader(routeArgs(getRequest('/settings/calendar'), member.context))).toEqual({ enabled: false })
    const first = await settings('renew')
    expect(first.done).toBe('created')
    expect(first.url).toMatch(/\/calendar\/[a-z2-7]+\/feed\.ics$/)
    const response = await feed(first.url!)
    expect(response.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    expect(response.headers.get('Cache-Control')).toContain('private')
    expect(await response.text()).toContain('SUMMARY:In mijn feed')
    expect(await feedSettingsLoader(routeArgs(getRequest('/settings/calendar'), member.context))).toEqual({ enabled: true })

    const second = await settings('renew')
    expect(second.done).toBe('renewed')
    expect(await statusOf(feed(first.url!))).toBe(404)
    expect(await statusOf(feed(second.url!))).toBe(200)
    expect(await settings('off')).toEqual({ done: 'turnedOff', url: null })
    expect(await statusOf(feed(second.url!))).toBe(404)
    expect(await statusOf(feedLoader(routeArgs(getRequest('/x'), anonymousContext, { token: 'unknowntokenxxxxxxxx' })))).toBe(404)
    await expect(settings('explode')).rejects.toSatisfy(status(400))
  })
})

describe('a community’s masterclasses and the landing page', () => {
  test('the community tab lists upcoming and past as the reader may see them', async () => {
    const facilitator = await makeLoggedInUser({ role: 'facilitator' })
    const member = await makeLoggedInUser()
    const community = await makeCommunity({ visibility: 'open', facilitators: [facilitator.user.id] })
    const upcoming = await makeMasterclass({ communityId: community.id })
    const draft = await makeMasterclass({ communityId: community.id, status: 'draft', facilitators: [facilitator.user.id] })
    const past = await makeMasterclass({ communityId: community.id, startsAt: new Date(Date.now() - 5 * DAY) })
    const tab = (context: unknown, slug = community.slug) =>
      communityTabLoader(routeArgs(getRequest(`/communities/${slug}/masterclasses`), context, { slug }))
    const asMember = await tab(member.context)
    expect(asMember.upcoming.map((m) => m.id)).toEqual([upcoming.id])
    expect(asMember.past.map((m) => m.id)).toEqual([past.id])
    expect((await tab(facilitator.context)).upcoming.map((m) => m.id).sort()).toEqual([upcoming.id, draft.id].sort())
    const closed = await makeCommunity({ visibility: 'invite_only' })
    expect(await statusOf(tab(member.context, closed.slug))).toBe(404)
  })

  test('the landing page shows the next published masterclasses the viewer may see', async () => {
    const soon = await makeMasterclass({ startsAt: new Date(Date.now() + 60_000), title: 'Heel binnenkort' })
    const draft = await makeMasterclass({ startsAt: new Date(Date.now() + 30_000), status: 'draft' })
    const data = await landingLoader(routeArgs(getRequest('/')))
    const ids = data.masterclasses.map((m) => m.id)
    expect(ids).toContain(soon.id)
    expect(ids).not.toContain(draft.id)
    expect(ids.length).toBeLessThanOrEqual(3)
  })
})

describe('the online link in lists', () => {
  test('never reaches the page data of a list, the landing page or a community tab', async () => {
    const community = await makeCommunity({ visibility: 'open' })
    const secret = `https://meet.example.nl/geheim-${Date.now()}`
    await makeMasterclass({ onlineUrl: secret, location: null, communityId: community.id })
    const viewer = await makeLoggedInUser()
    const pages = [
      await list('/masterclasses', viewer.context),
      await landingLoader(routeArgs(getRequest('/'), viewer.context)),
      await communityTabLoader(routeArgs(getRequest('/x'), viewer.context, { slug: community.slug })),
    ]
    for (const data of pages) {
      expect(JSON.stringify(data)).toContain('"online":true')
      expect(JSON.stringify(data)).not.toContain(secret)
    }
  })
})
