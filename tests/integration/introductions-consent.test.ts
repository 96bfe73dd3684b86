// Introductions and consent: opting out of matching withdraws what is pending,
// an answer is refused when either side is no longer opted in, a declined
// request keeps counting towards the requester's open requests (so declining
// stays quiet), and two accepts at once make one match.
import { beforeEach, describe, expect, it } from 'vitest'
import { action as peersAction, loader as peersLoader } from '~/routes/peers'
import { answerIntroduction, requestIntroduction } from '~/services/introductions.server'
import { getProfile, updateProfile } from '~/services/profile.server'
import { prisma } from '~/utils/db.server'
import { UserInputError } from '~/utils/errors'
import { MAX_OPEN_INTRODUCTIONS, OPEN_INTRODUCTION_DAYS } from '~/utils/peer-limits'
import { clearMembers, formRequest, getRequest, makeLoggedInUser, makeOrganisation, routeArgs } from '../factories'

type Member = Awaited<ReturnType<typeof makeLoggedInUser>>

beforeEach(async () => {
  await clearMembers()
  await prisma.peerMatch.deleteMany()
})

async function peer(name: string): Promise<Member> {
  const org = await makeOrganisation()
  return makeLoggedInUser({ name, organisationId: org.id, position: 'beleidsmedewerker', phase: 'planvorming', optIn: true })
}

/** Opts the member out through the profile service, everything else as it was. */
async function optOut(who: Member): Promise<void> {
  const p = await getProfile(who.user.id)
  await updateProfile(who.user.id, {
    name: p.name,
    bio: p.bio,
    organisationId: p.organisationId ?? undefined,
    positionId: p.positionId ?? undefined,
    phaseId: p.phaseId ?? undefined,
    themeIds: [],
    matchingOptIn: false,
  })
}

const pageText = async (who: Member) => JSON.stringify(await peersLoader(routeArgs(getRequest('/peers'), who.context)))
const introBetween = (requester: Member, recipient: Member) =>
  prisma.introduction.findFirst({ where: { requesterId: requester.user.id, recipientId: recipient.user.id } })

async function errorKey(work: Promise<unknown>): Promise<string | null> {
  try {
    await work
    return null
  } catch (error) {
    if (error instanceof UserInputError) return error.message
    throw error
  }
}

describe('opting out of matching', () => {
  it('withdraws the requests they sent and quietly declines the ones they received', async () => {
    const [anna, bram, carla] = [await peer('Anna'), await peer('Bram'), await peer('Carla')]
    await requestIntroduction(anna.user.id, bram.user.id, 'Anna vraagt Bram')
    await requestIntroduction(carla.user.id, anna.user.id, 'Carla vraagt Anna')
    const bell = (who: typeof bram) =>
      prisma.notification.findMany({ where: { userId: who.user.id, kind: 'introduction_request' } })
    expect(await bell(bram)).toHaveLength(1)
    await optOut(anna)

    // Bram no longer sees Anna's request (name, organisation, message) and cannot accept it; nor its bell entry.
    expect(await introBetween(anna, bram)).toBeNull()
    expect(await pageText(bram)).not.toContain('Anna vraagt Bram')
    expect(await bell(bram)).toEqual([])
    expect(await bell(anna)).toHaveLength(1)
    // Carla's request to Anna is declined, which Carla cannot tell from waiting: it still looks sent.
    expect((await introBetween(carla, anna))?.status).toBe('declined')
    const carlaPage = JSON.parse(await pageText(carla)) as { introductions: { sent: Array<{ person: { id: string } }> } }
    expect(carlaPage.introductions.sent.map((s) => s.person.id)).toEqual([anna.user.id])
    expect(await pageText(carla)).not.toContain(anna.user.email)
  })
})

describe('answering an introduction', () => {
  it('is refused when the requester or the recipient is no longer opted in, or deleted; nothing is shared', async () => {
    const [anna, bram] = [await peer('Anna'), await peer('Bram')]
    await requestIntroduction(anna.user.id, bram.user.id, 'Hallo')
    const intro = (await introBetween(anna, bram))!
    // Anna's opt-in went away without the profile form (an older session, an admin): the answer still checks it.
    await prisma.user.update({ where: { id: anna.user.id }, data: { matchingOptIn: false } })
    expect(await errorKey(answerIntroduction(bram.user.id, intro.id, true))).toBe('peers.errors.requestGone')
    expect((await prisma.introduction.findUniqueOrThrow({ where: { id: intro.id } })).status).toBe('pending')
    expect(await prisma.peerMatch.count()).toBe(0)
    expect(await pageText(bram)).not.toContain(anna.user.email)

    await prisma.user.update({ where: { id: anna.user.id }, data: { matchingOptIn: true } })
    await prisma.user.update({ where: { id: bram.user.id }, data: { matchingOptIn: false } })
    expect(await errorKey(answerIntroduction(bram.user.id, intro.id, true))).toBe('peers.errors.requestGone')

    await prisma.user.update({ where: { id: bram.user.id }, data: { matchingOptIn: true } })
    await prisma.user.update({ where: { id: anna.user.id }, data: { deletedAt: new Date() } })
    expect(await errorKey(answerIntroduction(bram.user.id, intro.id, true))).toBe('peers.errors.requestGone')
    expect(await prisma.peerMatch.count()).toBe(0)
  })

  it('twice at the same moment (a double click) makes one match', async () => {
    const [anna, bram] = [await peer('Anna'), await peer('Bram')]
    await requestIntroduction(anna.user.id, bram.user.id, 'Hallo')
    const intro = (await introBetween(anna, bram))!
    const accept = () =>
      peersAction(routeArgs(formRequest('/peers', { intent: 'accept', introductionId: intro.id }), bram.context))
    await Promise.all([accept(), accept(), accept()])
    expect(await prisma.peerMatch.count()).toBe(1)
    expect(await prisma.notification.count({ where: { userId: anna.user.id, kind: 'introduction_accepted' } })).toBe(1)
  })
})

describe('the limit of open requests', () => {
  it('counts declined requests too, so a requester at the limit does not learn of a decline; both expire', async () => {
    const anna = await peer('Anna')
    const asked: Member[] = []
    const sentAt = new Date(Date.now() - 24 * 3600_000)
    for (let i = 0; i < MAX_OPEN_INTRODUCTIONS; i++) {
      const other = await peer(`Peer ${i}`)
      asked.push(other)
      await requestIntroduction(anna.user.id, other.user.id, 'Hallo', sentAt)
    }
    const newcomer = await peer('Nieuw')
    const tooMany = `peers.errors.tooManyOpen?max=${MAX_OPEN_INTRODUCTIONS}&days=${OPEN_INTRODUCTION_DAYS}`
    expect(await errorKey(requestIntroduction(anna.user.id, newcomer.user.id, 'Hallo'))).toBe(tooMany)
    // One declines: Anna's answer must stay the same.
    const declined = (await introBetween(anna, asked[0]!))!
    await answerIntroduction(asked[0]!.user.id, declined.id, false)
    expect(await errorKey(requestIntroduction(anna.user.id, newcomer.user.id, 'Hallo'))).toBe(tooMany)
    // One accepts: that one is no longer open, and Anna is told of it anyway.
    const accepted = (await introBetween(anna, asked[1]!))!
    await answerIntroduction(asked[1]!.user.id, accepted.id, true)
    expect(await errorKey(requestIntroduction(anna.user.id, newcomer.user.id, 'Hallo'))).toBeNull()
    expect(await errorKey(requestIntroduction(anna.user.id, (await peer('Later')).user.id, 'Hallo'))).toBe(tooMany)
    // After the window, pending and declined ones alike stop counting (ten declines do not block for good).
    const later = new Date(sentAt.getTime() + (OPEN_INTRODUCTION_DAYS + 1) * 24 * 3600_000)
    expect(await errorKey(requestIntroduction(anna.user.id, (await peer('Later')).user.id, 'Hallo', later))).toBeNull()
  })
})
