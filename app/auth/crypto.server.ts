// The two primitives every secret in Peloton is made of.
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'

/** `bytes` random bytes (20 → 160 bits) as lower-case base32 without padding. */
export function randomToken(bytes = 20): string {
  const buffer = new Uint8Array(bytes)
  crypto.getRandomValues(buffer)
  return encodeBase32LowerCaseNoPadding(buffer)
}

export function sha256Of(text: string): Uint8Array {
  return sha256(new TextEncoder().encode(text))
}
