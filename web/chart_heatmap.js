// netgov heat map: a grid of coloured cells for a metric over two
// parameters, for the report page.
//
//   NG.heatmap(container, {title?, xLabel, yLabel, xs, ys,
//     values /* rows by y: values[j][i] at (xs[i], ys[j]); null = none */,
//     colorLabel, min?, max?, format?: (v) => string})  ->  {svg}
//
// Draws <svg class="ng-chart"> with one rect.ng-cell per value, the value
// written in each cell (dark text on light cells, light on dark), axis
// labels and a colour bar.  The colours are viridis: perceptually uniform
// and monotone in lightness, so the order of the values survives a
// greyscale print.  The lowest y is at the bottom, as on a graph.
// Needs chart_svg.js (NG.svg), loaded before it.
(function () {
  'use strict';
  const NG = (window.NG = window.NG || {});
  const { el, text, finite } = NG.svg;
  // viridis at 0, 1/8, ..., 1
  const RAMP = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c',
    '#28ae80', '#5ec962', '#addc30', '#fde725'];
  let uid = 0;

  function rgb(hex) {
    return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  }

  // The ramp's colour at t in [0, 1], and whether it is dark.
  function colour(t) {
    const u = Math.min(1, Math.max(0, t)) * (RAMP.length - 1);
    const i = Math.min(RAMP.length - 2, Math.floor(u));
    const a = rgb(RAMP[i]);
    const b = rgb(RAMP[i + 1]);
    const c = a.map((v, k) => Math.round(v + (b[k] - v) * (u - i)));
    return { fill: `rgb(${c[0]},${c[1]},${c[2]})`, dark: t < 0.55 };
  }
  NG.heatColour = colour;

  function fmt(v) {
    const a = Math.abs(v);
    if (a >= 1e4) return (v / 1000).toFixed(0) + 'k';
    if (a >= 100 || Number.isInteger(v)) return String(Math.round(v));
    return String(Number(v.toPrecision(2)));
  }

  NG.heatmap = function heatmap(container, opts) {
    const xs = opts.xs || [];
    const ys = opts.ys || [];
    const vals = opts.values || [];
    const fmtV = opts.format || fmt;
    const flat = [].concat(...vals).filter(finite);
    let lo = finite(opts.min) ? opts.min : Math.min(...flat);
    let hi = finite(opts.max) ? opts.max : Math.max(...flat);
    if (!isFinite(lo)) { lo = 0; hi = 1; }
    if (hi <= lo) hi = lo + 1;
    const width = Math.max(300, Math.round(container.clientWidth || 560));
    const top = opts.title ? 28 : 8;
    const box = { l: 70, r: width - 86, t: top, b: 0 };
    const cellH = Math.max(22, Math.min(48, 260 / Math.max(1, ys.length)));
    box.b = box.t + cellH * ys.length;
    const height = box.b + 46;
    const svg = el('svg', { class: 'ng-chart ng-heatmap',
      viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img',
      'aria-label': opts.title || opts.colorLabel || 'heat map' });
    container.appendChild(svg);
    if (opts.title) text(svg, 4, 16, opts.title, { class: 'ng-title' });
    const cellW = (box.r - box.l) / Math.max(1, xs.length);
    const axis = el('g', { class: 'ng-axis' }, svg);
    const plot = el('g', { class: 'ng-plot' }, svg);
    ys.forEach((y, j) => {
      const top = box.b - cellH * (j + 1);
      text(axis, box.l - 6, top + cellH / 2 + 4, fmt(y), { 'text-anchor': 'end' });
      xs.forEach((x, i) => {
        const v = (vals[j] || [])[i];
        const c = finite(v) ? colour((v - lo) / (hi - lo)) : { fill: '#eee', dark: false };
        const r = el('rect', { class: 'ng-cell', x: box.l + cellW * i, y: top,
          width: cellW, height: cellH, fill: c.fill }, plot);
        el('title', {}, r).textContent = `${opts.xLabel} ${fmt(x)}, ${opts.yLabel} ${fmt(y)}: ` +
          (finite(v) ? fmtV(v) : 'no data');
        if (cellW > 26 && cellH > 14) {
          text(plot, box.l + cellW * (i + 0.5), top + cellH / 2 + 4,
            finite(v) ? fmtV(v) : '\u2013', { class: 'ng-cell-label', 'text-anchor': 'middle',
              style: 'fill:' + (c.dark ? '#fff' : '#111') });
        }
      });
    });
    xs.forEach((x, i) => {
      text(axis, box.l + cellW * (i + 0.5), box.b + 15, fmt(x), { 'text-anchor': 'middle' });
    });
    if (opts.xLabel) {
      text(axis, (box.l + box.r) / 2, box.b + 34, opts.xLabel,
        { 'text-anchor': 'middle', class: 'ng-axis-label' });
    }
    if (opts.yLabel) {
      text(axis, 0, 0, opts.yLabel, { 'text-anchor': 'middle', class: 'ng-axis-label',
        transform: `translate(12,${(box.t + box.b) / 2}) rotate(-90)` });
    }
    // colour bar: high at the top
    const id = 'ng-ramp-' + (uid++);
    const grad = el('linearGradient', { id, x1: 0, x2: 0, y1: 1, y2: 0 },
      el('defs', {}, svg));
    RAMP.forEach((c, k) => el('stop', { offset: k / (RAMP.length - 1), 'stop-color': c }, grad));
    const bx = box.r + 14;
    const bar = el('g', { class: 'ng-colorbar' }, svg);
    el('rect', { x: bx, y: box.t, width: 12, height: box.b - box.t,
      fill: `url(#${id})`, stroke: '#8c959f', 'stroke-width': 0.6 }, bar);
    for (const t of [0, 0.5, 1]) {
      const v = lo + t * (hi - lo);
      text(bar, bx + 16, box.b - t * (box.b - box.t) + 4, fmtV(v));
    }
    if (opts.colorLabel) {
      text(bar, 0, 0, opts.colorLabel, { 'text-anchor': 'middle', class: 'ng-axis-label',
        transform: `translate(${width - 6},${(box.t + box.b) / 2}) rotate(-90)` });
    }
    return { svg };
  };
})();
