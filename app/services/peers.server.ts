// Peer suggestions for one member (issue 6, ADR 0012): the opted-in
// population from the in-memory cache, the member's match history, the
// weights in force, the pure ranking, then names for the page.
import type { Language } from '~/i18n/config'
import { prisma } from '~/utils/db.server'
import { labelOf } from '~/utils/taxonomy'
import { loadMatchingWeights } from './matching-weights.server'
import { optedInProfiles } from './peer-population.server'
import { rankSuggestions, type Reason, type Suggestion, type SuggestionFilters } from './peer-score.server'
import type { PeerProfile } from './peer-types'

export const SUGGESTIONS_PER_LIST = 10

/** A reason in names rather than ids, ready for a sentence. */
export type ShownReason =
  | { term: 'position'; position: string }
  | { term: 'samePhase'; phase: string }
  | { term: 'phaseAhead'; phase: string }
  | { term: 'sharedThemes'; themes: string[] }
  | { term: 'region'; province: string }

export interface ShownSuggestion {
  id: string
  name: string
  organisation: string | null
  position: string | null
  phase: string | null
  score: number
  reasons: ShownReason[]
  metBefore: boolean
}

/** A member's own PeerProfile, read fresh (not from the cache): null for a deleted account. */
export async function peerProfileOf(userId: string): Promise<(PeerProfile & { optedIn: boolean }) | null> {
  const user = await prisma.user.findFirst({
    where: { id: userId, deletedAt: null },
    select: {
      id: true,
      matchingOptIn: true,
      organisationId: true,
      positionId: true,
      organisation: { select: { typeId: true, provinceId: true } },
      phase: { select: { sortOrder: true } },
      themes: { select: { themeId: true } },
    },
  })
  if (!user) return null
  return {
    id: user.id,
    optedIn: user.matchingOptIn,
    organisationId: user.organisationId,
    organisationTypeId: user.organisation?.typeId ?? null,
    provinceId: user.organisation?.provinceId ?? null,
    positionId: user.positionId,
    phaseRank: user.phase?.sortOrder ?? null,
    themeIds: user.themes.map((t) => t.themeId),
  }
}

/** The ids of everyone this member was introduced to or grouped with. */
export async function matchHistory(userId: string): Promise<Set<string>> {
  const rows = await prisma.peerMatch.findMany({
    where: { OR: [{ userAId: userId }, { userBId: userId }] },
    select: { userAId: true, userBId: true },
  })
  return new Set(rows.map((r) => (r.userAId === userId ? r.userBId : r.userAId)))
}

/**
 * The two lists for /peers. `me` must be the member's fresh profile; the
 * population is everyone opted in, so a phase change shows at once.
 */
export async function suggestPeers(
  me: PeerProfile,
  filters: SuggestionFilters,
  lng: Language,
): Promise<{ peers: ShownSuggestion[]; ahead: ShownSuggestion[] }> {
  const [population, weights, history] = await Promise.all([optedInProfiles(), loadMatchingWeights(), matchHistory(me.id)])
  const { peers, ahead } = rankSuggestions(me, population, weights, { limit: SUGGESTIONS_PER_LIST, filters, history })
  const show = await namer([...peers, ...ahead], lng)
  return { peers: show(peers), ahead: show(ahead) }
}

/** Reads the names the suggestions need in one go and returns a function that dresses them. */
async function namer(suggestions: Suggestion[], lng: Language) {
  const [users, positions, phases, themes, provinces] = await Promise.all([
    prisma.user.findMany({
      where: { id: { in: suggestions.map((s) => s.profile.id) } },
      select: {
        id: true,
        name: true,
        organisation: { select: { name: true } },
        position: { select: { name: true, nameEn: true } },
        phase: { select: { name: true, nameEn: true } },
      },
    }),
    prisma.position.findMany({ select: { id: true, name: true, nameEn: true } }),
    prisma.transitionPhase.findMany({ select: { sortOrder: true, name: true, nameEn: true } }),
    prisma.theme.findMany({ select: { id: true, name: true, nameEn: true } }),
    prisma.province.findMany({ select: { id: true, name: true, nameEn: true } }),
  ])
  const byId = new Map(users.map((u) => [u.id, u]))
  const label = <K>(rows: Array<{ name: string; nameEn: string } & Record<string, unknown>>, key: string) =>
    new Map(rows.map((r) => [r[key] as K, labelOf(r, lng)]))
  const positionName = label<string>(positions, 'id')
  const phaseName = label<number>(phases, 'sortOrder')
  const themeName = label<string>(themes, 'id')
  const provinceName = label<string>(provinces, 'id')

  const reason = (r: Reason): ShownReason => {
    switch (r.term) {
      case 'position':
        return { term: r.term, position: positionName.get(r.positionId) ?? '' }
      case 'samePhase':
      case 'phaseAhead':
        return { term: r.term, phase: phaseName.get(r.phaseRank) ?? '' }
      case 'sharedThemes':
        return { term: r.term, themes: r.themeIds.map((id) => themeName.get(id) ?? '') }
      case 'region':
        return { term: r.term, province: provinceName.get(r.provinceId) ?? '' }
    }
  }
  return (list: Suggestion[]): ShownSuggestion[] =>
    list.flatMap((s) => {
      const user = byId.get(s.profile.id)
      if (!user) return []
      return [
        {
          id: user.id,
          name: user.name,
          organisation: user.organisation?.name ?? null,
          position: user.position ? labelOf(user.position, lng) : null,
          phase: user.phase ? labelOf(user.phase, lng) : null,
          score: s.score,
          reasons: s.reasons.map(reason),
          metBefore: s.metBefore,
        },
      ]
    })
}
