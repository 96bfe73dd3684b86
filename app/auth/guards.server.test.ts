import { describe, expect, it } from 'vitest'
import { safeRedirect } from './guards.server'

describe('safeRedirect', () => {
  it.each([
    ['/people?page=2#top', '/people?page=2#top'],
    ['/settings/profile', '/settings/profile'],
    ['/a/../people', '/people'],
  ])('keeps the path on our site: %s', (to, expected) => {
    expect(safeRedirect(to)).toBe(expected)
  })

  it.each([
    'https://evil.example/x',
    '//evil.example',
    '/\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/%09/evil.example'.replace('%09', '\t'),
    '\\\\evil.example',
    'javascript:alert(1)',
    ' /people',
    '',
  ])('refuses %j', (to) => {
    expect(safeRedirect(to)).toBe('/')
    // Whatever it returns is a path a browser resolves on our own origin.
    expect(new URL(safeRedirect(to), 'http://localhost').origin).toBe('http://localhost')
  })

  it('refuses what is not a string', () => {
    expect(safeRedirect(null)).toBe('/')
    expect(safeRedirect(undefined, '/login')).toBe('/login')
  })
})
