// netgov report page: renders the data block (id "netgov-data") written by
// `netgov report` for a run, a sweep folder or a comparison.  Plain words,
// units on every axis, numbers rounded for reading; the exact numbers stay
// in the JSON files the report was made from.
//
// The findings of a sweep follow fixed rules, written out on the page
// (FINDING_RULES) so a reader can check them:
//  1. Survival: the points with the highest and lowest share of runs that
//     survived the horizon (mean), with their confidence intervals.  If
//     the two intervals do not overlap, the difference is called clear;
//     otherwise it may be noise of the replications.
//  2. Cumulative public value: the same for the mean cumulative value.
//  3. How runs ended at the worst point on survival: its most frequent
//     cause of dissolution, with the number of runs.
//  4. With one numeric axis: whether cumulative value rises, falls or
//     peaks inside the range (the best point is neither end).
(function () {
  'use strict';
  const NG = (window.NG = window.NG || {});
  const D = JSON.parse(document.getElementById('netgov-data').textContent);
  const G = D.glossary || {};
  const main = document.getElementById('ng-report');

  // ---- small DOM and number helpers ----

  function h(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) {
      if (k === 'class') e.className = attrs[k];
      else if (k === 'text') e.textContent = attrs[k];
      else e.setAttribute(k, attrs[k]);
    }
    for (const c of kids.flat()) {
      if (c === null || c === undefined || c === false) continue;
      e.appendChild(typeof c === 'string' || typeof c === 'number'
        ? document.createTextNode(String(c)) : c);
    }
    return e;
  }

  function finite(v) {
    return typeof v === 'number' && isFinite(v);
  }

  // Rounded for reading: 3 significant digits, at most 2 decimals above 1.
  function num(v, digits) {
    if (!finite(v)) return '\u2013';
    if (digits !== undefined) return v.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
    const a = Math.abs(v);
    if (Number.isInteger(v) || a >= 1000) return Math.round(v).toLocaleString('en-GB');
    if (a >= 100) return v.toFixed(0);
    if (a >= 1) return String(Number(v.toPrecision(3)));
    if (a === 0) return '0';
    return String(Number(v.toPrecision(2)));
  }

  function pct(v) {
    return finite(v) ? Math.round(v * 100) + '%' : '\u2013';
  }

  function plural(n, one, many) {
    return n + ' ' + (n === 1 ? one : (many || one + 's'));
  }

  function words(name) {
    return String(name || '').replace(/_/g, ' ');
  }

  // "free-rider-collapse" -> "Free rider collapse"
  function titled(name) {
    return cap(String(name || '').replace(/[-_]+/g, ' '));
  }

  function cap(s) {
    s = String(s || '');
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  // Metrics of a run summary, a sweep point or a comparison row.
  const METRICS = {
    survival: { label: 'Survival', unit: 'share of runs', fmt: pct, axis: 'share of runs that survived (%)', scale: 100 },
    lifetime: { label: 'Lifetime', unit: 'months', fmt: (v) => num(v) + ' months' },
    cumulative_value: { label: 'Cumulative public value', unit: 'value units', fmt: (v) => num(v) },
    mean_contribution: { label: 'Mean contribution', unit: 'share of the quota', fmt: pct, axis: 'contribution (% of the quota)', scale: 100 },
    peak_members: { label: 'Peak members', unit: 'partners', fmt: (v) => num(v) },
    final_members: { label: 'Final members', unit: 'partners', fmt: (v) => num(v) },
    exits: { label: 'Exits', unit: 'partners', fmt: (v) => num(v) },
    exclusions: { label: 'Exclusions', unit: 'partners', fmt: (v) => num(v) },
    small_partners_left: { label: 'Small partners who left', unit: 'partners', fmt: (v) => num(v) },
    final_system_trust: { label: 'Final trust in the alliance', unit: 'trust, 0 to 1', fmt: (v) => num(v, 2) },
    final_interpersonal_trust: { label: 'Final trust between partners', unit: 'trust, 0 to 1', fmt: (v) => num(v, 2) },
    mean_fit: { label: 'Mean fit of mission and problem', unit: 'cosine, 0 to 1', fmt: (v) => num(v, 2) },
    sanctions: { label: 'Sanctions', unit: 'count', fmt: (v) => num(v) },
    incidents: { label: 'Data incidents', unit: 'count', fmt: (v) => num(v) },
    votes_failed: { label: 'Failed votes', unit: 'count', fmt: (v) => num(v) },
  };
  function metric(name) {
    return METRICS[name] || { label: cap(words(name)), unit: '', fmt: (v) => num(v) };
  }

  function interval(m, fmt) {
    if (!m || !finite(m.mean)) return '\u2013';
    const f = fmt || ((v) => num(v));
    if (finite(m.ci_low) && finite(m.ci_high)) return `${f(m.mean)} (${f(m.ci_low)} to ${f(m.ci_high)})`;
    return f(m.mean);
  }

  // A table cell: the mean, and its interval small beneath it.
  function ciCell(m, fmt) {
    if (!m || !finite(m.mean)) return '\u2013';
    const f = fmt || ((v) => num(v));
    return h('span', {}, f(m.mean), finite(m.ci_low) && finite(m.ci_high)
      ? h('span', { class: 'ng-ci', text: `${f(m.ci_low)} to ${f(m.ci_high)}` }) : null);
  }

  // How the page names a governance mode or cost rule: the label netgov
  // declares with the rule (glossary), else the name in plain words.
  function govName(g) {
    return (G.governance_labels || {})[g] || words(g);
  }

  function costName(c) {
    return (G.cost_rule_labels || {})[c] || words(c);
  }

  function reasonText(r) {
    return (G.reasons && G.reasons[r]) || words(r);
  }

  function section(id, title, intro) {
    const s = h('section', { id, class: 'ng-section' }, h('h2', { text: title }));
    if (intro) s.appendChild(h('p', { class: 'ng-muted', text: intro }));
    main.appendChild(s);
    return s;
  }

  function table(headers, rows, opts) {
    opts = opts || {};
    const t = h('table', { class: opts.class || '' });
    t.appendChild(h('thead', {}, h('tr', {}, headers.map((c) =>
      h('th', { class: c.num ? 'num' : '', text: c.label || c })))));
    const body = h('tbody');
    rows.forEach((r, i) => {
      const tr = h('tr', { class: (opts.rowClass && opts.rowClass(i)) || '' });
      r.forEach((cell, k) => {
        const td = h('td', { class: headers[k].num ? 'num' : '' });
        if (cell instanceof Node) td.appendChild(cell); else td.textContent = cell;
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    t.appendChild(body);
    return h('div', { class: 'ng-table-wrap' }, t);
  }

  function fact(label, value, note, cls) {
    return h('div', { class: 'ng-fact ' + (cls || '') },
      h('div', { class: 'ng-fact-label', text: label }),
      h('div', { class: 'ng-fact-value', text: value }),
      note ? h('div', { class: 'ng-fact-note', text: note }) : null);
  }

  // A titled box in a grid of charts.  Drawing waits until every box of
  // the page is in place (drawAll), so each chart takes its box's final
  // width and its text keeps the same size in every chart.
  const pending = [];
  function chart(grid, title, caption, draw, wide) {
    const box = h('figure', { class: 'ng-chart-box' + (wide ? ' ng-wide' : '') },
      h('h3', { text: title }));
    grid.appendChild(box);
    const holder = h('div', { class: 'ng-chart-holder' });
    box.appendChild(holder);
    if (caption) box.appendChild(h('figcaption', { class: 'ng-chart-caption', text: caption }));
    pending.push(() => draw(holder));
    return box;
  }

  function drawAll() {
    for (const draw of pending.splice(0)) draw();
  }

  function charts(parent) {
    const g = h('div', { class: 'ng-charts' });
    parent.appendChild(g);
    return g;
  }

  function header(kicker, title, subtitle) {
    document.getElementById('ng-kicker').textContent = kicker;
    document.getElementById('ng-title').textContent = title;
    document.getElementById('ng-subtitle').textContent = subtitle;
    document.title = D.title || title;
  }

  function footer(...kids) {
    const f = document.getElementById('ng-footer');
    for (const k of kids) if (k) f.appendChild(k);
    f.appendChild(h('p', {}, `Made with ${D.generator || 'netgov'}. This page is self-contained: ` +
      'it needs no network and can be mailed or printed as it is.'));
  }

  function saveButton(label, fileName, obj) {
    const b = h('button', { type: 'button', class: 'ng-button no-print', text: label });
    b.addEventListener('click', () => {
      const blob = new Blob([JSON.stringify(obj, null, 2) + '\n'], { type: 'application/json' });
      const a = h('a', { href: URL.createObjectURL(blob), download: fileName });
      document.body.appendChild(a);
      a.click();
      a.remove();
    });
    return b;
  }

  // ---- run report ----

  function outcomeText(s, ticks) {
    if (s.outcome === 'dissolved') return `Dissolved in month ${s.lifetime}`;
    if (s.outcome === 'completed') return `Completed its goal in month ${s.lifetime}`;
    return `Still running after ${s.lifetime || ticks} months`;
  }

  function runHeader() {
    const s = D.summary || {};
    header('Run report', titled(D.scenario),
      `One simulated run \u00b7 ${govName(D.governance)}, ${costName(D.cost_rule)} \u00b7 seed ${D.seed} \u00b7 netgov ${D.engine_version}`);
    const sec = section('ng-overview', 'The scenario in brief');
    if (D.description) sec.appendChild(h('p', { class: 'ng-lead', text: D.description }));
    const facts = h('div', { class: 'ng-facts' });
    facts.appendChild(fact('Outcome', cap(s.outcome || 'unknown'), outcomeText(s, D.ticks), 'ng-outcome-' + s.outcome));
    if (s.cause && s.cause !== 'none') facts.appendChild(fact('Why it ended', cap(words(s.cause)), reasonText(s.cause)));
    facts.appendChild(fact('Lifetime', `${num(s.lifetime)} months`, `of ${num(D.ticks)} simulated (one tick is one month)`));
    facts.appendChild(fact('Members', `${num(s.final_members)} at the end`, `peak ${num(s.peak_members)}; ${plural(s.joins || 0, 'join')}, ${plural(s.exits || 0, 'exit')}, ${plural(s.exclusions || 0, 'exclusion')}`));
    facts.appendChild(fact('Public value', num(s.cumulative_value), 'cumulative, in value units'));
    facts.appendChild(fact('Contributions', pct(s.mean_contribution), 'mean share of the agreed quota given'));
    facts.appendChild(fact('Trust at the end', `${num(s.final_interpersonal_trust, 2)} / ${num(s.final_system_trust, 2)}`, 'between partners / in the alliance (0 to 1)'));
    const costNote = (G.cost_rules || {})[D.cost_rule];
    facts.appendChild(fact('Governance', cap(govName(D.governance)),
      cap(costName(D.cost_rule)) + (costNote ? ': ' + costNote : '')));
    sec.appendChild(facts);
  }

  function runExplanation() {
    const E = D.explanation;
    const sec = section('ng-explanation', 'What happened and why');
    if (!E) {
      sec.appendChild(h('p', { class: 'ng-note', text: 'No explanation is available for this run' +
        (D.explanation_error ? ` (${D.explanation_error}).` : '.') }));
      return;
    }
    if (E.headline) sec.appendChild(h('p', { class: 'ng-headline', text: E.headline }));
    const mech = E.mechanism;
    if (mech && (mech.title || mech.name)) {
      const box = h('div', { class: 'ng-mechanism' },
        h('h3', { text: 'Main mechanism: ' + (mech.title || words(mech.name)) }));
      if (mech.text) box.appendChild(h('p', { text: mech.text }));
      if (Array.isArray(mech.evidence) && mech.evidence.length) {
        box.appendChild(h('p', { class: 'ng-muted', text: 'The evidence in this run:' }));
        box.appendChild(h('ul', { class: 'ng-bullets' }, mech.evidence.map((t) => h('li', { text: t }))));
      }
      const others = (E.mechanisms || []).filter((m) => m.name !== mech.name && finite(m.score) && m.score > 0);
      if (others.length) {
        box.appendChild(h('p', { class: 'ng-muted', text: 'Other mechanisms considered (strength 0 to 1): ' +
          others.map((m) => `${m.title || words(m.name)} ${num(m.score, 2)}`).join('; ') +
          (finite(mech.score) ? `; the main one scored ${num(mech.score, 2)}.` : '.') }));
      }
      sec.appendChild(box);
    }
    if (Array.isArray(E.held_together) && E.held_together.length) {
      sec.appendChild(h('h3', { text: 'What held it together' }));
      sec.appendChild(h('ul', { class: 'ng-bullets' }, E.held_together.map((t) => h('li', { text: t }))));
    }
    if (Array.isArray(E.phases) && E.phases.length) {
      sec.appendChild(h('h3', { text: 'Phases' }));
      sec.appendChild(table(
        ['Phase', { label: 'Months', num: true }, { label: 'Members', num: true }, 'What happened'],
        E.phases.map((p) => [cap(p.phase), p.from === p.to ? String(p.from) : `${p.from}\u2013${p.to}`,
          finite(p.members_from) ? `${p.members_from} \u2192 ${p.members_to}` : '', p.text || '']),
        { class: 'ng-phases' }));
    }
    if (Array.isArray(E.turning_points) && E.turning_points.length) {
      sec.appendChild(h('h3', { text: 'Turning points' }));
      sec.appendChild(h('ol', { class: 'ng-timeline' }, E.turning_points.map((t) => h('li', {},
        h('span', { class: 'ng-when', text: 'Month ' + t.tick + (finite(t.to_tick) && t.to_tick !== t.tick ? '\u2013' + t.to_tick : '') }),
        h('span', { text: t.text || cap(words(t.kind)) })))));
    }
    if (Array.isArray(E.departures) && E.departures.length) {
      sec.appendChild(h('h3', { text: 'Who left and why' }));
      sec.appendChild(table(
        ['Partner', 'Sector', { label: 'Month', num: true }, 'How', 'Why'],
        E.departures.map((d) => [d.name + (d.small ? ' (small)' : ''), cap(d.sector || ''), String(d.tick),
          d.type === 'exclusion' ? 'Excluded' : 'Left', d.text || reasonText(d.reason)]),
        { class: 'ng-departures' }));
    }
  }

  function cumulative(a) {
    let acc = 0;
    return (a || []).map((v) => (acc += finite(v) ? v : 0));
  }

  function runMarks() {
    const marks = [];
    for (const e of D.events || []) {
      if (e.type === 'exit' || e.type === 'exclusion') {
        marks.push({ x: e.tick, kind: e.type, label: `${e.name || 'partner ' + e.partner} ${e.type === 'exit' ? 'left' : 'was excluded'} (month ${e.tick})` });
      } else if (e.type === 'dissolution' || e.type === 'shock' || e.type === 'completion') {
        marks.push({ x: e.tick, kind: e.type, label: `${cap(e.type)} (month ${e.tick})${e.reason ? ': ' + reasonText(e.reason) : ''}` });
      }
    }
    return marks;
  }

  function runCharts() {
    const S = D.series || {};
    const x = S.tick || [];
    const marks = runMarks();
    const sec = section('ng-charts', 'How the alliance developed',
      'Month by month. Dashed vertical lines mark exits and exclusions, shocks and the end of the alliance.' +
      (D.events_left_out ? ` (${plural(D.events_left_out, 'later event')} not marked.)` : ''));
    const g = charts(sec);
    const line = (holder, o) => NG.lineChart(holder, Object.assign({ x, marks, xLabel: 'month', height: 230 }, o));
    const have = (k) => Array.isArray(S[k]);
    const joined = cumulative(S.joins);
    const most = Math.max(1, ...(S.members || []).filter(finite), ...joined);
    chart(g, 'Members', 'Members at the end of each month, and the running totals of partners who joined and who left.', (b) => line(b, {
      yLabel: 'partners', yMin: 0, yMax: Math.ceil(most * 1.15),
      series: [{ name: 'members', y: S.members },
        { name: 'joined so far', y: joined },
        { name: 'left so far', y: cumulative(S.exits).map((v, i) => v + cumulative(S.exclusions)[i]) }]
        .filter((s) => s.y && s.y.length),
    }));
    if (have('contribution')) {
      chart(g, 'Contributions and free riding', 'Share of the agreed quota the members gave, and the share of members giving well below it.', (b) => line(b, {
        yLabel: 'share (0 to 1)', yMin: 0, yMax: 1,
        series: [{ name: 'contribution', y: S.contribution }].concat(have('free_riding') ? [{ name: 'free riding', y: S.free_riding }] : []),
      }));
    }
    if (have('interpersonal_trust') || have('system_trust')) {
      chart(g, 'Trust', 'Trust between partners who work together, and trust in the alliance as a whole.', (b) => line(b, {
        yLabel: 'trust (0 to 1)', yMin: 0, yMax: 1,
        series: [{ name: 'between partners', y: S.interpersonal_trust }, { name: 'in the alliance', y: S.system_trust }]
          .filter((s) => s.y),
      }));
    }
    if (have('public_value')) {
      chart(g, 'Public value and overhead', 'What the alliance produced each month and what running it cost, in value units per month.', (b) => line(b, {
        yLabel: 'value units per month', yMin: 0,
        series: [{ name: 'public value', y: S.public_value }].concat(have('overhead') ? [{ name: 'overhead', y: S.overhead }] : []),
      }));
    }
  }

  function valueText(v) {
    if (v === null || v === undefined) return 'not set';
    if (Array.isArray(v)) return v.map((e) => num(e)).join(', ');
    if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
    return String(v);
  }

  function runParams() {
    const P = D.params || [];
    const changed = P.filter((p) => p.changed);
    const sec = section('ng-parameters', 'The scenario\'s parameters',
      `All ${P.length} model parameters with the values this run used. ` +
      (changed.length ? `${plural(changed.length, 'value differs', 'values differ')} from the model's defaults; they are highlighted and listed first.`
        : 'Every value is the model\'s default.'));
    const rows = changed.concat(P.filter((p) => !p.changed));
    const t = table(['Parameter', { label: 'Value', num: true }, { label: 'Default', num: true }, 'Unit', 'Meaning'],
      rows.map((p) => [p.path, valueText(p.value), valueText(p.default), p.unit || '', p.meaning || '']),
      { class: 'ng-params', rowClass: (i) => (rows[i].changed ? 'ng-changed' : '') });
    t.id = 'ng-params';
    sec.appendChild(t);
  }

  function runReport() {
    runHeader();
    runExplanation();
    runCharts();
    runParams();
    const R = D.reproduce || {};
    footer(h('h3', { text: 'How to reproduce this run' }),
      R.preset ? h('p', { text: 'With netgov installed, this command runs the same scenario with the same seed and gives the same numbers:' })
        : h('p', { text: 'Save the scenario\'s configuration as scenario.json (button below) and run:' }),
      h('code', { class: 'ng-code', text: R.command || '' }),
      R.config ? h('p', {}, saveButton('Save the scenario configuration (JSON)', 'scenario.json', R.config)) : null);
  }

  // ---- sweep report ----

  // "governance.shared.sanction" -> "sanction", unless two axes end alike.
  function shortParam(path) {
    const paths = (D.spec && D.spec.axes || []).map((a) => a.path);
    const last = (q) => String(q).split('.').pop();
    const clash = paths.filter((q) => last(q) === last(path)).length > 1;
    return words(clash ? String(path).split('.').slice(-2).join(' ') : last(path));
  }

  function axisLabel(i) {
    const a = (D.spec.axes || [])[i] || {};
    const info = (D.axis_info || [])[i] || {};
    return shortParam(a.path) + (info.unit ? ` (${info.unit})` : '');
  }

  function axisValues(a) {
    if (Array.isArray(a.values)) return a.values.map(valueText).join(', ');
    if (finite(a.min) && finite(a.max)) return `${num(a.min)} to ${num(a.max)}` + (a.steps ? ` in ${a.steps} steps` : '');
    return JSON.stringify(a);
  }

  // "monitoring 0.3, sanction 2"; bare: values only, for an axis that
  // is labelled already.
  function pointLabel(p, bare) {
    const keys = Object.keys(p.params || {});
    if (!keys.length) return 'point ' + p.point;
    const v = (x) => (typeof x === 'number' ? String(Number(x.toPrecision(3))) : valueText(x));
    return keys.map((k) => (bare ? '' : shortParam(k) + ' ') + v(p.params[k])).join(', ');
  }

  function mean(p, name) {
    const m = p.metrics && p.metrics[name];
    return m && finite(m.mean) ? m.mean : NaN;
  }

  function extremes(points, name) {
    let best = null;
    let worst = null;
    for (const p of points) {
      const v = mean(p, name);
      if (!finite(v)) continue;
      if (!best || v > mean(best, name)) best = p;
      if (!worst || v < mean(worst, name)) worst = p;
    }
    return [best, worst];
  }

  function overlap(a, b) {
    return !(finite(a.ci_low) && finite(b.ci_high) && (a.ci_low > b.ci_high || b.ci_low > a.ci_high));
  }

  function findingOn(points, name) {
    const [best, worst] = extremes(points, name);
    const m = metric(name);
    if (!best || best === worst) return null;
    const mb = best.metrics[name];
    const mw = worst.metrics[name];
    if (mean(best, name) === mean(worst, name)) {
      return `${m.label} is the same at every point (${interval(mb, m.fmt)}).`;
    }
    const clear = !overlap(mb, mw);
    return `${m.label} is highest at ${pointLabel(best)}: ${interval(mb, m.fmt)}, and lowest at ${pointLabel(worst)}: ${interval(mw, m.fmt)}. ` +
      (clear ? 'The two intervals do not overlap, so the difference is clear.'
        : `The intervals overlap, so with ${plural(best.runs, 'run')} per point the difference may be noise.`);
  }

  function findingCause(points) {
    const [, worst] = extremes(points, 'survival');
    if (!worst || !worst.causes) return null;
    const causes = Object.entries(worst.causes).sort((a, b) => b[1] - a[1]);
    if (!causes.length) return null;
    const [cause, n] = causes[0];
    return `Where survival is lowest (${pointLabel(worst)}), the most common way runs ended was ${words(cause)}: ${reasonText(cause)} (${n} of ${worst.runs} runs).`;
  }

  function numericAxes() {
    return (D.spec.axes || []).map((a, i) => ({ a, i })).filter(({ a }) =>
      (Array.isArray(a.values) && a.values.every(finite)) || (finite(a.min) && finite(a.max)));
  }

  function findingShape(points) {
    const axes = D.spec.axes || [];
    const nums = numericAxes();
    if (axes.length !== 1 || nums.length !== 1 || points.length < 3) return null;
    const path = axes[0].path;
    const sorted = points.slice().sort((a, b) => a.params[path] - b.params[path]);
    const [best] = extremes(sorted, 'cumulative_value');
    if (!best) return null;
    const k = sorted.indexOf(best);
    const name = shortParam(path);
    const where = k === 0 ? `falls as ${name} rises: it is highest at the lowest setting`
      : k === sorted.length - 1 ? `rises with ${name}: it is highest at the highest setting`
        : `peaks in between, at ${name} ${valueText(best.params[path])}`;
    return `Across the range, cumulative public value ${where}.`;
  }

  const FINDING_RULES = [
    'Survival: the points with the highest and the lowest mean share of runs that survived, with their confidence intervals; if the intervals do not overlap the difference is called clear, otherwise it may be noise.',
    'Cumulative public value: the same rule on the mean cumulative public value.',
    'How runs ended: the most frequent cause of dissolution at the point with the lowest survival.',
    'Shape: with one numeric parameter varied, whether cumulative value is highest at the lowest setting, at the highest, or in between.',
  ];

  function sweepOverview(points) {
    const M = D.manifest || {};
    const spec = D.spec || {};
    const base = spec.base && (spec.base.preset ? `the ${spec.base.preset} preset` : spec.base.config || spec.base.file);
    header(M.command === 'sensitivity' ? 'Sensitivity analysis report' : 'Sweep report', titled(spec.name || D.name),
      `${plural(points.length, 'setting')} \u00d7 ${plural(M.replications || spec.replications, 'replication')} = ${plural(M.runs || 0, 'run')}` +
      `${base ? ' \u00b7 based on ' + base : ''} \u00b7 netgov ${M.engine_version || ''}`);
    const sec = section('ng-overview', 'What was varied');
    if (spec.description) sec.appendChild(h('p', { class: 'ng-lead', text: spec.description }));
    sec.appendChild(table(['Parameter', 'Values', 'Unit', 'Meaning'],
      (spec.axes || []).map((a, i) => [a.path, axisValues(a), ((D.axis_info || [])[i] || {}).unit || '', ((D.axis_info || [])[i] || {}).meaning || ''])));
    sec.appendChild(h('p', { class: 'ng-muted', text:
      `Each setting was run ${plural(M.replications || spec.replications, 'time')} with different random seeds (the same seeds at every setting). ` +
      `Intervals are ${Math.round((D.confidence || 0.95) * 100)}% confidence intervals of the mean.` +
      (M.runs_failed ? ` ${plural(M.runs_failed, 'run')} failed and ${M.runs_failed === 1 ? 'is' : 'are'} left out.` : '') }));
  }

  function sweepFindings(points) {
    const sec = section('ng-findings', 'Findings');
    const items = [findingOn(points, 'survival'), findingOn(points, 'cumulative_value'),
      findingCause(points), findingShape(points)].filter(Boolean);
    if (!items.length) items.push('There is only one setting, so nothing is compared.');
    sec.appendChild(h('ul', { class: 'ng-bullets ng-findings' }, items.map((t) => h('li', { text: t }))));
    sec.appendChild(h('details', { class: 'ng-rules' }, h('summary', { text: 'How these findings are made' }),
      h('ol', {}, FINDING_RULES.map((t) => h('li', { text: t })))));
  }

  function outcomeShares(parent, rows, label) {
    chart(parent, 'How the runs ended', 'Share of runs that survived to the horizon, completed their goal, or dissolved.', (b) => NG.barChart(b, {
      yLabel: 'share of runs (%)', xLabel: label, horizontal: rows.length > 8, yMin: 0, yMax: 100,
      bars: rows.map((r) => ({ label: r.label, value: 100 })),
      stacked: { labels: ['survived', 'completed', 'dissolved'],
        values: rows.map((r) => ['survived', 'completed', 'dissolved'].map((k) => 100 * ((r.outcomes || {})[k] || 0))) },
    }), rows.length > 8);
  }

  function sweepCharts(points) {
    const sec = section('ng-charts', 'Charts');
    const g = charts(sec);
    const axes = D.spec.axes || [];
    const nums = numericAxes();
    const keys = ['survival', 'cumulative_value'];
    if (axes.length === 1 && nums.length === 1) {
      const path = axes[0].path;
      const sorted = points.slice().sort((a, b) => a.params[path] - b.params[path]);
      for (const k of keys) {
        const m = metric(k);
        const s = m.scale || 1;
        chart(g, `${m.label} by ${shortParam(path)}`, 'Mean over the runs at each setting; the band is the confidence interval.', (b) => NG.lineChart(b, {
          x: sorted.map((p) => p.params[path]), xLabel: axisLabel(0), yLabel: m.axis || `${m.label.toLowerCase()} (${m.unit})`,
          yMin: k === 'survival' ? 0 : undefined, yMax: k === 'survival' ? 100 : undefined, height: 240,
          series: [{ name: m.label.toLowerCase(), y: sorted.map((p) => mean(p, k) * s),
            low: sorted.map((p) => p.metrics[k].ci_low * s), high: sorted.map((p) => p.metrics[k].ci_high * s) }],
        }));
      }
    } else if (axes.length === 2 && nums.length === 2 && sweepGrid(points)) {
      const grid = sweepGrid(points);
      for (const k of keys) {
        const m = metric(k);
        const s = m.scale || 1;
        chart(g, `${m.label}`, `Mean over the runs of each combination of ${shortParam(axes[0].path)} and ${shortParam(axes[1].path)}.`, (b) => NG.heatmap(b, {
          xs: grid.xs, ys: grid.ys, xLabel: axisLabel(0), yLabel: axisLabel(1),
          values: grid.ys.map((y) => grid.xs.map((x) => { const p = grid.at(x, y); return p ? mean(p, k) * s : null; })),
          colorLabel: m.axis || `${m.label.toLowerCase()} (${m.unit})`,
          format: k === 'survival' ? (v) => Math.round(v) + '%' : undefined,
        }));
      }
    } else if (points.length <= 40) {
      for (const k of keys) {
        const m = metric(k);
        const s = m.scale || 1;
        chart(g, `${m.label} by setting`, 'Mean over the runs at each setting, with the confidence interval.', (b) => NG.barChart(b, {
          yLabel: m.axis || `${m.label.toLowerCase()} (${m.unit})`, horizontal: points.length > 6,
          format: k === 'survival' ? (v) => Math.round(v) + '%' : undefined, yMin: k === 'survival' ? 0 : undefined,
          yMax: k === 'survival' ? 100 : undefined,
          bars: points.map((p) => ({ label: pointLabel(p, axes.length === 1), value: mean(p, k) * s,
            low: p.metrics[k].ci_low * s, high: p.metrics[k].ci_high * s })),
        }));
      }
    }
    if (points.length <= 40) {
      const one = (D.spec.axes || []).length === 1;
      outcomeShares(g, points.map((p) => ({ label: pointLabel(p, one), outcomes: p.outcomes })), one ? axisLabel(0) : 'setting');
    }
    sweepSeries(sec, points);
  }

  // The full grid of two numeric axes, or null when points are missing.
  function sweepGrid(points) {
    const [a, b] = D.spec.axes.map((x) => x.path);
    const xs = [...new Set(points.map((p) => p.params[a]))].sort((u, v) => u - v);
    const ys = [...new Set(points.map((p) => p.params[b]))].sort((u, v) => u - v);
    if (xs.length * ys.length !== points.length || xs.length * ys.length > 400 || xs.length < 2 || ys.length < 2) return null;
    const at = (x, y) => points.find((p) => p.params[a] === x && p.params[b] === y);
    return { xs, ys, at };
  }

  // Bands clipped to the chart's range: a mean over the few runs still
  // going late in a run can have an interval far wider than the chart.
  function clip(a, lo, hi) {
    return (a || []).map((v) => (finite(v) ? Math.min(hi, Math.max(lo, v)) : v));
  }

  function sweepSeries(sec, points) {
    const withSeries = points.filter((p) => p.series && Array.isArray(p.series.tick));
    if (!withSeries.length) return;
    const number = (p) => points.indexOf(p) + 1;
    sec.appendChild(h('h3', { text: 'The average run at ' + (withSeries.length < points.length ? 'selected settings' : 'each setting') }));
    sec.appendChild(h('p', { class: 'ng-muted', text: 'Mean over the runs still going in each month' +
      (withSeries.length <= 3 ? '; bands are confidence intervals.' : '.') +
      (withSeries.length < points.length ? ' Shown: the first and last setting and the best and worst on survival and on public value.' : '') }));
    sec.appendChild(h('ul', { class: 'ng-bullets ng-key' }, withSeries.map((p) =>
      h('li', { text: `Setting ${number(p)}: ${pointLabel(p)}` }))));
    const g = charts(sec);
    const keys = [['members', 'Members', 'partners', undefined], ['contribution', 'Contributions', 'share of the quota (0 to 1)', 1],
      ['system_trust', 'Trust in the alliance', 'trust (0 to 1)', 1], ['public_value', 'Public value', 'value units per month', undefined]];
    for (const [k, title, unit, fixedMax] of keys) {
      const lines = withSeries.filter((p) => p.series[k]);
      if (!lines.length) continue;
      const top = Math.max(...lines.map((p) => Math.max(...p.series[k].mean.filter(finite))));
      const yMax = fixedMax || (top > 0 ? top * 1.3 : 1);
      chart(g, title, null, (b) => NG.lineChart(b, {
        x: lines[0].series.tick, xLabel: 'month', yLabel: unit, yMin: 0, yMax, height: 230,
        series: lines.map((p, i) => Object.assign({ name: 'setting ' + number(p), style: i, y: p.series[k].mean },
          lines.length <= 3 ? { low: clip(p.series[k].ci_low, 0, yMax), high: clip(p.series[k].ci_high, 0, yMax) } : {})),
      }), lines.length > 3);
    }
  }

  function sweepTable(points) {
    const sec = section('ng-points', 'All settings');
    const axes = (D.spec.axes || []).map((a) => a.path);
    const shown = points.slice(0, 60);
    const cols = [{ label: 'Setting', num: true }].concat(axes.map((a) => shortParam(a)), [{ label: 'Runs', num: true }, { label: 'Survival', num: true },
      { label: 'Lifetime (months)', num: true }, { label: 'Cumulative value', num: true },
      { label: 'Contribution', num: true }, { label: 'Exits', num: true }]);
    sec.appendChild(table(cols, shown.map((p, i) => [String(i + 1)].concat(axes.map((a) => valueText(p.params[a])), [
      p.failed ? `${p.runs} (${p.failed} failed)` : String(p.runs),
      ciCell(p.metrics.survival, pct), num(mean(p, 'lifetime')),
      ciCell(p.metrics.cumulative_value), pct(mean(p, 'mean_contribution')), num(mean(p, 'exits'))])),
    { class: 'ng-point-table' }));
    if (shown.length < points.length) {
      sec.appendChild(h('p', { class: 'ng-note', text: `The first ${shown.length} of ${points.length} settings are shown; all of them are in summary.csv in the sweep folder.` }));
    }
  }

  function sweepSensitivity() {
    const S = D.sensitivity;
    if (!S || !S.outputs) return;
    const morris = S.method === 'morris';
    const sec = section('ng-sensitivity', 'Which parameters matter most',
      morris ? 'Morris screening: \u03bc* is the mean absolute effect of moving a parameter one step; bars show \u03bc* with its interval.'
        : 'Sobol indices: the total index is the share of the variation in an outcome due to a parameter, alone and with others; bars show it with its interval.');
    const g = charts(sec);
    for (const [out, rows] of Object.entries(S.outputs)) {
      if (!Array.isArray(rows) || !rows.length) continue;
      const key = morris ? 'mu_star' : 'total';
      const sorted = rows.slice().sort((a, b) => (b[key] || 0) - (a[key] || 0));
      chart(g, metric(out).label, null, (b) => NG.barChart(b, {
        horizontal: true, yLabel: morris ? `\u03bc* (${metric(out).unit || 'units of the outcome'})` : 'total index S_T (share of variance)',
        yMin: morris ? undefined : 0,
        bars: sorted.map((r) => ({ label: words(r.parameter), value: r[key], low: r[key + '_low'], high: r[key + '_high'] })),
      }));
    }
    const cols = morris ? [['mu_star', '\u03bc*'], ['sigma', '\u03c3']] : [['first', 'First-order S_i'], ['total', 'Total S_T']];
    const rows = [];
    for (const [out, list] of Object.entries(S.outputs)) {
      for (const r of list || []) {
        rows.push([metric(out).label, r.parameter].concat(cols.map(([k]) =>
          ciCell({ mean: r[k], ci_low: r[k + '_low'], ci_high: r[k + '_high'] }))));
      }
    }
    sec.appendChild(table(['Outcome', 'Parameter'].concat(cols.map(([, l]) => ({ label: l, num: true }))), rows,
      { class: 'ng-sensitivity-table' }));
    sec.appendChild(h('p', { class: 'ng-note', text: morris ? 'A parameter with a small \u03bc* hardly moves the outcome over its range.'
      : 'Indices are estimates: with few samples they can fall below 0 or above 1, which means "close to 0" or "close to 1" within wide intervals.' }));
  }

  function sweepReport() {
    const points = D.points || [];
    sweepOverview(points);
    sweepFindings(points);
    sweepCharts(points);
    sweepTable(points);
    sweepSensitivity();
    const cmd = (D.manifest || {}).command || 'sweep';
    footer(h('h3', { text: 'How to reproduce this sweep' }),
      h('p', { text: `Save the experiment spec (button below) as spec.json and run:` }),
      h('code', { class: 'ng-code', text: `netgov ${cmd} spec.json --out ${D.name}` }),
      h('p', {}, saveButton('Save the experiment spec (JSON)', 'spec.json', D.spec)));
  }

  // ---- comparison report ----

  function comboLabel(r) {
    return `${govName(r.governance)}, ${costName(r.cost_rule)}`;
  }

  function shortCombo(r) {
    return `${r.governance} + ${words(r.cost_rule)}`;
  }

  function compareReport() {
    const rows = D.ranking || [];
    const by = D.rank_by;
    const m = metric(by);
    header('Comparison report', titled(D.scenario),
      `Every governance mode with every cost rule \u00b7 ${plural(D.replications, 'replication')} each on the same seeds \u00b7 ` +
      `ranked by ${m.label.toLowerCase()} \u00b7 netgov ${D.engine_version || ''}`);
    const sec = section('ng-verdict', 'The verdict');
    const best = rows[0];
    const next = rows[1];
    const diff = D.best_vs_next;
    if (best) {
      sec.appendChild(h('p', { class: 'ng-headline', text:
        `Best on ${m.label.toLowerCase()}: ${comboLabel(best)}, with ${interval(best.metrics[by], m.fmt)}.` }));
    }
    if (best && next && diff && finite(diff.mean)) {
      const clear = finite(diff.ci_low) && finite(diff.ci_high) && (diff.ci_low > 0 || diff.ci_high < 0);
      const reps = plural(diff.n || D.replications, 'replication');
      // a difference of shares reads as percentage points
      const d = (v) => (m.scale ? `${num(v * m.scale)} percentage points` : num(v));
      const tied = diff.mean === 0 && diff.ci_low === 0 && diff.ci_high === 0;
      sec.appendChild(h('p', { class: 'ng-lead', text:
        `The runner-up is ${comboLabel(next)}, with ${interval(next.metrics[by], m.fmt)}. ` +
        (tied ? `On the same seeds the two gave the same ${m.label.toLowerCase()} in every run: with ${reps} they are tied.`
          : `On the same seeds the best is ${D.lower_is_better ? 'lower' : 'ahead'} by ${d(Math.abs(diff.mean))} on average ` +
            `(${Math.round((D.confidence || 0.95) * 100)}% interval ${d(diff.ci_low)} to ${d(diff.ci_high)}). ` +
            (clear ? `The interval excludes zero, so the lead is larger than the noise of ${reps}.`
              : `The interval includes zero, so with ${reps} the two cannot be told apart; run more replications to decide.`)) }));
    }
    sec.appendChild(h('p', { class: 'ng-muted', text:
      `Survival is the share of runs that lasted the whole horizon or completed their goal. ${D.lower_is_better ? 'Lower is better for this measure.' : ''}` }));
    const cs = section('ng-charts', 'Ranked');
    const g = charts(cs);
    const s = m.scale || 1;
    chart(g, m.label, `Mean over ${plural(D.replications, 'run')} with the ${Math.round((D.confidence || 0.95) * 100)}% interval, best first.`, (b) => NG.barChart(b, {
      horizontal: true, yLabel: m.axis || `${m.label.toLowerCase()}${m.unit ? ' (' + m.unit + ')' : ''}`,
      format: m.scale ? (v) => Math.round(v) + '%' : undefined,
      bars: rows.map((r, i) => ({ label: shortCombo(r), style: i === 0 ? 2 : 0, value: mean(r, by) * s,
        low: r.metrics[by].ci_low * s, high: r.metrics[by].ci_high * s })),
    }));
    if (by !== 'survival') {
      const sm = metric('survival');
      chart(g, 'Survival', 'Share of runs that survived, with the interval, in the same order.', (b) => NG.barChart(b, {
        horizontal: true, yLabel: sm.axis, yMin: 0, yMax: 100, format: (v) => Math.round(v) + '%',
        bars: rows.map((r) => ({ label: shortCombo(r), value: mean(r, 'survival') * 100,
          low: r.metrics.survival.ci_low * 100, high: r.metrics.survival.ci_high * 100 })),
      }));
    }
    outcomeShares(g, rows.map((r) => ({ label: shortCombo(r), outcomes: r.outcomes })), 'combination');
    const ts = section('ng-ranking', 'Ranking');
    ts.appendChild(table([{ label: 'Rank', num: true }, 'Governance', 'Cost sharing', { label: m.label, num: true },
      { label: 'Survival', num: true }, { label: 'Lifetime (months)', num: true }, { label: 'Contribution', num: true }, { label: 'Exits', num: true }],
    rows.map((r) => [String(r.rank || ''), cap(govName(r.governance)), cap(costName(r.cost_rule)), ciCell(r.metrics[by], m.fmt),
      ciCell(r.metrics.survival, pct), num(mean(r, 'lifetime')), pct(mean(r, 'mean_contribution')), num(mean(r, 'exits'))]),
    { class: 'ng-ranking', rowClass: (i) => (i === 0 ? 'ng-best' : '') }));
    const na = D.not_applicable || [];
    if (na.length) {
      ts.appendChild(h('h3', { text: 'Combinations not run' }));
      ts.appendChild(table(['Governance', 'Cost sharing', 'Why not'],
        na.map((r) => [cap(govName(r.governance)), cap(costName(r.cost_rule)), r.reason || ''])));
    }
    footer(h('h3', { text: 'How to reproduce this comparison' }),
      h('p', { text: 'With the same scenario (a preset name, or its config file instead of --preset):' }),
      h('code', { class: 'ng-code', text: `netgov compare --preset ${D.scenario} --reps ${D.replications} --seed ${D.master_seed} --rank-by ${by}` }));
  }

  // ---- start ----

  const print = document.getElementById('ng-print');
  if (print) print.addEventListener('click', () => window.print());
  if (D.kind === 'run') runReport();
  else if (D.kind === 'sweep') sweepReport();
  else if (D.kind === 'compare') compareReport();
  drawAll();
  document.body.setAttribute('data-ng-rendered', D.kind);
})();
