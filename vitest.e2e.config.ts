import tsconfigPaths from 'vite-tsconfig-paths'
import { defineConfig } from 'vitest/config'

// End-to-end tests: the production build in a child process, driven by
// Debian's Chromium through playwright-core. One file at a time, because each
// file starts its own server and browser and the machine has two cores.
export default defineConfig({
  // For the few tests that write their set-up (members, sessions) straight
  // into the server's database through the app's own services.
  plugins: [tsconfigPaths()],
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The tests talk to the server over HTTP; only set-up uses app modules.
    env: { LOG_LEVEL: 'silent' },
  },
})
