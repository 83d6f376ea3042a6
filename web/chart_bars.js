// netgov bar chart: plain SVG bars with interval whiskers, or stacked bars
// of shares, for the report page.
//
//   NG.barChart(container, {
//     title?, xLabel?, yLabel,
//     bars: [{label, value, low?, high?, style?}],
//     horizontal?: bool,          // labels down the left, values across
//     stacked?: {labels: [category...], values: [[per category] per bar]},
//     yMin?, yMax?, format?: (v) => string, height?})  ->  {svg}
//
// Draws <svg class="ng-chart"> with one rect.ng-bar per bar (per bar and
// category when stacked), line.ng-whisker for low..high with end caps,
// value labels, axis labels and, when stacked, a legend.  Stacked
// categories are told apart by fill AND a hatch pattern, so a black and
// white print still reads.  The SVG scales with its container (viewBox).
// Needs chart_svg.js (NG.svg), loaded before it.
(function () {
  'use strict';
  const NG = (window.NG = window.NG || {});
  const { el, text, finite, niceTicks } = NG.svg;
  const FILLS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00',
    '#56B4E9', '#999999'];
  // Hatch of each stacked category: none, diagonal, cross, dots, ...
  const HATCH = ['', 'M0,8 L8,0', 'M0,0 L8,8 M0,8 L8,0', 'dots',
    'M0,4 L8,4', 'M4,0 L4,8', 'M0,0 L8,8'];
  let uid = 0;

  function fmt(v) {
    const a = Math.abs(v);
    if (a >= 1e4) return (v / 1000).toFixed(0) + 'k';
    if (a >= 100 || Number.isInteger(v)) return String(Math.round(v));
    return String(Number(v.toPrecision(2)));
  }

  // One <pattern> per stacked category: its fill colour under its hatch.
  function patterns(svg, n) {
    const defs = el('defs', {}, svg);
    const ids = [];
    const base = 'ng-hatch-' + (uid++);
    for (let k = 0; k < n; k++) {
      const id = base + '-' + k;
      const p = el('pattern', { id, width: 8, height: 8,
        patternUnits: 'userSpaceOnUse' }, defs);
      el('rect', { width: 8, height: 8, fill: FILLS[k % FILLS.length] }, p);
      const h = HATCH[k % HATCH.length];
      if (h === 'dots') {
        el('circle', { cx: 4, cy: 4, r: 1.4, fill: '#fff' }, p);
      } else if (h) {
        el('path', { d: h, stroke: '#fff', 'stroke-width': 1.6 }, p);
      }
      ids.push('url(#' + id + ')');
    }
    return ids;
  }

  function range(opts, totals) {
    let lo = 0;
    let hi = -Infinity;
    opts.bars.forEach((b, i) => {
      for (const v of [totals ? totals[i] : b.value, b.low, b.high]) {
        if (finite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
      }
    });
    if (!isFinite(hi)) hi = 1;
    if (finite(opts.yMin)) lo = opts.yMin;
    if (finite(opts.yMax)) hi = opts.yMax;
    if (hi <= lo) hi = lo + 1;
    return [lo, hi];
  }

  function legend(svg, labels, fills, width, y) {
    const g = el('g', { class: 'ng-legend' }, svg);
    let x = 8;
    labels.forEach((lab, k) => {
      el('rect', { x, y: y - 10, width: 14, height: 12, fill: fills[k],
        stroke: '#1f2328', 'stroke-width': 0.6 }, g);
      const t = text(g, x + 19, y, lab);
      const w = (t.getComputedTextLength && t.getComputedTextLength()) || lab.length * 7;
      x += w + 38;
    });
    return g;
  }

  NG.barChart = function barChart(container, opts) {
    const bars = opts.bars || [];
    const stacked = opts.stacked && opts.stacked.labels ? opts.stacked : null;
    const totals = stacked ? stacked.values.map((r) => r.reduce((a, v) => a + (finite(v) ? v : 0), 0)) : null;
    const fmtV = opts.format || fmt;
    const width = Math.max(300, Math.round(container.clientWidth || 560));
    const horiz = !!opts.horizontal;
    const longest = bars.reduce((m, b) => Math.max(m, String(b.label).length), 0);
    const top = (opts.title ? 26 : 6) + (stacked ? 22 : 0);
    const rowH = stacked ? 24 : 22;
    const tiltX = !horiz && longest * 7 > (width - 70) / Math.max(1, bars.length) - 6;
    const tiltRoom = tiltX ? Math.min(110, 12 + longest * 5.6) : 0;
    const height = opts.height ||
      (horiz ? top + bars.length * rowH + (opts.yLabel ? 44 : 28) : 250 + tiltRoom);
    const labelRoom = horiz ? Math.min(width * 0.42, 12 + longest * 6.6) : 0;
    const box = horiz
      ? { l: labelRoom + 8, r: width - 44, t: top, b: height - (opts.yLabel ? 40 : 22) }
      : { l: 58, r: width - 12, t: top + 8, b: height - (tiltX ? tiltRoom : 40) };
    const svg = el('svg', { class: 'ng-chart ng-bar-chart',
      viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img',
      'aria-label': opts.title || opts.yLabel || 'bar chart' });
    container.appendChild(svg);
    const fills = stacked ? patterns(svg, stacked.labels.length) : null;
    if (opts.title) text(svg, 4, 16, opts.title, { class: 'ng-title' });
    if (stacked) legend(svg, stacked.labels, fills, width, opts.title ? 40 : 16);
    const [v0, v1] = range(opts, totals);
    // value axis: y when vertical, x when horizontal
    const span = horiz ? box.r - box.l : box.b - box.t;
    const sv = (v) => (horiz ? box.l + ((v - v0) / (v1 - v0)) * span
      : box.b - ((v - v0) / (v1 - v0)) * span);
    const n = Math.max(1, bars.length);
    const slot = (horiz ? box.b - box.t : box.r - box.l) / n;
    const thick = Math.min(slot * 0.68, horiz ? 18 : 56);
    const axis = el('g', { class: 'ng-axis' }, svg);
    for (const v of niceTicks(v0, v1, horiz ? Math.max(3, Math.floor(width / 110)) : 5)) {
      const p = sv(v);
      if (horiz) {
        el('line', { x1: p, x2: p, y1: box.t, y2: box.b, class: 'ng-grid' }, axis);
        text(axis, p, box.b + 15, fmtV(v), { 'text-anchor': 'middle' });
      } else {
        el('line', { x1: box.l, x2: box.r, y1: p, y2: p, class: 'ng-grid' }, axis);
        text(axis, box.l - 6, p + 4, fmtV(v), { 'text-anchor': 'end' });
      }
    }
    const plot = el('g', { class: 'ng-plot' }, svg);
    bars.forEach((b, i) => {
      const c = (horiz ? box.t : box.l) + slot * (i + 0.5);
      const fill = FILLS[(b.style ?? 0) % FILLS.length];
      const segs = stacked ? stacked.values[i].map((v, k) => [v, fills[k], stacked.labels[k]])
        : [[b.value, fill, '']];
      let acc = 0;
      for (const [v, f, cat] of segs) {
        if (!finite(v)) continue;
        const a = sv(Math.max(v0, acc));
        const z = sv(acc + v);
        acc += v;
        const r = horiz
          ? el('rect', { class: 'ng-bar', x: Math.min(a, z), y: c - thick / 2,
            width: Math.max(0.5, Math.abs(z - a)), height: thick, fill: f }, plot)
          : el('rect', { class: 'ng-bar', x: c - thick / 2, y: Math.min(a, z),
            width: thick, height: Math.max(0.5, Math.abs(z - a)), fill: f }, plot);
        el('title', {}, r).textContent = b.label + (cat ? ', ' + cat : '') + ': ' + fmtV(v);
      }
      if (finite(b.low) && finite(b.high)) {
        const lo = sv(b.low);
        const hi = sv(b.high);
        const cap = Math.min(thick / 2, 7);
        if (horiz) {
          el('line', { class: 'ng-whisker', x1: lo, x2: hi, y1: c, y2: c }, plot);
          el('line', { class: 'ng-whisker', x1: lo, x2: lo, y1: c - cap, y2: c + cap }, plot);
          el('line', { class: 'ng-whisker', x1: hi, x2: hi, y1: c - cap, y2: c + cap }, plot);
        } else {
          el('line', { class: 'ng-whisker', x1: c, x2: c, y1: lo, y2: hi }, plot);
          el('line', { class: 'ng-whisker', x1: c - cap, x2: c + cap, y1: lo, y2: lo }, plot);
          el('line', { class: 'ng-whisker', x1: c - cap, x2: c + cap, y1: hi, y2: hi }, plot);
        }
      }
      if (!stacked && finite(b.value)) {
        const end = finite(b.high) ? Math.max(b.value, b.high) : b.value;
        if (horiz) {
          text(plot, sv(end) + 5, c + 4, fmtV(b.value), { class: 'ng-value' });
        } else if (bars.length <= 12) {
          text(plot, c, sv(end) - 5, fmtV(b.value),
            { class: 'ng-value', 'text-anchor': 'middle' });
        }
      }
      if (horiz) {
        text(axis, box.l - 6, c + 4, b.label, { 'text-anchor': 'end' });
      } else if (tiltX) {
        text(axis, 0, 0, b.label, { 'text-anchor': 'end',
          transform: `translate(${c + 3},${box.b + 10}) rotate(-40)` });
      } else {
        text(axis, c, box.b + 16, b.label, { 'text-anchor': 'middle' });
      }
    });
    const zero = sv(Math.max(v0, 0));
    el('line', horiz ? { class: 'ng-baseline', x1: zero, x2: zero, y1: box.t, y2: box.b }
      : { class: 'ng-baseline', x1: box.l, x2: box.r, y1: zero, y2: zero }, axis);
    if (horiz && opts.yLabel) {
      text(axis, (box.l + box.r) / 2, box.b + 32, opts.yLabel,
        { 'text-anchor': 'middle', class: 'ng-axis-label' });
    } else if (!horiz) {
      if (opts.yLabel) {
        text(axis, 0, 0, opts.yLabel, { 'text-anchor': 'middle', class: 'ng-axis-label',
          transform: `translate(12,${(box.t + box.b) / 2}) rotate(-90)` });
      }
      if (opts.xLabel && !tiltX) {
        text(axis, (box.l + box.r) / 2, box.b + 33, opts.xLabel,
          { 'text-anchor': 'middle', class: 'ng-axis-label' });
      }
    }
    return { svg };
  };
})();
