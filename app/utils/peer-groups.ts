// Peer groups, as the pages and the services both name them (not .server:
// the pages build links and the form's defaults from it).
import { z } from 'zod'
import { GROUPING_RULES, type GroupingRule } from '~/services/peer-types'

export type GroupOwner =
  { kind: 'community'; id: string; slug: string; name: string } | { kind: 'masterclass'; id: string; name: string }

/** Where an owner's groupings are: /communities/:slug/groups or /masterclasses/:id/groups. */
export function groupingsPath(owner: GroupOwner): string {
  return owner.kind === 'community' ? `/communities/${owner.slug}/groups` : `/masterclasses/${owner.id}/groups`
}

/** The form's first values: groups of 4 to 6, same phase with mixed organisation types. */
export const DEFAULT_GROUPING = { minSize: 4, maxSize: 6, rule: 'samePhaseMixedTypes' as GroupingRule }

/** The largest group the form accepts (a group is a conversation, not a plenary). */
export const MAX_GROUP_SIZE = 30

export { GROUPING_RULES, type GroupingRule }

const sizeField = z
  .number({ required_error: 'groups.errors.sizeRequired', invalid_type_error: 'groups.errors.sizeInvalid' })
  .int('groups.errors.sizeInvalid')

/** The proposal form; the service checks what these sizes and this rule mean for the people at hand. */
export const proposalSchema = z.object({
  minSize: sizeField,
  maxSize: sizeField,
  rule: z.enum(GROUPING_RULES, { errorMap: () => ({ message: 'groups.errors.ruleRequired' }) }),
})
