// The member-facing masterclass pages in a real browser on the demo data:
// the landing page, the list (upcoming and past), a masterclass's detail page
// and the calendar-feed settings, each
// checked with axe; elements are found by role and accessible name.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { expectNoAxeViolations, launchBrowser, type TestBrowser } from './support/browser'
import { logInAsAdmin } from './support/flows'
import { startApp, type RunningApp } from './support/server'

const TIMEOUT_MS = 120_000
const DEMO_TITLE = 'Bodem in het omgevingsplan: van visie naar regels'

let app: RunningApp
let browser: TestBrowser

beforeAll(async () => {
  app = await startApp({ env: { SEED_DEMO: 'true' } })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

test(
  'the list, a demo masterclass and the calendar feed settings are accessible',
  async () => {
    const page = await browser.newPage()
    await logInAsAdmin(app, page)
    // The landing page shows the next masterclasses.
    await page.getByRole('heading', { name: 'Komende masterclasses', level: 2 }).waitFor()
    await expectNoAxeViolations(page)

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Masterclasses' }).click()
    await page.getByRole('heading', { name: 'Masterclasses', level: 1 }).waitFor()
    await page.getByRole('search', { name: 'Masterclasses filteren' }).getByLabel('Vorm').waitFor()
    await expectNoAxeViolations(page)

    await page.getByRole('link', { name: DEMO_TITLE }).first().click()
    await page.getByRole('heading', { name: DEMO_TITLE, level: 1 }).waitFor()
    await page.getByRole('heading', { name: 'Inschrijving', level: 2 }).waitFor()
    expect(await page.getByRole('link', { name: 'Zet in je agenda' }).getAttribute('href')).toMatch(
      /^\/masterclasses\/[^/]+\/calendar\.ics$/,
    )
    await expectNoAxeViolations(page)

    await page.getByRole('link', { name: 'Masterclasses' }).first().click()
    await page.getByRole('link', { name: 'Afgelopen' }).click()
    await page.getByRole('heading', { name: 'Afgelopen masterclasses', level: 2 }).waitFor()
    await expectNoAxeViolations(page)

    await page.goto(`${app.url}/settings/calendar`)
    await page.getByRole('heading', { name: 'Agenda-feed', level: 1 }).waitFor()
    await page.getByRole('button', { name: 'Agenda-feed aanzetten' }).click()
    await page.getByRole('status').filter({ hasText: 'Je agenda-feed staat aan.' }).waitFor()
    const feedUrl = await page.getByRole('textbox', { name: 'Jouw persoonlijke agenda-link' }).inputValue()
    expect(feedUrl).toMatch(/\/calendar\/[a-z2-7]+\/feed\.ics$/)
    await expectNoAxeViolations(page)
    const feed = await fetch(`${app.url}${new URL(feedUrl).pathname}`)
    expect(feed.status).toBe(200)
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    expect(await feed.text()).toContain('BEGIN:VCALENDAR')
    await page.close()
  },
  TIMEOUT_MS,
)
