// Small hand-made populations whose best grouping is known, the problems
// checkGrouping names, and the quality measure. The twelve people are ADR
// 0013's worked example: the figures there are the figures asserted here.
import { describe, expect, test } from 'vitest'
import { checkGrouping, GroupingError, groupingQuality, proposeGroups, type GroupingInput } from './peer-grouping.server'
import { pairKey, type GroupingRule, type PeerProfile } from './peer-types'

const TYPES: Record<string, string> = {
  'gemeente-utrecht': 'gemeente',
  'gemeente-rotterdam': 'gemeente',
  'provincie-utrecht': 'provincie',
  'waterschap-agv': 'waterschap',
  'od-haaglanden': 'omgevingsdienst',
  deltares: 'kennisinstelling',
  tauw: 'adviesbureau',
}

function person(id: string, organisationId: string, positionId: string | null, phaseRank: number | null): PeerProfile {
  return {
    id,
    organisationId,
    organisationTypeId: TYPES[organisationId] ?? null,
    provinceId: null,
    positionId,
    phaseRank,
    themeIds: [],
  }
}

const TWELVE = [
  person('anouk', 'gemeente-utrecht', 'beleidsmedewerker', 2),
  person('bram', 'gemeente-utrecht', 'projectleider', 2),
  person('charlotte', 'provincie-utrecht', 'beleidsmedewerker', 2),
  person('daan', 'waterschap-agv', 'specialist-adviseur', 2),
  person('eva', 'gemeente-rotterdam', 'beleidsmedewerker', 2),
  person('finn', 'tauw', 'specialist-adviseur', 2),
  person('greet', 'deltares', 'specialist-adviseur', 3),
  person('hamza', 'gemeente-rotterdam', 'projectleider', 3),
  person('iris', 'od-haaglanden', 'vth', 3),
  person('joost', 'provincie-utrecht', 'manager', 3),
  person('kim', 'gemeente-utrecht', 'vth', 4),
  person('lars', 'tauw', 'projectleider', 4),
]
const MET_BEFORE = new Set([pairKey('anouk', 'charlotte'), pairKey('greet', 'iris')])

function input(rule: GroupingRule, people = TWELVE, sizes = { minSize: 3, maxSize: 4 }): GroupingInput {
  return { people, ...sizes, rule, pastPairs: MET_BEFORE }
}

const sorted = (groups: string[][]) => groups.map((g) => [...g].sort()).sort((a, b) => a.join().localeCompare(b.join()))

describe('checkGrouping', () => {
  test('names each problem, in the order the page shows them', () => {
    expect(checkGrouping({ ...input('samePosition'), minSize: 1, maxSize: 1 })).toBe('groupSizeTooSmall')
    expect(checkGrouping({ ...input('samePosition'), minSize: 1, maxSize: 4 })).toBe('groupSizeTooSmall')
    expect(checkGrouping({ ...input('samePosition'), minSize: 5, maxSize: 4 })).toBe('minAboveMax')
    expect(checkGrouping({ ...input('samePosition'), minSize: 13, maxSize: 14 })).toBe('tooFewPeople')
    expect(checkGrouping({ ...input('samePosition'), people: [] })).toBe('tooFewPeople')
    // Seven people in groups of 4 or 5: one group is too small, two too many.
    expect(checkGrouping({ ...input('samePosition'), people: TWELVE.slice(0, 7), minSize: 4, maxSize: 5 })).toBe(
      'sizesImpossible',
    )
    expect(checkGrouping(input('samePosition'))).toBeNull()
  })

  test('a rule nobody can follow together with anyone is impossible', () => {
    const samePhase = TWELVE.slice(0, 6)
    expect(checkGrouping(input('mixedPhasesWithAhead', samePhase))).toBe('ruleImpossible')
    // Phases 2 and 4 only: nobody is exactly one phase ahead of anyone.
    const twoApart = TWELVE.filter((p) => p.phaseRank !== 3)
    expect(checkGrouping(input('mixedPhasesWithAhead', twoApart))).toBe('ruleImpossible')
    const allDifferentPositions = [TWELVE[0]!, TWELVE[1]!, TWELVE[3]!, TWELVE[8]!, TWELVE[9]!]
    expect(checkGrouping(input('samePosition', allDifferentPositions, { minSize: 2, maxSize: 3 }))).toBe('ruleImpossible')
    const oneType = TWELVE.filter((p) => p.organisationTypeId === 'gemeente')
    expect(checkGrouping(input('samePhaseMixedTypes', oneType, { minSize: 2, maxSize: 3 }))).toBe('ruleImpossible')
    const noPhases = TWELVE.map((p) => ({ ...p, phaseRank: null }))
    expect(checkGrouping(input('samePhaseMixedTypes', noPhases))).toBe('ruleImpossible')
  })

  test('proposeGroups throws the problem as a GroupingError', () => {
    expect(() => proposeGroups({ ...input('samePosition'), minSize: 1 })).toThrow(GroupingError)
    try {
      proposeGroups(input('mixedPhasesWithAhead', TWELVE.slice(0, 6)))
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(GroupingError)
      expect((error as GroupingError).problem).toBe('ruleImpossible')
    }
  })
})

describe('proposeGroups on the worked example', () => {
  test('same phase with mixed types: phase 2 in two mixed threes, colleagues and old pairs apart', () => {
    const groups = proposeGroups(input('samePhaseMixedTypes'))
    expect(sorted(groups)).toEqual([
      ['anouk', 'daan', 'eva'],
      ['bram', 'charlotte', 'finn'],
      ['greet', 'kim', 'lars'],
      ['hamza', 'iris', 'joost'],
    ])
    const quality = groupingQuality(input('samePhaseMixedTypes'), groups)
    // Phase 3 has four people and phase 4 two: one of phase 3 must join phase 4 (6 people, groups of 3–4).
    expect(quality.groups.map((g) => g.explanation.outsideRule).flat()).toEqual(['greet'])
    expect(quality.ruleFit).toBeCloseTo(34 / 36, 10)
    expect(quality.overall).toBeCloseTo(0.9667, 4)
    expect(quality.sameOrganisationPairs).toBe(0)
    expect(quality.repeatedPairs).toBe(0)
  })

  test('same position: each position together; the one pair met before stays, as splitting it costs more fit', () => {
    const groups = proposeGroups(input('samePosition'))
    expect(sorted(groups)).toEqual([
      ['anouk', 'charlotte', 'eva'],
      ['bram', 'hamza', 'lars'],
      ['daan', 'finn', 'greet'],
      ['iris', 'joost', 'kim'],
    ])
    const quality = groupingQuality(input('samePosition'), groups)
    expect(quality.ruleFit).toBeCloseTo(11 / 12, 10)
    expect(quality.repeatedPairs).toBe(1)
  })

  test('mixed phases: everyone has someone one phase ahead or behind', () => {
    const groups = proposeGroups(input('mixedPhasesWithAhead'))
    const quality = groupingQuality(input('mixedPhasesWithAhead'), groups)
    expect(quality.overall).toBe(1)
    for (const group of quality.groups) expect(group.explanation.rule).toMatchObject({ withNeighbourPhase: group.size })
  })

  test('mixed phases from a poor start: dealing 1,1,2,4,5,5 gives 1-2-5 and 1-4-5; the search finds 1-1-2 and 4-5-5', () => {
    const people = [1, 1, 2, 4, 5, 5].map((rank, i) => person(`p${i}`, `org-${i}`, null, rank))
    const groups = proposeGroups({ ...input('mixedPhasesWithAhead', people), minSize: 3, maxSize: 3 })
    expect(sorted(groups)).toEqual([
      ['p0', 'p1', 'p2'],
      ['p3', 'p4', 'p5'],
    ])
  })

  test('colleagues are put in different groups and old pairs are not repeated when the rule allows', () => {
    const people = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => person(id, i < 2 ? 'tauw' : `org-${id}`, 'vth', 3))
    const pastPairs = new Set([pairKey('c', 'd'), pairKey('e', 'f')])
    const groups = proposeGroups({ people, minSize: 3, maxSize: 3, rule: 'samePosition', pastPairs })
    const quality = groupingQuality({ people, minSize: 3, maxSize: 3, rule: 'samePosition', pastPairs }, groups)
    expect(quality.overall).toBe(1)
    expect(quality.sameOrganisationPairs + quality.repeatedPairs).toBe(0)
  })

  // More colleagues than the fewest groups (⌈n / max⌉), but not more than some
  // allowed number of groups: 12 in groups of 3–6 with 4 colleagues (four threes),
  // 20 in groups of 4–6 with 5 colleagues (five fours).
  test.each([
    [12, 3, 6, 4],
    [20, 4, 6, 5],
  ])('%i people in groups of %i–%i with %i colleagues: colleagues apart under every rule', (n, minSize, maxSize, colleagues) => {
    const types = Object.values(TYPES)
    const people = Array.from({ length: n }, (_, i) => ({
      ...person(
        `p${String(i).padStart(2, '0')}`,
        i < colleagues ? 'tauw' : `org-${i}`,
        `position-${i % 2}`,
        1 + (i % 3 === 0 ? 1 : 0),
      ),
      organisationTypeId: types[i % 3]!,
    }))
    for (const rule of ['samePosition', 'samePhaseMixedTypes', 'mixedPhasesWithAhead'] as const) {
      const input = { people, minSize, maxSize, rule, pastPairs: new Set<string>() }
      const quality = groupingQuality(input, proposeGroups(input))
      expect(quality.sizesWithinBounds).toBe(true)
      expect(quality.sameOrganisationPairs, rule).toBe(0)
    }
  })
})

describe('groupingQuality', () => {
  const people = ['a', 'b', 'c', 'd'].map((id) => person(id, `org-${id}`, 'manager', 2))
  const base: GroupingInput = { people, minSize: 2, maxSize: 2, rule: 'samePosition', pastPairs: new Set() }

  test('a perfect grouping scores 1 on rule fit and overall', () => {
    const quality = groupingQuality(base, [
      ['a', 'b'],
      ['c', 'd'],
    ])
    expect(quality).toMatchObject({ overall: 1, ruleFit: 1, everyoneOnce: true, sizesWithinBounds: true })
    expect(quality.groups[0]).toMatchObject({ ruleFit: 1, score: 1, sameOrganisationPairs: 0, repeatedPairs: 0 })
  })

  test('a repeated pair and a pair of colleagues each lower the quality, not the rule fit', () => {
    const groups = [
      ['a', 'b'],
      ['c', 'd'],
    ]
    const repeated = groupingQuality({ ...base, pastPairs: new Set([pairKey('a', 'b')]) }, groups)
    expect(repeated.ruleFit).toBe(1)
    expect(repeated.repeatedPairs).toBe(1)
    expect(repeated.groups[0]!.explanation.repeated).toEqual([['a', 'b']])
    // Both members of the first group met before: 0.6 + 0.2 + 0.2 × 0 = 0.8; the mean over four people 0.9.
    expect(repeated.groups[0]!.score).toBeCloseTo(0.8, 10)
    expect(repeated.overall).toBeCloseTo(0.9, 10)
    const colleagues = groupingQuality(
      { ...base, people: people.map((p) => ({ ...p, organisationId: p.id < 'c' ? 'same' : p.organisationId })) },
      groups,
    )
    expect(colleagues.sameOrganisationPairs).toBe(1)
    expect(colleagues.groups[0]!.explanation.sameOrganisation).toEqual([['a', 'b']])
    expect(colleagues.overall).toBeCloseTo(0.9, 10)
  })

  test('rule fit follows the definitions of each rule', () => {
    const mixed = [1, 2, 4, 4].map((rank, i) => person(`m${i}`, `org-${i}`, null, rank))
    const fit = groupingQuality({ ...base, people: mixed, minSize: 4, maxSize: 4, rule: 'mixedPhasesWithAhead' }, [
      mixed.map((p) => p.id),
    ])
    // 1 and 2 are one phase apart; the two in phase 4 have nobody at 3 or 5.
    expect(fit.ruleFit).toBe(0.5)
    expect(fit.groups[0]!.explanation.outsideRule).toEqual(['m2', 'm3'])
    const oneType = ['x', 'y', 'z', 'w'].map((id, i) => ({
      ...person(id, `org-${id}`, null, i < 3 ? 2 : 3),
      organisationTypeId: 'gemeente',
    }))
    const samePhase = groupingQuality({ ...base, people: oneType, minSize: 4, maxSize: 4, rule: 'samePhaseMixedTypes' }, [
      ['w', 'x', 'y', 'z'],
    ])
    // Three of four in phase 2 (2/3 × 0.75) and no mix of types at all (1/3 × 0).
    expect(samePhase.ruleFit).toBeCloseTo(0.5, 10)
    expect(samePhase.groups[0]!.explanation.rule).toMatchObject({ phaseRank: 2, inPhase: 3, typesMixed: false })
  })

  test('reports people missing, unknown or in two groups, and sizes out of bounds', () => {
    const quality = groupingQuality(base, [['a', 'b', 'nobody'], ['b']])
    expect(quality).toMatchObject({
      everyoneOnce: false,
      missing: ['c', 'd'],
      unknown: ['nobody'],
      duplicated: ['b'],
      sizesWithinBounds: false,
    })
  })
})
