// Demo communities: every kind and visibility, with facilitators, members
// who fit them, pending join requests and Dutch discussions. Loaded inside
// the demo population's transaction (see demo.ts), from its members.
import type { Prisma } from '~/generated/prisma/client'

interface DemoThread {
  title: string
  body: string
  replies: string[]
}

interface DemoCommunity {
  slug: string
  name: string
  kind: 'cop' | 'learning_community'
  visibility: 'open' | 'on_request' | 'invite_only'
  description: string
  themes: string[]
  phases: string[]
  positions: string[]
  threads: DemoThread[]
}

export const DEMO_COMMUNITIES: DemoCommunity[] = [
  {
    slug: 'bodem-in-de-omgevingsvisie',
    name: 'CoP Bodem in de omgevingsvisie',
    kind: 'cop',
    visibility: 'open',
    description:
      'Voor iedereen die bodem en ondergrond een plek wil geven in de **omgevingsvisie**. We delen teksten, kaarten en ervaringen met de participatie.\n\n- maandelijks een online sessie\n- een gedeelde bibliotheek met voorbeelden',
    themes: ['omgevingsvisie-en-omgevingswet', 'ondergronds-ruimtegebruik'],
    phases: ['visievorming', 'planvorming'],
    positions: ['beleidsmedewerker', 'specialist-adviseur'],
    threads: [
      {
        title: 'Hoe verwerk je de bodemfuncties in een visiekaart?',
        body: 'Wij zoeken voorbeelden van visiekaarten waarin de **ondergrond** zichtbaar is. Wie heeft er een gemaakt?',
        replies: [
          'Wij hebben een aparte laag "ondergrond" gemaakt met drinkwaterwinningen en warmte-koudeopslag. Ik deel hem graag.',
          'Let op de schaal: op gemeenteniveau wordt het snel onleesbaar. Wij werken met twee kaarten.',
        ],
      },
      {
        title: 'Participatie over bodem: wat werkt?',
        body: 'Bewoners vinden bodem abstract. Welke werkvormen werkten bij jullie?',
        replies: ['Een bodemprofiel in een glazen buis meenemen naar de avond werkte bij ons verrassend goed.'],
      },
    ],
  },
  {
    slug: 'leergemeenschap-bodemenergie',
    name: 'Leergemeenschap Bodemenergie en warmte',
    kind: 'learning_community',
    visibility: 'on_request',
    description:
      'Een leergemeenschap voor wie bodemenergiesystemen plant of vergunt. We werken aan een gezamenlijke **handreiking masterplan bodemenergie**.',
    themes: ['bodemenergie-en-warmte', 'grondwater'],
    phases: ['planvorming', 'uitvoering'],
    positions: ['projectleider', 'specialist-adviseur', 'vth'],
    threads: [
      {
        title: 'Interferentie tussen open systemen',
        body: 'Hoe gaan jullie om met interferentie tussen open bodemenergiesystemen in drukke binnensteden?',
        replies: ['Wij werken met een masterplan per wijk en een loket dat aanvragen vooraf toetst.'],
      },
    ],
  },
  {
    slug: 'cop-vth-bodem',
    name: 'CoP Toezicht en handhaving bodem',
    kind: 'cop',
    visibility: 'open',
    description:
      'Voor vergunningverleners, toezichthouders en handhavers: casussen bespreken, werkwijzen delen, van elkaar leren.',
    themes: ['bodemverontreiniging-en-spoedlocaties', 'nazorg'],
    phases: ['uitvoering', 'borging'],
    positions: ['vth'],
    threads: [
      {
        title: 'Toezicht op grondverzet onder de Omgevingswet',
        body: 'Wat is er bij jullie veranderd in het toezicht op grondverzet sinds de inwerkingtreding?',
        replies: [
          'Meer meldingen, minder vergunningen. We zijn de controles risicogericht gaan plannen.',
          'Herkenbaar. Wij delen onze risicomatrix volgende week.',
        ],
      },
    ],
  },
  {
    slug: 'bestuurderskring-ondergrond',
    name: 'Bestuurderskring Ondergrond',
    kind: 'learning_community',
    visibility: 'invite_only',
    description:
      'Een besloten kring van bestuurders en managers over sturing op de ondergrond en de financiering van bodembeheer.',
    themes: ['ondergronds-ruimtegebruik', 'financiering-bodembeheer'],
    phases: ['visievorming', 'planvorming', 'uitvoering'],
    positions: ['bestuurder', 'manager'],
    threads: [
      {
        title: 'Financiering na de decentralisatie-uitkering',
        body: 'Hoe borgen jullie de financiering van bodemtaken na afloop van de huidige middelen?',
        replies: ['Wij nemen het op in de reguliere begroting van de omgevingsdienst.'],
      },
    ],
  },
  {
    slug: 'klimaatadaptatie-en-water',
    name: 'CoP Klimaatadaptatie, grond- en drinkwater',
    kind: 'cop',
    visibility: 'on_request',
    description:
      'Over de samenhang tussen klimaatadaptatie, grondwater en drinkwatervoorziening. Waterschappen, drinkwaterbedrijven en gemeenten aan één tafel.',
    themes: ['klimaatadaptatie', 'grondwater', 'drinkwater'],
    phases: ['visievorming', 'planvorming'],
    positions: ['beleidsmedewerker', 'specialist-adviseur', 'projectleider'],
    threads: [
      {
        title: 'Droogte en grondwaterstanden: wie meet wat?',
        body: 'We willen meetgegevens delen tussen waterschap en gemeente. Wie heeft hier afspraken over gemaakt?',
        replies: [],
      },
    ],
  },
  {
    slug: 'eerste-stappen',
    name: 'Leergemeenschap Eerste stappen met bodem',
    kind: 'learning_community',
    visibility: 'open',
    description: 'Net begonnen met bodem onder de Omgevingswet? Hier stel je alle vragen en leer je van wie net iets verder is.',
    themes: ['omgevingsvisie-en-omgevingswet'],
    phases: ['bewustwording', 'visievorming'],
    positions: [],
    threads: [
      {
        title: 'Waar begin ik?',
        body: 'Ik ben sinds kort verantwoordelijk voor bodem in onze gemeente. Welke drie documenten moet ik eerst lezen?',
        replies: ['Begin met de bruidsschat voor bodem, dan het eigen omgevingsplan, dan de handreiking van het programma.'],
      },
    ],
  },
  {
    slug: 'koplopers-borging',
    name: 'Koplopers: borging in de organisatie',
    kind: 'cop',
    visibility: 'invite_only',
    description: 'Voor koplopers die bodem hebben geborgd en dat willen vasthouden en delen.',
    themes: ['omgevingsvisie-en-omgevingswet', 'nazorg'],
    phases: ['borging'],
    positions: [],
    threads: [],
  },
]

interface DemoUser {
  id: string
  name: string
  role: string
  phaseSlug: string | null
  positionSlug: string | null
  themeSlugs: string[]
}

/** 3 fits the phase, the position and a theme; 2 two of those; 1 one; 0 none. */
function fit(user: DemoUser, c: DemoCommunity): number {
  const phase = c.phases.length === 0 || (user.phaseSlug !== null && c.phases.includes(user.phaseSlug))
  const position = c.positions.length === 0 || (user.positionSlug !== null && c.positions.includes(user.positionSlug))
  const theme = user.themeSlugs.some((t) => c.themes.includes(t))
  return Number(phase) + Number(position) + Number(theme)
}

/** The best-fitting people first (stable order within a level), at least enough to make a lively group. */
function fittingUsers(users: DemoUser[], c: DemoCommunity, wanted: number): DemoUser[] {
  const strict = users.filter((u) => fit(u, c) === 3)
  if (strict.length >= wanted) return strict
  return [...strict, ...users.filter((u) => fit(u, c) === 2)]
}

export async function seedDemoCommunities(tx: Prisma.TransactionClient, now: Date): Promise<void> {
  const users: DemoUser[] = (
    await tx.user.findMany({
      where: { deletedAt: null },
      orderBy: { email: 'asc' },
      select: {
        id: true,
        name: true,
        role: true,
        phase: { select: { slug: true } },
        position: { select: { slug: true } },
        themes: { select: { theme: { select: { slug: true } } } },
      },
    })
  ).map((u) => ({
    id: u.id,
    name: u.name,
    role: u.role,
    phaseSlug: u.phase?.slug ?? null,
    positionSlug: u.position?.slug ?? null,
    themeSlugs: u.themes.map((t) => t.theme.slug),
  }))
  const bySlug = async (table: 'theme' | 'transitionPhase' | 'position', slugs: string[]) => {
    const delegate = { theme: tx.theme, transitionPhase: tx.transitionPhase, position: tx.position }[table] as unknown as {
      findMany(a: unknown): Promise<Array<{ id: string }>>
    }
    return delegate.findMany({ where: { slug: { in: slugs } }, select: { id: true } })
  }
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000)

  for (const [index, c] of DEMO_COMMUNITIES.entries()) {
    const fitting = fittingUsers(users, c, 6)
    const facilitators = [...fitting.filter((u) => u.role === 'facilitator'), ...fitting].slice(0, 2)
    const facilitatorIds = new Set(facilitators.map((u) => u.id))
    const members = fitting.filter((u) => !facilitatorIds.has(u.id)).slice(0, 12)
    const community = await tx.community.create({
      data: {
        slug: c.slug,
        name: c.name,
        kind: c.kind,
        visibility: c.visibility,
        description: c.description,
        createdById: facilitators[0]?.id ?? null,
        createdAt: minutesAgo(60 * 24 * (90 - index * 7)),
        themes: { create: (await bySlug('theme', c.themes)).map((t) => ({ themeId: t.id })) },
        targetPhases: { create: (await bySlug('transitionPhase', c.phases)).map((p) => ({ phaseId: p.id })) },
        targetPositions: { create: (await bySlug('position', c.positions)).map((p) => ({ positionId: p.id })) },
        memberships: {
          create: [
            ...facilitators.map((u, i) => ({ userId: u.id, role: 'facilitator', joinedAt: minutesAgo(60 * 24 * (80 - i)) })),
            ...members.map((u, i) => ({ userId: u.id, role: 'member', joinedAt: minutesAgo(60 * 24 * (60 - i * 3)) })),
          ],
        },
      },
    })
    if (c.visibility === 'on_request') {
      const outsiders = users.filter(
        (u) => !facilitatorIds.has(u.id) && !members.includes(u) && u.themeSlugs.some((t) => c.themes.includes(t)),
      )
      for (const [i, u] of outsiders.slice(0, 2).entries()) {
        await tx.joinRequest.create({
          data: {
            communityId: community.id,
            userId: u.id,
            message: i === 0 ? 'Graag doe ik mee: we starten net met dit thema.' : '',
            createdAt: minutesAgo(60 * (i + 2)),
          },
        })
        // The facilitators' bell shows the request, as it would have when it came in.
        await tx.notification.createMany({
          data: facilitators.map((f) => ({
            userId: f.id,
            kind: 'join_request',
            link: `/communities/${c.slug}/requests`,
            data: JSON.stringify({ community: c.name, person: u.name }),
            createdAt: minutesAgo(60 * (i + 2)),
          })),
        })
      }
    }
    const authors = [...facilitators, ...members]
    for (const [t, thread] of c.threads.entries()) {
      const author = authors[t % Math.max(1, authors.length)]
      const started = minutesAgo(60 * 24 * (20 - t * 5))
      const replies = thread.replies.map((body, r) => ({
        body,
        authorId: authors[(t + r + 1) % Math.max(1, authors.length)]?.id ?? null,
        createdAt: new Date(started.getTime() + (r + 1) * 3_600_000),
      }))
      await tx.thread.create({
        data: {
          communityId: community.id,
          authorId: author?.id ?? null,
          title: thread.title,
          body: thread.body,
          createdAt: started,
          lastActivityAt: replies.at(-1)?.createdAt ?? started,
          pinned: t === 0 && c.threads.length > 1,
          replies: { create: replies },
        },
      })
    }
  }
}
