// Browser test of `netgov report`: makes a run, a small sweep and a small
// comparison, writes their reports and opens each in headless Chromium
// with the network off.  Checks that the charts drew (with visible lines,
// bars and cells), that the run's explanation and parameter table are
// there, and that nothing logged an error or left the file; saves
// full-page screenshots report-run.png, report-sweep.png and
// report-compare.png in the work dir.
//
//   node test_report.mjs NETGOV_BINARY WORK_DIR
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, open, Checks } from './browser.mjs';

const [netgov, work] = process.argv.slice(2);
if (!netgov || !work) {
  console.error('usage: node test_report.mjs NETGOV_BINARY WORK_DIR');
  process.exit(2);
}
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const ng = (...args) => execFileSync(netgov, args, { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

// ---- inputs ----
ng('run', '--preset', 'free-rider-collapse', '--out', join(work, 'run.json'), '--quiet');
const spec = {
  name: 'report-grid',
  description: 'Browser test: peer monitoring and the social cost of a shortfall on a small grid.',
  base: { preset: 'default' },
  axes: [
    { path: 'governance.shared.monitoring', values: [0, 0.3, 0.6] },
    { path: 'governance.shared.sanction', values: [0, 1, 2] },
  ],
  replications: 3,
  seed: 7,
};
writeFileSync(join(work, 'spec.json'), JSON.stringify(spec));
ng('sweep', 'spec.json', '--out', join(work, 'sweep'), '-j', '2', '--quiet', '--series');
ng('compare', '--preset', 'default', '--reps', '3', '--out', join(work, 'cmp.json'), '--quiet', '-j', '2');
const params = JSON.parse(ng('params', '--json')).length;

const reports = {
  run: join(work, 'report-run.html'),
  sweep: join(work, 'report-sweep.html'),
  compare: join(work, 'report-compare.html'),
};
ng('report', join(work, 'run.json'), '-o', reports.run, '--quiet');
ng('report', join(work, 'sweep'), '-o', reports.sweep, '--quiet');
ng('report', join(work, 'cmp.json'), '-o', reports.compare, '--quiet');

// ---- checks ----
const checks = new Checks();
const { context, close } = await launch();

// Number of elements matching sel with a non-zero drawn size (a straight
// line has no height or no width, so one of the two is enough for lines).
async function drawn(page, sel) {
  return page.$$eval(sel, (els) => els.filter((e) => {
    const r = e.getBoundingClientRect();
    return e.tagName === 'line' ? r.width > 0 || r.height > 0 : r.width > 0 && r.height > 0;
  }).length);
}

async function common(kind, minCharts, shapes) {
  const { page, problems } = await open(context, reports[kind]);
  await page.waitForSelector(`body[data-ng-rendered="${kind}"]`, { timeout: 10000 }).catch(() => {});
  const rendered = await page.getAttribute('body', 'data-ng-rendered');
  checks.ok(rendered === kind, `${kind}: page rendered (data-ng-rendered=${rendered})`);
  const charts = await page.$$eval('svg.ng-chart', (e) => e.length);
  checks.ok(charts >= minCharts, `${kind}: at least ${minCharts} charts (found ${charts})`);
  for (const [sel, min] of shapes) {
    const n = await drawn(page, sel);
    checks.ok(n >= min, `${kind}: at least ${min} visible ${sel} (found ${n})`);
  }
  const title = await page.textContent('#ng-title');
  checks.ok(title && title.trim().length > 0, `${kind}: has a title (${title})`);
  const footer = await page.textContent('#ng-footer');
  checks.ok(/netgov (run|sweep|compare|sensitivity)/.test(footer || ''), `${kind}: footer says how to reproduce`);
  // Printing: no controls, charts still there.
  await page.emulateMedia({ media: 'print' });
  const buttons = await drawn(page, 'button');
  checks.ok(buttons === 0, `${kind}: no visible buttons when printed (found ${buttons})`);
  await page.emulateMedia({ media: 'screen' });
  await page.screenshot({ path: join(work, `report-${kind}.png`), fullPage: true });
  checks.ok(problems.length === 0, `${kind}: no console errors or network requests` +
    (problems.length ? ': ' + problems.join('; ') : ''));
  return page;
}

const run = await common('run', 4, [['path.ng-line', 8]]);
const expl = (await run.textContent('#ng-explanation')) || '';
checks.ok(expl.replace('What happened and why', '').trim().length > 20,
  `run: explanation section present and non-empty (${expl.length} characters)`);
const headline = await run.$('#ng-explanation .ng-headline');
checks.ok(headline !== null, 'run: explanation has a headline');
const rows = await run.$$eval('#ng-params tbody tr', (e) => e.length);
checks.ok(rows === params, `run: parameter table has one row per registry parameter (${rows} of ${params})`);
const changed = await run.$$eval('#ng-params tbody tr.ng-changed', (e) => e.length);
checks.ok(changed > 0, `run: changed parameters are highlighted (${changed})`);
const scenario = await run.textContent('#ng-title');
checks.ok(/free.rider.collapse/i.test(scenario), `run: title names the scenario (${scenario})`);
const repro = await run.textContent('#ng-footer code');
checks.ok(/netgov run --preset free-rider-collapse --seed \d+/.test(repro || ''), `run: reproduce command (${repro})`);
await run.setViewportSize({ width: 1280, height: 900 });
await run.screenshot({ path: join(work, 'report-run-viewport.png') });

const sweep = await common('sweep', 5, [['rect.ng-cell', 18], ['rect.ng-bar', 9], ['path.ng-line', 4]]);
const findings = await sweep.$$eval('.ng-findings li', (e) => e.length);
checks.ok(findings >= 2, `sweep: findings listed (${findings})`);
const pointRows = await sweep.$$eval('.ng-point-table tbody tr', (e) => e.length);
checks.ok(pointRows === 9, `sweep: one table row per point (${pointRows} of 9)`);

const cmp = await common('compare', 3, [['rect.ng-bar', 8], ['line.ng-whisker', 8]]);
const verdict = (await cmp.textContent('#ng-verdict')) || '';
checks.ok(/Best on/.test(verdict), 'compare: verdict states the best combination');
const ranks = await cmp.$$eval('.ng-ranking tbody tr', (e) => e.length);
const ranking = JSON.parse(readFileSync(join(work, 'cmp.json'), 'utf8')).ranking.length;
checks.ok(ranks === ranking, `compare: ranking table rows (${ranks} of ${ranking})`);

await close();
checks.done();
