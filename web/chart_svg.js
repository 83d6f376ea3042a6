// netgov SVG helpers shared by the charts (chart_line.js, chart_bars.js,
// chart_heatmap.js) and the viewer: element creation, text, round tick
// values.  Load it before them.
(function () {
  'use strict';
  const NG = (window.NG = window.NG || {});
  const SVG_NS = 'http://www.w3.org/2000/svg';

  // An SVG element with attributes, appended to parent when given.
  function el(name, attrs, parent) {
    const e = document.createElementNS(SVG_NS, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }

  function text(parent, x, y, str, attrs) {
    const t = el('text', Object.assign({ x, y }, attrs || {}), parent);
    t.textContent = str;
    return t;
  }

  function finite(v) {
    return typeof v === 'number' && isFinite(v);
  }

  // About `count` round tick values (steps of 1, 2, 2.5 or 5 times a
  // power of ten) covering [lo, hi].
  function niceTicks(lo, hi, count) {
    const raw = (hi - lo) / Math.max(1, count);
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) || raw;
    const ticks = [];
    for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) {
      ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    }
    return ticks;
  }

  NG.svg = { SVG_NS, el, text, finite, niceTicks };
})();
