import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { makeUser } from '../../tests/factories'
import { createSession, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, validateSessionToken } from './session.server'

const DAY = 24 * 60 * 60 * 1000

describe('sessions (Lucia design)', () => {
  it('issues id.secret tokens with at least 120 bits of secret, and stores only a hash of the secret', async () => {
    const user = await makeUser()
    const { token } = await createSession(user.id)
    const [id, secret] = token.split('.')
    // 20 random bytes in base32: 32 characters, 160 bits.
    expect(secret).toMatch(/^[a-z2-7]{32}$/)
    const row = await prisma.session.findUniqueOrThrow({ where: { id } })
    expect(Buffer.from(row.secretHash).length).toBe(32)
    // Nothing in the row is the secret or contains it.
    const stored = JSON.stringify({ ...row, secretHash: Buffer.from(row.secretHash).toString('hex') })
    expect(stored).not.toContain(secret)
    // Forging a token from what the table holds does not work.
    expect(await validateSessionToken(`${id}.${Buffer.from(row.secretHash).toString('hex')}`)).toBeNull()
  })

  it('accepts the right secret and refuses a wrong one, a malformed token and an unknown id', async () => {
    const user = await makeUser()
    const { token } = await createSession(user.id)
    const valid = await validateSessionToken(token)
    expect(valid?.user.id).toBe(user.id)
    const [id, secret] = token.split('.')
    const wrong = secret!.slice(0, -1) + (secret!.endsWith('a') ? 'b' : 'a')
    expect(await validateSessionToken(`${id}.${wrong}`)).toBeNull()
    expect(await validateSessionToken(`${id}`)).toBeNull()
    expect(await validateSessionToken(`${id}.${secret}.x`)).toBeNull()
    expect(await validateSessionToken(`unknown.${secret}`)).toBeNull()
  })

  it('slides the 30-day expiry forward when it is used, but never past the absolute cap', async () => {
    const user = await makeUser()
    const start = new Date('2026-01-01T10:00:00Z')
    const { token } = await createSession(user.id, { now: start })

    // Early on, nothing moves (no write on every request).
    const early = await validateSessionToken(token, new Date(start.getTime() + 2 * DAY))
    expect(early?.refreshed).toBe(false)
    expect(early?.expiresAt.getTime()).toBe(start.getTime() + SESSION_IDLE_MS)

    // With less than half left, it is extended to 30 days from now.
    const later = new Date(start.getTime() + 20 * DAY)
    const refreshed = await validateSessionToken(token, later)
    expect(refreshed?.refreshed).toBe(true)
    expect(refreshed?.expiresAt.getTime()).toBe(later.getTime() + SESSION_IDLE_MS)

    // Kept alive every 20 days, it still ends at the absolute cap.
    let now = later
    while (now.getTime() + 20 * DAY < start.getTime() + SESSION_ABSOLUTE_MS) {
      now = new Date(now.getTime() + 20 * DAY)
      const s = await validateSessionToken(token, now)
      expect(s).not.toBeNull()
      expect(s!.expiresAt.getTime()).toBeLessThanOrEqual(start.getTime() + SESSION_ABSOLUTE_MS)
    }
    expect(await validateSessionToken(token, new Date(start.getTime() + SESSION_ABSOLUTE_MS))).toBeNull()
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
  })

  it('ends an idle session after 30 days and deletes it', async () => {
    const user = await makeUser()
    const start = new Date('2026-03-01T10:00:00Z')
    const { token } = await createSession(user.id, { now: start })
    expect(await validateSessionToken(token, new Date(start.getTime() + SESSION_IDLE_MS + 1))).toBeNull()
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
  })

  it('refuses the session of a deleted account', async () => {
    const user = await makeUser()
    const { token } = await createSession(user.id)
    await prisma.user.update({ where: { id: user.id }, data: { deletedAt: new Date() } })
    expect(await validateSessionToken(token)).toBeNull()
  })
})
