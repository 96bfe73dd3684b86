// Field rules shared by forms. Error messages are i18n keys (optionally with
// parameters, see `message`); the UI translates them with `translateError`.
import type { TFunction } from 'i18next'
import { z } from 'zod'

export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 256
export const NAME_MAX_LENGTH = 100
export const BIO_MAX_LENGTH = 1000
export const EMAIL_MAX_LENGTH = 254

/** The organisation choice that means "add a new organisation" on the profile form. */
export const NEW_ORGANISATION = '__new'

/** An i18n key with parameters, e.g. `errors.tooLong?max=100`. */
export function message(key: string, params?: Record<string, string | number>): string {
  if (!params) return key
  return `${key}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`
}

export function translateError(t: TFunction, error: string): string {
  const [key = error, query] = error.split('?')
  const params = Object.fromEntries(new URLSearchParams(query ?? ''))
  return t(key, params) as string
}

/**
 * Zod's own messages are English sentences. Every rule above names its own
 * i18n key; this map gives the rest (a tampered form: a missing field, a value
 * of the wrong type, an unknown option) a translated message too.
 */
z.setErrorMap((issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return { message: issue.received === 'undefined' || issue.received === 'null' ? 'errors.required' : 'errors.invalidChoice' }
    case z.ZodIssueCode.too_big:
      return issue.type === 'string'
        ? { message: message('errors.tooLong', { max: Number(issue.maximum) }) }
        : { message: 'errors.invalidChoice' }
    case z.ZodIssueCode.too_small:
      return { message: 'errors.required' }
    case z.ZodIssueCode.invalid_enum_value:
    case z.ZodIssueCode.invalid_union_discriminator:
    case z.ZodIssueCode.invalid_literal:
    case z.ZodIssueCode.invalid_union:
      return { message: 'errors.invalidChoice' }
    default:
      return { message: ctx.defaultError === 'Required' ? 'errors.required' : 'errors.invalidChoice' }
  }
})

export const emailField = z
  .string({ required_error: 'errors.required' })
  .trim()
  .min(1, 'errors.required')
  .max(EMAIL_MAX_LENGTH, message('errors.tooLong', { max: EMAIL_MAX_LENGTH }))
  .email('errors.emailInvalid')
  .transform((v) => v.toLowerCase())

export const newPasswordField = z
  .string({ required_error: 'errors.required' })
  .min(PASSWORD_MIN_LENGTH, message('errors.passwordTooShort', { min: PASSWORD_MIN_LENGTH }))
  .max(PASSWORD_MAX_LENGTH, message('errors.passwordTooLong', { max: PASSWORD_MAX_LENGTH }))

/** For logging in: any non-empty password (the rules may have changed since). */
export const passwordField = z
  .string({ required_error: 'errors.required' })
  .min(1, 'errors.required')
  .max(PASSWORD_MAX_LENGTH, message('errors.passwordTooLong', { max: PASSWORD_MAX_LENGTH }))

export const nameField = z
  .string({ required_error: 'errors.required' })
  .trim()
  .min(1, 'errors.required')
  .max(NAME_MAX_LENGTH, message('errors.tooLong', { max: NAME_MAX_LENGTH }))
