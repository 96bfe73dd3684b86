// After the event: confirmed participants rate it (1–5) with a comment, once
// and editable; its facilitators read a summary.
import { z } from 'zod'
import { prisma } from '~/utils/db.server'
import { UserInputError } from '~/utils/errors'
import { message } from '~/utils/validation'

export const COMMENT_MAX_LENGTH = 2000

export const feedbackInputSchema = z.object({
  rating: z
    .union([z.number(), z.string()])
    .pipe(
      z.coerce
        .number({ invalid_type_error: 'masterclasses.errors.ratingInvalid' })
        .int('masterclasses.errors.ratingInvalid')
        .min(1, 'masterclasses.errors.ratingInvalid')
        .max(5, 'masterclasses.errors.ratingInvalid'),
    ),
  comment: z
    .string()
    .trim()
    .max(COMMENT_MAX_LENGTH, message('errors.tooLong', { max: COMMENT_MAX_LENGTH }))
    .default(''),
})
export type FeedbackInput = z.input<typeof feedbackInputSchema>

/** Saves (or replaces) this participant's feedback; only a confirmed participant, after the end. */
export async function giveFeedback(masterclassId: string, userId: string, raw: FeedbackInput, now = new Date()): Promise<void> {
  const parsed = feedbackInputSchema.safeParse(raw)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    throw new UserInputError(first?.path[0] ? String(first.path[0]) : null, first?.message ?? 'errors.invalidChoice')
  }
  const allowed = await prisma.registration.count({
    where: { masterclassId, userId, status: 'confirmed', masterclass: { status: 'published', endsAt: { lte: now } } },
  })
  if (!allowed) throw new UserInputError(null, 'masterclasses.errors.feedbackNotAllowed')
  const { rating, comment } = parsed.data
  await prisma.masterclassFeedback.upsert({
    where: { masterclassId_userId: { masterclassId, userId } },
    create: { masterclassId, userId, rating, comment },
    update: { rating, comment },
  })
}

export async function myFeedback(masterclassId: string, userId: string) {
  return prisma.masterclassFeedback.findUnique({
    where: { masterclassId_userId: { masterclassId, userId } },
    select: { rating: true, comment: true, updatedAt: true },
  })
}

export interface FeedbackSummary {
  count: number
  /** Null while nobody has rated it. */
  average: number | null
  /** How many gave 1, 2, 3, 4 and 5 (index 0 is 1). */
  distribution: [number, number, number, number, number]
  comments: Array<{ rating: number; comment: string; name: string; at: Date }>
}

/** For the facilitators: count, average, distribution and the comments, newest first. */
export async function feedbackSummary(masterclassId: string): Promise<FeedbackSummary> {
  const rows = await prisma.masterclassFeedback.findMany({
    where: { masterclassId },
    orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
    select: { rating: true, comment: true, updatedAt: true, user: { select: { name: true } } },
  })
  const distribution: FeedbackSummary['distribution'] = [0, 0, 0, 0, 0]
  for (const r of rows) distribution[r.rating - 1] = (distribution[r.rating - 1] ?? 0) + 1
  const sum = rows.reduce((total, r) => total + r.rating, 0)
  return {
    count: rows.length,
    average: rows.length ? Math.round((sum / rows.length) * 10) / 10 : null,
    distribution,
    comments: rows
      .filter((r) => r.comment)
      .map((r) => ({ rating: r.rating, comment: r.comment, name: r.user.name, at: r.updatedAt })),
  }
}
