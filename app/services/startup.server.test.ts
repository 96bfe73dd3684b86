import crypto from 'node:crypto'
import { beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { hashPassword, verifyPassword } from '~/auth/password.server'
import { prepareDatabase, prisma } from '~/utils/db.server'
import { ADMIN_PROFILE, GENERATED_ADMIN_EMAIL, prepareApp } from './startup.server'

beforeAll(async () => {
  await prepareDatabase()
})

// Every test starts from a database with taxonomies but no people.
beforeEach(async () => {
  await prisma.phaseChange.deleteMany()
  await prisma.userTheme.deleteMany()
  await prisma.session.deleteMany()
  await prisma.oneTimeToken.deleteMany()
  await prisma.user.deleteMany()
  await prisma.organisation.deleteMany()
})

function adminsNamed(email: string) {
  return prisma.user.findMany({ where: { email, role: 'admin' } })
}

async function makeSession(userId: string) {
  const now = Date.now()
  await prisma.session.create({
    data: {
      id: crypto.randomUUID(),
      secretHash: new Uint8Array(crypto.randomBytes(32)),
      userId,
      expiresAt: new Date(now + 86_400_000),
      absoluteExpiresAt: new Date(now + 86_400_000),
    },
  })
}

describe('without ADMIN_EMAIL and ADMIN_PASSWORD', () => {
  test('generates an admin with a strong password once, and not again', async () => {
    const first = await prepareApp({ seedDemo: false })
    expect(first.generatedAdmin?.email).toBe(GENERATED_ADMIN_EMAIL)
    const password = first.generatedAdmin!.password
    expect(password).toMatch(/^[a-z2-7]{20,}$/)

    const admin = await prisma.user.findUniqueOrThrow({ where: { email: GENERATED_ADMIN_EMAIL } })
    expect(admin.role).toBe('admin')
    expect(await verifyPassword(admin.passwordHash!, password)).toBe(true)

    const second = await prepareApp({ seedDemo: false })
    expect(second.generatedAdmin).toBeUndefined()
    expect(await prisma.user.count({ where: { role: 'admin' } })).toBe(1)
    const after = await prisma.user.findUniqueOrThrow({ where: { email: GENERATED_ADMIN_EMAIL } })
    expect(after.passwordHash).toBe(admin.passwordHash)
  })

  test('generates a different password on a fresh database', async () => {
    const first = await prepareApp({ seedDemo: false })
    await prisma.phaseChange.deleteMany()
    await prisma.userTheme.deleteMany()
    await prisma.user.deleteMany()
    const second = await prepareApp({ seedDemo: false })
    expect(second.generatedAdmin!.password).not.toBe(first.generatedAdmin!.password)
  })

  test('gives the admin a complete, opted-in profile', async () => {
    await prepareApp({ seedDemo: false })
    const admin = await prisma.user.findUniqueOrThrow({
      where: { email: GENERATED_ADMIN_EMAIL },
      include: {
        organisation: { include: { type: true, province: true } },
        position: true,
        phase: true,
        themes: { include: { theme: true } },
        phaseChanges: true,
      },
    })
    expect(admin.matchingOptIn).toBe(true)
    expect(admin.emailVerifiedAt).not.toBeNull()
    expect(admin.deletedAt).toBeNull()
    expect(admin.name).toBe(ADMIN_PROFILE.name)
    expect(admin.bio).toBe(ADMIN_PROFILE.bio)
    expect(admin.organisation?.name).toBe(ADMIN_PROFILE.organisation.name)
    expect(admin.organisation?.type.slug).toBe(ADMIN_PROFILE.organisation.type)
    expect(admin.organisation?.province.slug).toBe(ADMIN_PROFILE.organisation.province)
    expect(admin.position?.slug).toBe(ADMIN_PROFILE.position)
    expect(admin.phase?.slug).toBe(ADMIN_PROFILE.phase)
    expect(admin.phaseChanges.map((c) => c.phaseId)).toEqual([admin.phaseId])
    expect(admin.themes.map((t) => t.theme.slug).sort()).toEqual([...ADMIN_PROFILE.themes].sort())
  })

  test('picks another address when admin@peloton.localhost belongs to a member', async () => {
    await prisma.user.create({ data: { email: GENERATED_ADMIN_EMAIL, name: 'Toevallig Admin' } })
    const result = await prepareApp({ seedDemo: false })
    expect(result.generatedAdmin?.email).toBe('admin-2@peloton.localhost')
    const member = await prisma.user.findUniqueOrThrow({ where: { email: GENERATED_ADMIN_EMAIL } })
    expect(member.role).toBe('member')
  })

  test('leaves an existing admin alone', async () => {
    await prisma.user.create({ data: { email: 'beheer@example.org', name: 'Beheer', role: 'admin' } })
    const result = await prepareApp({ seedDemo: false })
    expect(result.generatedAdmin).toBeUndefined()
    expect(await prisma.user.count()).toBe(1)
  })
})

describe('with ADMIN_EMAIL and ADMIN_PASSWORD', () => {
  test('creates the admin (lower-cased), then updates its password', async () => {
    const options = { seedDemo: false, adminEmail: 'Beheer@Example.ORG', adminPassword: 'eerste-wachtwoord-123' }
    expect((await prepareApp(options)).generatedAdmin).toBeUndefined()
    const created = await prisma.user.findUniqueOrThrow({ where: { email: 'beheer@example.org' } })
    expect(created.role).toBe('admin')
    expect(created.matchingOptIn).toBe(true)
    expect(created.organisationId).not.toBeNull()
    expect(await verifyPassword(created.passwordHash!, 'eerste-wachtwoord-123')).toBe(true)
    expect(await prisma.user.count({ where: { email: GENERATED_ADMIN_EMAIL } })).toBe(0)

    // The same settings again: nothing changes.
    await makeSession(created.id)
    await prepareApp(options)
    const unchanged = await prisma.user.findUniqueOrThrow({ where: { id: created.id } })
    expect(unchanged.passwordHash).toBe(created.passwordHash)
    expect(await prisma.session.count({ where: { userId: created.id } })).toBe(1)
    expect(await adminsNamed('beheer@example.org')).toHaveLength(1)

    // A new password replaces the old one and ends the sessions it opened.
    await prepareApp({ ...options, adminPassword: 'tweede-wachtwoord-456' })
    const updated = await prisma.user.findUniqueOrThrow({ where: { id: created.id } })
    expect(await verifyPassword(updated.passwordHash!, 'tweede-wachtwoord-456')).toBe(true)
    expect(await verifyPassword(updated.passwordHash!, 'eerste-wachtwoord-123')).toBe(false)
    expect(await prisma.session.count({ where: { userId: created.id } })).toBe(0)
    expect(await prisma.user.count({ where: { role: 'admin' } })).toBe(1)
  })

  test('makes an existing member admin without touching their profile', async () => {
    const member = await prisma.user.create({
      data: {
        email: 'sanne@example.org',
        name: 'Sanne de Vries',
        passwordHash: await hashPassword('oud-wachtwoord-789'),
        bio: 'Mijn eigen tekst.',
        matchingOptIn: false,
      },
    })
    await prepareApp({ seedDemo: false, adminEmail: 'SANNE@example.org', adminPassword: 'nieuw-wachtwoord-789' })
    const admin = await prisma.user.findUniqueOrThrow({ where: { id: member.id } })
    expect(admin.role).toBe('admin')
    expect(admin.emailVerifiedAt).not.toBeNull()
    expect(await verifyPassword(admin.passwordHash!, 'nieuw-wachtwoord-789')).toBe(true)
    expect(admin).toMatchObject({ name: 'Sanne de Vries', bio: 'Mijn eigen tekst.', matchingOptIn: false })
    expect(await prisma.user.count()).toBe(1)
  })

  test('refuses one without the other', async () => {
    await expect(prepareApp({ seedDemo: false, adminEmail: 'beheer@example.org' })).rejects.toThrow(/together/)
    await expect(prepareApp({ seedDemo: false, adminPassword: 'los-wachtwoord-123' })).rejects.toThrow(/together/)
  })
})
