// Test populations for the peer-group tests: people each at an organisation
// of their own (types taking turns), with a position and a phase; a community
// with its groups page's action and loader; the draft and a snapshot of it all.
import { action as communityAction, loader as communityLoader } from '~/routes/communities.$slug.groups'
import { prisma } from '~/utils/db.server'
import { formRequest, getRequest, makeCommunity, makeLoggedInUser, makeOrganisation, makeUser, routeArgs } from '../factories'

const TYPES = ['gemeente', 'provincie', 'waterschap', 'omgevingsdienst', 'adviesbureau', 'rijk']

export async function makePeople(
  count: number,
  {
    phase = 'planvorming',
    position = 'beleidsmedewerker',
    positions,
    password,
  }: { phase?: string; position?: string; positions?: string[]; password?: string } = {},
) {
  const people = []
  for (let i = 0; i < count; i++) {
    const organisation = await makeOrganisation({ type: TYPES[i % TYPES.length] })
    people.push(
      await makeUser({
        name: `Deelnemer ${String(i + 1).padStart(2, '0')}`,
        organisationId: organisation.id,
        position: positions?.[i] ?? position,
        phase,
        password,
      }),
    )
  }
  return people
}

/** The loader context of a logged-in session for an existing user (as makeLoggedInUser gives). */
export async function contextFor(userId: string) {
  const { createSession, validateSessionToken } = await import('~/auth/session.server')
  const { token } = await createSession(userId)
  const session = await validateSessionToken(token)
  if (!session) throw new Error('the new session did not validate')
  return { session, clientIp: '127.0.0.1', cspNonce: 'test', token }
}

export type ActionData = Awaited<ReturnType<typeof communityAction>>

export async function communitySetup(count = 8) {
  const facilitator = await makeLoggedInUser({ role: 'facilitator' })
  const people = await makePeople(count)
  const community = await makeCommunity({ facilitators: [facilitator.user.id], members: people.map((p) => p.id) })
  const post = (fields: Record<string, string>, context: unknown = facilitator.context) =>
    communityAction(routeArgs(formRequest(`/communities/${community.slug}/groups`, fields), context, { slug: community.slug }))
  const load = (context: unknown = facilitator.context) =>
    communityLoader(routeArgs(getRequest(`/communities/${community.slug}/groups`), context, { slug: community.slug }))
  return { facilitator, people, community, post, load }
}

export const propose = (minSize: string, maxSize: string, rule = 'samePhaseMixedTypes') => ({
  intent: 'propose',
  minSize,
  maxSize,
  rule,
})

export async function draftOf(owner: { communityId: string } | { masterclassId: string }) {
  return prisma.peerGrouping.findFirstOrThrow({
    where: { ...owner, status: 'draft' },
    include: { groups: { orderBy: { number: 'asc' }, include: { members: true } } },
  })
}

/** Everything a failed action must leave as it was. */
export async function snapshot() {
  return {
    groupings: await prisma.peerGrouping.findMany({ orderBy: { id: 'asc' } }),
    groups: await prisma.peerGroup.findMany({ orderBy: { id: 'asc' } }),
    members: await prisma.peerGroupMember.findMany({ orderBy: [{ groupId: 'asc' }, { userId: 'asc' }] }),
    matches: await prisma.peerMatch.count(),
    documents: await prisma.document.count(),
  }
}
