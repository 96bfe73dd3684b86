// What runs before the server listens (and what `npm run db:seed` runs): the
// taxonomies, the demo population when asked for, and an admin account so
// that somebody can log in. Every step is idempotent: running it on every
// boot changes nothing once it has run.
import { randomToken } from '~/auth/crypto.server'
import { hashPassword, verifyPassword } from '~/auth/password.server'
import { prisma } from '~/utils/db.server'
import { logger } from '~/utils/logger.server'
import { endLiveSessions } from './document-live.server'
import { seedDemo } from '../../prisma/seed/demo'
import { seedDemoIntroduction } from '../../prisma/seed/demo-peers'
import { seedTaxonomies } from '../../prisma/seed/taxonomies'

export interface StartupOptions {
  seedDemo: boolean
  adminEmail?: string
  adminPassword?: string
}

export interface StartupResult {
  /** Only when an admin was created with a generated password: shown once, stored nowhere in plain text. */
  generatedAdmin?: { email: string; password: string }
}

export const GENERATED_ADMIN_EMAIL = 'admin@peloton.localhost'

/** The profile of an admin account created here, so that the demo login shows everything a member sees. */
export const ADMIN_PROFILE = {
  name: 'Programmateam Bodem en Ondergrond',
  organisation: { name: 'Programma Bodem en Ondergrond', type: 'rijk', province: 'zuid-holland' },
  position: 'projectleider',
  phase: 'uitvoering',
  themes: [
    'omgevingsvisie-en-omgevingswet',
    'bodemverontreiniging-en-spoedlocaties',
    'ondergronds-ruimtegebruik',
    'financiering-bodembeheer',
  ],
  bio:
    'Het programmateam van het Uitvoeringsprogramma Bodem en Ondergrond. ' +
    'Helpt het peloton van bewustwording naar borging, met communities, masterclasses en collega’s die elkaar vinden.',
}

export async function prepareApp(options: StartupOptions): Promise<StartupResult> {
  await seedTaxonomies(prisma)

  let demoLoaded = false
  if (options.seedDemo) {
    // seedDemo itself refuses a database that already has users.
    demoLoaded = await seedDemo(prisma)
    if (demoLoaded) logger.info('demo population loaded')
    else logger.info('demo population skipped: the database already has users')
  }

  const adminEmail = blankToUndefined(options.adminEmail)
  const adminPassword = blankToUndefined(options.adminPassword)
  if (adminEmail !== undefined || adminPassword !== undefined) {
    if (adminEmail === undefined || adminPassword === undefined) {
      throw new Error('ADMIN_EMAIL and ADMIN_PASSWORD must be set together')
    }
    await ensureAdmin(adminEmail.trim().toLowerCase(), adminPassword)
    if (demoLoaded) await seedDemoIntroduction(prisma, adminEmail.trim().toLowerCase())
    return {}
  }

  if ((await prisma.user.count({ where: { role: 'admin', deletedAt: null } })) > 0) return {}
  const email = await unusedAdminEmail()
  const password = generatePassword()
  await createAdmin(email, password)
  logger.info({ email }, 'admin account created with a generated password')
  // The demo login finds an introduction request waiting on /peers.
  if (demoLoaded) await seedDemoIntroduction(prisma, email)
  return { generatedAdmin: { email, password } }
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value
}

/** 120 random bits as 24 lower-case base32 characters: easy to type, impossible to guess. */
export function generatePassword(): string {
  return randomToken(15)
}

async function unusedAdminEmail(): Promise<string> {
  const [local, domain] = GENERATED_ADMIN_EMAIL.split('@') as [string, string]
  for (let n = 1; ; n++) {
    const email = n === 1 ? GENERATED_ADMIN_EMAIL : `${local}-${n}@${domain}`
    if ((await prisma.user.findUnique({ where: { email }, select: { id: true } })) === null) return email
  }
}

/**
 * The account named by ADMIN_EMAIL/ADMIN_PASSWORD: created with a complete
 * profile, or, when it exists, made admin with this password. The profile of
 * an existing account is the person's own and is left alone, opt-in included.
 */
async function ensureAdmin(email: string, password: string): Promise<void> {
  const existing = await prisma.user.findUnique({
    where: { email },
    select: { id: true, role: true, passwordHash: true, emailVerifiedAt: true },
  })
  if (existing === null) {
    await createAdmin(email, password)
    logger.info({ email }, 'admin account created from ADMIN_EMAIL')
    return
  }
  const passwordChanged = existing.passwordHash === null || !(await verifyPassword(existing.passwordHash, password))
  if (!passwordChanged && existing.role === 'admin' && existing.emailVerifiedAt !== null) return
  const passwordHash = passwordChanged ? await hashPassword(password) : undefined
  await prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: existing.id },
      data: { role: 'admin', passwordHash, emailVerifiedAt: existing.emailVerifiedAt ?? new Date() },
    })
    // A new password ends the sessions that the old one opened: rotating
    // ADMIN_PASSWORD is how an operator locks out whoever learned the old one.
    if (passwordChanged) await tx.session.deleteMany({ where: { userId: existing.id } })
  })
  if (passwordChanged) await endLiveSessions({ userId: existing.id })
  logger.info({ email, passwordChanged }, 'admin account updated from ADMIN_EMAIL')
}

async function createAdmin(email: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password)
  const now = new Date()
  await prisma.$transaction(async (tx) => {
    // Taxonomies are editable by admins: use the intended entries when they
    // are still there, otherwise the first one, so that start-up never fails on them.
    const select = { id: true, slug: true } as const
    const orderBy = { sortOrder: 'asc' } as const
    const [types, provinces, positions, phases, themes] = await Promise.all([
      tx.organisationType.findMany({ select, orderBy }),
      tx.province.findMany({ select, orderBy }),
      tx.position.findMany({ select, orderBy }),
      tx.transitionPhase.findMany({ select, orderBy }),
      tx.theme.findMany({ select, orderBy }),
    ])
    const { organisation: org } = ADMIN_PROFILE
    const organisation = await tx.organisation.upsert({
      where: { name: org.name },
      update: {},
      create: { name: org.name, typeId: preferred(types, org.type).id, provinceId: preferred(provinces, org.province).id },
    })
    const phaseId = preferred(phases, ADMIN_PROFILE.phase).id
    const themeRows = themes.filter((t) => ADMIN_PROFILE.themes.includes(t.slug))
    await tx.user.create({
      data: {
        email,
        name: ADMIN_PROFILE.name,
        passwordHash,
        role: 'admin',
        emailVerifiedAt: now,
        bio: ADMIN_PROFILE.bio,
        matchingOptIn: true,
        organisationId: organisation.id,
        positionId: preferred(positions, ADMIN_PROFILE.position).id,
        phaseId,
        themes: { create: (themeRows.length > 0 ? themeRows : themes.slice(0, 3)).map((t) => ({ themeId: t.id })) },
        phaseChanges: { create: [{ phaseId, changedAt: now }] },
      },
    })
  })
}

function preferred<T extends { slug: string }>(rows: T[], slug: string): T {
  const row = rows.find((r) => r.slug === slug) ?? rows[0]
  if (row === undefined) throw new Error(`A taxonomy is empty; cannot give the admin a profile (wanted "${slug}")`)
  return row
}
