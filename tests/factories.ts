// Test data, made per test: `makeUser({ position: 'manager', phase: 'planvorming' })`.
// Taxonomies are referred to by slug; they are loaded on first use.
import crypto from 'node:crypto'
import { hashPassword } from '~/auth/password.server'
import { toRole, type Role } from '~/auth/roles'
import { createSession } from '~/auth/session.server'
import { prisma } from '~/utils/db.server'
import { seedTaxonomies } from '../prisma/seed/taxonomies'

let taxonomiesLoaded: Promise<void> | undefined
export function ensureTaxonomies(): Promise<void> {
  taxonomiesLoaded ??= seedTaxonomies(prisma)
  return taxonomiesLoaded
}

const unique = () => crypto.randomUUID().slice(0, 8)

export async function makeOrganisation({
  name,
  type = 'gemeente',
  province = 'utrecht',
}: { name?: string; type?: string; province?: string } = {}) {
  await ensureTaxonomies()
  return prisma.organisation.create({
    data: {
      name: name ?? `Gemeente Test ${unique()}`,
      type: { connect: { slug: type } },
      province: { connect: { slug: province } },
    },
  })
}

export interface MakeUserOptions {
  name?: string
  email?: string
  password?: string
  role?: Role
  organisationId?: string
  position?: string
  phase?: string
  themes?: string[]
  optIn?: boolean
  /** Whether the e-mail address is confirmed (default: yes). */
  emailVerified?: boolean
}

export const DEFAULT_PASSWORD = 'correct horse battery'

export async function makeUser(options: MakeUserOptions = {}) {
  await ensureTaxonomies()
  const id = unique()
  const slugId = async (table: 'position' | 'transitionPhase', slug?: string) => (slug ? taxonomyId(table, slug) : null)
  const user = await prisma.user.create({
    data: {
      name: options.name ?? `Test Lid ${id}`,
      email: (options.email ?? `lid-${id}@example.nl`).toLowerCase(),
      passwordHash: await hashPassword(options.password ?? DEFAULT_PASSWORD),
      role: options.role ?? 'member',
      organisationId: options.organisationId ?? null,
      positionId: await slugId('position', options.position),
      phaseId: await slugId('transitionPhase', options.phase),
      matchingOptIn: options.optIn ?? false,
      emailVerifiedAt: options.emailVerified === false ? null : new Date(),
      themes: options.themes?.length
        ? {
            create: await Promise.all(
              options.themes.map(async (slug) => ({ themeId: (await prisma.theme.findUniqueOrThrow({ where: { slug } })).id })),
            ),
          }
        : undefined,
    },
  })
  return { ...user, email: user.email!, password: options.password ?? DEFAULT_PASSWORD }
}

/** A user with a session, and the context object server.ts would give its loaders. */
export async function makeLoggedInUser(options: MakeUserOptions = {}) {
  const user = await makeUser(options)
  const { token } = await createSession(user.id)
  const { validateSessionToken } = await import('~/auth/session.server')
  const session = await validateSessionToken(token)
  if (!session) throw new Error('the new session did not validate')
  return { user, token, sessionUser: session.user, context: { session, clientIp: '127.0.0.1', cspNonce: 'test' } }
}

/** A user as the policies and services see the one acting: id and role. */
export function actorOf(user: { id: string; role: string }): { id: string; role: Role } {
  return { id: user.id, role: toRole(user.role) }
}

export const anonymousContext = { session: null, clientIp: '127.0.0.1', cspNonce: 'test' }

export async function taxonomyId(
  table: 'position' | 'transitionPhase' | 'theme' | 'organisationType' | 'province',
  slug: string,
) {
  await ensureTaxonomies()
  const delegate = {
    position: prisma.position,
    transitionPhase: prisma.transitionPhase,
    theme: prisma.theme,
    organisationType: prisma.organisationType,
    province: prisma.province,
  }[table] as unknown as { findUniqueOrThrow(a: unknown): Promise<{ id: string }> }
  return (await delegate.findUniqueOrThrow({ where: { slug } })).id
}

/** A form POST as a browser on our own origin would send it. */
export function formRequest(path: string, fields: Record<string, string | string[]>): Request {
  const body = new URLSearchParams()
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item)
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' },
  })
}

/** Removes every account (and with it sessions, themes, phase history), for tests that count members. */
export async function clearMembers(): Promise<void> {
  await prisma.user.deleteMany()
}

export interface MakeCommunityOptions {
  name?: string
  slug?: string
  kind?: 'cop' | 'learning_community'
  visibility?: 'open' | 'on_request' | 'invite_only'
  description?: string
  facilitators?: string[]
  members?: string[]
  themes?: string[]
  phases?: string[]
  positions?: string[]
  archived?: boolean
}

/** A community with the given facilitators and members (user ids); taxonomy by slug. */
export async function makeCommunity(options: MakeCommunityOptions = {}) {
  await ensureTaxonomies()
  const id = unique()
  const name = options.name ?? `Community ${id}`
  const ids = async (table: 'theme' | 'transitionPhase' | 'position', slugs: string[] = []) =>
    Promise.all(slugs.map((s) => taxonomyId(table, s)))
  return prisma.community.create({
    data: {
      name,
      slug: options.slug ?? `community-${id}`,
      kind: options.kind ?? 'cop',
      visibility: options.visibility ?? 'open',
      description: options.description ?? '',
      archivedAt: options.archived ? new Date() : null,
      memberships: {
        create: [
          ...(options.facilitators ?? []).map((userId) => ({ userId, role: 'facilitator' })),
          ...(options.members ?? []).map((userId) => ({ userId, role: 'member' })),
        ],
      },
      themes: { create: (await ids('theme', options.themes)).map((themeId) => ({ themeId })) },
      targetPhases: { create: (await ids('transitionPhase', options.phases)).map((phaseId) => ({ phaseId })) },
      targetPositions: { create: (await ids('position', options.positions)).map((positionId) => ({ positionId })) },
    },
  })
}

// ------------------------------------------------- calling loaders and actions

/** The arguments Remix passes to a loader or an action. */
export function routeArgs(request: Request, context: unknown = anonymousContext, params: Record<string, string> = {}) {
  return { request, context: context as never, params }
}

/** A plain GET of a path on our own origin. */
export function getRequest(path: string): Request {
  return new Request(`http://localhost${path}`)
}

/** For `await expect(p).rejects.toSatisfy(status(403))`: a thrown Response with that status. */
export const status = (code: number) => (thrown: unknown) => thrown instanceof Response && thrown.status === code

/** The status a loader or action answers with, whether it returns or throws its Response (200 for plain data). */
export async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    const result = await promise
    return result instanceof Response ? result.status : 200
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status
    throw thrown
  }
}

/** Where a redirect Response points. */
export function locationOf(result: unknown): string {
  if (!(result instanceof Response)) throw new Error(`expected a redirect Response, got ${JSON.stringify(result)}`)
  return result.headers.get('Location') ?? ''
}

export interface MakeMasterclassOptions {
  title?: string
  status?: 'draft' | 'published' | 'cancelled'
  capacity?: number
  /** Default: a week from now, for two hours. */
  startsAt?: Date
  endsAt?: Date
  registrationOpensAt?: Date | null
  registrationClosesAt?: Date | null
  location?: string | null
  onlineUrl?: string | null
  communityId?: string | null
  facilitators?: string[]
  themes?: string[]
  phases?: string[]
  positions?: string[]
}

/** A masterclass (published by default) straight in the database; registrations go through the service. */
export async function makeMasterclass(options: MakeMasterclassOptions = {}) {
  await ensureTaxonomies()
  const startsAt = options.startsAt ?? new Date(Date.now() + 7 * 24 * 3600_000)
  const ids = async (table: 'theme' | 'transitionPhase' | 'position', slugs: string[] = []) =>
    Promise.all(slugs.map((s) => taxonomyId(table, s)))
  return prisma.masterclass.create({
    data: {
      title: options.title ?? `Masterclass ${unique()}`,
      status: options.status ?? 'published',
      capacity: options.capacity ?? 20,
      startsAt,
      endsAt: options.endsAt ?? new Date(startsAt.getTime() + 2 * 3600_000),
      registrationOpensAt: options.registrationOpensAt ?? null,
      registrationClosesAt: options.registrationClosesAt ?? null,
      location: options.location === undefined ? 'Stadskantoor Utrecht' : options.location,
      onlineUrl: options.onlineUrl ?? null,
      communityId: options.communityId ?? null,
      facilitators: { create: (options.facilitators ?? []).map((userId) => ({ userId })) },
      themes: { create: (await ids('theme', options.themes)).map((themeId) => ({ themeId })) },
      targetPhases: { create: (await ids('transitionPhase', options.phases)).map((phaseId) => ({ phaseId })) },
      targetPositions: { create: (await ids('position', options.positions)).map((positionId) => ({ positionId })) },
    },
  })
}
