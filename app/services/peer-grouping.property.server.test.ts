// Property tests of the grouping on random populations (issue 6): fast-check
// makes organisations, types, positions, phases, themes, sizes and history;
// the properties hold for every one of them.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { checkGrouping, GroupingError, groupingQuality, proposeGroups, type GroupingInput } from './peer-grouping.server'
import { GROUPING_RULES, pairKey, type PeerProfile } from './peer-types'

interface Shape {
  organisations: { type: number; province: number }[]
  people: { org: number; position: number | null; phase: number | null; themes: number[] }[]
  minSize: number
  extra: number
  rule: (typeof GROUPING_RULES)[number]
  past: [number, number][]
}

/** A random population; `organisations` and `people` bound how many of each. */
function shapes(organisations: { min: number; max: number }, people: { max: number }) {
  return fc
    .record({
      organisations: fc.array(fc.record({ type: fc.nat(3), province: fc.nat(4) }), {
        minLength: organisations.min,
        maxLength: organisations.max,
        size: 'max',
      }),
      people: fc.array(
        fc.record({
          org: fc.nat(),
          position: fc.option(fc.nat(4), { freq: 8 }),
          phase: fc.option(fc.integer({ min: 1, max: 5 }), { freq: 8 }),
          themes: fc.uniqueArray(fc.nat(6), { maxLength: 3 }),
        }),
        { maxLength: people.max, size: 'max' },
      ),
      minSize: fc.integer({ min: 2, max: 5 }),
      extra: fc.nat(3),
      rule: fc.constantFrom(...GROUPING_RULES),
      past: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 150, size: 'max' }),
    })
    .map((shape: Shape) => shape)
}

function inputOf(shape: Shape): GroupingInput {
  const people: PeerProfile[] = shape.people.map((p, i) => {
    const orgIndex = p.org % Math.max(shape.organisations.length, 1)
    const org = shape.organisations[orgIndex]
    return {
      id: `person-${i}`,
      organisationId: org ? `org-${orgIndex}` : null,
      organisationTypeId: org ? `type-${org.type}` : null,
      provinceId: org ? `province-${org.province}` : null,
      positionId: p.position === null ? null : `position-${p.position}`,
      phaseRank: p.phase,
      themeIds: p.themes.map((t) => `theme-${t}`),
    }
  })
  const n = people.length
  const pastPairs = new Set(
    n < 2 ? [] : shape.past.map(([a, b]) => pairKey(`person-${a % n}`, `person-${(a + 1 + (b % (n - 1))) % n}`)),
  )
  return { people, minSize: shape.minSize, maxSize: shape.minSize + shape.extra, rule: shape.rule, pastPairs }
}

/** Whether some number of groups k has k × min ≤ n ≤ k × max: counted out, not the service's formula. */
function splittable(n: number, min: number, max: number): boolean {
  for (let k = 1; k * min <= n; k++) if (n <= k * max) return true
  return false
}

/**
 * Whether colleagues can be kept apart, counted out: some number of groups k
 * fits the sizes (k × min ≤ n ≤ k × max) and is at least the largest
 * organisation's count, so each colleague can go to another group.
 */
function colleaguesCanBeApart({ people, minSize, maxSize }: GroupingInput): boolean {
  const count = new Map<string, number>()
  for (const { organisationId } of people) {
    if (organisationId !== null) count.set(organisationId, (count.get(organisationId) ?? 0) + 1)
  }
  const largest = Math.max(0, ...count.values())
  const n = people.length
  for (let k = 1; k * minSize <= n; k++) if (n <= k * maxSize && k >= largest) return true
  return false
}

const runs = { numRuns: 300 }

describe('proposeGroups on random populations', () => {
  test('everyone is in exactly one group, and every size is within the bounds whenever the numbers allow', () => {
    fc.assert(
      fc.property(shapes({ min: 0, max: 12 }, { max: 60 }), (shape) => {
        const input = inputOf(shape)
        const problem = checkGrouping(input)
        const n = input.people.length
        const allowed = n >= input.minSize && splittable(n, input.minSize, input.maxSize)
        expect(problem === 'tooFewPeople' || problem === 'sizesImpossible').toBe(!allowed)
        if (problem !== null) {
          expect(() => proposeGroups(input)).toThrow(new GroupingError(problem))
          return
        }
        const groups = proposeGroups(input)
        expect(groups.flat().sort()).toEqual(input.people.map((p) => p.id).sort())
        for (const group of groups) {
          expect(group.length).toBeGreaterThanOrEqual(input.minSize)
          expect(group.length).toBeLessThanOrEqual(input.maxSize)
        }
        const quality = groupingQuality(input, groups)
        expect(quality.everyoneOnce).toBe(true)
        expect(quality.sizesWithinBounds).toBe(true)
        expect(quality.overall).toBeGreaterThanOrEqual(0)
        expect(quality.overall).toBeLessThanOrEqual(1)
        // The measurement's counts (two ways of finding pairs who met) agree with the pairs the explanation lists.
        for (const group of quality.groups) {
          expect(group.repeatedPairs).toBe(group.explanation.repeated.length)
          expect(group.sameOrganisationPairs).toBe(group.explanation.sameOrganisation.length)
        }
      }),
      runs,
    )
  })

  test('no two people of one organisation share a group whenever some allowed number of groups can keep them apart', () => {
    fc.assert(
      fc.property(shapes({ min: 6, max: 40 }, { max: 80 }), (shape) => {
        const input = inputOf(shape)
        fc.pre(checkGrouping(input) === null && colleaguesCanBeApart(input))
        const quality = groupingQuality(input, proposeGroups(input))
        expect(quality.sameOrganisationPairs).toBe(0)
      }),
      runs,
    )
  })

  test('colleagues apart also when organisations are as large as allowed: as many people as some allowed number of groups', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.nat(3),
        fc.nat(),
        fc.constantFrom(...GROUPING_RULES),
        fc.array(fc.tuple(fc.nat(4), fc.integer({ min: 1, max: 5 })), { minLength: 4, maxLength: 60, size: 'max' }),
        (minSize, extra, pick, rule, traits) => {
          const n = traits.length
          const maxSize = minSize + extra
          // Every allowed number of groups, counted out; the organisations get exactly one of them as their size.
          const allowed: number[] = []
          for (let k = 1; k * minSize <= n; k++) if (n <= k * maxSize) allowed.push(k)
          fc.pre(allowed.length > 0)
          const largest = allowed[pick % allowed.length]!
          const people = traits.map(([position, phase], i) => ({
            id: `person-${i}`,
            organisationId: `org-${Math.floor(i / largest)}`,
            organisationTypeId: `type-${Math.floor(i / largest) % 3}`,
            provinceId: null,
            positionId: `position-${position}`,
            phaseRank: phase,
            themeIds: [],
          }))
          const input = { people, minSize, maxSize, rule, pastPairs: new Set<string>() }
          fc.pre(checkGrouping(input) === null)
          expect(colleaguesCanBeApart(input)).toBe(true)
          expect(groupingQuality(input, proposeGroups(input)).sameOrganisationPairs).toBe(0)
        },
      ),
      runs,
    )
  })

  test('the same groups for the same input, and for the same people in another order', () => {
    fc.assert(
      fc.property(shapes({ min: 1, max: 12 }, { max: 60 }), fc.nat(), (shape, seed) => {
        const input = inputOf(shape)
        fc.pre(checkGrouping(input) === null)
        const first = proposeGroups(input)
        expect(proposeGroups(input)).toEqual(first)
        // Another order: a rotation and a reversal driven by the seed.
        const people = [...input.people]
        const turn = seed % people.length
        const reordered = [...people.slice(turn), ...people.slice(0, turn)].reverse()
        const pastPairs = new Set([...input.pastPairs].reverse())
        expect(proposeGroups({ ...input, people: reordered, pastPairs })).toEqual(first)
      }),
      runs,
    )
  })

  test('checkGrouping names group size 1, a minimum above the maximum, impossible sizes and an impossible rule', () => {
    fc.assert(
      fc.property(shapes({ min: 1, max: 8 }, { max: 40 }), fc.integer({ min: -3, max: 1 }), (shape, tooSmall) => {
        const input = inputOf(shape)
        expect(checkGrouping({ ...input, minSize: tooSmall })).toBe('groupSizeTooSmall')
        expect(checkGrouping({ ...input, maxSize: input.minSize - 1 })).toBe('minAboveMax')
        const n = input.people.length
        const problem = checkGrouping(input)
        if (n >= input.minSize && !splittable(n, input.minSize, input.maxSize)) expect(problem).toBe('sizesImpossible')
        if (n >= input.minSize && splittable(n, input.minSize, input.maxSize)) {
          expect(problem === 'ruleImpossible').toBe(!somePairFollows(input))
        }
      }),
      runs,
    )
  })
})

/** Whether any two people could follow the rule together, every pair tried. */
function somePairFollows({ people, rule }: GroupingInput): boolean {
  return people.some((a) =>
    people.some((b) => {
      if (a === b) return false
      if (rule === 'samePosition') return a.positionId !== null && a.positionId === b.positionId
      if (rule === 'mixedPhasesWithAhead') return a.phaseRank !== null && b.phaseRank === a.phaseRank + 1
      const typesKnown = a.organisationTypeId !== null && b.organisationTypeId !== null
      return typesKnown && a.phaseRank !== null && a.phaseRank === b.phaseRank && a.organisationTypeId !== b.organisationTypeId
    }),
  )
}
