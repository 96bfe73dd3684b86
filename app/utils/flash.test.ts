import { describe, expect, it } from 'vitest'
import { isErrorKey, noticeKeys, withError, withNotice } from './flash'

describe('withNotice / withError', () => {
  it('adds the outcome to a path, keeping its query and fragment', () => {
    expect(withNotice('/communities/bodem', 'joined')).toBe('/communities/bodem?notice=joined')
    expect(withNotice('/c/x/discussions/1?page=3#post-9', 'replied')).toBe('/c/x/discussions/1?page=3&notice=replied#post-9')
    expect(withError('/c/x/members', 'membership.errors.lastFacilitator')).toBe(
      '/c/x/members?error=membership.errors.lastFacilitator',
    )
  })

  it('replaces an earlier outcome rather than piling them up', () => {
    expect(withNotice('/login?notice=reset', 'logged-out')).toBe('/login?notice=logged-out')
  })

  it('encodes an error with parameters so it survives the round trip', () => {
    const path = withError('/x', 'errors.tooLong?max=10')
    expect(new URL(path, 'http://h').searchParams.get('error')).toBe('errors.tooLong?max=10')
  })
})

describe('isErrorKey', () => {
  const known = new Set(['membership.errors.lastFacilitator', 'errors.tooLong'])
  const exists = (key: string) => known.has(key)

  it('accepts translated error keys, with or without parameters', () => {
    expect(isErrorKey('membership.errors.lastFacilitator', exists)).toBe(true)
    expect(isErrorKey('errors.tooLong?max=10', exists)).toBe(true)
  })

  it('refuses words a crafted link would put on the page', () => {
    expect(isErrorKey('Your account is blocked, call 0900-1234', exists)).toBe(false)
    expect(isErrorKey('membership.errors.unknown', exists)).toBe(false)
    expect(isErrorKey('auth.resetDone', () => true)).toBe(false)
    expect(isErrorKey('', exists)).toBe(false)
  })
})

describe('noticeKeys', () => {
  it('maps notice names to their texts', () => {
    expect(noticeKeys('membership.notices', ['joined', 'left'])).toEqual({
      joined: 'membership.notices.joined',
      left: 'membership.notices.left',
    })
  })
})
