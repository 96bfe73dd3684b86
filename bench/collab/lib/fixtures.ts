// People, a community and documents for the runs, made with the project's own
// factories and document service (no hand-written SQL). Loaded after
// DATABASE_URL is set (see db.ts).
import * as Y from 'yjs'
import { prepareDatabase } from '~/utils/db.server'
import { createDocument } from '~/services/documents.server'
import { EDITOR_FRAGMENT } from '~/realtime/protocol'
import { makeCommunity, makeLoggedInUser } from '../../../tests/factories'

export interface Fixtures {
  communityId: string
  /** Session tokens of two members (editors): one writes, the other's sessions read. */
  writerToken: string
  readerToken: string
  userId: string
}

export async function makeFixtures(): Promise<Fixtures> {
  await prepareDatabase()
  const writer = await makeLoggedInUser({ name: 'Bench Writer' })
  const reader = await makeLoggedInUser({ name: 'Bench Reader' })
  const community = await makeCommunity({ visibility: 'on_request', members: [writer.user.id, reader.user.id] })
  return { communityId: community.id, writerToken: writer.token, readerToken: reader.token, userId: writer.user.id }
}

export async function newDocument(fixtures: Fixtures, title: string, initial?: Uint8Array): Promise<string> {
  const { id } = await createDocument({ communityId: fixtures.communityId, title, initial, createdById: fixtures.userId })
  return id
}

/** A short real document as the editor stores it: a heading and a paragraph in the `default` fragment. */
export function smallDocumentState(i: number): Uint8Array {
  const doc = new Y.Doc()
  const fragment = doc.getXmlFragment(EDITOR_FRAGMENT)
  const heading = new Y.XmlElement('heading')
  heading.setAttribute('level', '2')
  heading.insert(0, [new Y.XmlText(`Verslag bijeenkomst ${i}`)])
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [
    new Y.XmlText(
      'Afspraken over de bodemkwaliteitskaart, de grondwaterbeschermingsgebieden en de planning van de ' +
        `volgende sessie (${i}). Actiepunten volgen per werkgroep.`,
    ),
  ])
  fragment.insert(0, [heading, paragraph])
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return state
}
