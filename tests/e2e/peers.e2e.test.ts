// Peer matching in a real browser: a member sets a phase on their profile and
// sees fitting peers with the reasons; asks one for an introduction; the other
// logs in and accepts; then both see each other's e-mail address (not before).
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { expectNoAxeViolations, launchBrowser, type TestBrowser } from './support/browser'
import { logIn, newEmail, signUp } from './support/flows'
import { readLatestMail } from './support/mail'
import { startApp, type RunningApp } from './support/server'

let app: RunningApp
let browser: TestBrowser

beforeAll(async () => {
  app = await startApp()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

interface Member {
  name: string
  email: string
  organisation: string
  type: string
  province: string
  position: string
  phase: string
  themes: string[]
}

const run = Date.now()
const anna: Member = {
  name: 'Anna de Wit',
  email: newEmail('anna'),
  organisation: `Gemeente Deventer ${run}`,
  type: 'Gemeente',
  province: 'Overijssel',
  position: 'Beleidsmedewerker',
  phase: '2. Visievorming',
  themes: ['Grondwater', 'Klimaatadaptatie'],
}
const bram: Member = {
  name: 'Bram Smit',
  email: newEmail('bram'),
  organisation: `Waterschap Rivierenland ${run}`,
  type: 'Waterschap',
  province: 'Gelderland',
  position: 'Beleidsmedewerker',
  phase: '3. Planvorming',
  themes: ['Grondwater'],
}
const dirk: Member = {
  name: 'Dirk Mulder',
  email: newEmail('dirk'),
  organisation: `Provincie Overijssel ${run}`,
  type: 'Provincie',
  province: 'Overijssel',
  position: 'Projectleider',
  phase: '4. Uitvoering',
  themes: ['Klimaatadaptatie'],
}

async function fillProfile(page: Page, m: Member) {
  await page.getByLabel('Organisatie', { exact: true }).selectOption({ label: 'Mijn organisatie staat er niet bij' })
  await page.getByLabel('Naam van de organisatie').fill(m.organisation)
  await page.getByLabel('Soort organisatie').selectOption({ label: m.type })
  await page.getByLabel('Provincie').selectOption({ label: m.province })
  await page.getByLabel('Functie').selectOption({ label: m.position })
  await page.getByLabel('Fase van de transitie').selectOption({ label: m.phase })
  for (const theme of m.themes) await page.getByRole('checkbox', { name: theme }).check()
  await page.getByRole('checkbox', { name: 'Toon mij in peer matching en de ledenlijst' }).check()
  await page.getByRole('button', { name: 'Profiel opslaan' }).click()
  await page.getByRole('status').filter({ hasText: 'Je profiel is opgeslagen.' }).waitFor()
}

async function newMember(m: Member): Promise<Page> {
  await browser.context.clearCookies()
  const page = await browser.newPage()
  await signUp(app, page, m.name, m.email)
  await fillProfile(page, m)
  return page
}

async function openPeers(page: Page) {
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Vakgenoten' }).click()
  await page.getByRole('heading', { name: 'Vakgenoten', level: 1 }).waitFor()
}

const list = (page: Page, title: string) => page.getByRole('region', { name: title })

test('a member finds peers by phase, asks for an introduction, the other accepts and both see the address', async () => {
  for (const m of [bram, dirk]) await (await newMember(m)).close()

  // Anna starts in Visievorming: Bram (Planvorming) is one phase ahead.
  let page = await newMember(anna)
  await openPeers(page)
  await list(page, 'Eén fase verder').getByRole('article', { name: bram.name }).waitFor()
  // She is in Planvorming now: Bram is a peer like her, with the reasons in words; Dirk is one phase ahead.
  await page.goto(`${app.url}/settings/profile`)
  await page.getByLabel('Fase van de transitie').selectOption({ label: '3. Planvorming' })
  await page.getByRole('button', { name: 'Profiel opslaan' }).click()
  await page.getByRole('status').filter({ hasText: 'Je profiel is opgeslagen.' }).waitFor()
  await openPeers(page)
  const likeYou = list(page, 'Vakgenoten zoals jij')
  const bramCard = likeYou.getByRole('article', { name: bram.name })
  await expect.poll(() => bramCard.textContent()).toContain('Waarom: ook Beleidsmedewerker, ook in Planvorming, deelt Grondwater')
  const dirkCard = list(page, 'Eén fase verder').getByRole('article', { name: dirk.name })
  await expect
    .poll(() => dirkCard.textContent())
    .toContain('een fase verder: Uitvoering, deelt Klimaatadaptatie, ook in Overijssel')
  expect(await page.content()).not.toContain(bram.email)
  await expectNoAxeViolations(page)

  // A message that is too long is refused beside the field; a short one is sent.
  await bramCard.getByLabel(`Bericht aan ${bram.name}`).fill('x'.repeat(501))
  await bramCard.getByRole('button', { name: 'Vraag om een kennismaking' }).click()
  await bramCard.getByText('Dit is te lang (hoogstens 500 tekens).').waitFor()
  await bramCard.getByLabel(`Bericht aan ${bram.name}`).fill('Hoi Bram, hoe nemen jullie grondwater mee in het omgevingsplan?')
  await bramCard.getByRole('button', { name: 'Vraag om een kennismaking' }).click()
  await page.getByRole('status').filter({ hasText: 'Je verzoek om een kennismaking is verstuurd.' }).waitFor()
  await bramCard.getByText('Je hebt om een kennismaking gevraagd.').waitFor()
  expect(await page.content()).not.toContain(bram.email)
  await page.close()

  const mail = await readLatestMail(app.outboxDir, bram.email, { subject: `${anna.name} wil graag kennismaken via Peloton` })
  expect(mail.text).toContain('/peers')

  // Bram logs in, reads the request (no address yet) and accepts.
  await browser.context.clearCookies()
  page = await browser.newPage()
  await logIn(app, page, bram.email)
  await openPeers(page)
  const request = page.getByRole('article', { name: `${anna.name} (${anna.organisation}) vraagt om een kennismaking` })
  await request.getByText('hoe nemen jullie grondwater mee').waitFor()
  expect(await page.content()).not.toContain(anna.email)
  await request.getByRole('button', { name: 'Accepteren' }).click()
  await page.getByRole('status').filter({ hasText: 'Je hebt de kennismaking geaccepteerd' }).waitFor()
  await list(page, 'Kennismakingen').getByRole('link', { name: anna.email }).waitFor()
  await page.close()

  // And Anna sees Bram's.
  await browser.context.clearCookies()
  page = await browser.newPage()
  await logIn(app, page, anna.email)
  await openPeers(page)
  await list(page, 'Kennismakingen').getByRole('link', { name: bram.email }).waitFor()
  await page.close()
})
