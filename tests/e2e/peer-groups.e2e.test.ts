// Peer groups in a real browser against the production build: a facilitator
// forms groups for a masterclass (eight confirmed participants made with the
// services, straight into the server's database), moves one person with the
// keyboard, publishes; a participant logs in, finds their group at
// /groups/:id and opens its live document.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { prisma as Db } from '~/utils/db.server'
import { expectNoAxeViolations, launchBrowser, type TestBrowser } from './support/browser'
import { E2E_PASSWORD, logIn } from './support/flows'
import { startApp, type RunningApp } from './support/server'

const JOURNEY_TIMEOUT_MS = 240_000
const TITLE = 'Spoedlocaties samen aanpakken'

let app: RunningApp
let prisma: typeof Db
let browser: TestBrowser
let facilitatorEmail: string
let masterclassId: string
let participants: Array<{ id: string; name: string; email: string }>

beforeAll(async () => {
  app = await startApp()
  // The app modules below open the server's database file (a second connection; WAL lets both work).
  process.env.DATABASE_URL = `file:${app.dbPath}`
  ;({ prisma } = await import('~/utils/db.server'))
  const { makeLoggedInUser, makeMasterclass } = await import('../factories')
  const { makePeople } = await import('../support/peer-groups')
  const { register } = await import('~/services/registrations.server')
  const facilitator = await makeLoggedInUser({ role: 'facilitator', name: 'Fenna Facilitator', password: E2E_PASSWORD })
  facilitatorEmail = facilitator.user.email
  const m = await makeMasterclass({ title: TITLE, facilitators: [facilitator.user.id], capacity: 10 })
  masterclassId = m.id
  participants = await makePeople(8, { password: E2E_PASSWORD })
  for (const p of participants) await register(m.id, p.id)
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await prisma?.$disconnect()
  await app?.stop()
})

const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text })
const groupTable = (page: Page, n: number) => page.getByRole('table', { name: `Leden van groep ${n}` })

describe('peer groups for a masterclass', () => {
  test(
    'a facilitator proposes, moves one person and publishes; a participant opens their group and its document',
    async () => {
      // 1. The facilitator opens the masterclass's groups and has groups of 3 to 5 proposed.
      const page = await browser.newPage()
      await logIn(app, page, facilitatorEmail)
      await page.goto(`${app.url}/masterclasses/${masterclassId}`)
      await page.getByRole('link', { name: 'Peergroepen' }).click()
      await page.getByRole('heading', { name: `Peergroepen · ${TITLE}`, level: 1 }).waitFor()
      await page.getByText('Bevestigde deelnemers die meedoen: 8.').waitFor()
      await page.getByLabel('Kleinste groep (personen)').fill('3')
      await page.getByLabel('Grootste groep (personen)').fill('5')
      await page.getByRole('radio', { name: 'Zelfde fase, gemengde organisaties' }).check()
      await page.getByRole('button', { name: 'Groepen voorstellen' }).click()
      await status(page, 'De groepen zijn voorgesteld').waitFor()
      await page.getByText(/Kwaliteit van de indeling: \d+%/).waitFor()
      await expectNoAxeViolations(page)

      // 2. Move the first person of group 1 to the group the select offers, with the keyboard only.
      const mover = (await groupTable(page, 1).getByRole('rowheader').first().textContent())!.trim()
      const select = page.getByLabel(`Verplaats ${mover} naar`)
      const target = (await select.locator('option:checked').textContent())!.trim()
      const targetNumber = Number(/groep (\d+)/.exec(target)?.[1])
      expect(targetNumber).toBeGreaterThan(1)
      await select.focus()
      await page.keyboard.press('Tab')
      // The button's accessible name starts with its visible label (WCAG 2.5.3).
      const button = page.getByRole('button', { name: `Verplaatsen: ${mover}`, exact: true })
      expect(await button.textContent()).toBe('Verplaatsen')
      await expect.poll(() => button.evaluate((el) => el === document.activeElement)).toBe(true)
      await page.keyboard.press('Enter')
      await status(page, `Verplaatst naar groep ${targetNumber}.`).waitFor()
      await groupTable(page, targetNumber).getByRole('rowheader', { name: mover }).waitFor()
      expect(await groupTable(page, 1).getByRole('rowheader', { name: mover }).count()).toBe(0)

      // 3. Publish.
      await page.getByRole('button', { name: 'Groepen publiceren' }).click()
      await status(page, 'De groepen zijn gepubliceerd').waitFor()
      await page.getByRole('heading', { name: /^Indeling van / }).waitFor()
      const moverRow = await prisma.peerGroupMember.findFirstOrThrow({
        where: { user: { name: mover }, group: { grouping: { masterclassId, status: 'published' } } },
        include: { group: true },
      })
      expect(moverRow.group.number).toBe(targetNumber)
      expect(moverRow.group.documentId).not.toBeNull()

      // 4. The moved participant logs in, finds their group and opens its document.
      await browser.context.clearCookies()
      const email = participants.find((p) => p.name === mover)!.email
      await logIn(app, page, email)
      await page.goto(`${app.url}/masterclasses/${masterclassId}/groups`)
      await page.getByRole('heading', { name: 'Jouw groepen' }).waitFor()
      await page.getByRole('link', { name: `Groep ${targetNumber}` }).click()
      await page.getByRole('heading', { name: `Peergroep ${targetNumber}`, level: 1 }).waitFor()
      expect(page.url()).toBe(`${app.url}/groups/${moverRow.groupId}`)
      await page.getByRole('listitem').filter({ hasText: mover }).first().waitFor()
      await expectNoAxeViolations(page)
      await page.getByRole('link', { name: 'Open het document van de groep' }).click()
      const title = `Peergroep ${targetNumber} · ${TITLE}`
      await page.getByRole('heading', { name: title, level: 1 }).waitFor()
      const editor = page.getByRole('textbox', { name: `Tekst van ${title}` })
      await editor.waitFor()
      await editor.click()
      await page.keyboard.type('Onze eerste vraag', { delay: 10 })
      await status(page, 'Opgeslagen').waitFor({ timeout: 30_000 })
      await expect.poll(() => editor.textContent()).toContain('Onze eerste vraag')
    },
    JOURNEY_TIMEOUT_MS,
  )
})
