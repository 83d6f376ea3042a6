// Shared set-up of the browser tests: Debian's Chromium, headless, through
// playwright-core, with the network switched off so that a page that needs
// anything beyond its own file fails.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CHROMIUM = process.env.NG_CHROMIUM || '/usr/bin/chromium';

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-quic',
];

// Starts Chromium with a fresh profile; returns { browser, close }.
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'netgov-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
    offline: true,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Opens a local HTML file and records console errors, page errors and every
// request that leaves the file (a self-contained page makes none).
export async function open(context, file) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith('file:') && !url.startsWith('data:') &&
        !url.startsWith('blob:') && !url.startsWith('about:')) {
      problems.push(`network request: ${url}`);
    }
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, problems };
}

// A minimal check counter: every failed check is printed and counted; the
// process exits non-zero at the end if any failed.
export class Checks {
  constructor() { this.failed = 0; this.passed = 0; }
  ok(cond, what) {
    if (cond) { this.passed++; } else { this.failed++; console.error(`FAIL: ${what}`); }
  }
  done() {
    console.log(`${this.passed} checks passed, ${this.failed} failed`);
    process.exit(this.failed ? 1 : 0);
  }
}
