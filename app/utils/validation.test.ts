import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { nl } from '~/i18n/nl'
import { emailField, message, newPasswordField } from './validation'

function lookup(key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], nl)
}

describe('validation messages', () => {
  it('are i18n keys that exist, with their parameters', () => {
    const schema = z.object({
      email: emailField,
      password: newPasswordField,
      kind: z.enum(['a', 'b']),
      n: z.number(),
      s: z.string().max(3),
    })
    const result = schema.safeParse({ email: 'not-an-address', password: 'short', kind: 'c', n: 'x', s: 'long' })
    expect(result.success).toBe(false)
    const messages = result.error!.issues.map((i) => i.message)
    expect(messages).toEqual([
      'errors.emailInvalid',
      message('errors.passwordTooShort', { min: 10 }),
      'errors.invalidChoice',
      'errors.invalidChoice',
      message('errors.tooLong', { max: 3 }),
    ])
    for (const m of messages) expect(typeof lookup(m.split('?')[0]!), m).toBe('string')
    expect(z.object({ x: z.string() }).safeParse({}).error!.issues[0]!.message).toBe('errors.required')
  })
})
