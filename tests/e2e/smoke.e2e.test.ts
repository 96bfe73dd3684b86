// The production build answers, speaks Dutch or English, sends a strict CSP,
// refuses cross-site writes and passes axe on the landing page.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { expectNoAxeViolations, launchBrowser, type TestBrowser } from './support/browser'
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

beforeEach(async () => {
  // The persistent context keeps cookies between tests; start each one fresh.
  await browser.context.clearCookies()
})

/** The sources of the CSP's script-src directive, e.g. ["'self'", "'nonce-…'"]. */
function scriptSources(csp: string): string[] {
  const directive = csp
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([name]) => name?.toLowerCase() === 'script-src')
  expect(directive, `no script-src in: ${csp}`).toBeDefined()
  return directive!.slice(1)
}

function htmlLang(html: string): string | undefined {
  return /<html[^>]*\slang="([^"]*)"/.exec(html)?.[1]
}

describe('the server', () => {
  test('GET /healthz reports the server and the database as ok', async () => {
    const response = await fetch(`${app.url}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok' })
  })

  test('every page gets a Content-Security-Policy with a fresh nonce that its scripts carry', async () => {
    const nonces: string[] = []
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${app.url}/`)
      expect(response.status).toBe(200)
      const csp = response.headers.get('content-security-policy') ?? ''
      const scriptSrc = scriptSources(csp)
      const nonce = scriptSrc.map((source) => /^'nonce-([^']+)'$/.exec(source)?.[1]).find(Boolean)
      expect(nonce, `no script nonce in: ${csp}`).toBeTruthy()
      expect(scriptSrc).toContain("'self'")
      expect(scriptSrc).toContain(`'nonce-${nonce}'`)
      // No 'unsafe-inline', 'unsafe-eval', 'unsafe-hashes', … of any kind.
      expect(scriptSrc.filter((source) => source.startsWith("'unsafe-"))).toEqual([])
      expect(csp).toContain("frame-ancestors 'none'")
      const html = await response.text()
      expect(html).toContain(`nonce="${nonce}"`)
      nonces.push(nonce!)
    }
    expect(nonces[0]).not.toBe(nonces[1])
  })
})

describe('page titles', () => {
  test('name the page and the site, in the language of the page (WCAG 2.4.2)', async () => {
    const title = async (path: string, headers: Record<string, string> = {}) =>
      /<title>([^<]*)<\/title>/.exec(await (await fetch(`${app.url}${path}`, { headers })).text())?.[1]
    expect(await title('/')).toBe('Peloton')
    expect(await title('/login')).toBe('Inloggen · Peloton')
    expect(await title('/signup')).toBe('Account maken · Peloton')
    expect(await title('/forgot-password', { 'Accept-Language': 'en-GB' })).toBe('Forgotten password · Peloton')
  })
})

describe('cross-site requests', () => {
  const form = () => new URLSearchParams({ lng: 'en', redirectTo: '/' })

  test('a POST with a foreign Origin is refused', async () => {
    const response = await fetch(`${app.url}/language`, {
      method: 'POST',
      headers: { Origin: 'http://evil.example' },
      body: form(),
      redirect: 'manual',
    })
    expect(response.status).toBe(403)
    expect(response.headers.get('set-cookie')).toBeNull()
  })

  test('a POST marked Sec-Fetch-Site: cross-site is refused', async () => {
    const response = await fetch(`${app.url}/language`, {
      method: 'POST',
      headers: { 'Sec-Fetch-Site': 'cross-site' },
      body: form(),
      redirect: 'manual',
    })
    expect(response.status).toBe(403)
  })

  test('a same-origin form POST is accepted', async () => {
    const response = await fetch(`${app.url}/language`, {
      method: 'POST',
      headers: { Origin: app.url, 'Sec-Fetch-Site': 'same-origin' },
      body: form(),
      redirect: 'manual',
    })
    expect([302, 303]).toContain(response.status)
    expect(response.headers.get('set-cookie')).toMatch(/^lng=/)
  })
})

describe('the landing page', () => {
  test('is Dutch by default', async () => {
    const response = await fetch(`${app.url}/`)
    expect(htmlLang(await response.text())).toBe('nl')

    const page = await browser.newPage()
    await page.goto(app.url)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl')
    await expect(page.getByRole('button', { name: /English/ }).isVisible()).resolves.toBe(true)
    await page.close()
  })

  test('is English for a browser that asks for English', async () => {
    const english = await launchBrowser({ locale: 'en-GB' })
    try {
      const page = await english.newPage()
      await page.goto(app.url)
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
      await expect(page.getByRole('button', { name: /Nederlands/ }).isVisible()).resolves.toBe(true)
    } finally {
      await english.close()
    }
  })

  test('switches to English with the language button, and remembers it', async () => {
    const page = await browser.newPage()
    await page.goto(app.url, { waitUntil: 'networkidle' })
    await page.getByRole('button', { name: /English/ }).click()
    await page.waitForFunction(() => document.documentElement.lang === 'en', undefined, { timeout: 10_000 })
    await expect
      .poll(() => page.getByRole('button', { name: /Nederlands/ }).count(), {
        message: 'after the switch the texts should be English, so the button offers Nederlands',
        timeout: 5_000,
      })
      .toBe(1)

    await page.reload()
    await page.getByRole('button', { name: /Nederlands/ }).waitFor()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    await page.close()
  })

  test('loads without Content-Security-Policy violations or script errors', async () => {
    const page = await browser.newPage()
    const problems: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) {
        problems.push(`console.${message.type()}: ${message.text()}`)
      }
    })
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    await page.goto(app.url, { waitUntil: 'networkidle' })
    // Hydration proves the inline and module scripts ran: the nonce and 'self' let them through.
    await page.waitForFunction(() => '__remixRouter' in window, undefined, { timeout: 10_000 })
    expect(problems).toEqual([])
    await page.close()
  })

  test('has no WCAG 2.1 A/AA violations that axe can find', async () => {
    const page = await browser.newPage()
    await page.goto(app.url, { waitUntil: 'networkidle' })
    await expectNoAxeViolations(page)
    await page.close()
  })
})
