// English texts of the discussions pages; typed by discussions.nl.ts.
import type { Widen } from './types'
import type { discussionsNl } from './discussions.nl'

export const discussionsEn: Widen<typeof discussionsNl> = {}
