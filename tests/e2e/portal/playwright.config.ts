import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the public portal, in Debian's chromium, against the real built server
 * (node bin/koordinata.js demo) on a fresh PGlite data directory, or a fresh PostgreSQL database
 * when DATABASE_URL is set. Run: npx playwright test -c tests/e2e/portal
 */
process.env.PORTAL_E2E_PORT ??= String(41000 + (process.pid % 8000));
const port = process.env.PORTAL_E2E_PORT;

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.PORTAL_E2E_REPORT ?? 'test-results/portal-e2e.json' }],
  ],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    acceptDownloads: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'node tests/e2e/portal/serve.mjs',
    cwd: '../../..',
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
    env: { PORT: port },
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
