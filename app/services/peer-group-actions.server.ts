// The groups pages' one action, shared by /communities/:slug/groups and
// /masterclasses/:id/groups: propose (the form, answered with conform's
// reply), move a person, publish, discard. The page stays where it is and
// shows the outcome from the action data.
import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { fieldErrorsOf, UserInputError } from '~/utils/errors'
import { proposalSchema } from '~/utils/peer-groups'
import { message } from '~/utils/validation'
import { requireMayForm, type GroupingsAccess } from './peer-group-access.server'
import { ownerKey } from './peer-group-pages.server'
import { publishGrouping } from './peer-group-publish.server'
import { discardDraft, moveToGroup, proposeGrouping } from './peer-groups.server'

export interface GroupingsActionData {
  /** conform's reply to the proposal form (null for the other buttons). */
  result: SubmissionResult<string[]> | null
  /** Form-level errors of the other buttons, as i18n keys (with `message()` parameters). */
  errors: string[]
  /** What was done, as an i18n key (with `message()` parameters). */
  notice: string | null
}

const reply = (errors: string[], notice: string | null = null): GroupingsActionData => ({ result: null, errors, notice })

export async function groupingsAction(access: GroupingsAccess, formData: FormData): Promise<GroupingsActionData> {
  requireMayForm(access)
  const owner = ownerKey(access.owner)
  const intent = formData.get('intent')
  const groupingId = String(formData.get('groupingId') ?? '')
  try {
    if (intent === 'propose') return await propose(access, formData)
    if (intent === 'move') {
      const userId = String(formData.get('userId') ?? '')
      const raw = String(formData.get('to') ?? '')
      const to = raw === 'new' ? 'new' : Number(raw)
      if (to !== 'new' && !Number.isInteger(to)) return reply(['groups.errors.chooseGroup'])
      await moveToGroup(owner, { groupingId, userId, to })
      return reply([], to === 'new' ? 'groups.notices.movedToNew' : message('groups.notices.moved', { number: to }))
    }
    if (intent === 'publish') {
      await publishGrouping(owner, groupingId, { ownerName: access.owner.name, publishedById: access.actor.id })
      return reply([], 'groups.notices.published')
    }
    if (intent === 'discard') {
      await discardDraft(owner, groupingId)
      return reply([], 'groups.notices.discarded')
    }
  } catch (error) {
    if (error instanceof UserInputError) return reply([error.code])
    throw error
  }
  return reply(['errors.invalidChoice'])
}

async function propose(access: GroupingsAccess, formData: FormData): Promise<GroupingsActionData> {
  const submission = parseWithZod(formData, { schema: proposalSchema })
  if (submission.status !== 'success') return { result: submission.reply(), errors: [], notice: null }
  try {
    await proposeGrouping(ownerKey(access.owner), submission.value, access.actor.id)
  } catch (error) {
    if (error instanceof UserInputError) return { result: submission.reply(fieldErrorsOf(error)), errors: [], notice: null }
    throw error
  }
  return { result: submission.reply(), errors: [], notice: 'groups.notices.proposed' }
}
