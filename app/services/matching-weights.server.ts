// The admin-adjustable weights of the peer score (ADR 0012): one row, id "current".
import { prisma } from '~/utils/db.server'
import { UserInputError } from '~/utils/errors'
import { WEIGHT_MAX, WEIGHT_MIN, WEIGHT_NAMES } from '~/utils/peer-limits'
import { message } from '~/utils/validation'
import { DEFAULT_MATCHING_WEIGHTS, type MatchingWeightValues } from './peer-types'

const ROW_ID = 'current'

/** The weights in force: the saved row, or the defaults when no admin has saved any. */
export async function loadMatchingWeights(): Promise<MatchingWeightValues & { updatedAt: Date | null }> {
  const row = await prisma.matchingWeights.findUnique({ where: { id: ROW_ID } })
  if (!row) return { ...DEFAULT_MATCHING_WEIGHTS, updatedAt: null }
  const { position, samePhase, phaseAhead, sharedTheme, region, updatedAt } = row
  return { position, samePhase, phaseAhead, sharedTheme, region, updatedAt }
}

/** Saves all five at once; nothing is saved when any is not a whole number 0–100. */
export async function saveMatchingWeights(values: MatchingWeightValues, adminId: string): Promise<void> {
  for (const name of WEIGHT_NAMES) {
    const v = values[name]
    if (!Number.isInteger(v) || v < WEIGHT_MIN || v > WEIGHT_MAX) {
      throw new UserInputError(name, message('errors.wholeNumberBetween', { min: WEIGHT_MIN, max: WEIGHT_MAX }))
    }
  }
  const data = Object.fromEntries(WEIGHT_NAMES.map((n) => [n, values[n]])) as unknown as MatchingWeightValues
  await prisma.matchingWeights.upsert({
    where: { id: ROW_ID },
    create: { id: ROW_ID, ...data, updatedById: adminId },
    update: { ...data, updatedById: adminId },
  })
}
