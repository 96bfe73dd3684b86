// What a document made from a template starts with: ProseMirror content in
// the editor's own schema, turned into a Yjs update for the `default`
// fragment. Templates are Dutch, like the programme's own documents.
import type { JSONContent } from '@tiptap/core'
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { DOCUMENT_FIELD, documentSchema } from '~/components/editor/extensions'
import type { DocumentTemplate } from '~/utils/document-templates'

const text = (value: string, marks?: JSONContent['marks']): JSONContent => ({
  type: 'text',
  text: value,
  ...(marks ? { marks } : {}),
})
const heading = (level: 1 | 2 | 3, value: string): JSONContent => ({ type: 'heading', attrs: { level }, content: [text(value)] })
/** A paragraph; an empty string leaves it empty, to be filled in (ProseMirror has no empty text nodes). */
const paragraph = (...content: (string | JSONContent)[]): JSONContent => {
  const nodes = content.filter((c) => c !== '').map((c) => (typeof c === 'string' ? text(c) : c))
  return nodes.length ? { type: 'paragraph', content: nodes } : { type: 'paragraph' }
}
const italic = (value: string) => text(value, [{ type: 'italic' }])
const list = (items: string[], ordered = false): JSONContent => ({
  type: ordered ? 'orderedList' : 'bulletList',
  content: items.map((item) => ({ type: 'listItem', content: [paragraph(item)] })),
})
const table = ([head, ...rows]: string[][]): JSONContent => ({
  type: 'table',
  content: [
    { type: 'tableRow', content: (head ?? []).map((h) => ({ type: 'tableHeader', content: [paragraph(h)] })) },
    ...rows.map((row) => ({
      type: 'tableRow',
      content: row.map((cell) => ({ type: 'tableCell', content: [paragraph(cell)] })),
    })),
  ],
})

export const TEMPLATE_CONTENT: Record<DocumentTemplate, JSONContent[]> = {
  'startnotitie-bodem': [
    heading(1, 'Startnotitie: bodem en ondergrond in de omgevingsvisie'),
    paragraph(italic('Waarom deze notitie: bodem en ondergrond krijgen vanaf het begin een plek in de omgevingsvisie.')),
    heading(2, 'Aanleiding'),
    paragraph(
      'Beschrijf kort waarom de gemeente of provincie nu aan de omgevingsvisie werkt en wat er voor bodem en ondergrond speelt.',
    ),
    heading(2, 'Opgaven in de bodem en ondergrond'),
    list([
      'Bodemkwaliteit en (diffuse) verontreiniging',
      'Grondwater: kwantiteit, kwaliteit en verdroging',
      'Energie: bodemenergie, warmte-koudeopslag, geothermie',
      'Ruimte onder de grond: kabels, leidingen en andere functies',
      'Bodemdaling en klimaatadaptatie',
    ]),
    heading(2, 'Ambitie'),
    paragraph('Wat wil de organisatie met de bodem en ondergrond bereiken? Formuleer twee of drie ambities.'),
    heading(2, 'Betrokken partijen'),
    table([
      ['Partij', 'Rol', 'Contactpersoon'],
      ['Waterschap', '', ''],
      ['Omgevingsdienst', '', ''],
      ['Provincie', '', ''],
    ]),
    heading(2, 'Vervolgstappen'),
    list(
      ['Verkenning van de bodem- en ondergrondopgaven', 'Werksessie met de betrokken partijen', 'Bespreking in het bestuur'],
      true,
    ),
  ],
  'verslag-intervisie': [
    heading(1, 'Verslag intervisie'),
    paragraph(italic('Datum, deelnemers en gespreksleider.')),
    heading(2, 'Casus'),
    paragraph('Wie brengt de casus in, en wat is de vraag?'),
    heading(2, 'Verhelderende vragen'),
    list(['', '']),
    heading(2, 'Wat de groep herkent'),
    paragraph(''),
    heading(2, 'Adviezen en inzichten'),
    list(['', '']),
    heading(2, 'Wat neemt de inbrenger mee?'),
    paragraph(''),
  ],
  'geleerde-lessen': [
    heading(1, 'Geleerde lessen'),
    paragraph(italic('Wat ging goed, wat kan beter, en wat geven we anderen mee?')),
    heading(2, 'Project of traject'),
    paragraph('Korte beschrijving, fase in de transitie en betrokken organisaties.'),
    heading(2, 'Wat ging goed'),
    list(['']),
    heading(2, 'Wat kan beter'),
    list(['']),
    heading(2, 'Tips voor collega’s in dezelfde fase'),
    list(['']),
  ],
}

/** The Yjs update that fills a new document from a template. */
export function templateUpdate(template: DocumentTemplate): Uint8Array {
  const doc = prosemirrorJSONToYDoc(documentSchema(), { type: 'doc', content: TEMPLATE_CONTENT[template] }, DOCUMENT_FIELD)
  return Y.encodeStateAsUpdate(doc)
}

/** Content written as ProseMirror JSON (demo data, tests) as a Yjs update. */
export function contentUpdate(content: JSONContent[]): Uint8Array {
  return Y.encodeStateAsUpdate(prosemirrorJSONToYDoc(documentSchema(), { type: 'doc', content }, DOCUMENT_FIELD))
}
