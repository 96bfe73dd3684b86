// The account journeys in a real browser against the production build:
// sign up → profile → find yourself in /people → log out → log in; the
// forgotten-password link from the outbox; the errors people meet; axe.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { expectNoAxeViolations, launchBrowser, type TestBrowser } from './support/browser'
import { extractLink, readLatestMail } from './support/mail'
import { startApp, type RunningApp } from './support/server'

let app: RunningApp
let browser: TestBrowser
let page: Page

beforeAll(async () => {
  app = await startApp()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

beforeEach(async () => {
  await browser.context.clearCookies()
  page = await browser.newPage()
})

let counter = 0
function newEmail() {
  counter += 1
  return `e2e-${Date.now()}-${counter}@gemeente.example`
}

async function signUp(name: string, email: string, password: string) {
  await page.goto(`${app.url}/signup`)
  await page.getByLabel('Naam').fill(name)
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByLabel('Wachtwoord').fill(password)
  await page.getByRole('button', { name: 'Account maken' }).click()
}

async function logIn(email: string, password: string) {
  await page.goto(`${app.url}/login`)
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByLabel('Wachtwoord').fill(password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
}

describe('a new member', () => {
  test('signs up, fills in the profile, finds themself in /people by phase, logs out and in again', async () => {
    const email = newEmail()
    await signUp('Fenna Bakker', email, 'grond-en-water-2026')
    await page.waitForURL('**/settings/profile')
    await page.getByText('Ingelogd als Fenna Bakker').waitFor()

    // The session cookie carries the production flags.
    const cookie = (await browser.context.cookies()).find((c) => c.name === '__Host-peloton_session')
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' })

    await page.getByLabel('Organisatie', { exact: true }).selectOption({ label: 'Mijn organisatie staat er niet bij' })
    await page.getByLabel('Naam van de organisatie').fill('Gemeente Deventer')
    await page.getByLabel('Soort organisatie').selectOption({ label: 'Gemeente' })
    await page.getByLabel('Provincie').selectOption({ label: 'Overijssel' })
    await page.getByLabel('Functie').selectOption({ label: 'Beleidsmedewerker' })
    await page.getByLabel('Fase van de transitie').selectOption({ label: '3. Planvorming' })
    await page.getByRole('checkbox', { name: 'Grondwater' }).check()
    await page.getByRole('checkbox', { name: 'Klimaatadaptatie' }).check()
    await page.getByLabel('Korte introductie').fill('Werkt aan bodem in het omgevingsplan.')
    await page.getByRole('checkbox', { name: 'Toon mij in peer matching en de ledenlijst' }).check()
    await page.getByRole('button', { name: 'Profiel opslaan' }).click()
    await page.getByRole('status').filter({ hasText: 'Je profiel is opgeslagen.' }).waitFor()
    const organisation = page.getByLabel('Organisatie', { exact: true })
    await expect.poll(() => organisation.locator('option:checked').textContent(), { timeout: 5_000 }).toBe('Gemeente Deventer')

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Leden' }).click()
    await page.waitForURL('**/people')
    await page.getByLabel('Fase').selectOption({ label: 'Planvorming' })
    await page.getByRole('button', { name: 'Toon leden' }).click()
    await page.waitForURL(/phaseId=/)
    const card = page.getByRole('link', { name: 'Fenna Bakker' })
    await card.waitFor()
    // In another phase the member is not listed.
    await page.getByLabel('Fase').selectOption({ label: 'Borging' })
    await page.getByRole('button', { name: 'Toon leden' }).click()
    await page.getByText('Geen leden gevonden met deze filters.').waitFor()
    expect(await page.getByRole('link', { name: 'Fenna Bakker' }).count()).toBe(0)

    await page.getByRole('button', { name: 'Uitloggen' }).click()
    await page.waitForURL('**/login?notice=logged-out')
    expect((await browser.context.cookies()).find((c) => c.name === '__Host-peloton_session')).toBeUndefined()
    await page.goto(`${app.url}/people`)
    await page.waitForURL('**/login?redirectTo=%2Fpeople')

    await page.getByLabel('E-mailadres').fill(email)
    await page.getByLabel('Wachtwoord').fill('grond-en-water-2026')
    await page.getByRole('button', { name: 'Inloggen' }).click()
    await page.waitForURL('**/people')
    await page.getByText('Ingelogd als Fenna Bakker').waitFor()
  })

  test('forgets the password, follows the link from the outbox and logs in with the new one', async () => {
    const email = newEmail()
    await signUp('Gert Mulder', email, 'eerste-wachtwoord-1')
    await page.waitForURL('**/settings/profile')
    await browser.context.clearCookies()

    await page.goto(`${app.url}/login`)
    await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click()
    // The log-in page has an e-mail field too: wait until the new page is there.
    await page.getByRole('heading', { name: 'Wachtwoord vergeten', level: 1 }).waitFor()
    const since = Date.now()
    await page.getByLabel('E-mailadres').fill(email)
    await page.getByRole('button', { name: 'Stuur de link' }).click()
    await page.getByRole('status').filter({ hasText: 'e-mail met een link' }).waitFor()

    const mail = await readLatestMail(app.outboxDir, email, { since, subject: 'Nieuw wachtwoord instellen voor Peloton' })
    const link = extractLink(mail.text, '/reset-password/')
    await page.goto(link)
    await page.getByLabel('Nieuw wachtwoord').fill('tweede-wachtwoord-2')
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click()
    await page.waitForURL('**/login?notice=reset')

    await logIn(email, 'eerste-wachtwoord-1')
    await page.getByText('Het e-mailadres of het wachtwoord klopt niet.').waitFor()
    await logIn(email, 'tweede-wachtwoord-2')
    await page.waitForURL(`${app.url}/`)
    await page.getByText('Ingelogd als Gert Mulder').waitFor()

    // The link works once.
    await page.goto(link)
    await page.getByText('Deze link werkt niet (meer). Vraag een nieuwe aan.').waitFor()
  })
})

describe('errors people meet', () => {
  test('a duplicate e-mail address and a short password are explained beside the field', async () => {
    const email = newEmail()
    await signUp('Eerste', email, 'lang-genoeg-wachtwoord')
    await page.waitForURL('**/settings/profile')
    await browser.context.clearCookies()

    await signUp('Tweede', email.toUpperCase(), 'lang-genoeg-wachtwoord')
    const emailField = page.getByLabel('E-mailadres')
    await page.getByText('Er is al een account met dit e-mailadres.').waitFor()
    expect(await emailField.getAttribute('aria-invalid')).toBe('true')
    expect(await emailField.getAttribute('aria-describedby')).toBeTruthy()

    await signUp('Derde', newEmail(), 'kort')
    await page.getByText('Het wachtwoord moet minstens 10 tekens hebben.').waitFor()
    expect(await page.getByLabel('Wachtwoord').getAttribute('aria-invalid')).toBe('true')
  })

  test('a wrong password gives one clear message, in English too', async () => {
    // A real account, so the message is about the password and not a missing address.
    const email = newEmail()
    await signUp('Henk de Vries', email, 'het-echte-wachtwoord')
    await page.waitForURL('**/settings/profile')
    await browser.context.clearCookies()

    await logIn(email, 'niet-het-wachtwoord')
    await page.getByText('Het e-mailadres of het wachtwoord klopt niet.').waitFor()
    await page.getByRole('button', { name: /English/ }).click()
    await page.waitForURL('**/login')
    // An unknown address gets the very same message: nothing tells which one was wrong.
    await page.getByLabel('E-mail address').fill('nobody@example.nl')
    await page.getByLabel('Password').fill('not the password')
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByText('The e-mail address or the password is not right.').waitFor()
    await page.getByRole('button', { name: /Nederlands/ }).click()
  })

  test('a cross-site POST to sign up or log in is refused with 403 and creates nothing', async () => {
    const email = newEmail()
    for (const path of ['/signup', '/login']) {
      const response = await fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: { Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ name: 'Aanvaller', email, password: 'lang-genoeg-wachtwoord' }),
        redirect: 'manual',
      })
      expect(response.status).toBe(403)
      expect(response.headers.get('set-cookie')).toBeNull()
    }
    // The address is still free: signing up with it works.
    await signUp('Echte Persoon', email, 'lang-genoeg-wachtwoord')
    await page.waitForURL('**/settings/profile')
  })
})

describe('accessibility', () => {
  test('axe finds no violations on the landing, sign-up, log-in, profile and people pages', async () => {
    for (const path of ['/', '/signup', '/login']) {
      await page.goto(`${app.url}${path}`)
      await expectNoAxeViolations(page)
    }
    await signUp('Axe Tester', newEmail(), 'lang-genoeg-wachtwoord')
    await page.waitForURL('**/settings/profile')
    await expectNoAxeViolations(page)
    // The profile page with errors shown must pass too.
    await page.getByLabel('Naam', { exact: true }).fill('')
    await page.getByRole('button', { name: 'Profiel opslaan' }).click()
    await page.getByText('Vul dit veld in.').first().waitFor()
    await expectNoAxeViolations(page)
    await page.goto(`${app.url}/people`)
    await expectNoAxeViolations(page)
  })
})
