// English texts of the communities pages; typed by communities.nl.ts.
import type { Widen } from './types'
import type { communitiesNl } from './communities.nl'

export const communitiesEn: Widen<typeof communitiesNl> = {}
