// Runs once before the end-to-end tests: the production build and the browser
// must be there, or every test would fail with a less helpful message.
import fs from 'node:fs'
import path from 'node:path'
import { CHROMIUM_PATH } from './browser'

const BUILD_FILES = ['build/server.js', 'build/server/index.js']

export default function setup() {
  const missing = BUILD_FILES.filter((file) => !fs.existsSync(path.resolve(file)))
  if (missing.length > 0) {
    throw new Error(
      `The production build is missing (${missing.join(', ')}). Run \`npm run build\` first, ` +
        'or use `npm run test:e2e`, which builds before it tests.',
    )
  }
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. Install Debian's package with ` +
        '`apt-get install -y chromium` (`npx playwright install` cannot download browsers here).',
    )
  }
}
