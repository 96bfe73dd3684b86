// Steps several browser journeys share: signing up, logging in, making
// someone facilitator, creating a community. Elements are found by role and
// accessible name, as a screen-reader user would find them.
import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import type { TestBrowser } from './browser'
import type { RunningApp } from './server'

export const E2E_PASSWORD = 'bodem-en-water-2026'

let counter = 0
/** An address nobody has used yet in this run. */
export function newEmail(prefix: string): string {
  counter += 1
  return `e2e-${prefix}-${Date.now()}-${counter}@gemeente.example`
}

export async function signUp(app: RunningApp, page: Page, name: string, email: string) {
  await page.goto(`${app.url}/signup`)
  await page.getByLabel('Naam').fill(name)
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByLabel('Wachtwoord').fill(E2E_PASSWORD)
  await page.getByRole('button', { name: 'Account maken' }).click()
  await page.waitForURL('**/settings/profile')
  await page.getByText(`Ingelogd als ${name}`).waitFor()
}

export async function logInAsAdmin(app: RunningApp, page: Page) {
  await page.goto(`${app.url}/login`)
  await page.getByLabel('E-mailadres').fill(app.admin.email)
  await page.getByLabel('Wachtwoord').fill(app.admin.password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await page.waitForURL(`${app.url}/`)
}

/** Logs in as the admin in `browser`, gives `name` the facilitator role, and logs the admin out again (cookies cleared). */
export async function makeFacilitator(app: RunningApp, browser: TestBrowser, name: string) {
  await browser.context.clearCookies()
  const page = await browser.newPage()
  await logInAsAdmin(app, page)
  await page.goto(`${app.url}/admin`)
  await page.getByRole('heading', { name: 'Beheer', level: 1 }).waitFor()
  await page.getByRole('searchbox', { name: 'Zoek leden' }).fill(name)
  await page.getByRole('button', { name: 'Toon leden' }).click()
  await page.waitForURL(/\/admin\?q=/)
  await page.getByLabel(`Rol van ${name}`).selectOption({ label: 'Facilitator' })
  await page.getByRole('button', { name: `Rol opslaan: ${name}` }).click()
  await page
    .getByRole('status')
    .filter({ hasText: `Rol van ${name} is nu Facilitator.` })
    .waitFor()
  await page.close()
  await browser.context.clearCookies()
}

export interface NewCommunity {
  name: string
  description: string
  visibility: string
  phase?: string
  position?: string
  theme?: string
}

/** Fills /communities/new and returns the new community's URL. */
export async function createCommunity(app: RunningApp, page: Page, c: NewCommunity): Promise<string> {
  await page.goto(`${app.url}/communities`)
  await page.getByRole('link', { name: 'Nieuwe community' }).click()
  await page.getByRole('heading', { name: 'Nieuwe community', level: 1 }).waitFor()
  await page.getByLabel('Soort', { exact: true }).selectOption({ label: 'Community of Practice' })
  await page.getByLabel('Naam', { exact: true }).fill(c.name)
  await page.getByLabel('Beschrijving', { exact: true }).fill(c.description)
  await page.getByLabel('Zichtbaarheid', { exact: true }).selectOption({ label: c.visibility })
  if (c.theme) await page.getByRole('group', { name: 'Thema’s' }).getByRole('checkbox', { name: c.theme }).check()
  if (c.phase) await page.getByRole('group', { name: 'Voor welke fasen' }).getByRole('checkbox', { name: c.phase }).check()
  if (c.position)
    await page.getByRole('group', { name: 'Voor welke functies' }).getByRole('checkbox', { name: c.position }).check()
  await page.getByRole('button', { name: 'Community maken' }).click()
  await page.getByRole('heading', { name: c.name, level: 1 }).waitFor()
  expect(page.url()).toMatch(/\/communities\/[a-z0-9-]+$/)
  return page.url()
}

export async function logIn(app: RunningApp, page: Page, email: string) {
  await page.goto(`${app.url}/login`)
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByLabel('Wachtwoord').fill(E2E_PASSWORD)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await page.waitForURL(`${app.url}/`)
}
