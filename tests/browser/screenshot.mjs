// Saves a screenshot of a netgov page (viewer or report) for the docs:
//   node tests/browser/screenshot.mjs PAGE.html OUT.png [--tick N] [--full]
//       [--width W] [--height H]
// --tick moves the viewer's time slider to tick N first; --full captures
// the whole page instead of the window.  Uses the browser tests' set-up
// (Debian chromium, headless, offline) and fails on console errors.
import { launch, open } from './browser.mjs';

const args = process.argv.slice(2);
if (args.length < 2) {
  console.error('usage: screenshot.mjs PAGE.html OUT.png [--tick N] [--full] [--width W] [--height H]');
  process.exit(2);
}
const [file, out] = args;
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const browser = await launch();
try {
  const { page, problems } = await open(browser.context, file);
  await page.setViewportSize({ width: option('--width', 1280), height: option('--height', 900) });
  const tick = option('--tick', null);
  if (tick !== null) {
    await page.$eval('#slider', (el, v) => {
      el.value = String(v);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, tick);
  }
  await page.waitForTimeout(600); // transitions settle
  await page.screenshot({ path: out, fullPage: args.includes('--full') });
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exitCode = 1;
  }
} finally {
  await browser.close();
}
