// Demo masterclasses, so every state can be seen: upcoming and past, one full
// with a waitlist, one online, one in a community, a cancelled one and a
// draft — with registrations from fitting demo members, attendance and
// feedback on the past one, and a notes document each. Loaded inside the demo
// population's transaction (see demo.ts), after the communities; written
// straight to the tables (no mails for demo people), keeping the counters
// the registration service relies on (ADR 0011) consistent.
import type { Prisma } from '~/generated/prisma/client'
import { amsterdamLocalToUtc, utcToAmsterdamLocal } from '~/utils/amsterdam-time'

const DAY_MS = 24 * 60 * 60 * 1000

interface DemoMasterclass {
  title: string
  description: string
  /** Days from now (negative: in the past); the time is Amsterdam wall-clock. */
  inDays: number
  from: string
  to: string
  location?: string
  onlineUrl?: string
  capacity: number
  status: 'draft' | 'published' | 'cancelled'
  confirmed: number
  waitlisted?: number
  inCommunity?: boolean
  themes: string[]
  phases: string[]
  positions: string[]
}

export const DEMO_MASTERCLASSES: DemoMasterclass[] = [
  {
    title: 'Bodem in het omgevingsplan: van visie naar regels',
    description:
      'Hoe vertaal je de bodemambities uit de omgevingsvisie naar regels in het omgevingsplan? Twee gemeenten laten zien hoe zij het deden, daarna werken we in groepjes aan je eigen casus.\n\n- bruidsschat en bodem\n- beleidsregels en maatwerk\n- wat de provincie verwacht',
    inDays: 14,
    from: '13:30',
    to: '16:30',
    location: 'Provinciehuis Utrecht, Archimedeslaan 6, Utrecht',
    capacity: 24,
    status: 'published',
    confirmed: 9,
    inCommunity: true,
    themes: ['omgevingsvisie-en-omgevingswet', 'bodemverontreiniging-en-spoedlocaties'],
    phases: ['planvorming'],
    positions: ['beleidsmedewerker', 'specialist-adviseur'],
  },
  {
    title: 'Bodemenergie en warmtenetten: wat kan de ondergrond aan?',
    description:
      'Open en gesloten bodemenergiesystemen, interferentie en masterplannen. Met een rekenvoorbeeld en een bezoek aan een WKO-installatie.',
    inDays: 21,
    from: '10:00',
    to: '15:00',
    location: 'Gemeentehuis Zwolle, Grote Kerkplein 15, Zwolle',
    capacity: 8,
    status: 'published',
    confirmed: 8,
    waitlisted: 3,
    themes: ['bodemenergie-en-warmte', 'ondergronds-ruimtegebruik'],
    phases: ['visievorming', 'planvorming'],
    positions: ['specialist-adviseur', 'projectleider'],
  },
  {
    title: 'Online: klimaatadaptatie en grondwater in de praktijk',
    description: 'Een online masterclass van anderhalf uur over droogte, vernatting en grondwaterstanden in de omgevingsvisie.',
    inDays: 7,
    from: '15:00',
    to: '16:30',
    onlineUrl: 'https://meet.peloton.example/klimaatadaptatie-grondwater',
    capacity: 60,
    status: 'published',
    confirmed: 6,
    themes: ['klimaatadaptatie', 'grondwater'],
    phases: ['bewustwording', 'visievorming'],
    positions: ['beleidsmedewerker', 'manager'],
  },
  {
    title: 'Nazorg en spoedlocaties: lessen uit de regio',
    description:
      'Wat leerden provincies en omgevingsdiensten van de aanpak van spoedlocaties? Een terugblik met praktijkvoorbeelden.',
    inDays: -30,
    from: '09:30',
    to: '12:30',
    location: 'Omgevingsdienst Noordzeekanaalgebied, Haarlem',
    capacity: 16,
    status: 'published',
    confirmed: 10,
    themes: ['nazorg', 'bodemverontreiniging-en-spoedlocaties'],
    phases: ['uitvoering', 'borging'],
    positions: ['vth', 'specialist-adviseur'],
  },
  {
    title: 'Financiering bodembeheer na 2030',
    description: 'Over decentrale middelen, de specifieke uitkering en wat er daarna komt.',
    inDays: 10,
    from: '13:00',
    to: '15:00',
    location: 'Ministerie van Infrastructuur en Waterstaat, Den Haag',
    capacity: 30,
    status: 'cancelled',
    confirmed: 4,
    themes: ['financiering-bodembeheer'],
    phases: ['borging'],
    positions: ['manager', 'bestuurder'],
  },
  {
    title: 'Ondergronds ruimtegebruik in de binnenstad (concept)',
    description: 'Kabels, leidingen, bomen, warmte en water: wie krijgt welke plek onder de straat?',
    inDays: 45,
    from: '13:30',
    to: '17:00',
    location: 'Utrecht',
    capacity: 20,
    status: 'draft',
    confirmed: 0,
    themes: ['ondergronds-ruimtegebruik'],
    phases: ['planvorming', 'uitvoering'],
    positions: ['projectleider'],
  },
]

const COMMENTS = [
  'Heel praktisch, ik kan hier morgen mee verder.',
  'Goede voorbeelden uit andere provincies.',
  'Meer tijd voor de casussen zou fijn zijn.',
  '',
]

export async function seedDemoMasterclasses(tx: Prisma.TransactionClient, now: Date): Promise<void> {
  const users = await tx.user.findMany({
    where: { deletedAt: null, email: { not: null } },
    orderBy: { email: 'asc' },
    select: { id: true, role: true, phase: { select: { slug: true } }, position: { select: { slug: true } } },
  })
  const facilitators = users.filter((u) => u.role === 'facilitator')
  const members = users.filter((u) => u.role === 'member')
  const community = await tx.community.findFirst({
    where: { visibility: 'open', memberships: { some: { role: 'facilitator' } } },
    orderBy: { createdAt: 'asc' },
    select: { id: true, memberships: { where: { role: 'facilitator' }, select: { userId: true }, take: 1 } },
  })
  const idsOf = async (table: 'theme' | 'transitionPhase' | 'position', slugs: string[]) => {
    const delegate = { theme: tx.theme, transitionPhase: tx.transitionPhase, position: tx.position }[table] as unknown as {
      findMany(a: unknown): Promise<Array<{ id: string }>>
    }
    return (await delegate.findMany({ where: { slug: { in: slugs } }, select: { id: true } })).map((r) => r.id)
  }
  const at = (inDays: number, time: string) => {
    const day = utcToAmsterdamLocal(new Date(now.getTime() + inDays * DAY_MS)).slice(0, 10)
    return amsterdamLocalToUtc(`${day}T${time}`)!
  }

  for (const [index, d] of DEMO_MASTERCLASSES.entries()) {
    const startsAt = at(d.inDays, d.from)
    const inCommunity = d.inCommunity && community
    const facilitatorId = inCommunity ? community.memberships[0]!.userId : facilitators[index % facilitators.length]!.id
    // Fitting members first (same phase or position), then the rest, so the lists look plausible.
    const fits = (u: (typeof members)[number]) =>
      (d.phases.includes(u.phase?.slug ?? '') ? 1 : 0) + (d.positions.includes(u.position?.slug ?? '') ? 1 : 0)
    const people = [...members]
      .sort((a, b) => fits(b) - fits(a))
      .filter((u) => u.id !== facilitatorId)
      .slice(index, index + d.confirmed + (d.waitlisted ?? 0))
    const createdAt = new Date(Math.min(now.getTime(), startsAt.getTime()) - 40 * DAY_MS)
    const ended = d.inDays < 0
    const m = await tx.masterclass.create({
      data: {
        title: d.title,
        description: d.description,
        communityId: inCommunity ? community.id : null,
        startsAt,
        endsAt: at(d.inDays, d.to),
        location: d.location ?? null,
        onlineUrl: d.onlineUrl ?? null,
        capacity: d.capacity,
        registrationClosesAt: new Date(startsAt.getTime() - DAY_MS),
        status: d.status,
        sequence: d.status === 'draft' ? 0 : d.status === 'cancelled' ? 2 : 1,
        confirmedCount: d.confirmed,
        registrationSeq: people.length,
        createdById: facilitatorId,
        createdAt,
        publishedAt: d.status === 'draft' ? null : new Date(createdAt.getTime() + DAY_MS),
        cancelledAt: d.status === 'cancelled' ? new Date(now.getTime() - 2 * DAY_MS) : null,
        facilitators: { create: { userId: facilitatorId, addedAt: createdAt } },
        themes: { create: (await idsOf('theme', d.themes)).map((themeId) => ({ themeId })) },
        targetPhases: { create: (await idsOf('transitionPhase', d.phases)).map((phaseId) => ({ phaseId })) },
        targetPositions: { create: (await idsOf('position', d.positions)).map((positionId) => ({ positionId })) },
      },
      select: { id: true },
    })
    for (const [i, person] of people.entries()) {
      const registeredAt = new Date(createdAt.getTime() + (2 + i) * 3600_000 * 7)
      await tx.registration.create({
        data: {
          masterclassId: m.id,
          userId: person.id,
          status: i < d.confirmed ? 'confirmed' : 'waitlisted',
          queueNumber: i + 1,
          createdAt: registeredAt,
          registeredAt,
          attended: ended && i < d.confirmed ? i % 5 !== 4 : null,
          remindedAt: ended && i < d.confirmed ? new Date(startsAt.getTime() - DAY_MS) : null,
        },
      })
      if (ended && i < d.confirmed && i % 5 !== 4 && i % 2 === 0) {
        await tx.masterclassFeedback.create({
          data: { masterclassId: m.id, userId: person.id, rating: 5 - (i % 3), comment: COMMENTS[i % COMMENTS.length]! },
        })
      }
    }
    const notes = await tx.document.create({
      data: { title: `Notities: ${d.title}`, masterclassId: m.id, createdById: facilitatorId, lastEditedById: facilitatorId },
      select: { id: true },
    })
    await tx.masterclass.update({ where: { id: m.id }, data: { notesDocumentId: notes.id } })
  }
}
