import { describe, expect, it } from 'vitest'
import { EnvError, parseEnv } from './env.server'

describe('parseEnv', () => {
  it('has working defaults', () => {
    const env = parseEnv({})
    expect(env).toMatchObject({ PORT: 3000, DATABASE_URL: 'file:./data/peloton.db', SEED_DEMO: false, LOGIN_THROTTLE: true })
    expect(env.COLLAB_MAX_MESSAGE_BYTES).toBe(1024 * 1024)
    expect(parseEnv({ COLLAB_MAX_MESSAGE_BYTES: '262144' }).COLLAB_MAX_MESSAGE_BYTES).toBe(262144)
    expect(parseEnv({ SEED_DEMO: 'true', PORT: '0' })).toMatchObject({ SEED_DEMO: true, PORT: 0 })
  })

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'postgres://x' }, 'DATABASE_URL'],
    [{ ADMIN_EMAIL: 'admin@example.nl' }, 'ADMIN_PASSWORD'],
    [{ ADMIN_EMAIL: 'not an address', ADMIN_PASSWORD: 'long enough secret' }, 'ADMIN_EMAIL'],
    [{ ADMIN_EMAIL: 'admin@example.nl', ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD'],
    [{ SEED_DEMO: 'yes' }, 'SEED_DEMO'],
    [{ SMTP_PORT: '0' }, 'SMTP_PORT'],
    [{ SMTP_USER: 'mailer' }, 'SMTP_PASSWORD'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ COLLAB_MAX_MESSAGE_BYTES: '100' }, 'COLLAB_MAX_MESSAGE_BYTES'],
  ])('refuses %o with a message naming %s', (source, name) => {
    expect(() => parseEnv(source as Record<string, string>)).toThrow(EnvError)
    try {
      parseEnv(source as Record<string, string>)
    } catch (error) {
      expect((error as Error).message).toMatch(new RegExp(`^  - ${name}: `, 'm'))
    }
  })
})
