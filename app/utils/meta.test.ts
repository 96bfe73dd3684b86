import { describe, expect, it } from 'vitest'
import { languageOf, pageTitle, titled, translate } from './meta'

const root = (data: unknown) => [
  { id: 'root', data },
  { id: 'routes/login', data: undefined },
]

describe('page titles', () => {
  it('are "<page> · Peloton" in the language of the root loader', () => {
    expect(pageTitle(root({ lang: 'nl' }), 'auth.loginTitle')).toEqual([{ title: 'Inloggen · Peloton' }])
    expect(pageTitle(root({ lang: 'en' }), 'auth.loginTitle')).toEqual([{ title: 'Log in · Peloton' }])
    expect(titled('Anna de Boer')).toEqual([{ title: 'Anna de Boer · Peloton' }])
  })

  it('fall back to Dutch without root data or with an unknown language', () => {
    expect(languageOf([])).toBe('nl')
    expect(languageOf(root(undefined))).toBe('nl')
    expect(languageOf(root({ lang: 'de' }))).toBe('nl')
  })

  it('fill in parameters and leave unknown ones visible', () => {
    expect(translate('nl', 'admin.roleFor', { name: 'Anna' })).toBe('Rol van Anna')
    expect(translate('en', 'admin.roleFor')).toBe('Role of {{name}}')
  })
})
