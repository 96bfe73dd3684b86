// /peers suggestions through the loader, phase changes, and the admin weights.
import { beforeEach, describe, expect, it } from 'vitest'
import { action as adminAction, loader as adminLoader } from '~/routes/admin'
import { loader as peersLoader } from '~/routes/peers'
import { updateProfile } from '~/services/profile.server'
import { prisma } from '~/utils/db.server'
import {
  clearMembers,
  formRequest,
  getRequest,
  makeLoggedInUser,
  makeOrganisation,
  makeUser,
  routeArgs,
  statusOf,
  taxonomyId,
} from '../factories'

type Page = Awaited<ReturnType<typeof peersLoader>>
const names = (list: { name: string }[] | undefined) => list?.map((s) => s.name)

async function page(context: unknown, query = ''): Promise<Page> {
  return peersLoader(routeArgs(getRequest(`/peers${query}`), context))
}

beforeEach(async () => {
  await clearMembers()
  await prisma.matchingWeights.deleteMany()
})

/** Anna (Beleidsmedewerker, Planvorming, Zuid-Holland municipality) and peers whose order is known. */
async function world() {
  const delft = await makeOrganisation({ type: 'gemeente', province: 'zuid-holland' })
  const utrecht = await makeOrganisation({ type: 'provincie', province: 'utrecht' })
  const brabant = await makeOrganisation({ type: 'waterschap', province: 'noord-brabant' })
  const leiden = await makeOrganisation({ type: 'gemeente', province: 'zuid-holland' })
  const anna = await makeLoggedInUser({
    name: 'Anna',
    organisationId: delft.id,
    position: 'beleidsmedewerker',
    phase: 'planvorming',
    themes: ['grondwater', 'bodemenergie-en-warmte'],
    optIn: true,
  })
  const opted = { optIn: true }
  const bram = await makeUser({
    ...opted,
    name: 'Bram',
    organisationId: utrecht.id,
    position: 'beleidsmedewerker',
    phase: 'planvorming',
  })
  const carla = await makeUser({
    ...opted,
    name: 'Carla',
    organisationId: brabant.id,
    position: 'manager',
    phase: 'bewustwording',
    themes: ['grondwater', 'bodemenergie-en-warmte'],
  })
  const dirk = await makeUser({
    ...opted,
    name: 'Dirk',
    organisationId: leiden.id,
    position: 'projectleider',
    phase: 'uitvoering',
    themes: ['grondwater'],
  })
  const hidden = await makeUser({
    name: 'Hidden',
    organisationId: utrecht.id,
    position: 'beleidsmedewerker',
    phase: 'planvorming',
  })
  const colleague = await makeUser({
    ...opted,
    name: 'Colleague',
    organisationId: delft.id,
    position: 'beleidsmedewerker',
    phase: 'planvorming',
  })
  return { anna, bram, carla, dirk, hidden, colleague, orgs: { delft, utrecht, brabant, leiden } }
}

describe('/peers suggestions', () => {
  it('lists peers like you and one phase ahead, with reasons, never the hidden or colleagues', async () => {
    const { anna } = await world()
    const { suggestions } = await page(anna.context)
    expect(names(suggestions?.peers)).toEqual(['Bram', 'Carla'])
    expect(names(suggestions?.ahead)).toEqual(['Dirk'])
    expect(suggestions?.peers[0]).toMatchObject({
      organisation: expect.stringMatching(/^Gemeente Test/),
      position: 'Beleidsmedewerker',
      phase: 'Planvorming',
      reasons: [
        { term: 'position', position: 'Beleidsmedewerker' },
        { term: 'samePhase', phase: 'Planvorming' },
      ],
    })
    expect(suggestions?.peers[1]?.reasons).toEqual([{ term: 'sharedThemes', themes: ['Bodemenergie en warmte', 'Grondwater'] }])
    expect(suggestions?.ahead[0]?.reasons).toEqual([
      { term: 'phaseAhead', phase: 'Uitvoering' },
      { term: 'sharedThemes', themes: ['Grondwater'] },
      { term: 'region', province: 'Zuid-Holland' },
    ])
  })

  it('names the reasons in English for an English page', async () => {
    const { anna } = await world()
    const request = new Request('http://localhost/peers', { headers: { 'Accept-Language': 'en' } })
    const { suggestions } = await peersLoader(routeArgs(request, anna.context))
    expect(suggestions?.ahead[0]?.reasons[0]).toEqual({ term: 'phaseAhead', phase: 'Implementation' })
  })

  it('applies the filters from the query string', async () => {
    const { anna } = await world()
    expect(names((await page(anna.context, '?sameProvince=on')).suggestions?.ahead)).toEqual(['Dirk'])
    expect(names((await page(anna.context, '?sameProvince=on')).suggestions?.peers)).toEqual([])
    expect(names((await page(anna.context, '?organisationType=other')).suggestions?.peers)).toEqual(['Bram', 'Carla'])
    expect(names((await page(anna.context, '?organisationType=same')).suggestions?.ahead)).toEqual(['Dirk'])
    const manure = await taxonomyId('theme', 'grondwater')
    expect(names((await page(anna.context, `?themeId=${manure}`)).suggestions?.peers)).toEqual(['Carla'])
    // Nonsense in the query string is ignored, not an error.
    expect(names((await page(anna.context, '?organisationType=all&sameProvince=x')).suggestions?.peers)).toEqual([
      'Bram',
      'Carla',
    ])
  })

  it('puts people already introduced last', async () => {
    const { anna, bram } = await world()
    const [userAId, userBId] = [anna.user.id, bram.id].sort()
    await prisma.peerMatch.create({ data: { userAId: userAId!, userBId: userBId!, source: 'group' } })
    const { suggestions } = await page(anna.context)
    expect(names(suggestions?.peers)).toEqual(['Carla', 'Bram'])
    expect(suggestions?.peers.map((s) => s.metBefore)).toEqual([false, true])
  })

  it('shows no suggestions to a member who did not opt in, and sends visitors to log in', async () => {
    const { orgs } = await world()
    const shy = await makeLoggedInUser({ organisationId: orgs.brabant.id, position: 'beleidsmedewerker', phase: 'planvorming' })
    const result = await page(shy.context)
    expect(result.optedIn).toBe(false)
    expect(result.suggestions).toBeNull()
    expect(await statusOf(peersLoader(routeArgs(getRequest('/peers'))))).toBe(302)
  })

  it('follows phase changes made through the profile service, the member’s own and a peer’s', async () => {
    const { anna, dirk, orgs } = await world()
    const borging = await makeUser({
      optIn: true,
      name: 'Eva',
      organisationId: orgs.brabant.id,
      phase: 'borging',
      position: 'beleidsmedewerker',
    })
    expect(names((await page(anna.context)).suggestions?.ahead)).toEqual(['Dirk'])

    const profile = async (user: typeof dirk, phase: string, position: string) =>
      updateProfile(user.id, {
        name: user.name,
        bio: '',
        organisationId: user.organisationId ?? undefined,
        positionId: await taxonomyId('position', position),
        phaseId: await taxonomyId('transitionPhase', phase),
        themeIds: [],
        matchingOptIn: true,
      })
    // Anna moves on to Uitvoering: Dirk is now in her phase, Eva (Borging) one ahead, Bram behind.
    await profile({ ...anna.user, organisationId: anna.user.organisationId }, 'uitvoering', 'beleidsmedewerker')
    let result = await page(anna.context)
    const reasonsOf = (name: string) => result.suggestions?.peers.find((p) => p.name === name)?.reasons.map((r) => r.term)
    expect(reasonsOf('Bram')).toEqual(['position'])
    expect(reasonsOf('Dirk')).toEqual(['samePhase', 'region'])
    expect(names(result.suggestions?.ahead)).toEqual([borging.name])

    // A peer's change reaches the cached population too: Dirk moves to Borging and joins Eva.
    await profile(dirk, 'borging', 'projectleider')
    result = await page(anna.context)
    expect(names(result.suggestions?.ahead)).toEqual(['Eva', 'Dirk'])
    expect(names(result.suggestions?.peers)).not.toContain('Dirk')
  })
})

describe('matching weights at /admin', () => {
  const weights = { position: '40', samePhase: '30', phaseAhead: '25', sharedTheme: '10', region: '10' }

  it('is for admins only', async () => {
    const { context } = await makeLoggedInUser({ role: 'facilitator' })
    expect(await statusOf(adminAction(routeArgs(formRequest('/admin', { intent: 'setWeights', ...weights }), context)))).toBe(403)
    expect(await prisma.matchingWeights.count()).toBe(0)
  })

  it('saves five whole numbers 0–100 with who saved them, and the ranking follows', async () => {
    const { anna } = await world()
    const admin = await makeLoggedInUser({ role: 'admin' })
    expect((await adminLoader(routeArgs(getRequest('/admin'), admin.context))).weights).toMatchObject({
      position: 40,
      region: 10,
    })
    // Themes weigh more than position and phase together: Carla comes first.
    const done = await adminAction(
      routeArgs(formRequest('/admin', { intent: 'setWeights', ...weights, sharedTheme: '100' }), admin.context),
    )
    expect(done).toMatchObject({ weightsSaved: true })
    expect(await prisma.matchingWeights.findUniqueOrThrow({ where: { id: 'current' } })).toMatchObject({
      sharedTheme: 100,
      position: 40,
      updatedById: admin.user.id,
    })
    expect(names((await page(anna.context)).suggestions?.peers)).toEqual(['Carla', 'Bram'])
  })

  it('refuses anything else with an error beside the field and saves nothing', async () => {
    const admin = await makeLoggedInUser({ role: 'admin' })
    for (const bad of ['101', '-1', '2.5', 'veel', '']) {
      const result = await adminAction(
        routeArgs(formRequest('/admin', { intent: 'setWeights', ...weights, region: bad }), admin.context),
      )
      const reply = 'weights' in result ? result.weights : undefined
      expect(reply?.error?.region?.[0]).toMatch(/^errors\.(wholeNumberBetween\?min=0&max=100|required)$/)
    }
    expect(await prisma.matchingWeights.count()).toBe(0)
  })
})
