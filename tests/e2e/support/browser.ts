// Debian's Chromium driven by playwright-core (`npx playwright install` cannot
// download browsers here), and an accessibility check with axe-core.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

export const CHROMIUM_PATH = '/usr/bin/chromium'

// Without the background-networking flags Chromium floods the closed network
// with connection attempts.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface LaunchOptions {
  /** Sets navigator.language and Accept-Language; Dutch unless asked. */
  locale?: string
  /** False to check that forms work without JavaScript. */
  javaScriptEnabled?: boolean
}

export interface TestBrowser {
  context: BrowserContext
  newPage(): Promise<Page>
  close(): Promise<void>
}

export async function launchBrowser({ locale = 'nl-NL', javaScriptEnabled = true }: LaunchOptions = {}): Promise<TestBrowser> {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'peloton-chromium-'))
  let context: BrowserContext
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      locale,
      javaScriptEnabled,
    })
  } catch (error) {
    fs.rmSync(profileDir, { recursive: true, force: true })
    throw error
  }
  let closed: Promise<void> | undefined
  return {
    context,
    newPage: () => context.newPage(),
    close() {
      closed ??= context.close().finally(() => fs.rmSync(profileDir, { recursive: true, force: true }))
      return closed
    },
  }
}

const AXE_SOURCE_PATH = fileURLToPath(new URL('../../../node_modules/axe-core/axe.min.js', import.meta.url))
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  helpUrl: string
  nodes: { target: unknown[] }[]
}

/**
 * Runs axe-core (WCAG 2.1 A and AA) on the page as it is now and throws an
 * error that lists every violation with its rule, help text and elements.
 *
 * axe is evaluated through the DevTools protocol rather than added as a
 * <script>: the app's Content-Security-Policy (rightly) refuses inline scripts
 * without its nonce, and bypassing CSP in the browser would blind the tests
 * that check the policy.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const hasAxe = await page.evaluate(() => 'axe' in window)
  if (!hasAxe) await page.evaluate(fs.readFileSync(AXE_SOURCE_PATH, 'utf8'))
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<{ violations: unknown[] }> } }).axe
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags } })
    return results.violations
  }, WCAG_TAGS)
  if (violations.length === 0) return
  const list = (violations as AxeViolation[])
    .map((v) => {
      const targets = v.nodes.map((n) => `    - ${n.target.map(String).join(' ')}`).join('\n')
      return `  ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}\n    ${v.helpUrl}\n${targets}`
    })
    .join('\n')
  throw new Error(`axe found ${violations.length} accessibility violation(s) on ${page.url()}:\n${list}`)
}
