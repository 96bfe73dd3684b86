// The peer score and its reasons on small hand-made populations whose best answer is known.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { indexPeers } from './peer-index.server'
import { MAX_COUNTED_THEMES, rankSuggestions, scorePeer, type Candidate, type SuggestionFilters } from './peer-score.server'
import { DEFAULT_MATCHING_WEIGHTS as W, type PeerProfile } from './peer-types'

function person(id: string, p: Partial<PeerProfile> = {}): PeerProfile {
  return {
    id,
    organisationId: `org-${id}`,
    organisationTypeId: 'gemeente',
    provinceId: 'utrecht',
    positionId: null,
    phaseRank: null,
    themeIds: [],
    ...p,
  }
}

// Anna: Beleidsmedewerker at a municipality in Zuid-Holland, Planvorming (3), Grondwater and Bodemenergie.
const anna = person('anna', {
  organisationId: 'delft',
  provinceId: 'zuid-holland',
  positionId: 'beleid',
  phaseRank: 3,
  themeIds: ['grondwater', 'bodemenergie'],
})
const ids = (list: { profile: PeerProfile }[]) => list.map((s) => s.profile.id)

describe('scorePeer', () => {
  it('adds up the terms and names each one that added points (the ADR example)', () => {
    const bram = person('bram', { provinceId: 'utrecht', positionId: 'beleid', phaseRank: 3, themeIds: ['grondwater'] })
    expect(scorePeer(anna, bram, W)).toEqual({
      score: 40 + 30 + 10,
      kind: 'samePhase',
      reasons: [
        { term: 'position', points: 40, positionId: 'beleid' },
        { term: 'samePhase', points: 30, phaseRank: 3 },
        { term: 'sharedThemes', points: 10, themeIds: ['grondwater'] },
      ],
    })
    const carla = person('carla', {
      provinceId: 'zuid-holland',
      positionId: 'specialist',
      phaseRank: 3,
      themeIds: ['grondwater', 'bodemenergie', 'klimaat'],
    })
    expect(scorePeer(anna, carla, W)).toMatchObject({ score: 30 + 20 + 10, kind: 'samePhase' })
    const dirk = person('dirk', {
      provinceId: 'zuid-holland',
      positionId: 'projectleider',
      phaseRank: 4,
      themeIds: ['bodemenergie'],
    })
    expect(scorePeer(anna, dirk, W)).toEqual({
      score: 25 + 10 + 10,
      kind: 'phaseAhead',
      reasons: [
        { term: 'phaseAhead', points: 25, phaseRank: 4 },
        { term: 'sharedThemes', points: 10, themeIds: ['bodemenergie'] },
        { term: 'region', points: 10, provinceId: 'zuid-holland' },
      ],
    })
    // Without the region term Carla and Dirk lose ten points each, and the reason with them.
    expect(scorePeer(anna, carla, { ...W, region: 0 }).score).toBe(50)
    expect(scorePeer(anna, dirk, { ...W, region: 0 }).reasons.map((r) => r.term)).toEqual(['phaseAhead', 'sharedThemes'])
  })

  it('gives a phase behind or two ahead nothing for the phase, and caps the counted themes', () => {
    const behind = person('x', { phaseRank: 2 })
    const twoAhead = person('y', { phaseRank: 5 })
    expect(scorePeer(anna, behind, W)).toEqual({ score: 0, kind: 'other', reasons: [] })
    expect(scorePeer(anna, twoAhead, W).score).toBe(0)
    const me = person('me', { themeIds: ['a', 'b', 'c', 'd', 'e'] })
    const many = scorePeer(me, person('z', { provinceId: null, themeIds: ['e', 'd', 'c', 'b'] }), W)
    expect(many.score).toBe(W.sharedTheme * MAX_COUNTED_THEMES)
    expect(many.reasons).toEqual([{ term: 'sharedThemes', points: 30, themeIds: ['e', 'd', 'c', 'b'] }])
  })

  it('follows the weights: a term weighted 0 adds no points and no reason', () => {
    const bram = person('bram', { positionId: 'beleid', phaseRank: 3, provinceId: 'zuid-holland' })
    const weights = { ...W, position: 0, region: 100 }
    expect(scorePeer(anna, bram, weights)).toEqual({
      score: 130,
      kind: 'samePhase',
      reasons: [
        { term: 'samePhase', points: 30, phaseRank: 3 },
        { term: 'region', points: 100, provinceId: 'zuid-holland' },
      ],
    })
  })

  it('always has reasons that add up to the score', () => {
    const values = [null, 'a', 'b']
    for (let n = 0; n < 500; n++) {
      const pick = <T>(xs: T[], k: number) => xs[(n * k + (n >> 2)) % xs.length]!
      const other = person(`p${n}`, {
        positionId: pick(values, 7),
        phaseRank: pick([null, 1, 2, 3, 4, 5], 5),
        provinceId: pick(values, 3),
        themeIds: ['a', 'b', 'c', 'd'].slice(n % 5),
      })
      const me = person('me', { positionId: 'a', phaseRank: 2, provinceId: 'b', themeIds: ['b', 'c', 'd', 'x'] })
      const { score, reasons } = scorePeer(me, other, W)
      expect(reasons.reduce((sum, r) => sum + r.points, 0)).toBe(score)
    }
  })
})

describe('rankSuggestions', () => {
  const bram = person('bram', { positionId: 'beleid', phaseRank: 3 }) // 70
  const carla = person('carla', { positionId: 'specialist', phaseRank: 1, themeIds: ['grondwater', 'bodemenergie'] }) // 20
  const dirk = person('dirk', { positionId: 'specialist', phaseRank: 4, themeIds: ['grondwater'] }) // 35, ahead
  const eva = person('eva', { positionId: 'beleid', phaseRank: 4 }) // 65, ahead
  const nobody = person('nobody', { positionId: 'manager', phaseRank: 1 }) // 0

  it('puts same position and phase before themes only, and one phase ahead in its own list', () => {
    const { peers, ahead } = rankSuggestions(anna, [carla, nobody, dirk, bram, eva, anna], W)
    expect(ids(peers)).toEqual(['bram', 'carla'])
    expect(ids(ahead)).toEqual(['eva', 'dirk'])
    expect(peers.map((s) => s.score)).toEqual([70, 20])
    expect(ahead.every((s) => s.kind === 'phaseAhead')).toBe(true)
    expect(peers[0]!.reasons.map((r) => r.term)).toEqual(['position', 'samePhase'])
  })

  it('lists people met before after the others, whatever their score', () => {
    const { peers } = rankSuggestions(anna, [bram, carla], W, { history: new Set(['bram']) })
    expect(ids(peers)).toEqual(['carla', 'bram'])
    expect(peers.map((s) => s.metBefore)).toEqual([false, true])
  })

  it('never suggests me, my own organisation, or someone who did not opt in', () => {
    const colleague = person('colleague', { organisationId: 'delft', positionId: 'beleid', phaseRank: 3 })
    const shy: Candidate = { ...person('shy', { positionId: 'beleid', phaseRank: 3 }), optedIn: false }
    const { peers } = rankSuggestions(anna, [anna, colleague, shy, carla], W)
    expect(ids(peers)).toEqual(['carla'])
  })

  it('applies the filters: same province, organisation type and theme', () => {
    const zh = person('zh', { provinceId: 'zuid-holland', phaseRank: 3 })
    const ws = person('ws', { organisationTypeId: 'waterschap', phaseRank: 3, themeIds: ['grondwater'] })
    const pop = [zh, ws, bram]
    expect(ids(rankSuggestions(anna, pop, W, { filters: { sameProvince: true } }).peers)).toEqual(['zh'])
    expect(ids(rankSuggestions(anna, pop, W, { filters: { organisationType: 'other' } }).peers)).toEqual(['ws'])
    expect(ids(rankSuggestions(anna, pop, W, { filters: { organisationType: 'same' } }).peers)).toEqual(['bram', 'zh'])
    expect(ids(rankSuggestions(anna, pop, W, { filters: { themeId: 'grondwater' } }).peers)).toEqual(['ws'])
  })

  it('is deterministic: ties go by id, whatever the order of the population', () => {
    const twins = ['t3', 't1', 't2', 't0'].map((id) => person(id, { positionId: 'beleid' }))
    const forward = rankSuggestions(anna, twins, W, { limit: 3 })
    const backward = rankSuggestions(anna, [...twins].reverse(), W, { limit: 3 })
    expect(ids(forward.peers)).toEqual(['t0', 't1', 't2'])
    expect(forward).toEqual(backward)
  })

  it('keeps the best `limit` of a larger population', () => {
    const pop = Array.from({ length: 200 }, (_, i) =>
      person(`p${String(i).padStart(3, '0')}`, {
        positionId: i % 2 ? 'beleid' : null,
        phaseRank: (i % 5) + 1,
        themeIds: i % 3 ? ['grondwater'] : [],
      }),
    )
    const { peers, ahead } = rankSuggestions(anna, pop, W, { limit: 5 })
    const all = pop.map((p) => ({ id: p.id, ...scorePeer(anna, p, W) })).filter((s) => s.score > 0)
    const best = (kind: (k: string) => boolean) =>
      all
        .filter((s) => kind(s.kind))
        .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
        .slice(0, 5)
        .map((s) => s.id)
    expect(ids(peers)).toEqual(best((k) => k !== 'phaseAhead'))
    expect(ids(ahead)).toEqual(best((k) => k === 'phaseAhead'))
  })
})

describe('rankSuggestions over a PeerIndex', () => {
  // The reference: scorePeer on every eligible person, sorted as the lists promise.
  function reference(me: PeerProfile, pop: Candidate[], history: Set<string>, filters: SuggestionFilters, limit: number) {
    const eligible = pop.filter(
      (o) =>
        o.id !== me.id &&
        o.optedIn !== false &&
        !(me.organisationId !== null && o.organisationId === me.organisationId) &&
        !(filters.sameProvince && (me.provinceId === null || o.provinceId !== me.provinceId)) &&
        !(
          filters.organisationType === 'same' &&
          (me.organisationTypeId === null || o.organisationTypeId !== me.organisationTypeId)
        ) &&
        !(filters.organisationType === 'other' && o.organisationTypeId === me.organisationTypeId) &&
        !(filters.themeId !== undefined && !o.themeIds.includes(filters.themeId)),
    )
    const scored = eligible
      .map((o) => ({ id: o.id, met: history.has(o.id) ? 1 : 0, ...scorePeer(me, o, W) }))
      .filter((s) => s.score > 0)
      .sort((a, b) => a.met - b.met || b.score - a.score || (a.id < b.id ? -1 : 1))
    return {
      peers: scored
        .filter((s) => s.kind !== 'phaseAhead')
        .slice(0, limit)
        .map((s) => s.id),
      ahead: scored
        .filter((s) => s.kind === 'phaseAhead')
        .slice(0, limit)
        .map((s) => s.id),
    }
  }

  const small = (prefix: string, n: number) =>
    fc.option(
      fc.integer({ min: 0, max: n - 1 }).map((i) => `${prefix}${i}`),
      { nil: null },
    )
  // Up to 40 themes, so the bit sets take two words.
  const profile = fc.record({
    id: fc.string({ minLength: 1, maxLength: 6 }),
    organisationId: small('org', 6),
    organisationTypeId: small('type', 3),
    provinceId: small('prov', 3),
    positionId: small('pos', 3),
    phaseRank: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    themeIds: fc.uniqueArray(
      fc.integer({ min: 0, max: 39 }).map((i) => `theme${i}`),
      { maxLength: 5 },
    ),
    optedIn: fc.option(fc.boolean(), { nil: undefined }),
  })
  const filters: fc.Arbitrary<SuggestionFilters> = fc.record(
    {
      sameProvince: fc.boolean(),
      organisationType: fc.constantFrom('same' as const, 'other' as const),
      themeId: fc.integer({ min: 0, max: 41 }).map((i) => `theme${i}`),
    },
    { requiredKeys: [] },
  )

  it('gives what scoring everyone one by one gives, filters and history included', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(profile, { selector: (p) => p.id, minLength: 30, maxLength: 60, size: 'max' }),
        profile,
        filters,
        fc.integer({ min: 0, max: 8 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (pop, me, f, limit, picks) => {
          const history = new Set(picks.map((k) => pop[k % Math.max(1, pop.length)]?.id ?? 'nobody'))
          const index = indexPeers(pop)
          const { peers, ahead } = rankSuggestions(me, index, W, { limit, filters: f, history })
          expect({ peers: ids(peers), ahead: ids(ahead) }).toEqual(reference(me, pop, history, f, limit))
        },
      ),
      { numRuns: 300 },
    )
  })
})
