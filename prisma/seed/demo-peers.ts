// The demo's peer matching: one introduction request waiting for the demo
// login (the admin account), from a demo member one phase behind in the same
// position, for whom the admin is "one phase ahead". Runs once, right after
// the demo population and the admin account were created.
import type { PrismaClient } from '~/generated/prisma/client'
import { DEMO_EMAIL_DOMAIN } from './demo'

export const DEMO_INTRODUCTION_MESSAGE =
  'Ik zag dat jullie al een fase verder zijn. Wij werken aan het omgevingsplan en worstelen met de regels voor bodem en ondergrond. Zou je een half uur willen bellen over hoe jullie dat hebben aangepakt?'

/** Creates the request unless the admin already has one; returns whether it did. */
export async function seedDemoIntroduction(prisma: PrismaClient, adminEmail: string): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const admin = await tx.user.findUnique({
      where: { email: adminEmail },
      select: { id: true, organisationId: true, positionId: true, phase: { select: { sortOrder: true } } },
    })
    if (!admin || (await tx.introduction.count({ where: { recipientId: admin.id } })) > 0) return false
    const demo = {
      email: { endsWith: `@${DEMO_EMAIL_DOMAIN}` },
      matchingOptIn: true,
      deletedAt: null,
      NOT: { organisationId: admin.organisationId },
    }
    const behind = admin.phase ? { positionId: admin.positionId, phase: { sortOrder: admin.phase.sortOrder - 1 } } : {}
    const requester =
      (await tx.user.findFirst({ where: { ...demo, ...behind }, orderBy: { email: 'asc' }, select: { id: true, name: true } })) ??
      (await tx.user.findFirst({ where: demo, orderBy: { email: 'asc' }, select: { id: true, name: true } }))
    if (!requester) return false
    await tx.introduction.create({
      data: { requesterId: requester.id, recipientId: admin.id, message: DEMO_INTRODUCTION_MESSAGE },
    })
    await tx.notification.create({
      data: {
        userId: admin.id,
        kind: 'introduction_request',
        link: '/peers#requests',
        data: JSON.stringify({ person: requester.name }),
      },
    })
    return true
  })
}
