// netgov line chart: a small, dependency-free SVG line chart shared by the
// viewer and the report pages.
//
//   const chart = NG.lineChart(container, {
//     title, xLabel, yLabel, x: number[],
//     series: [{name, y: (number|null)[], low?: number[], high?: number[],
//               style?: integer}],
//     marks?: [{x, label, kind}], yMin?, yMax?, height?});
//   chart.setCursor(x);   // draws or moves a vertical line.ng-cursor
//
// It appends <svg class="ng-chart"> with axes, ticks, axis labels and a
// legend.  Each series is a path.ng-line whose style index picks a colour
// AND a dash pattern, so charts read in black and white; low/high draw a
// translucent path.ng-band; marks are dashed vertical line.ng-mark with a
// <title>.  null values leave gaps.  The SVG scales with its container
// (viewBox); its width is taken from the container when drawn.
// Needs chart_svg.js (NG.svg), loaded before it.
(function () {
  'use strict';
  const NG = (window.NG = window.NG || {});
  const { el, text, finite, niceTicks } = NG.svg;

  // Okabe-Ito colours (colour-blind safe) with distinct dash patterns.
  const STYLES = [
    { color: '#0072B2', dash: '' },
    { color: '#D55E00', dash: '7 4' },
    { color: '#009E73', dash: '2 3' },
    { color: '#CC79A7', dash: '9 3 2 3' },
    { color: '#E69F00', dash: '4 2' },
    { color: '#56B4E9', dash: '1 2' },
    { color: '#000000', dash: '12 3' },
  ];
  NG.lineStyles = STYLES;

  function fmt(v) {
    const a = Math.abs(v);
    if (a >= 1e4) return (v / 1000).toFixed(0) + 'k';
    if (a >= 100 || Number.isInteger(v)) return String(Math.round(v * 100) / 100);
    return String(Number(v.toPrecision(3)));
  }

  function yRange(opts) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of opts.series) {
      for (const arr of [s.y, s.low, s.high]) {
        for (const v of arr || []) {
          if (finite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        }
      }
    }
    if (!isFinite(lo)) { lo = 0; hi = 1; }
    if (finite(opts.yMin)) lo = opts.yMin;
    if (finite(opts.yMax)) hi = opts.yMax;
    if (hi <= lo) { hi = lo + (Math.abs(lo) || 1); }
    return [lo, hi];
  }

  // Path data of the finite points, with a new M after every gap.
  function linePath(xs, ys, sx, sy) {
    let d = '';
    let pen = false;
    for (let i = 0; i < xs.length; i++) {
      const y = ys[i];
      if (!finite(y) || !finite(xs[i])) { pen = false; continue; }
      d += (pen ? 'L' : 'M') + sx(xs[i]).toFixed(1) + ',' + sy(y).toFixed(1);
      pen = true;
    }
    return d;
  }

  // A closed band between low and high for each run without gaps.
  function bandPath(xs, low, high, sx, sy) {
    let d = '';
    let run = [];
    const flush = () => {
      if (run.length > 1) {
        d += 'M' + run.map((i) => sx(xs[i]).toFixed(1) + ',' + sy(high[i]).toFixed(1)).join('L');
        d += 'L' + run.slice().reverse()
          .map((i) => sx(xs[i]).toFixed(1) + ',' + sy(low[i]).toFixed(1)).join('L') + 'Z';
      }
      run = [];
    };
    for (let i = 0; i < xs.length; i++) {
      if (finite(low[i]) && finite(high[i]) && finite(xs[i])) run.push(i); else flush();
    }
    flush();
    return d;
  }

  function drawAxes(g, box, xt, yt, sx, sy, opts) {
    const axis = el('g', { class: 'ng-axis' }, g);
    for (const v of yt) {
      const y = sy(v);
      el('line', { x1: box.l, x2: box.r, y1: y, y2: y, class: 'ng-grid' }, axis);
      text(axis, box.l - 6, y + 4, fmt(v), { 'text-anchor': 'end' });
    }
    for (const v of xt) {
      const x = sx(v);
      el('line', { x1: x, x2: x, y1: box.b, y2: box.b + 4, class: 'ng-tick' }, axis);
      text(axis, x, box.b + 17, fmt(v), { 'text-anchor': 'middle' });
    }
    el('line', { x1: box.l, x2: box.r, y1: box.b, y2: box.b, class: 'ng-baseline' }, axis);
    el('line', { x1: box.l, x2: box.l, y1: box.t, y2: box.b, class: 'ng-baseline' }, axis);
    if (opts.xLabel) {
      text(axis, (box.l + box.r) / 2, box.b + 32, opts.xLabel,
        { 'text-anchor': 'middle', class: 'ng-axis-label' });
    }
    if (opts.yLabel) {
      const t = text(axis, 0, 0, opts.yLabel, { 'text-anchor': 'middle', class: 'ng-axis-label' });
      t.setAttribute('transform', `translate(12,${(box.t + box.b) / 2}) rotate(-90)`);
    }
  }

  function drawLegend(svg, series, width) {
    const g = el('g', { class: 'ng-legend' }, svg);
    let x = width - 8;
    for (let k = series.length - 1; k >= 0; k--) {
      const st = STYLES[(series[k].style ?? k) % STYLES.length];
      const t = text(g, x, 15, series[k].name, { 'text-anchor': 'end' });
      const w = t.getComputedTextLength ? t.getComputedTextLength() : series[k].name.length * 7;
      x -= (w || series[k].name.length * 7) + 6;
      el('line', {
        x1: x - 22, x2: x, y1: 11, y2: 11, stroke: st.color,
        'stroke-dasharray': st.dash, 'stroke-width': 3,
      }, g);
      x -= 36;
    }
  }

  // Default look, injected once; a page's own CSS may override it.
  const CSS = [
    '.ng-chart{font:13px system-ui,sans-serif;display:block;overflow:visible}',
    '.ng-chart text{fill:#333}',
    '.ng-chart .ng-title{font-weight:600;font-size:14px;fill:#111}',
    '.ng-chart .ng-axis-label{font-size:12px;fill:#555}',
    '.ng-chart .ng-grid{stroke:#e6e6e6}',
    '.ng-chart .ng-baseline,.ng-chart .ng-tick{stroke:#666}',
    '.ng-chart .ng-line{stroke-width:2.5;stroke-linejoin:round}',
    '.ng-chart .ng-band{opacity:.18;stroke:none}',
    '.ng-chart .ng-mark{stroke:#777;stroke-dasharray:4 3}',
    '.ng-chart .ng-cursor{stroke:#111;stroke-width:1.5;opacity:.75}',
  ].join('');
  function injectStyle() {
    if (document.getElementById('ng-chart-style')) return;
    const st = document.createElement('style');
    st.id = 'ng-chart-style';
    st.textContent = CSS;
    document.head.insertBefore(st, document.head.firstChild);
  }

  NG.lineChart = function lineChart(container, opts) {
    injectStyle();
    const width = Math.max(280, Math.round(container.clientWidth || 480));
    const height = opts.height || 200;
    const box = { l: 52, r: width - 12, t: 28, b: height - (opts.xLabel ? 40 : 24) };
    const svg = el('svg', {
      class: 'ng-chart', viewBox: `0 0 ${width} ${height}`, width: '100%',
      role: 'img', 'aria-label': opts.title || 'chart',
    });
    container.appendChild(svg);
    const xs = opts.x || [];
    const xFinite = xs.filter(finite);
    let x0 = xFinite.length ? Math.min(...xFinite) : 0;
    let x1 = xFinite.length ? Math.max(...xFinite) : 1;
    if (x1 <= x0) x1 = x0 + 1;
    const [y0, y1] = yRange(opts);
    const sx = (v) => box.l + ((v - x0) / (x1 - x0)) * (box.r - box.l);
    const sy = (v) => box.b - ((v - y0) / (y1 - y0)) * (box.b - box.t);
    if (opts.title) text(svg, 4, 16, opts.title, { class: 'ng-title' });
    drawAxes(svg, box, niceTicks(x0, x1, Math.max(3, Math.floor(width / 80))),
      niceTicks(y0, y1, Math.max(2, Math.floor(height / 45))), sx, sy, opts);
    const plot = el('g', { class: 'ng-plot' }, svg);
    opts.series.forEach((s, k) => {
      const st = STYLES[(s.style ?? k) % STYLES.length];
      if (s.low && s.high) {
        el('path', { class: 'ng-band', d: bandPath(xs, s.low, s.high, sx, sy), fill: st.color }, plot);
      }
    });
    opts.series.forEach((s, k) => {
      const st = STYLES[(s.style ?? k) % STYLES.length];
      const p = el('path', {
        class: 'ng-line', d: linePath(xs, s.y, sx, sy), stroke: st.color,
        'stroke-dasharray': st.dash, fill: 'none',
      }, plot);
      el('title', {}, p).textContent = s.name;
    });
    for (const m of opts.marks || []) {
      if (!finite(m.x)) continue;
      const line = el('line', {
        class: 'ng-mark' + (m.kind ? ' ng-mark-' + m.kind : ''),
        x1: sx(m.x), x2: sx(m.x), y1: box.t, y2: box.b,
      }, plot);
      el('title', {}, line).textContent = m.label || '';
    }
    drawLegend(svg, opts.series, width);
    let cursor = null;
    return {
      svg,
      setCursor(x) {
        if (!finite(x)) { if (cursor) cursor.style.display = 'none'; return; }
        const cx = sx(Math.min(x1, Math.max(x0, x)));
        if (!cursor) {
          cursor = el('line', { class: 'ng-cursor', y1: box.t - 4, y2: box.b }, svg);
        }
        cursor.style.display = '';
        cursor.setAttribute('x1', cx.toFixed(1));
        cursor.setAttribute('x2', cx.toFixed(1));
      },
    };
  };
})();
