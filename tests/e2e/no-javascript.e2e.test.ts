// Pages that are forms work without JavaScript: sign up, fill in the profile
// (including a new organisation), see errors beside the field, log out.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { launchBrowser, type TestBrowser } from './support/browser'
import { startApp, type RunningApp } from './support/server'

let app: RunningApp
let browser: TestBrowser
let page: Page

beforeAll(async () => {
  app = await startApp()
  browser = await launchBrowser({ javaScriptEnabled: false })
  page = await browser.newPage()
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

describe('without JavaScript', () => {
  test('sign up, a profile with a new organisation, an error beside the field, log out', async () => {
    await page.goto(`${app.url}/signup`)
    await page.getByLabel('Naam').fill('Hanna Zonder Script')
    await page.getByLabel('E-mailadres').fill('zonder-script@example.nl')
    await page.getByLabel('Wachtwoord').fill('kort')
    await page.getByRole('button', { name: 'Account maken' }).click()
    await page.getByText('Het wachtwoord moet minstens 10 tekens hebben.').waitFor()
    // What was typed stays, except the password.
    expect(await page.getByLabel('Naam').inputValue()).toBe('Hanna Zonder Script')
    expect(await page.getByLabel('Wachtwoord').inputValue()).toBe('')
    await page.getByLabel('Wachtwoord').fill('lang-genoeg-wachtwoord')
    await page.getByRole('button', { name: 'Account maken' }).click()
    await page.waitForURL('**/settings/profile')

    // Without JavaScript the new-organisation fields are always there.
    await page.getByLabel('Organisatie', { exact: true }).selectOption({ label: 'Mijn organisatie staat er niet bij' })
    await page.getByLabel('Naam van de organisatie').fill('Omgevingsdienst Zonder Script')
    await page.getByLabel('Soort organisatie').selectOption({ label: 'Omgevingsdienst' })
    await page.getByLabel('Provincie').selectOption({ label: 'Limburg' })
    await page.getByLabel('Fase van de transitie').selectOption({ label: '1. Bewustwording' })
    await page.getByRole('checkbox', { name: 'Nazorg' }).check()
    await page.getByRole('button', { name: 'Profiel opslaan' }).click()
    await page.getByText('Je profiel is opgeslagen.').waitFor()
    expect(await page.getByRole('checkbox', { name: 'Nazorg' }).isChecked()).toBe(true)
    // The new organisation is now chosen; saving again changes nothing and reports no error.
    const organisation = page.getByLabel('Organisatie', { exact: true })
    expect(await organisation.locator('option:checked').textContent()).toBe('Omgevingsdienst Zonder Script')
    await page.getByRole('button', { name: 'Profiel opslaan' }).click()
    await page.getByText('Je profiel is opgeslagen.').waitFor()

    await page.getByRole('button', { name: 'Uitloggen' }).click()
    await page.waitForURL('**/login?notice=logged-out')
    await page.getByText('Je bent uitgelogd.').waitFor()
  })
})
