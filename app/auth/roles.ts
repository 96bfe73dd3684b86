// Roles, shared by the server and the pages that show or choose them.
export const ROLES = ['member', 'facilitator', 'admin'] as const
export type Role = (typeof ROLES)[number]

export function toRole(value: string): Role {
  return (ROLES as readonly string[]).includes(value) ? (value as Role) : 'member'
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}
