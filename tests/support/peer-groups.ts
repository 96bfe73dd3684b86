// Test populations for the peer-group tests: people each at an organisation
// of their own (types taking turns), with a position and a phase.
import { makeOrganisation, makeUser } from '../factories'

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
