import { defineConfig } from '@playwright/test';

// Browser tests of the back office in Debian's chromium, against the built server on a fresh
// database (PGlite, or PostgreSQL when DATABASE_URL is set).
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  globalSetup: './global-setup.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: process.env.KOORDINATA_E2E_REPORT ?? '/dev/null' }]],
  outputDir: '../../../test-results/backoffice',
  use: {
    browserName: 'chromium',
    headless: true,
    locale: 'en-GB',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
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
});
