import { describe, expect, it } from 'vitest'
import { isSafeLink } from './links'

describe('isSafeLink', () => {
  it('allows web and e-mail addresses', () => {
    for (const href of ['https://www.bodemplus.nl/a?b=c#d', 'http://example.nl', 'mailto:info@gemeente.nl', ' HTTPS://X.NL ']) {
      expect(isSafeLink(href), href).toBe(true)
    }
  })

  it('refuses scripts, data, relative and malformed links', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<b>',
      '/admin',
      '#top',
      '//evil.nl',
      'https://',
      'https://a" onmouseover="x',
      42,
      null,
    ]) {
      expect(isSafeLink(href), String(href)).toBe(false)
    }
  })
})
