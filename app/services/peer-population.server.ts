// Every opted-in member's PeerProfile, kept in memory between requests
// (ADR 0012): reading 100,000 profiles costs far more than scoring them, so
// a process reads them once and again only when the database says that
// something they depend on changed. The check is one aggregate query, so it
// also sees changes made by other Node processes (ADR 0009): no message
// between processes, no time-to-live, no stale answers.
import { prisma } from '~/utils/db.server'
import type { PeerProfile } from './peer-types'

interface ProfileRow {
  id: string
  organisationId: string | null
  organisationTypeId: string | null
  provinceId: string | null
  positionId: string | null
  phaseRank: number | bigint | null
  themeIds: string | null
}

/**
 * Changes whenever a user row changes (any update sets `updatedAt`; the sum
 * of all of them moves even when another process's clock is behind), a user
 * is added, phases are reordered (a phase's rank is its sortOrder) or an
 * organisation is added. Organisations are not edited in the app; themes and
 * positions are removed only when unused.
 */
const STAMP_SQL = `SELECT
  (SELECT COUNT(*) FROM "User") || ':' ||
  (SELECT IFNULL(SUM(CAST(unixepoch("updatedAt", 'subsec') * 1000 AS INTEGER)), 0) FROM "User") || ':' ||
  (SELECT COUNT(*) FROM "Organisation") || ':' ||
  (SELECT IFNULL(group_concat("id" || '=' || "sortOrder"), '') FROM "TransitionPhase") AS stamp`

const PROFILES_SQL = `SELECT u."id", u."organisationId", o."typeId" AS "organisationTypeId", o."provinceId",
  u."positionId", p."sortOrder" AS "phaseRank",
  (SELECT group_concat(t."themeId") FROM "UserTheme" t WHERE t."userId" = u."id") AS "themeIds"
FROM "User" u
LEFT JOIN "Organisation" o ON o."id" = u."organisationId"
LEFT JOIN "TransitionPhase" p ON p."id" = u."phaseId"
WHERE u."matchingOptIn" = 1 AND u."deletedAt" IS NULL
ORDER BY u."id"`

const EMPTY: readonly string[] = Object.freeze([])

/**
 * One string object per distinct taxonomy or organisation id, so that the
 * score's comparisons and set look-ups mostly compare pointers and hash once.
 */
function interner() {
  const seen = new Map<string, string>()
  return (s: string | null): string | null => {
    if (s === null) return null
    const known = seen.get(s)
    if (known !== undefined) return known
    seen.set(s, s)
    return s
  }
}

function toProfiles(rows: ProfileRow[]): PeerProfile[] {
  const intern = interner()
  return rows.map((row) => ({
    id: row.id,
    organisationId: intern(row.organisationId),
    organisationTypeId: intern(row.organisationTypeId),
    provinceId: intern(row.provinceId),
    positionId: intern(row.positionId),
    phaseRank: row.phaseRank === null ? null : Number(row.phaseRank),
    themeIds: row.themeIds ? row.themeIds.split(',').map((t) => intern(t)!) : EMPTY,
  }))
}

async function readStamp(): Promise<string> {
  const [row] = await prisma.$queryRawUnsafe<Array<{ stamp: string }>>(STAMP_SQL)
  return row?.stamp ?? ''
}

async function readProfiles(): Promise<readonly PeerProfile[]> {
  const rows = await prisma.$queryRawUnsafe<ProfileRow[]>(PROFILES_SQL)
  return toProfiles(rows)
}

let cached: { stamp: string; profiles: Promise<readonly PeerProfile[]> } | null = null

/**
 * The opted-in, not deleted members' profiles, as of this call. Requests that
 * arrive while a read is under way share it. The stamp is read before the
 * profiles, so a change committed in between only causes one more read later.
 */
export async function optedInProfiles(): Promise<readonly PeerProfile[]> {
  const stamp = await readStamp()
  if (cached?.stamp !== stamp) {
    const profiles = readProfiles()
    cached = { stamp, profiles }
    profiles.catch(() => {
      if (cached?.profiles === profiles) cached = null
    })
  }
  return cached.profiles
}

/** Forgets the cached profiles (tests that compare a cold and a warm read). */
export function forgetPeerPopulation(): void {
  cached = null
}
