// Demo documents with real content in several demo communities, written by
// their members, one with a saved version. Loaded inside the demo
// population's transaction (see demo.ts), after the communities.
import type { JSONContent } from '@tiptap/core'
import { contentUpdate } from '~/services/document-templates.server'
import type { Prisma } from '~/generated/prisma/client'

const t = (text: string, marks?: JSONContent['marks']): JSONContent => ({ type: 'text', text, ...(marks ? { marks } : {}) })
const h = (level: 1 | 2 | 3, text: string): JSONContent => ({ type: 'heading', attrs: { level }, content: [t(text)] })
const p = (...content: (string | JSONContent)[]): JSONContent => ({
  type: 'paragraph',
  content: content.map((c) => (typeof c === 'string' ? t(c) : c)),
})
const b = (text: string) => t(text, [{ type: 'bold' }])
const ul = (...items: string[]): JSONContent => ({
  type: 'bulletList',
  content: items.map((item) => ({ type: 'listItem', content: [p(item)] })),
})
const ol = (...items: string[]): JSONContent => ({
  type: 'orderedList',
  content: items.map((item) => ({ type: 'listItem', content: [p(item)] })),
})
const quote = (text: string): JSONContent => ({ type: 'blockquote', content: [p(text)] })
const table = (...rows: string[][]): JSONContent => ({
  type: 'table',
  content: rows.map((row, r) => ({
    type: 'tableRow',
    content: row.map((cell) => ({ type: r === 0 ? 'tableHeader' : 'tableCell', content: [p(cell)] })),
  })),
})

interface DemoDocument {
  community: string
  title: string
  content: JSONContent[]
  /** An earlier state saved as a named version. */
  version?: { name: string; content: JSONContent[] }
  daysAgo: number
}

const visieIntro = [
  h(1, 'Startnotitie bodem in de omgevingsvisie'),
  p('Deze notitie geeft bodem en ondergrond vanaf het begin een plek in de omgevingsvisie van onze gemeente.'),
  h(2, 'Aanleiding'),
  p(
    'De gemeenteraad stelt in het najaar de ',
    b('omgevingsvisie'),
    ' vast. Bodem en ondergrond kwamen in de eerste versie alleen als randvoorwaarde voor. Dat doet tekort aan de opgaven die eronder liggen.',
  ),
]

export const DEMO_DOCUMENTS: DemoDocument[] = [
  {
    community: 'bodem-in-de-omgevingsvisie',
    title: 'Startnotitie bodem in de omgevingsvisie (gemeente)',
    daysAgo: 3,
    version: { name: 'Eerste opzet', content: visieIntro },
    content: [
      ...visieIntro,
      h(2, 'Opgaven in de bodem en ondergrond'),
      ul(
        'Drinkwaterwinning en de beschermingszones daaromheen',
        'Bodemenergie: de vraag naar warmte-koudeopslag in de binnenstad groeit snel',
        'Bodemdaling in het veenweidegebied',
        'Drukte onder de grond door kabels, leidingen en warmtenetten',
      ),
      h(2, 'Ambitie'),
      quote('De ondergrond is in 2040 een volwaardige laag in elk ruimtelijk besluit.'),
      h(2, 'Betrokken partijen'),
      table(
        ['Partij', 'Rol'],
        ['Waterschap', 'Grondwater en bodemdaling'],
        ['Omgevingsdienst', 'Bodemkwaliteit en vergunningen'],
        ['Drinkwaterbedrijf', 'Winningen en beschermingszones'],
      ),
      h(2, 'Vervolgstappen'),
      ol(
        'Kaart van de ondergrondfuncties maken',
        'Werksessie met waterschap en omgevingsdienst',
        'Bespreking in de raadscommissie',
      ),
    ],
  },
  {
    community: 'bodem-in-de-omgevingsvisie',
    title: 'Verslag online sessie: participatie over bodem',
    daysAgo: 12,
    content: [
      h(1, 'Verslag online sessie: participatie over bodem'),
      p(
        'Twaalf deelnemers uit gemeenten, provincies en een waterschap deelden wat werkt om bewoners bij de ondergrond te betrekken.',
      ),
      h(2, 'Wat werkte'),
      ul(
        'Een bodemprofiel in een glazen buis meenemen naar de avond',
        'Beginnen bij wat mensen kennen: de kelder, de tuin, de gracht',
        'De kaart van de ondergrond op de vloer leggen',
      ),
      h(2, 'Wat minder werkte'),
      p('Lange presentaties over normen en bodemkwaliteitsklassen. Deelnemers haakten af.'),
    ],
  },
  {
    community: 'leergemeenschap-bodemenergie',
    title: 'Handreiking masterplan bodemenergie — concept',
    daysAgo: 1,
    content: [
      h(1, 'Handreiking masterplan bodemenergie'),
      p(b('Concept'), ' — samen geschreven door de leergemeenschap. Reageer gerust in de tekst.'),
      h(2, 'Waarom een masterplan'),
      p(
        'Zonder regie zitten open bodemenergiesystemen elkaar in de weg: de bronnen beïnvloeden elkaars rendement. Een masterplan wijst interferentiegebieden aan en verdeelt de ruimte.',
      ),
      h(2, 'Stappen'),
      ol(
        'Breng bestaande systemen en de verwachte vraag in kaart',
        'Bepaal de interferentiegebieden in het omgevingsplan',
        'Leg een ordeningsplan vast met bronlocaties',
        'Richt monitoring in en evalueer elke twee jaar',
      ),
      h(2, 'Lessen van de koplopers'),
      ul('Betrek de netbeheerder vroeg', 'Houd het plan digitaal en actueel'),
    ],
  },
  {
    community: 'cop-vth-bodem',
    title: 'Geleerde lessen: toezicht op grondverzet',
    daysAgo: 6,
    content: [
      h(1, 'Geleerde lessen: toezicht op grondverzet'),
      p('Wat wij als toezichthouders van drie omgevingsdiensten leerden in het eerste jaar onder de Omgevingswet.'),
      h(2, 'Wat ging goed'),
      ul('De meldingen komen vaker op tijd binnen', 'Samen controleren met het waterschap scheelt dubbel werk'),
      h(2, 'Wat kan beter'),
      ul('De informatie over de herkomst van de grond is vaak onvolledig', 'Steekproeven op zondag ontbreken nog'),
      h(2, 'Tips voor collega’s in dezelfde fase'),
      p('Maak afspraken over wie wat controleert ', b('voordat'), ' het eerste grote project start.'),
    ],
  },
]

export async function seedDemoDocuments(tx: Prisma.TransactionClient, now: Date): Promise<void> {
  for (const d of DEMO_DOCUMENTS) {
    const community = await tx.community.findUniqueOrThrow({
      where: { slug: d.community },
      select: { id: true, memberships: { orderBy: [{ role: 'asc' }, { joinedAt: 'asc' }], select: { userId: true } } },
    })
    const [author, editor] = [community.memberships[0]?.userId ?? null, community.memberships[1]?.userId ?? null]
    const editedAt = new Date(now.getTime() - d.daysAgo * 86_400_000)
    const document = await tx.document.create({
      data: {
        title: d.title,
        communityId: community.id,
        createdById: author,
        createdAt: new Date(editedAt.getTime() - 7 * 86_400_000),
        lastEditedById: editor ?? author,
        lastEditedAt: editedAt,
        snapshot: Buffer.from(contentUpdate(d.content)),
      },
    })
    if (d.version) {
      await tx.documentVersion.create({
        data: {
          documentId: document.id,
          name: d.version.name,
          state: Buffer.from(contentUpdate(d.version.content)),
          createdById: author,
          createdAt: new Date(editedAt.getTime() - 2 * 86_400_000),
        },
      })
    }
  }
}
