import { defineConfig } from 'vitest/config'

// End-to-end tests: the production build in a child process, driven by
// Debian's Chromium through playwright-core. One file at a time, because each
// file starts its own server and browser and the machine has two cores.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The tests talk to the server over HTTP; they never import app modules.
    env: { LOG_LEVEL: 'silent' },
  },
})
