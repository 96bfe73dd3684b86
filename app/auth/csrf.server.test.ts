import { describe, expect, it } from 'vitest'
import { isCrossSiteRequest } from './csrf.server'

const host = 'localhost:3000'

describe('isCrossSiteRequest', () => {
  it.each([
    // method, origin, sec-fetch-site, refused
    ['GET', 'http://evil.example', 'cross-site', false],
    ['HEAD', undefined, 'cross-site', false],
    ['POST', 'http://localhost:3000', 'same-origin', false],
    ['POST', undefined, undefined, false],
    ['POST', 'http://localhost:3000', undefined, false],
    ['POST', undefined, 'none', false],
    ['POST', 'http://evil.example', undefined, true],
    ['POST', 'http://localhost:4000', undefined, true],
    ['POST', 'null', undefined, true],
    ['POST', 'not a url', undefined, true],
    ['POST', undefined, 'cross-site', true],
    ['POST', undefined, 'same-site', true],
    ['POST', 'http://localhost:3000', 'cross-site', true],
    ['PUT', 'http://evil.example', 'cross-site', true],
    ['DELETE', 'http://evil.example', undefined, true],
  ] as const)('%s from origin %s with Sec-Fetch-Site %s → refused: %s', (method, origin, secFetchSite, refused) => {
    expect(isCrossSiteRequest({ method, host, origin, secFetchSite })).toBe(refused)
  })
})
