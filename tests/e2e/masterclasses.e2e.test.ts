// The masterclass journey of issue 5 in a real browser against the production
// build: a facilitator publishes a masterclass with 2 seats; three members
// register (the third goes on the waitlist at place 1); the first cancels; the
// third is now confirmed and has a message in the outbox; after the event the
// facilitator marks attendance and exports the CSV.
import fs from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { expectNoAxeViolations, launchBrowser, type TestBrowser } from './support/browser'
import { logIn, makeFacilitator, newEmail, signUp } from './support/flows'
import { readLatestMail } from './support/mail'
import { startApp, type RunningApp } from './support/server'

const JOURNEY_TIMEOUT_MS = 240_000
const TITLE = 'Bodemenergie in het omgevingsplan'

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

/** A day `days` from today as a `datetime-local` value (Amsterdam time) at `time`: never a fixed date that runs out. */
function day(days: number, time: string): string {
  return `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${time}`
}

const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text })

/** Logs `email` in in the members' browser and opens the masterclass. */
async function openAs(page: Page, email: string, url: string) {
  await memberBrowser.context.clearCookies()
  await logIn(app, page, email)
  await page.goto(url)
  await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor()
}

describe('a masterclass from publishing to the attendance list', () => {
  test(
    'two seats, three members, a cancellation promotes the waitlist, attendance and CSV',
    async () => {
      // 1. Fatima becomes facilitator and publishes a masterclass with two seats.
      const fatima = await facilitatorBrowser.newPage()
      await signUp(app, fatima, 'Fatima Facilitator', newEmail('masterclasses'))
      await makeFacilitator(app, memberBrowser, 'Fatima Facilitator')
      await fatima.goto(`${app.url}/masterclasses/new`)
      await fatima.getByRole('heading', { name: 'Nieuwe masterclass', level: 1 }).waitFor()
      await fatima.getByLabel('Titel', { exact: true }).fill(TITLE)
      await fatima.getByLabel('Beschrijving', { exact: true }).fill('Hoe je **bodemenergie** regelt in het omgevingsplan.')
      await fatima.getByLabel('Begin', { exact: true }).fill(day(60, '13:00'))
      await fatima.getByLabel('Einde', { exact: true }).fill(day(60, '16:00'))
      await fatima.getByLabel('Locatie', { exact: true }).fill('Provinciehuis Zwolle')
      await fatima.getByLabel('Aantal plaatsen', { exact: true }).fill('2')
      await fatima.getByRole('button', { name: 'Masterclass maken' }).click()
      await status(fatima, 'gemaakt als concept').waitFor()
      await expectNoAxeViolations(fatima)
      await fatima.getByRole('button', { name: 'Publiceren' }).click()
      await fatima.getByRole('heading', { name: TITLE, level: 1 }).waitFor()
      await status(fatima, 'De masterclass is gepubliceerd').waitFor()
      const detailUrl = fatima.url().split('?')[0]!

      // 2. Three members register; the third lands on the waitlist at place 1.
      const page = await memberBrowser.newPage()
      const members = [
        { name: 'Anouk Eerste', email: newEmail('masterclasses') },
        { name: 'Bram Tweede', email: newEmail('masterclasses') },
        { name: 'Cees Derde', email: newEmail('masterclasses') },
      ]
      for (const [i, m] of members.entries()) {
        await memberBrowser.context.clearCookies()
        await signUp(app, page, m.name, m.email)
        await page.goto(detailUrl)
        const button = i < 2 ? 'Inschrijven' : 'Op de wachtlijst zetten'
        await page.getByRole('button', { name: button, exact: true }).click()
        await status(page, i < 2 ? 'Je bent ingeschreven' : 'De masterclass is vol').waitFor()
      }
      await page.getByText('Je staat op de wachtlijst op plaats 1.').waitFor()
      await expectNoAxeViolations(page)

      // 3. The first cancels; the third now has the seat and a message about it.
      await openAs(page, members[0]!.email, detailUrl)
      const cancelledAt = Date.now()
      await page.getByRole('button', { name: 'Afmelden' }).click()
      await status(page, 'Je inschrijving is geannuleerd.').waitFor()
      await openAs(page, members[2]!.email, detailUrl)
      await page.getByText('Je bent aangemeld.').waitFor()
      const mail = await readLatestMail(app.outboxDir, members[2]!.email, {
        since: cancelledAt,
        subject: `Er is een plaats vrijgekomen: ${TITLE}`,
      })
      expect(mail.text).toContain(TITLE)

      // 4. The masterclass took place (its time moves into the past); Fatima marks attendance.
      await fatima.getByRole('link', { name: 'Masterclass bewerken' }).click()
      await fatima.getByRole('heading', { name: `Masterclass bewerken: ${TITLE}`, level: 1 }).waitFor()
      await fatima.getByLabel('Begin', { exact: true }).fill(day(-30, '13:00'))
      await fatima.getByLabel('Einde', { exact: true }).fill(day(-30, '16:00'))
      await fatima.getByRole('button', { name: 'Opslaan', exact: true }).click()
      await status(fatima, 'De masterclass is opgeslagen.').waitFor()
      await fatima.goto(`${detailUrl}/attendees`)
      await fatima.getByRole('heading', { name: `Deelnemers: ${TITLE}`, level: 1 }).waitFor()
      await fatima.getByLabel(`Aanwezigheid van ${members[1]!.name}`).selectOption({ label: 'Aanwezig' })
      await fatima.getByRole('button', { name: `Aanwezigheid opslaan: ${members[1]!.name}` }).click()
      await status(fatima, `De aanwezigheid van ${members[1]!.name} is opgeslagen.`).waitFor()
      // Adding someone who is not a member: the error stands beside the e-mail field, tied to it.
      const addField = fatima.getByLabel('E-mailadres van het lid')
      await addField.fill('niemand@example.nl')
      await fatima.getByRole('button', { name: 'Inschrijven', exact: true }).click()
      await fatima.getByText('Er is geen lid met dit e-mailadres.').waitFor()
      expect(await addField.getAttribute('aria-invalid')).toBe('true')
      const describedBy = (await addField.getAttribute('aria-describedby'))!.split(' ')
      const errorTexts = await Promise.all(describedBy.map((id) => fatima.locator(`[id="${id}"]`).innerText()))
      expect(errorTexts.join(' ')).toContain('Er is geen lid met dit e-mailadres.')
      await expectNoAxeViolations(fatima)

      // 5. The CSV opens in a Dutch spreadsheet: BOM, semicolons, names intact, attendance in it.
      const [download] = await Promise.all([
        fatima.waitForEvent('download'),
        fatima.getByRole('link', { name: 'Download de deelnemerslijst (CSV)' }).click(),
      ])
      const bytes = fs.readFileSync((await download.path())!)
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const csv = bytes.toString('utf8')
      expect(csv).toContain(';')
      expect(csv).toContain(members[1]!.name)
      expect(csv).toContain(members[2]!.name)
      expect(csv).not.toContain(members[0]!.name)
    },
    JOURNEY_TIMEOUT_MS,
  )
})
