// Browser tests: Debian's Chromium (never a downloaded browser) against the app started on its own
// port with an empty embedded database, so every run begins from the same demo data.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3199);
const DATA_DIR = join(tmpdir(), `fivefold-e2e-${PORT}`);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './tests/e2e',
  // Its own folder per run when several people run browser tests at once (traces are deleted at each start).
  outputDir: process.env.PW_OUTPUT_DIR ?? './test-results',
  // One worker: the machine has two cores and the app under test needs one of them.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // The community's language; tests switch to English where they say so.
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    browserName: 'chromium',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    // A fresh data directory each run: migrations and the demo seed run on start.
    command: `rm -rf '${DATA_DIR}' && mkdir -p '${DATA_DIR}' && npm run build --silent && npx tsx server/start.ts`,
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      DATA_DIR,
      NODE_ENV: 'development',
      DATABASE_URL: '',
      MEILI_HOST: '',
      MEILI_KEY: '',
      SMTP_URL: '',
      STRIPE_SECRET_KEY: '',
      STRIPE_WEBHOOK_SECRET: '',
    },
  },
});
