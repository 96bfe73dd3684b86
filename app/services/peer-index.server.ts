// The opted-in population in columns of small integers (ADR 0012), built once
// when the population is read and reused for every member's suggestions.
// Ranking 100,000 profiles as objects spends its time chasing pointers and
// comparing strings; as typed arrays it is a few integer comparisons and a
// bit count per person.
import type { PeerProfile } from './peer-types'

/** A profile may say it did not opt in; such a profile is never used (callers should not pass them at all). */
export type Candidate = PeerProfile & { optedIn?: boolean }

/** Codes: -1 is "not set"; a value this index has never seen gets NOT_IN_INDEX and equals nothing. */
export const NONE = -1
export const NOT_IN_INDEX = -2

class Codes {
  private readonly codes = new Map<string, number>()

  add(value: string | null): number {
    if (value === null) return NONE
    let code = this.codes.get(value)
    if (code === undefined) {
      code = this.codes.size
      this.codes.set(value, code)
    }
    return code
  }

  of(value: string | null): number {
    if (value === null) return NONE
    return this.codes.get(value) ?? NOT_IN_INDEX
  }

  get size(): number {
    return this.codes.size
  }
}

export interface PeerIndex {
  readonly profiles: readonly Candidate[]
  /** Position in `profiles` by id. */
  readonly byId: ReadonlyMap<string, number>
  readonly organisation: Int32Array
  readonly organisationType: Int32Array
  readonly province: Int32Array
  readonly position: Int32Array
  /** The phase's rank, 0 when not set. */
  readonly phase: Int8Array
  /** 1 for a profile that says it did not opt in. */
  readonly excluded: Uint8Array
  /** `words` 32-bit words per person: bit t is theme code t. */
  readonly themes: Uint32Array
  readonly words: number
  readonly codes: {
    organisation: Codes
    organisationType: Codes
    province: Codes
    position: Codes
    theme: Codes
  }
}

export function isPeerIndex(value: PeerIndex | readonly Candidate[]): value is PeerIndex {
  return !Array.isArray(value)
}

export function indexPeers(profiles: readonly Candidate[]): PeerIndex {
  const n = profiles.length
  const codes = {
    organisation: new Codes(),
    organisationType: new Codes(),
    province: new Codes(),
    position: new Codes(),
    theme: new Codes(),
  }
  for (const p of profiles) for (const t of p.themeIds) codes.theme.add(t)
  const words = Math.max(1, Math.ceil(codes.theme.size / 32))
  const index: PeerIndex = {
    profiles,
    byId: new Map(profiles.map((p, i) => [p.id, i])),
    organisation: new Int32Array(n),
    organisationType: new Int32Array(n),
    province: new Int32Array(n),
    position: new Int32Array(n),
    phase: new Int8Array(n),
    excluded: new Uint8Array(n),
    themes: new Uint32Array(n * words),
    words,
    codes,
  }
  profiles.forEach((p, i) => {
    index.organisation[i] = codes.organisation.add(p.organisationId)
    index.organisationType[i] = codes.organisationType.add(p.organisationTypeId)
    index.province[i] = codes.province.add(p.provinceId)
    index.position[i] = codes.position.add(p.positionId)
    index.phase[i] = p.phaseRank ?? 0
    index.excluded[i] = p.optedIn === false ? 1 : 0
    setThemeBits(index.themes, i * words, codes.theme, p.themeIds)
  })
  return index
}

function setThemeBits(into: Uint32Array, offset: number, codes: Codes, themeIds: readonly string[]): void {
  for (const t of themeIds) {
    const code = codes.of(t)
    if (code >= 0) into[offset + (code >>> 5)]! |= 1 << (code & 31)
  }
}

/** The member asking, in the index's codes (they need not be in the index). */
export interface IndexedMember {
  organisation: number
  organisationType: number
  province: number
  position: number
  phase: number
  themes: Uint32Array
}

export function indexMember(index: PeerIndex, me: PeerProfile): IndexedMember {
  const themes = new Uint32Array(index.words)
  setThemeBits(themes, 0, index.codes.theme, me.themeIds)
  return {
    organisation: index.codes.organisation.of(me.organisationId),
    organisationType: index.codes.organisationType.of(me.organisationTypeId),
    province: index.codes.province.of(me.provinceId),
    position: index.codes.position.of(me.positionId),
    phase: me.phaseRank ?? 0,
    themes,
  }
}

/** Number of set bits in a 32-bit word. */
export function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}
