// The masterclass form's values as the service takes them: conform gives a
// single ticked checkbox as a string; the lists are always arrays here.
import type { MasterclassFormInput } from './masterclass-rules'

const LISTS = ['themeIds', 'phaseIds', 'positionIds', 'facilitatorIds'] as const

export function masterclassFormInput(payload: Record<string, unknown>): MasterclassFormInput {
  const input: Record<string, unknown> = { ...payload }
  for (const name of LISTS) {
    const value = input[name]
    input[name] = value === undefined ? [] : Array.isArray(value) ? value : [value]
  }
  return input as MasterclassFormInput
}
