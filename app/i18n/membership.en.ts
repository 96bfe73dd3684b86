// English texts of the membership pages; typed by membership.nl.ts.
import type { Widen } from './types'
import type { membershipNl } from './membership.nl'

export const membershipEn: Widen<typeof membershipNl> = {}
