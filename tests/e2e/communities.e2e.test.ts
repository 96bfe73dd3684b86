// The community journey of issue 3 in a real browser against the production
// build, with two people in two browsers: a facilitator creates an on-request
// community; a member finds it under "Aanbevolen voor jou" and asks to join;
// the facilitator approves from the notification; the member starts a thread
// (with XSS payloads that must render as text), the facilitator replies, and
// the member follows the unread count to the reply. axe on every page of it;
// an invite-only community is a 404 to those outside it.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { expectNoAxeViolations, launchBrowser, type TestBrowser } from './support/browser'
import { createCommunity, makeFacilitator, newEmail, signUp } from './support/flows'
import { startApp, type RunningApp } from './support/server'

const JOURNEY_TIMEOUT_MS = 180_000

let app: RunningApp
let facilitatorBrowser: TestBrowser
let memberBrowser: TestBrowser

beforeAll(async () => {
  app = await startApp()
  facilitatorBrowser = await launchBrowser()
  memberBrowser = await launchBrowser()
})

afterAll(async () => {
  await facilitatorBrowser?.close()
  await memberBrowser?.close()
  await app?.stop()
})

// Each test starts with both people logged out, whatever the last one left behind.
beforeEach(async () => {
  await facilitatorBrowser.context.clearCookies()
  await memberBrowser.context.clearCookies()
})

/** The bell in the main menu, found by the accessible name it has with and without unread notifications. */
function bell(page: Page, unread: number) {
  const nav = page.getByRole('navigation', { name: 'Hoofdmenu' })
  return unread > 0
    ? nav.getByRole('link', { name: `Meldingen (${unread}), ongelezen`, exact: true })
    : nav.getByRole('link', { name: 'Meldingen', exact: true })
}

const COMMUNITY = 'Bodem en water in Overijssel'
const THREAD = 'Grondwater en bodemenergie'
const REPLY = 'Goede vraag, ik deel onze kaart.'
const XSS_BODY = [
  'Hoe combineren jullie **grondwaterbescherming** met bodemenergie?',
  '',
  '<script>window.__xss=1</script>',
  '',
  '<img src=x onerror="window.__xss=1">',
  '',
  '[klik](javascript:window.__xss=1)',
].join('\n')

describe('a community from creation to the first reply', () => {
  test(
    'facilitator creates, member finds and asks, facilitator approves, they talk, XSS stays text',
    async () => {
      // 1. Floor signs up; the admin makes her facilitator; she creates the community.
      const floor = await facilitatorBrowser.newPage()
      await signUp(app, floor, 'Floor Facilitator', newEmail('communities'))
      await makeFacilitator(app, memberBrowser, 'Floor Facilitator')
      const communityUrl = await createCommunity(app, floor, {
        name: COMMUNITY,
        description: 'Wij delen kennis over **bodem** en water.\n\n- Grondwater\n- Bodemenergie',
        visibility: 'Op aanvraag: een facilitator keurt goed',
        phase: '3. Planvorming',
        position: 'Beleidsmedewerker',
        theme: 'Grondwater',
      })
      const about = floor.getByRole('region', { name: 'Over deze community' })
      await about.locator('strong', { hasText: 'bodem' }).waitFor()
      expect(await about.getByRole('listitem').allTextContents()).toEqual(['Grondwater', 'Bodemenergie'])
      await floor.getByText('Je bent facilitator van deze community.').waitFor()

      // 2. Mees signs up, fills in his profile and finds the community recommended.
      const mees = await memberBrowser.newPage()
      await signUp(app, mees, 'Mees Member', newEmail('communities'))
      await mees.getByLabel('Functie', { exact: true }).selectOption({ label: 'Beleidsmedewerker' })
      await mees.getByLabel('Fase van de transitie').selectOption({ label: '3. Planvorming' })
      await mees.getByRole('checkbox', { name: 'Grondwater' }).check()
      await mees.getByRole('button', { name: 'Profiel opslaan' }).click()
      await mees.getByRole('status').filter({ hasText: 'Je profiel is opgeslagen.' }).waitFor()

      await mees.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Communities' }).click()
      await mees.getByRole('heading', { name: 'Communities', level: 1 }).waitFor()
      const sort = mees.getByLabel('Volgorde')
      await expect.poll(() => sort.locator('option:checked').textContent()).toBe('Aanbevolen voor jou')
      const card = mees
        .getByRole('list', { name: 'Communities' })
        .getByRole('listitem')
        .filter({ has: mees.getByRole('link', { name: COMMUNITY }) })
      await card.waitFor()
      await card.getByText('Aanbevolen: voor Planvorming, voor Beleidsmedewerker, thema Grondwater').waitFor()
      await expectNoAxeViolations(mees)

      await card.getByRole('link', { name: COMMUNITY }).click()
      await mees.getByRole('heading', { name: COMMUNITY, level: 1 }).waitFor()
      await expectNoAxeViolations(mees)
      await mees.getByLabel('Bericht aan de facilitatoren (niet verplicht)').fill('Ik werk aan het omgevingsplan van Deventer.')
      await mees.getByRole('button', { name: 'Vraag lidmaatschap aan' }).click()
      await mees.getByRole('status').filter({ hasText: 'Je verzoek is verstuurd naar de facilitatoren.' }).waitFor()
      await mees.getByText('Verzoek in behandeling').waitFor()
      // Not a member yet: no discussions tab.
      const tabs = mees.getByRole('navigation', { name: 'Onderdelen van de community' })
      expect(await tabs.getByRole('link', { name: 'Discussies' }).count()).toBe(0)

      // 3. Floor sees the unread count, follows the notification and approves.
      await floor.goto(`${app.url}/communities`)
      await floor.getByRole('heading', { name: 'Communities', level: 1 }).waitFor()
      await bell(floor, 1).waitFor()
      expect(await bell(floor, 1).textContent()).toContain('Meldingen (1)')
      await bell(floor, 1).click()
      await floor.getByRole('heading', { name: 'Meldingen', level: 1 }).waitFor()
      await floor.getByRole('link', { name: `Mees Member wil lid worden van ${COMMUNITY}.` }).click()
      await floor.getByRole('heading', { name: `Lidmaatschapsverzoeken: ${COMMUNITY}` }).waitFor()
      await floor.getByText('Ik werk aan het omgevingsplan van Deventer.').waitFor()
      await floor.getByRole('button', { name: 'Verzoek van Mees Member goedkeuren' }).click()
      await floor.getByRole('status').filter({ hasText: 'Mees Member is nu lid.' }).waitFor()
      await floor.getByText('Er zijn geen openstaande verzoeken.').waitFor()
      await bell(floor, 0).waitFor()

      // 4. Mees is told, is a member now and starts a thread with XSS payloads.
      await mees.goto(`${app.url}/communities`)
      await mees.getByRole('heading', { name: 'Communities', level: 1 }).waitFor()
      await bell(mees, 1).click()
      await mees.getByRole('heading', { name: 'Meldingen', level: 1 }).waitFor()
      await mees.getByRole('link', { name: `Je verzoek om lid te worden van ${COMMUNITY} is goedgekeurd.` }).click()
      await mees.getByRole('heading', { name: COMMUNITY, level: 1 }).waitFor()
      await mees.getByText('Je bent lid van deze community.').waitFor()
      await expectNoAxeViolations(mees)

      await tabs.getByRole('link', { name: 'Discussies' }).click()
      await mees.getByRole('heading', { name: 'Discussies', level: 2 }).waitFor()
      await mees.getByText('Er zijn nog geen gesprekken. Begin het eerste!').waitFor()
      await expectNoAxeViolations(mees)
      await mees.getByLabel('Onderwerp').fill(THREAD)
      await mees.getByLabel('Bericht', { exact: true }).fill(XSS_BODY)
      await mees.getByRole('button', { name: 'Gesprek starten' }).click()
      await mees.getByRole('heading', { name: THREAD, level: 2 }).waitFor()
      await mees.getByRole('status').filter({ hasText: 'Je gesprek is gestart.' }).waitFor()
      const threadUrl = mees.url().replace(/\?.*$/, '')
      expect(threadUrl).toMatch(new RegExp(`^${communityUrl}/discussions/[^/]+$`))

      // 5. Floor opens the thread from the discussions list and replies.
      await floor.goto(communityUrl)
      await floor.getByRole('heading', { name: COMMUNITY, level: 1 }).waitFor()
      await floor
        .getByRole('navigation', { name: 'Onderdelen van de community' })
        .getByRole('link', { name: 'Discussies' })
        .click()
      await floor.getByRole('heading', { name: 'Discussies', level: 2 }).waitFor()
      await floor.getByRole('list', { name: 'Gesprekken' }).getByRole('link', { name: THREAD }).click()
      await floor.getByRole('heading', { name: THREAD, level: 2 }).waitFor()
      await floor.getByLabel('Je reactie').fill(REPLY)
      await floor.getByRole('button', { name: 'Reactie plaatsen' }).click()
      await floor.getByRole('status').filter({ hasText: 'Je reactie is geplaatst.' }).waitFor()
      await floor
        .getByRole('article', { name: /^Floor Facilitator/ })
        .getByText(REPLY)
        .waitFor()

      // 6. Mees sees the unread count, follows it to the thread and reads the reply.
      await mees.goto(`${app.url}/communities`)
      await mees.getByRole('heading', { name: 'Communities', level: 1 }).waitFor()
      await bell(mees, 1).waitFor()
      expect(await bell(mees, 1).textContent()).toContain('Meldingen (1)')
      await bell(mees, 1).click()
      await mees.getByRole('heading', { name: 'Meldingen', level: 1 }).waitFor()
      await bell(mees, 0).waitFor()
      await mees.getByRole('link', { name: `Floor Facilitator reageerde op je discussie “${THREAD}” in ${COMMUNITY}.` }).click()
      await mees.getByRole('heading', { name: THREAD, level: 2 }).waitFor()
      expect(mees.url()).toBe(threadUrl)
      await mees
        .getByRole('article', { name: /^Floor Facilitator/ })
        .getByText(REPLY)
        .waitFor()

      // The payloads in the opening post are text, not markup.
      const post = mees.getByRole('article', { name: /^Mees Member/ })
      await post.getByText('<script>window.__xss=1</script>').waitFor()
      await post.getByText('<img src=x onerror="window.__xss=1">').waitFor()
      await post.getByText('[klik](javascript:window.__xss=1)').waitFor()
      expect(await mees.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined()
      expect(await post.locator('img').count()).toBe(0)
      expect(await mees.locator('[onerror]').count()).toBe(0)
      expect(await post.locator('script').count()).toBe(0)
      const klik = mees.getByRole('link', { name: 'klik' })
      for (const href of await klik.evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))) {
        expect(href.trim().toLowerCase()).not.toMatch(/^javascript:/)
      }
      expect(await mees.locator('a[href^="javascript:" i]').count()).toBe(0)
      expect(await post.locator('strong').allTextContents()).toContain('grondwaterbescherming')
      await expectNoAxeViolations(mees)

      // The discussions list with the thread in it passes axe too.
      await mees.getByRole('link', { name: 'Terug naar alle gesprekken' }).click()
      await mees.getByRole('heading', { name: 'Discussies', level: 2 }).waitFor()
      await mees.getByRole('list', { name: 'Gesprekken' }).getByRole('link', { name: THREAD }).waitFor()
      await mees.getByText('1 reactie', { exact: true }).waitFor()
      await expectNoAxeViolations(mees)

      await floor.close()
      await mees.close()
      await facilitatorBrowser.context.clearCookies()
      await memberBrowser.context.clearCookies()
    },
    JOURNEY_TIMEOUT_MS,
  )
})

describe('an invite-only community', () => {
  test(
    'is a 404 to a member who is not in it, and is not listed for them',
    async () => {
      const fien = await facilitatorBrowser.newPage()
      await signUp(app, fien, 'Fien Facilitator', newEmail('communities'))
      await makeFacilitator(app, memberBrowser, 'Fien Facilitator')
      const name = 'Besloten kring bodemdata'
      const url = await createCommunity(app, fien, {
        name,
        description: 'Alleen voor genodigden.',
        visibility: 'Alleen op uitnodiging',
        theme: 'Grondwater',
      })

      const mart = await memberBrowser.newPage()
      await signUp(app, mart, 'Mart Member', newEmail('communities'))
      const response = await mart.goto(url)
      expect(response?.status()).toBe(404)
      await mart.getByRole('heading', { name: 'Pagina niet gevonden', level: 1 }).waitFor()
      expect(await mart.getByRole('heading', { name, level: 1 }).count()).toBe(0)

      await mart.goto(`${app.url}/communities`)
      await mart.getByRole('heading', { name: 'Communities', level: 1 }).waitFor()
      expect(await mart.getByRole('link', { name }).count()).toBe(0)

      await fien.close()
      await mart.close()
      await facilitatorBrowser.context.clearCookies()
      await memberBrowser.context.clearCookies()
    },
    JOURNEY_TIMEOUT_MS,
  )
})
