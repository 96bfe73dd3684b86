// What matching knows about given people, read from the database: the plain
// `PeerProfile`s the grouping works on (peer-types.ts). Only ids from the
// taxonomies; the phase as its rank (TransitionPhase.sortOrder).
import { prisma, type Tx } from '~/utils/db.server'
import type { PeerProfile } from './peer-types'

/**
 * The profiles of these people, in the order of `userIds` (unknown ids are
 * left out). Pass `db` to read inside a transaction (the demo seed).
 */
export async function loadPeerProfiles(userIds: readonly string[], db: Tx = prisma): Promise<PeerProfile[]> {
  if (userIds.length === 0) return []
  const rows = await db.user.findMany({
    where: { id: { in: [...userIds] } },
    select: {
      id: true,
      organisationId: true,
      positionId: true,
      organisation: { select: { typeId: true, provinceId: true } },
      phase: { select: { sortOrder: true } },
      themes: { select: { themeId: true }, orderBy: { themeId: 'asc' } },
    },
  })
  const byId = new Map(
    rows.map((u): [string, PeerProfile] => [
      u.id,
      {
        id: u.id,
        organisationId: u.organisationId,
        organisationTypeId: u.organisation?.typeId ?? null,
        provinceId: u.organisation?.provinceId ?? null,
        positionId: u.positionId,
        phaseRank: u.phase?.sortOrder ?? null,
        themeIds: u.themes.map((t) => t.themeId),
      },
    ]),
  )
  return userIds.flatMap((id) => {
    const profile = byId.get(id)
    return profile ? [profile] : []
  })
}
