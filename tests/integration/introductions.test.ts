// Introductions on /peers: ask, accept (e-mail addresses only then, match
// history), quiet decline, bad input and access, through the route's action.
import { beforeEach, describe, expect, it } from 'vitest'
import { action as peersAction, loader as peersLoader } from '~/routes/peers'
import { answerIntroduction, requestIntroduction } from '~/services/introductions.server'
import { deleteAccount, exportAccountData } from '~/services/profile.server'
import { prisma } from '~/utils/db.server'
import { INTRODUCTION_MESSAGE_MAX_LENGTH, MAX_OPEN_INTRODUCTIONS, OPEN_INTRODUCTION_DAYS } from '~/utils/peer-limits'
import {
  clearMembers,
  formRequest,
  getRequest,
  locationOf,
  makeLoggedInUser,
  makeOrganisation,
  makeUser,
  routeArgs,
  statusOf,
} from '../factories'

type Member = Awaited<ReturnType<typeof makeLoggedInUser>>

beforeEach(async () => {
  await clearMembers()
  await prisma.peerMatch.deleteMany()
  await prisma.mailMessage.deleteMany()
})

async function peer(options: Parameters<typeof makeLoggedInUser>[0] = {}): Promise<Member> {
  const org = await makeOrganisation()
  return makeLoggedInUser({
    organisationId: org.id,
    position: 'beleidsmedewerker',
    phase: 'planvorming',
    optIn: true,
    ...options,
  })
}

const ask = (from: Member, to: { id: string }, message = 'Hoi, ik werk ook aan het omgevingsplan.') =>
  peersAction(routeArgs(formRequest('/peers', { intent: 'ask', recipientId: to.id, message }), from.context))
const answer = (who: Member, introductionId: string, intent: 'accept' | 'decline') =>
  peersAction(routeArgs(formRequest('/peers', { intent, introductionId }), who.context))
/** The page as its loader data, as the HTML is rendered from it. */
const pageText = async (who: Member) => JSON.stringify(await peersLoader(routeArgs(getRequest('/peers'), who.context)))
const errorsOf = (result: unknown) => {
  const r = result as { result?: { error?: Record<string, string[]> } }
  return Object.values(r.result?.error ?? {}).flat()
}

describe('introductions', () => {
  it('shows e-mail addresses only after an accepted request, to both, and records the pair', async () => {
    const anna = await peer({ name: 'Anna' })
    const bram = await peer({ name: 'Bram' })
    expect(locationOf(await ask(anna, bram.user))).toBe('/peers?notice=asked')

    const intro = await prisma.introduction.findFirstOrThrow({ where: { requesterId: anna.user.id } })
    expect(intro).toMatchObject({ recipientId: bram.user.id, status: 'pending' })
    // The recipient is told in the app and by mail; the mail does not carry the requester's address.
    expect(await prisma.notification.findFirst({ where: { userId: bram.user.id, kind: 'introduction_request' } })).not.toBeNull()
    const mail = await prisma.mailMessage.findFirstOrThrow({ where: { to: bram.user.email } })
    expect(mail.subject).toContain('Anna')
    expect(mail.text).not.toContain(anna.user.email)

    const before = await pageText(bram)
    expect(before).toContain('Hoi, ik werk ook aan het omgevingsplan.')
    expect(before).not.toContain(anna.user.email)
    expect(await pageText(anna)).not.toContain(bram.user.email)

    expect(locationOf(await answer(bram, intro.id, 'accept'))).toBe('/peers?notice=accepted')
    expect(await pageText(bram)).toContain(anna.user.email)
    expect(await pageText(anna)).toContain(bram.user.email)
    const [userAId, userBId] = [anna.user.id, bram.user.id].sort()
    expect(
      await prisma.peerMatch.findMany({ select: { userAId: true, userBId: true, source: true, introductionId: true } }),
    ).toEqual([{ userAId, userBId, source: 'introduction', introductionId: intro.id }])
    expect(await prisma.notification.findFirst({ where: { userId: anna.user.id, kind: 'introduction_accepted' } })).not.toBeNull()
    // Asking again, either way, is refused.
    expect(errorsOf(await ask(anna, bram.user))).toEqual(['peers.errors.alreadyIntroduced'])
    expect(errorsOf(await ask(bram, anna.user))).toEqual(['peers.errors.alreadyIntroduced'])
  })

  it('declines quietly: the requester is not told, still sees it as sent, and cannot ask again', async () => {
    const anna = await peer({ name: 'Anna' })
    const bram = await peer({ name: 'Bram' })
    await ask(anna, bram.user)
    const intro = await prisma.introduction.findFirstOrThrow({})
    const annaBefore = await pageText(anna)
    expect(locationOf(await answer(bram, intro.id, 'decline'))).toBe('/peers?notice=declined')

    expect(await prisma.notification.count({ where: { userId: anna.user.id } })).toBe(0)
    expect(await prisma.mailMessage.count({ where: { to: anna.user.email } })).toBe(0)
    expect(await prisma.peerMatch.count()).toBe(0)
    const annaAfter = await peersLoader(routeArgs(getRequest('/peers'), anna.context))
    expect(annaAfter.introductions.sent.map((s) => s.person.name)).toEqual(['Bram'])
    expect(JSON.stringify(annaAfter)).toBe(annaBefore)
    expect(JSON.stringify(annaAfter)).not.toContain(bram.user.email)
    expect(errorsOf(await ask(anna, bram.user))).toEqual(['peers.errors.alreadyAsked'])
    // Bram's page no longer lists the request.
    expect((await peersLoader(routeArgs(getRequest('/peers'), bram.context))).introductions.received).toEqual([])
  })

  it('refuses bad input with a translated error and changes nothing', async () => {
    const anna = await peer()
    const bram = await peer()
    const org = await makeOrganisation()
    const colleague = await makeUser({ organisationId: anna.user.organisationId!, optIn: true })
    const hidden = await makeUser({ organisationId: org.id })
    const gone = await makeUser({ organisationId: org.id, optIn: true })
    await prisma.user.update({ where: { id: gone.id }, data: { deletedAt: new Date() } })

    expect(errorsOf(await ask(anna, bram.user, '   '))).toEqual(['errors.required'])
    expect(errorsOf(await ask(anna, bram.user, 'x'.repeat(INTRODUCTION_MESSAGE_MAX_LENGTH + 1)))).toEqual([
      `errors.tooLong?max=${INTRODUCTION_MESSAGE_MAX_LENGTH}`,
    ])
    for (const target of [anna.user, colleague, hidden, gone, { id: 'no-such-user' }]) {
      expect(errorsOf(await ask(anna, target))).toEqual(['peers.errors.notAPeer'])
    }
    const shy = await makeLoggedInUser({ organisationId: org.id })
    expect(errorsOf(await ask(shy, bram.user))).toEqual(['peers.errors.optInFirst'])
    expect(await prisma.introduction.count()).toBe(0)
    expect(await prisma.notification.count()).toBe(0)
    expect(await prisma.mailMessage.count()).toBe(0)
  })

  it('allows one open request per pair, either way, and a limited number of open requests', async () => {
    const anna = await peer()
    const bram = await peer()
    // Asking each other at the same moment (and a double click) makes one request.
    const results = await Promise.all([ask(anna, bram.user), ask(bram, anna.user), ask(anna, bram.user)])
    expect(results.filter((r) => r instanceof Response)).toHaveLength(1)
    expect(await prisma.introduction.count()).toBe(1)
    await prisma.introduction.deleteMany()
    await ask(anna, bram.user)
    expect(errorsOf(await ask(anna, bram.user))).toEqual(['peers.errors.alreadyAsked'])
    expect(errorsOf(await ask(bram, anna.user))).toEqual(['peers.errors.alreadyAsked'])
    for (let i = 1; i < MAX_OPEN_INTRODUCTIONS; i++) await requestIntroduction(anna.user.id, (await peer()).user.id, 'Hallo')
    expect(errorsOf(await ask(anna, (await peer()).user))).toEqual([
      `peers.errors.tooManyOpen?max=${MAX_OPEN_INTRODUCTIONS}&days=${OPEN_INTRODUCTION_DAYS}`,
    ])
    expect(await prisma.introduction.count({ where: { requesterId: anna.user.id } })).toBe(MAX_OPEN_INTRODUCTIONS)
  })

  it('lets only the recipient answer, once', async () => {
    const anna = await peer()
    const bram = await peer()
    const eve = await peer()
    await ask(anna, bram.user)
    const intro = await prisma.introduction.findFirstOrThrow({})
    for (const who of [anna, eve]) {
      expect(locationOf(await answer(who, intro.id, 'accept'))).toBe('/peers?error=peers.errors.requestGone')
    }
    expect((await prisma.introduction.findUniqueOrThrow({ where: { id: intro.id } })).status).toBe('pending')
    expect(await pageText(eve)).not.toContain(bram.user.email)
    await answer(bram, intro.id, 'accept')
    expect(locationOf(await answer(bram, intro.id, 'decline'))).toBe('/peers?error=peers.errors.requestGone')
    expect((await prisma.introduction.findUniqueOrThrow({ where: { id: intro.id } })).status).toBe('accepted')
    expect(locationOf(await peersAction(routeArgs(formRequest('/peers', { intent: 'hack' }), bram.context)))).toBe(
      '/peers?error=errors.invalidChoice',
    )
    // Visitors are sent to log in.
    expect(await statusOf(peersAction(routeArgs(formRequest('/peers', { intent: 'accept', introductionId: intro.id }))))).toBe(
      302,
    )
  })

  it('are in the data export (a sent request without its answer) and go with a deleted account', async () => {
    const anna = await peer()
    const bram = await peer()
    const eve = await peer()
    await requestIntroduction(anna.user.id, bram.user.id, 'Zullen we bellen?')
    await requestIntroduction(anna.user.id, eve.user.id, 'Koffie?')
    const [toBram, toEve] = await prisma.introduction.findMany({ orderBy: { createdAt: 'asc' } })
    await answerIntroduction(bram.user.id, toBram!.id, true)
    await answerIntroduction(eve.user.id, toEve!.id, false)

    const annaData = await exportAccountData(anna.user.id)
    expect(annaData.introductionsSent.map((i) => i.message).sort()).toEqual(['Koffie?', 'Zullen we bellen?'])
    expect(JSON.stringify(annaData.introductionsSent)).not.toMatch(/declined|accepted/)
    expect(annaData.matchHistory).toMatchObject([{ with: bram.user.name, source: 'introduction' }])
    expect((await exportAccountData(eve.user.id)).introductionsReceived).toMatchObject([
      { message: 'Koffie?', status: 'declined' },
    ])

    await deleteAccount(anna.user.id)
    expect(await prisma.introduction.count()).toBe(0)
    expect(await prisma.peerMatch.count()).toBe(0)
  })
})
