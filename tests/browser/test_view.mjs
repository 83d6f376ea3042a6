// Browser test of `netgov view`: makes runs of two presets, writes their
// viewer pages, opens them offline in headless Chromium and checks that the
// network, charts, playback, stepping, slider, events and legend work, with
// no console errors and no network requests.  Screenshots go to the work dir.
//
//   node test_view.mjs NETGOV_BINARY WORK_DIR
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, open, Checks } from './browser.mjs';

const [netgov, work] = process.argv.slice(2);
if (!netgov || !work) {
  console.error('usage: node test_view.mjs NETGOV_BINARY WORK_DIR');
  process.exit(2);
}
mkdirSync(work, { recursive: true });
const checks = new Checks();

function makePage(preset) {
  const run = join(work, `${preset}.json`);
  const page = join(work, `${preset}.view.html`);
  execFileSync(netgov, ['run', '--preset', preset, '--out', run, '--quiet']);
  execFileSync(netgov, ['view', run, '--out', page, '--quiet']);
  return { doc: JSON.parse(readFileSync(run, 'utf8')), page };
}

const tickOf = async (page) => page.$eval('#tick', (e) => Number(e.textContent.match(/\d+/)[0]));
const sliderOf = async (page) => page.$eval('#slider', (e) => Number(e.value));
const cursorX = async (page) =>
  page.$eval('.ng-cursor', (e) => Number(e.getAttribute('x1')));

async function setSlider(page, value) {
  await page.$eval('#slider', (e, v) => {
    e.value = String(v);
    e.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

async function checkPage(context, preset, shots) {
  const { doc, page: file } = makePage(preset);
  const { page, problems } = await open(context, file);
  const tag = (what) => `${preset}: ${what}`;
  await page.waitForSelector('body[data-ready="true"]', { timeout: 10000 });

  const nodes = await page.$$eval('svg#network circle.node', (e) => e.length);
  checks.ok(nodes === doc.partners.length, tag(`one node per partner (${nodes} vs ${doc.partners.length})`));
  const lines = await page.$$eval('.ng-chart path.ng-line', (ps) => ps.map((p) => p.getAttribute('d') || ''));
  checks.ok(lines.length >= 5 && lines.every((d) => (d.match(/L/g) || []).length >= 3),
    tag(`charts drew ${lines.length} lines with points`));
  checks.ok((await page.$$eval('.ng-chart', (c) => c.length)) === 3, tag('three charts'));
  checks.ok((await page.$$eval('#legend .item', (e) => e.length)) >= 6, tag('legend drawn'));
  const title = await page.$eval('#title', (e) => e.textContent);
  checks.ok(title === doc.scenario, tag(`title names the scenario (${title})`));
  const sub = await page.$eval('#subtitle', (e) => e.textContent);
  checks.ok(sub.toLowerCase().includes(doc.summary.outcome === 'survived' ? 'survived' : doc.summary.outcome),
    tag(`subtitle gives the outcome (${sub})`));
  checks.ok((await tickOf(page)) === 0, tag('starts at tick 0'));
  if (shots) await page.screenshot({ path: join(work, 'view-start.png') });

  // Play for a while: the tick and the cursor advance.
  const x0 = await cursorX(page);
  await page.click('#play');
  await page.waitForTimeout(1500);
  const playingTick = await tickOf(page);
  checks.ok(playingTick > 0, tag(`playing advanced the tick (to ${playingTick})`));
  checks.ok((await sliderOf(page)) > 0, tag('playing advanced the slider'));
  checks.ok((await cursorX(page)) > x0, tag('chart cursor moved'));
  const ties = await page.$$eval('svg#network line.tie', (ls) => ls.filter((l) => l.style.display !== 'none').length);
  checks.ok(ties > 0, tag(`ties drawn (${ties})`));
  if (shots) await page.screenshot({ path: join(work, 'view-playing.png') });
  await page.click('#play');
  const paused = await tickOf(page);
  await page.waitForTimeout(600);
  checks.ok((await tickOf(page)) === paused, tag('pause stops playback'));

  // Step buttons and keys move by one tick.
  await page.click('#forward');
  checks.ok((await tickOf(page)) === paused + 1, tag('forward steps one tick'));
  await page.click('#back');
  await page.click('#back');
  checks.ok((await tickOf(page)) === paused - 1, tag('back steps one tick'));
  await page.keyboard.press('ArrowRight');
  checks.ok((await tickOf(page)) === paused, tag('right arrow steps one tick'));

  // The slider to the end: the final state.
  const max = await page.$eval('#slider', (e) => Number(e.max));
  await setSlider(page, max);
  await page.waitForTimeout(900);
  const last = doc.summary.lifetime;
  checks.ok((await tickOf(page)) === last, tag(`slider end shows the last tick ${last}`));
  const count = await page.$eval('#member-count', (e) => Number(e.textContent));
  checks.ok(count === doc.summary.final_members,
    tag(`member count in the circle ${count} = final members ${doc.summary.final_members}`));
  const inside = await page.$$eval('svg#network circle.node.member', (e) => e.length);
  checks.ok(inside === doc.summary.final_members, tag(`member nodes ${inside} = final members`));
  const geometry = await page.evaluate(() => {
    const c = document.querySelector('#network circle.alliance');
    const cx = +c.getAttribute('cx'); const cy = +c.getAttribute('cy'); const r = +c.getAttribute('r');
    let bad = 0;
    for (const n of document.querySelectorAll('#network circle.node')) {
      const m = n.parentNode.getAttribute('transform').match(/translate\(([-\d.]+),([-\d.]+)\)/);
      const d = Math.hypot(+m[1] - cx, +m[2] - cy);
      const isMember = n.classList.contains('member');
      if (isMember !== d < r) bad++;
    }
    return bad;
  });
  checks.ok(geometry === 0, tag(`members inside the circle, others outside (${geometry} misplaced)`));
  const rows = await page.$$eval('#events li', (e) => e.length);
  checks.ok(rows > 0, tag(`event list has ${rows} rows`));
  const current = await page.$$eval('#events li.current', (e) => e.map((l) => l.dataset.tick));
  checks.ok(current.length > 0 && current.every((t) => Number(t) <= last), tag('current event row highlighted'));

  // Tooltip on a node.
  await page.hover('svg#network circle.node >> nth=0');
  const tip = await page.$eval('#tooltip', (e) => (e.hidden ? '' : e.textContent));
  checks.ok(tip.includes(doc.partners[0].name) && tip.includes('capacity'), tag('tooltip shows the partner'));
  await page.mouse.move(2, 2);
  if (shots) await page.screenshot({ path: join(work, 'view-end.png') });

  // Space plays from the end again (restarts at 0).
  await page.keyboard.press('Home');
  checks.ok((await tickOf(page)) === 0, tag('Home goes to tick 0'));

  checks.ok(problems.length === 0, tag(`no console errors or requests: ${problems.join('; ')}`));
  await page.close();
}

const browser = await launch();
try {
  await checkPage(browser.context, 'free-rider-collapse', true);
  await checkPage(browser.context, 'dominant-partner', false);
} finally {
  await browser.close();
}
checks.done();
