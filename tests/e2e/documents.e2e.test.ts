// Live documents in a real browser against the production build (issue 4):
// two people in two browsers write in the same document and see each
// other's text and caret; "Opgeslagen" appears; the server is taken away
// (stopped: Playwright's setOffline does not cut WebSockets), one of them
// keeps writing and sees "Offline", the server comes back and both end with
// the same text; a version is saved and restored, live for the other.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { expectNoAxeViolations, launchBrowser, type TestBrowser } from './support/browser'
import { createCommunity, logInAsAdmin, newEmail, signUp } from './support/flows'
import { startApp, type RunningApp } from './support/server'

const JOURNEY_TIMEOUT_MS = 240_000
const COMMUNITY = 'Samen schrijven aan de bodemvisie'
const DOCUMENT = 'Visie op de ondergrond'
const ADMIN_NAME = 'Programmateam Bodem en Ondergrond'

let app: RunningApp
let adminBrowser: TestBrowser
let memberBrowser: TestBrowser

beforeAll(async () => {
  app = await startApp()
  adminBrowser = await launchBrowser()
  memberBrowser = await launchBrowser()
})

afterAll(async () => {
  await adminBrowser?.close()
  await memberBrowser?.close()
  await app?.stop()
})

const editorOf = (page: Page) => page.getByRole('textbox', { name: `Tekst van ${DOCUMENT}` })
/** The document's text as its reader sees it, without the other people's caret labels. */
const textOf = (page: Page) =>
  editorOf(page).evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove())
    return copy.textContent ?? ''
  })
const saveState = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text })

/** Types at the end of the document, in a paragraph of its own. */
async function typeAtEnd(page: Page, text: string) {
  await editorOf(page).click()
  await page.keyboard.press('Control+End')
  await page.keyboard.press('Enter')
  await page.keyboard.type(text, { delay: 10 })
}

describe('a live document', () => {
  test(
    'two people write together, offline edits merge, a version is restored live',
    async () => {
      // 1. The admin (programme team) creates an open community and a document from a template.
      const anna = await adminBrowser.newPage()
      await logInAsAdmin(app, anna)
      const communityUrl = await createCommunity(app, anna, {
        name: COMMUNITY,
        description: 'Wij schrijven samen.',
        visibility: 'Open: iedereen kan meedoen',
      })
      await anna.goto(`${communityUrl}/docs`)
      await anna.getByRole('heading', { name: 'Documenten', level: 2 }).waitFor()
      await anna.getByLabel('Titel', { exact: true }).fill(DOCUMENT)
      await anna.getByLabel('Beginnen met').selectOption({ label: 'Verslag intervisie' })
      await anna.getByRole('button', { name: 'Document maken' }).click()
      await anna.getByRole('heading', { name: DOCUMENT, level: 1 }).waitFor()
      const docUrl = anna.url().split('?')[0]!
      await editorOf(anna).waitFor()
      await expect.poll(() => textOf(anna)).toContain('Verslag intervisie')

      // 2. Bart signs up, joins the community in one click and opens the document.
      const bart = await memberBrowser.newPage()
      await signUp(app, bart, 'Bart Bodem', newEmail('documents'))
      await bart.goto(communityUrl)
      await bart.getByRole('button', { name: 'Word lid' }).click()
      await bart.getByRole('status').filter({ hasText: 'Je bent nu lid' }).waitFor()
      await bart.goto(docUrl)
      await editorOf(bart).waitFor()

      // 3. Both type; each sees the other's words and the other's named caret.
      await typeAtEnd(anna, 'Anna schrijft over grondwater.')
      await typeAtEnd(bart, 'Bart vult aan over bodemenergie.')
      for (const page of [anna, bart]) {
        await expect.poll(() => textOf(page), { timeout: 15_000 }).toContain('Anna schrijft over grondwater.')
        await expect.poll(() => textOf(page), { timeout: 15_000 }).toContain('Bart vult aan over bodemenergie.')
        await saveState(page, 'Opgeslagen').waitFor()
      }
      await anna.locator('.collaboration-carets__label', { hasText: 'Bart Bodem' }).waitFor()
      await bart.locator('.collaboration-carets__label', { hasText: ADMIN_NAME }).waitFor()
      // Presence: names from the server's sessions, with what each is doing.
      const present = bart.getByRole('region', { name: 'Nu in dit document' })
      await present.getByText(`${ADMIN_NAME} (schrijft mee)`).waitFor()
      await present.getByText('Bart Bodem (jij) (schrijft mee)').waitFor()
      await expectNoAxeViolations(bart)

      // Keyboard only: Escape leaves the text for the toolbar, the arrows move along it, Enter applies.
      await typeAtEnd(anna, 'Belangrijk')
      await anna.keyboard.press('Shift+Home')
      await anna.keyboard.press('Escape')
      const toolbar = anna.getByRole('toolbar', { name: 'Opmaak' })
      await expect.poll(() => anna.evaluate(() => document.activeElement?.textContent)).toBe('Vet')
      await anna.keyboard.press('ArrowRight')
      await expect.poll(() => anna.evaluate(() => document.activeElement?.textContent)).toBe('Cursief')
      await anna.keyboard.press('Enter')
      await expect(toolbar.getByRole('button', { name: 'Cursief' }).getAttribute('aria-pressed')).resolves.toBe('true')
      await bart.locator('em', { hasText: 'Belangrijk' }).waitFor({ timeout: 15_000 })

      // 4. The server goes away: Bart keeps writing and is told his words stay on this device.
      await app.pause()
      await saveState(bart, 'Offline').waitFor({ timeout: 20_000 })
      await typeAtEnd(bart, 'Geschreven zonder verbinding.')
      await app.resume()
      for (const page of [anna, bart]) {
        await expect.poll(() => textOf(page), { timeout: 45_000 }).toContain('Geschreven zonder verbinding.')
        await saveState(page, 'Opgeslagen').waitFor({ timeout: 30_000 })
      }
      expect(await textOf(anna)).toBe(await textOf(bart))

      // 5. Anna saves a version, changes the text, and restores the version: Bart sees it happen.
      await anna.getByRole('link', { name: 'Versies', exact: true }).click()
      await anna.getByRole('heading', { name: `Versies van ${DOCUMENT}`, level: 1 }).waitFor()
      await anna.getByLabel('Naam van de versie').fill('Na de eerste ronde')
      await anna.getByRole('button', { name: 'Versie vastleggen' }).click()
      await anna.getByRole('status').filter({ hasText: 'De versie is vastgelegd.' }).waitFor()
      await expectNoAxeViolations(anna)
      await typeAtEnd(bart, 'Deze zin verdwijnt weer.')
      await saveState(bart, 'Opgeslagen').waitFor()
      await anna.getByRole('link', { name: 'Na de eerste ronde' }).click()
      await anna.getByRole('button', { name: 'Deze versie terugzetten' }).click()
      await anna.getByRole('status').filter({ hasText: 'De versie is teruggezet' }).waitFor()
      await expect.poll(() => textOf(bart), { timeout: 15_000 }).not.toContain('Deze zin verdwijnt weer.')
      expect(await textOf(bart)).toContain('Geschreven zonder verbinding.')
    },
    JOURNEY_TIMEOUT_MS,
  )
})
