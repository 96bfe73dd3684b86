// Passwords are hashed with argon2id using OWASP's minimum parameters
// (m=19456 KiB, t=2, p=1); see docs/decisions/0003-sessions-lucia-design.md.
import { hash, verify } from '@node-rs/argon2'

// @node-rs/argon2 exports `Algorithm` as a const enum, which isolatedModules
// cannot inline; 2 is Argon2id.
const ARGON2ID = 2

const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

/** A hash of nothing in particular, verified against when the account does not
 *  exist, so that "no such account" takes as long as "wrong password". */
let dummyHash: Promise<string> | undefined
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('peloton-timing-equaliser')
  await verifyPassword(await dummyHash, password)
}
