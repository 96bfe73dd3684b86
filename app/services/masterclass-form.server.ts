// What the masterclass form needs: the choices (taxonomies, communities the
// person may attach it to, possible co-facilitators) and, for editing, the
// stored values as the form shows them (times in Europe/Amsterdam).
import type { MasterclassFormOptions, MasterclassFormValues } from '~/components/masterclass-form'
import type { Actor } from '~/auth/community-policy'
import { prisma } from '~/utils/db.server'
import { utcToAmsterdamLocal } from '~/utils/amsterdam-time'
import { listTaxonomies } from './taxonomy.server'

export async function masterclassFormOptions(actor: NonNullable<Actor>): Promise<MasterclassFormOptions> {
  const [taxonomies, communities, facilitators] = await Promise.all([
    listTaxonomies(),
    prisma.community.findMany({
      where: {
        archivedAt: null,
        // Admins may attach it to any community; others to the ones they run (the service checks the same).
        ...(actor.role === 'admin' ? {} : { memberships: { some: { userId: actor.id, role: 'facilitator' } } }),
      },
      orderBy: { name: 'asc' },
      select: { id: true, name: true },
    }),
    prisma.user.findMany({
      where: { deletedAt: null, role: { in: ['facilitator', 'admin'] } },
      orderBy: { name: 'asc' },
      select: { id: true, name: true },
    }),
  ])
  return { taxonomies, communities, facilitators }
}

export async function masterclassFormValues(masterclassId: string): Promise<MasterclassFormValues> {
  const m = await prisma.masterclass.findUniqueOrThrow({
    where: { id: masterclassId },
    select: {
      title: true,
      description: true,
      communityId: true,
      startsAt: true,
      endsAt: true,
      location: true,
      onlineUrl: true,
      capacity: true,
      registrationOpensAt: true,
      registrationClosesAt: true,
      themes: { select: { themeId: true } },
      targetPhases: { select: { phaseId: true } },
      targetPositions: { select: { positionId: true } },
      facilitators: { select: { userId: true } },
    },
  })
  const local = (d: Date | null) => (d ? utcToAmsterdamLocal(d) : '')
  return {
    title: m.title,
    description: m.description,
    communityId: m.communityId ?? '',
    startsAt: local(m.startsAt),
    endsAt: local(m.endsAt),
    location: m.location ?? '',
    onlineUrl: m.onlineUrl ?? '',
    capacity: String(m.capacity),
    registrationOpensAt: local(m.registrationOpensAt),
    registrationClosesAt: local(m.registrationClosesAt),
    themeIds: m.themes.map((x) => x.themeId),
    phaseIds: m.targetPhases.map((x) => x.phaseId),
    positionIds: m.targetPositions.map((x) => x.positionId),
    facilitatorIds: m.facilitators.map((x) => x.userId),
  }
}
