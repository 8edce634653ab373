import { existsSync } from 'node:fs';
import { chromium, defineConfig } from '@playwright/test';

/**
 * Browser tests run in headless Chromium: $CHROMIUM_PATH, else Debian's /usr/bin/chromium, else
 * Playwright's own browser if installed; otherwise the run stops and says what to install.
 */
function findChromium(): string | undefined {
  const candidates = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const path of candidates) if (path && existsSync(path)) return path;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return undefined; // Playwright's own browser: let it launch normally.
  } catch {
    // Not installed; fall through to the error below.
  }
  throw new Error(
    'No Chromium found. Install one: `apt-get install chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium binary, or run `npx playwright install chromium`.',
  );
}

const executablePath = findChromium();
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
// E2E_PORT lets several checkouts run their browser tests side by side without sharing a server.
const PORT = Number(process.env['E2E_PORT'] ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  // Ceilings on a hang, not timings: the suite must pass on a 2-core machine loaded far past its cores (a
  // second `npm test` beside it, or several). At load 25-30 Playwright's defaults (30 s a test, 5 s an
  // expectation) cut short tests that were only slow: an axe scan of a journey, a wheel zoom over 600 edges.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: Number(process.env['E2E_WORKERS'] ?? 2),
  retries: process.env['CI'] ? 1 : 0,
  reporter: process.env['CI'] ? [['list'], ['line']] : 'list',
  forbidOnly: !!process.env['CI'],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    headless: true,
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        ...(isRoot ? ['--no-sandbox'] : []),
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npx vite build --logLevel warn && npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env['CI'],
    timeout: 180_000,
  },
});
