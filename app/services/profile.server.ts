// Member profiles: organisation, position, transition phase (with its
// history), themes, bio and the matching opt-in; data export and deletion.
import fs from 'node:fs/promises'
import { accountThrottleKey } from '~/auth/login-throttle.server'
import { Prisma } from '~/generated/prisma/client'
import type { Language } from '~/i18n/config'
import { prisma } from '~/utils/db.server'
import { UserInputError } from '~/utils/errors'
import { NEW_ORGANISATION } from '~/utils/validation'
import { endLiveSessions } from './document-live.server'
import { withdrawPendingIntroductions } from './introductions.server'
import { removeFromGroupings } from './peer-groups.server'
import { cancelRegistration, upcomingRegistrations } from './registrations.server'

export interface ProfileInput {
  name: string
  bio: string
  /** An organisation id, NEW_ORGANISATION, or undefined for none. */
  organisationId?: string
  newOrganisation?: { name: string; typeId: string; provinceId: string }
  positionId?: string
  phaseId?: string
  themeIds: string[]
  matchingOptIn: boolean
}

export async function getProfile(userId: string) {
  return prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      emailVerifiedAt: true,
      bio: true,
      organisationId: true,
      positionId: true,
      phaseId: true,
      matchingOptIn: true,
      updatedAt: true,
      themes: { select: { themeId: true } },
      phaseChanges: {
        orderBy: { changedAt: 'desc' },
        select: { changedAt: true, phase: { select: { name: true, nameEn: true } } },
      },
    },
  })
}

export async function listOrganisations() {
  return prisma.organisation.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } })
}

/** Saves the whole profile at once; nothing is saved when any part is invalid. */
export async function updateProfile(userId: string, input: ProfileInput, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const exists = async (count: Promise<number>, field: string, expected = 1) => {
      if ((await count) !== expected) throw new UserInputError(field, 'errors.invalidChoice')
    }
    if (input.positionId) await exists(tx.position.count({ where: { id: input.positionId } }), 'positionId')
    if (input.phaseId) await exists(tx.transitionPhase.count({ where: { id: input.phaseId } }), 'phaseId')
    const themeIds = [...new Set(input.themeIds)]
    if (themeIds.length) await exists(tx.theme.count({ where: { id: { in: themeIds } } }), 'themeIds', themeIds.length)

    let organisationId: string | null = null
    if (input.organisationId === NEW_ORGANISATION) {
      const org = input.newOrganisation
      if (!org) throw new UserInputError('newOrganisationName', 'errors.required')
      await exists(tx.organisationType.count({ where: { id: org.typeId } }), 'newOrganisationTypeId')
      await exists(tx.province.count({ where: { id: org.provinceId } }), 'newOrganisationProvinceId')
      try {
        organisationId = (await tx.organisation.create({ data: org, select: { id: true } })).id
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
          throw new UserInputError('newOrganisationName', 'errors.organisationNameTaken')
        }
        throw error
      }
    } else if (input.organisationId) {
      await exists(tx.organisation.count({ where: { id: input.organisationId } }), 'organisationId')
      organisationId = input.organisationId
    }

    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { phaseId: true } })
    await tx.user.update({
      where: { id: userId },
      data: {
        name: input.name,
        bio: input.bio,
        organisationId,
        positionId: input.positionId ?? null,
        phaseId: input.phaseId ?? null,
        matchingOptIn: input.matchingOptIn,
      },
    })
    await tx.userTheme.deleteMany({ where: { userId } })
    if (themeIds.length) await tx.userTheme.createMany({ data: themeIds.map((themeId) => ({ userId, themeId })) })
    // Not (or no longer) opted in: nothing pending may stay live (see withdrawPendingIntroductions).
    if (!input.matchingOptIn) await withdrawPendingIntroductions(tx, userId, now)
    if (input.phaseId && input.phaseId !== before.phaseId) {
      await tx.phaseChange.create({ data: { userId, phaseId: input.phaseId, changedAt: now } })
    }
  })
}

/** Everything Peloton holds about a member (GDPR right of access). */
export async function exportAccountData(userId: string) {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      emailVerifiedAt: true,
      role: true,
      bio: true,
      matchingOptIn: true,
      locale: true,
      createdAt: true,
      updatedAt: true,
      organisation: { select: { name: true, type: { select: { name: true } }, province: { select: { name: true } } } },
      position: { select: { name: true } },
      phase: { select: { name: true } },
      themes: { select: { theme: { select: { name: true } } } },
      phaseChanges: { orderBy: { changedAt: 'asc' }, select: { changedAt: true, phase: { select: { name: true } } } },
      sessions: { select: { createdAt: true, expiresAt: true, userAgent: true } },
    },
  })
  return {
    exportedAt: new Date().toISOString(),
    account: {
      id: user.id,
      name: user.name,
      email: user.email,
      emailVerifiedAt: user.emailVerifiedAt,
      role: user.role,
      locale: user.locale,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
    },
    profile: {
      bio: user.bio,
      matchingOptIn: user.matchingOptIn,
      organisation: user.organisation
        ? { name: user.organisation.name, type: user.organisation.type.name, province: user.organisation.province.name }
        : null,
      position: user.position?.name ?? null,
      phase: user.phase?.name ?? null,
      themes: user.themes.map((t) => t.theme.name),
    },
    phaseHistory: user.phaseChanges.map((c) => ({ phase: c.phase.name, changedAt: c.changedAt })),
    sessions: user.sessions,
    // The requests they sent without the recipient's answer: a declined request stays quiet (ADR 0012).
    introductionsSent: await prisma.introduction.findMany({
      where: { requesterId: userId },
      orderBy: { createdAt: 'asc' },
      select: { message: true, createdAt: true, recipient: { select: { name: true } } },
    }),
    introductionsReceived: await prisma.introduction.findMany({
      where: { recipientId: userId },
      orderBy: { createdAt: 'asc' },
      select: { message: true, status: true, createdAt: true, decidedAt: true, requester: { select: { name: true } } },
    }),
    // The published peer groups they are in, and with whom they were matched (introduced or grouped).
    peerGroups: (
      await prisma.peerGroupMember.findMany({
        where: { userId, group: { grouping: { status: 'published' } } },
        orderBy: { group: { grouping: { publishedAt: 'asc' } } },
        select: {
          group: {
            select: {
              number: true,
              grouping: {
                select: { publishedAt: true, community: { select: { name: true } }, masterclass: { select: { title: true } } },
              },
              members: { where: { userId: { not: userId } }, select: { user: { select: { name: true } } } },
            },
          },
        },
      })
    ).map(({ group }) => ({
      in: group.grouping.community?.name ?? group.grouping.masterclass?.title ?? null,
      group: group.number,
      publishedAt: group.grouping.publishedAt,
      with: group.members
        .map((m) => m.user.name)
        .filter((name) => name !== '')
        .sort(),
    })),
    matchHistory: await matchHistoryOf(userId),
    mail: user.email
      ? await prisma.mailMessage.findMany({
          where: { to: user.email },
          orderBy: { createdAt: 'asc' },
          select: { subject: true, text: true, status: true, createdAt: true, sentAt: true },
        })
      : [],
  }
}

async function matchHistoryOf(userId: string) {
  const matches = await prisma.peerMatch.findMany({
    where: { OR: [{ userAId: userId }, { userBId: userId }] },
    orderBy: { createdAt: 'asc' },
    select: { userAId: true, userBId: true, source: true, createdAt: true },
  })
  const otherIds = matches.map((m) => (m.userAId === userId ? m.userBId : m.userAId))
  const names = new Map(
    (await prisma.user.findMany({ where: { id: { in: otherIds } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  )
  return matches.map((m, i) => ({ with: names.get(otherIds[i]!) || null, source: m.source, at: m.createdAt }))
}

/**
 * Deletes the account: the profile, e-mail address, password, sessions and
 * links go; the row stays (without personal data) so that posts and document
 * edits remain, attributed to a "former member".
 */
export async function deleteAccount(userId: string, now = new Date()): Promise<void> {
  // Seats they hold in coming masterclasses go to the waitlist (each in its own locked transaction).
  for (const masterclassId of await upcomingRegistrations(userId, now)) {
    await cancelRegistration(masterclassId, userId, now)
  }
  const outboxFiles = await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { role: true, email: true } })
    if (user.role === 'admin' && (await tx.user.count({ where: { role: 'admin', deletedAt: null } })) <= 1) {
      throw new UserInputError(null, 'errors.lastAdmin')
    }
    // Mail to the address (its text holds the name and address) goes too.
    const mail = user.email ? await tx.mailMessage.findMany({ where: { to: user.email }, select: { outboxPath: true } }) : []
    if (user.email) {
      await tx.mailMessage.deleteMany({ where: { to: user.email } })
      await tx.loginThrottle.deleteMany({ where: { key: accountThrottleKey(user.email) } })
    }
    await tx.session.deleteMany({ where: { userId } })
    await tx.oneTimeToken.deleteMany({ where: { userId } })
    await tx.userTheme.deleteMany({ where: { userId } })
    await tx.phaseChange.deleteMany({ where: { userId } })
    // Out of every community; their posts stay, shown as a former member's.
    await tx.membership.deleteMany({ where: { userId } })
    await tx.joinRequest.deleteMany({ where: { userId } })
    await tx.notification.deleteMany({ where: { userId } })
    await tx.masterclassFacilitator.deleteMany({ where: { userId } })
    // Introductions hold their messages; the match history only ids, but it is about them alone.
    await tx.introduction.deleteMany({ where: { OR: [{ requesterId: userId }, { recipientId: userId }] } })
    await tx.peerMatch.deleteMany({ where: { OR: [{ userAId: userId }, { userBId: userId }] } })
    await removeFromGroupings(tx, userId)
    await tx.user.update({
      where: { id: userId },
      data: {
        email: null,
        name: '',
        passwordHash: null,
        bio: '',
        role: 'member',
        matchingOptIn: false,
        organisationId: null,
        positionId: null,
        phaseId: null,
        emailVerifiedAt: null,
        locale: null,
        deletedAt: now,
      },
    })
    return mail.flatMap((m) => (m.outboxPath ? [m.outboxPath] : []))
  })
  await endLiveSessions({ userId })
  await Promise.all(outboxFiles.map((file) => fs.rm(file, { force: true })))
}

export async function setPreferredLanguage(userId: string, locale: Language): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { locale } })
}
