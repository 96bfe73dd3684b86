// The masterclass form's rules, for the form (conform + zod) and for every
// caller of the service alike: times are `datetime-local` strings in
// Europe/Amsterdam, messages are i18n keys (see ~/utils/validation).
import { z } from 'zod'
import { UserInputError } from '~/utils/errors'
import { amsterdamLocalToUtc } from './amsterdam-time'
import { message } from './validation'

export const TITLE_MAX_LENGTH = 200
export const DESCRIPTION_MAX_LENGTH = 20_000
export const PLACE_MAX_LENGTH = 300
/**
 * Seats in one masterclass. A raise by this many (everyone moving up from the
 * waitlist) is one transaction; 1,000 is tested (tests/integration/
 * masterclass-mail.test.ts) and holds the lock under a second, where 10,000
 * would come near Prisma's 10 s transaction timeout. Larger than any room or
 * online session the programme runs.
 */
export const CAPACITY_MAX = 1_000

const ids = z.array(z.string().max(64)).max(50).default([])
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, message('errors.tooLong', { max }))
    .optional()
    .transform((v) => (v ? v : null))

/** A `datetime-local` value in Europe/Amsterdam, as the instant it means. */
const amsterdamTime = z.string({ required_error: 'errors.required' }).transform((value, ctx) => {
  const date = amsterdamLocalToUtc(value)
  if (!date) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'masterclasses.errors.invalidDateTime' })
  return date ?? new Date(NaN)
})
const optionalAmsterdamTime = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (!value?.trim()) return null
    const date = amsterdamLocalToUtc(value)
    if (!date) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'masterclasses.errors.invalidDateTime' })
    return date
  })

/** The create and edit form; times as `datetime-local` strings in Europe/Amsterdam; messages are i18n keys. */
export const masterclassInputSchema = z
  .object({
    title: z
      .string({ required_error: 'errors.required' })
      .trim()
      .min(1, 'errors.required')
      .max(TITLE_MAX_LENGTH, message('errors.tooLong', { max: TITLE_MAX_LENGTH })),
    description: z
      .string()
      .trim()
      .max(DESCRIPTION_MAX_LENGTH, message('errors.tooLong', { max: DESCRIPTION_MAX_LENGTH }))
      .default(''),
    communityId: optionalText(64),
    startsAt: amsterdamTime,
    endsAt: amsterdamTime,
    location: optionalText(PLACE_MAX_LENGTH),
    onlineUrl: optionalText(PLACE_MAX_LENGTH).refine((v) => v === null || /^https?:\/\/[^\s]+$/i.test(v), {
      message: 'masterclasses.errors.onlineUrlInvalid',
    }),
    // A number from code, a string from a form.
    capacity: z.union([z.number(), z.string()]).pipe(
      z.coerce
        .number({ invalid_type_error: 'masterclasses.errors.capacityMin' })
        .int('masterclasses.errors.capacityMin')
        .min(1, 'masterclasses.errors.capacityMin')
        .max(CAPACITY_MAX, message('masterclasses.errors.capacityMax', { max: CAPACITY_MAX })),
    ),
    registrationOpensAt: optionalAmsterdamTime,
    registrationClosesAt: optionalAmsterdamTime,
    themeIds: ids,
    phaseIds: ids,
    positionIds: ids,
    /**
     * Co-facilitators (user ids). On create the creator is added; on edit the
     * list replaces them all — an empty one removes every co-facilitator — and
     * the creator stays. Left out (undefined) on edit, they stay as they are.
     */
    facilitatorIds: z.array(z.string().max(64)).max(50).optional(),
  })
  .superRefine((v, ctx) => {
    const issue = (field: string, code: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message: code })
    const valid = (d: Date | null) => d !== null && !Number.isNaN(d.getTime())
    if (valid(v.startsAt) && valid(v.endsAt) && v.endsAt <= v.startsAt) issue('endsAt', 'masterclasses.errors.endBeforeStart')
    const closes = v.registrationClosesAt
    const opens = v.registrationOpensAt
    if (valid(closes) && valid(v.startsAt) && closes! > v.startsAt) {
      issue('registrationClosesAt', 'masterclasses.errors.windowClosesAfterStart')
    }
    if (valid(opens) && ((valid(closes) && opens! >= closes!) || (valid(v.startsAt) && opens! >= v.startsAt))) {
      issue('registrationOpensAt', 'masterclasses.errors.windowOpensAfterClose')
    }
    if (!v.location && !v.onlineUrl) issue('location', 'masterclasses.errors.placeRequired')
  })

export type MasterclassFormInput = z.input<typeof masterclassInputSchema>
export type MasterclassInput = z.output<typeof masterclassInputSchema>

/** The form's rules for any caller: the first problem as a UserInputError on its field. */
export function parseMasterclassInput(raw: MasterclassFormInput): MasterclassInput {
  const result = masterclassInputSchema.safeParse(raw)
  if (result.success) return result.data
  const first = result.error.issues[0]
  throw new UserInputError(first?.path.length ? String(first.path[0]) : null, first?.message ?? 'errors.invalidChoice')
}
