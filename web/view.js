// netgov viewer: animates one run from the page's data block (written by
// `netgov view`, layout in docs/VIEWER.md).  The alliance is the big circle:
// members inside, everyone else outside, each partner at a fixed angle in its
// sector's wedge, so a partner that joins or leaves moves straight in or out.
(function () {
  'use strict';
  const D = JSON.parse(document.getElementById('netgov-data').textContent);
  const svgEl = NG.svg.el;
  const $ = (id) => document.getElementById(id);

  // Okabe-Ito (colour-blind safe), one per sector in record order.
  const SECTOR_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7'];
  const STATE_NAMES = { c: 'not a member', m: 'member', x: 'left', e: 'excluded' };
  const EVENT_LABELS = {
    join: 'joined', exit: 'left', exclusion: 'excluded', dissolution: 'dissolved',
    completion: 'completed', shock: 'shock', incident: 'data incident',
    vote_passed: 'vote passed', vote_failed: 'vote failed', sanction: 'sanction',
  };
  const TOASTED = new Set(['exit', 'exclusion', 'dissolution', 'completion', 'shock']);

  const P = D.partners;
  const N = P.name.length;
  const FR = D.frames;
  const NF = FR.tick.length;
  const LAST_TICK = FR.tick[NF - 1];

  // ---- geometry: fixed places inside and outside the alliance ----
  const W = 760;
  const H = 720;
  const CX = W / 2;
  const CY = H / 2;
  const R = 228;
  const maxCap = Math.max(1e-9, ...P.capacity);
  const nodeR = P.capacity.map((c) => 5 + 11 * Math.sqrt(Math.max(0, c) / maxCap));

  function wedges() {
    const counts = [0, 0, 0, 0];
    P.sector.forEach((s) => counts[s]++);
    const used = counts.map((c) => (c ? c + 2 : 0)); // room between sectors
    const total = used.reduce((a, b) => a + b, 0) || 1;
    let start = -Math.PI / 2 - Math.PI / 4;
    return counts.map((c, s) => {
      const span = (2 * Math.PI * used[s]) / total;
      const w = { start, span, count: c };
      start += span;
      return w;
    });
  }

  function places() {
    const w = wedges();
    const seen = [0, 0, 0, 0];
    const inside = [];
    const outside = [];
    for (let i = 0; i < N; i++) {
      const s = P.sector[i];
      const k = seen[s]++;
      const c = w[s].count;
      const lanes = c > 24 ? 4 : c > 8 ? 3 : 2;
      const margin = w[s].span * (1 / (c + 2));
      const a = w[s].start + margin + ((k + 0.5) / c) * (w[s].span - 2 * margin);
      const lane = k % lanes;
      const rin = R * (0.4 + (0.5 * lane) / Math.max(1, lanes - 1));
      const rout = R + 30 + lane * 30;
      inside.push([CX + rin * Math.cos(a), CY + rin * Math.sin(a)]);
      outside.push([CX + rout * Math.cos(a), CY + rout * Math.sin(a)]);
    }
    return { inside, outside, wedges: w };
  }
  const PLACE = places();

  // ---- small helpers ----
  function r3(v) { return Math.round(v * 1000) / 1000; }
  function pct(v) { return Math.round(v * 100) + '%'; }
  function name(i) { return i >= 0 && i < N ? P.name[i] : ''; }

  // Diverging trust scale, red (low) - grey - blue (high): ColorBrewer RdBu
  // ends, readable with the common colour-vision deficiencies.  It
  // saturates at TRUST_LOW and TRUST_HIGH because trust in a run seldom
  // leaves that band, and a 0..1 scale would paint every tie grey.
  const TRUST_LOW = 0.2;
  const TRUST_HIGH = 0.8;
  const TRUST_STOPS = [[202, 0, 32], [190, 190, 190], [5, 113, 176]];
  function trustColor(t) {
    const u = (t - TRUST_LOW) / (TRUST_HIGH - TRUST_LOW);
    const v = Math.min(1, Math.max(0, u)) * 2;
    const k = v < 1 ? 0 : 1;
    const f = v - k;
    const a = TRUST_STOPS[k];
    const b = TRUST_STOPS[k + 1];
    const c = a.map((x, j) => Math.round(x + (b[j] - x) * f));
    return `rgb(${c[0]},${c[1]},${c[2]})`;
  }

  // ---- header ----
  function headline() {
    $('title').textContent = D.scenario;
    const badge = $('outcome');
    badge.textContent = D.outcome;
    badge.className = 'badge ' + D.outcome;
    let what;
    if (D.outcome === 'dissolved') {
      what = `Dissolved at tick ${D.lifetime}: ${D.cause_meaning} (${D.cause})`;
    } else if (D.outcome === 'completed') {
      what = `Completed at tick ${D.lifetime}: ${D.cause_meaning}`;
    } else {
      what = `Survived to the horizon (${D.lifetime} ticks)`;
    }
    $('subtitle').textContent =
      `${what} \u00b7 ${D.governance} governance, ${D.cost_rule} cost split \u00b7 seed ${D.seed}`;
    $('description').textContent = D.description || '';
    if (!D.description) $('about').hidden = true;
    document.title = `netgov view: ${D.scenario} (${D.outcome})`;
    const thin = NF < D.lifetime + 1 ? ` \u00b7 long run: one frame every ${FR.tick[1]} ticks` : '';
    $('foot').textContent =
      `netgov ${D.engine_version} \u00b7 ${N} partners \u00b7 ${D.lifetime} ticks${thin} \u00b7 ` +
      'space: play/pause, arrows: step, Home/End: start/end';
  }

  // ---- network ----
  const svg = $('network');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const gBack = svgEl('g', { class: 'back' }, svg);
  const gTies = svgEl('g', { class: 'ties' }, svg);
  const gNodes = svgEl('g', { class: 'nodes' }, svg);
  const gFlash = svgEl('g', { class: 'flashes' }, svg);
  const nodes = [];
  const pos = PLACE.outside.map((p) => p.slice());
  const tiePool = [];
  let countText;

  function drawBackground() {
    svgEl('circle', { class: 'alliance', cx: CX, cy: CY, r: R }, gBack);
    for (const w of PLACE.wedges) {
      if (!w.count) continue;
      svgEl('line', {
        x1: CX + 0.3 * R * Math.cos(w.start), y1: CY + 0.3 * R * Math.sin(w.start),
        x2: CX + R * Math.cos(w.start), y2: CY + R * Math.sin(w.start),
        stroke: '#c9dcea', 'stroke-width': 1.5,
      }, gBack);
    }
    PLACE.wedges.forEach((w, s) => {
      if (!w.count) return;
      const a = w.start + w.span / 2;
      const rr = R + 128;
      const x = CX + rr * Math.cos(a);
      const y = CY + rr * Math.sin(a);
      const t = svgEl('text', {
        class: 'sector-label', x: Math.min(W - 8, Math.max(8, x)), y: Math.min(H - 6, Math.max(16, y)),
        'text-anchor': x < CX - 40 ? 'start' : x > CX + 40 ? 'end' : 'middle',
        fill: SECTOR_COLORS[s],
      }, gBack);
      t.textContent = D.sectors[s];
    });
    countText = svgEl('text', { id: 'member-count', class: 'count', x: CX, y: CY + 18, 'text-anchor': 'middle' }, gBack);
    svgEl('text', { class: 'count-label', x: CX, y: CY + 40, 'text-anchor': 'middle' }, gBack)
      .textContent = 'members inside';
  }

  function drawNodes() {
    for (let i = 0; i < N; i++) {
      const g = svgEl('g', { class: 'node-g', 'data-id': i }, gNodes);
      const c = svgEl('circle', {
        class: 'node candidate', r: nodeR[i].toFixed(1), cx: 0, cy: 0,
        fill: SECTOR_COLORS[P.sector[i]] || '#999', 'data-id': i,
      }, g);
      const k = nodeR[i] * 0.6;
      const cross = svgEl('path', {
        class: 'cross', d: `M${-k},${-k}L${k},${k}M${-k},${k}L${k},${-k}`,
      }, g);
      cross.style.display = 'none';
      g.addEventListener('mouseenter', (ev) => showTip(i, ev));
      g.addEventListener('mousemove', moveTip);
      g.addEventListener('mouseleave', hideTip);
      nodes.push({ g, c, cross });
    }
  }

  function placeNodes() {
    for (let i = 0; i < N; i++) {
      nodes[i].g.setAttribute('transform', `translate(${pos[i][0].toFixed(1)},${pos[i][1].toFixed(1)})`);
    }
  }

  function drawTies(f) {
    const t = FR.ties[f];
    const n = t.length / 3;
    while (tiePool.length < n) {
      tiePool.push(svgEl('line', { class: 'tie' }, gTies));
    }
    for (let k = 0; k < tiePool.length; k++) {
      const line = tiePool[k];
      if (k >= n) { line.style.display = 'none'; continue; }
      const a = t[3 * k];
      const b = t[3 * k + 1];
      line.style.display = '';
      line.setAttribute('x1', pos[a][0].toFixed(1));
      line.setAttribute('y1', pos[a][1].toFixed(1));
      line.setAttribute('x2', pos[b][0].toFixed(1));
      line.setAttribute('y2', pos[b][1].toFixed(1));
      line.setAttribute('stroke', trustColor(t[3 * k + 2]));
      line.dataset.trust = t[3 * k + 2];
    }
  }

  function freeRiding(f, i) {
    // Tick 0 is the founding state: nobody has given yet.
    return FR.tick[f] > 0 && FR.state[f][i] === 'm' && FR.x[f][i] < D.free_riding_cutoff;
  }

  function styleNodes(f) {
    const st = FR.state[f];
    let members = 0;
    for (let i = 0; i < N; i++) {
      const s = st[i];
      const state = s === 'm' ? 'member' : s === 'x' ? 'exited' : s === 'e' ? 'excluded' : 'candidate';
      const fr = freeRiding(f, i);
      if (s === 'm') members++;
      const cls = 'node ' + state + (fr ? ' free-riding' : '');
      if (nodes[i].c.getAttribute('class') !== cls) nodes[i].c.setAttribute('class', cls);
      nodes[i].c.style.stroke = fr ? SECTOR_COLORS[P.sector[i]] : '';
      nodes[i].cross.style.display = s === 'x' || s === 'e' ? '' : 'none';
      nodes[i].cross.setAttribute('class', 'cross' + (s === 'e' ? ' excluded' : ''));
    }
    countText.textContent = String(members);
  }

  // ---- motion: nodes glide to their place for the frame ----
  let anim = null;
  function targets(f) {
    const st = FR.state[f];
    return PLACE.inside.map((p, i) => (st[i] === 'm' ? p : PLACE.outside[i]));
  }
  function moveTo(f, ms) {
    if (anim) cancelAnimationFrame(anim.id);
    const to = targets(f);
    if (!ms) {
      for (let i = 0; i < N; i++) { pos[i][0] = to[i][0]; pos[i][1] = to[i][1]; }
      placeNodes();
      drawTies(f);
      anim = null;
      return;
    }
    const from = pos.map((p) => p.slice());
    const t0 = performance.now();
    const tick = (now) => {
      const u = Math.min(1, (now - t0) / ms);
      const e = u < 0.5 ? 2 * u * u : 1 - Math.pow(-2 * u + 2, 2) / 2;
      for (let i = 0; i < N; i++) {
        pos[i][0] = from[i][0] + (to[i][0] - from[i][0]) * e;
        pos[i][1] = from[i][1] + (to[i][1] - from[i][1]) * e;
      }
      placeNodes();
      drawTies(f);
      anim = u < 1 ? { id: requestAnimationFrame(tick) } : null;
    };
    anim = { id: requestAnimationFrame(tick) };
  }

  function flash(i, kind) {
    const p = targets(frame)[i];
    const c = svgEl('circle', {
      class: 'flash ' + kind, cx: p[0].toFixed(1), cy: p[1].toFixed(1), r: nodeR[i] + 3,
    }, gFlash);
    c.style.transformOrigin = `${p[0].toFixed(1)}px ${p[1].toFixed(1)}px`;
    setTimeout(() => c.remove(), 1300);
  }

  // ---- legend ----
  function swatch(attrs, extra) {
    const s = svgEl('svg', { width: 22, height: 22, viewBox: '-11 -11 22 22' });
    svgEl('circle', Object.assign({ r: 8, 'stroke-width': 1.2 }, attrs), s);
    if (extra) svgEl('path', extra, s);
    return s;
  }
  function legendItem(parent, sw, label) {
    const span = document.createElement('span');
    span.className = 'item';
    span.appendChild(sw);
    span.appendChild(document.createTextNode(label));
    parent.appendChild(span);
  }
  function legendGroup(row, label) {
    const g = document.createElement('span');
    g.className = 'group';
    const l = document.createElement('span');
    l.className = 'group-label';
    l.textContent = label;
    g.appendChild(l);
    row.appendChild(g);
    return g;
  }
  function legendRow() {
    const r = document.createElement('div');
    r.className = 'row';
    $('legend').appendChild(r);
    return r;
  }
  function drawLegend() {
    const row1 = legendRow();
    const sec = legendGroup(row1, 'Sector');
    D.sectors.forEach((s, k) => {
      if (P.sector.includes(k)) legendItem(sec, swatch({ fill: SECTOR_COLORS[k], stroke: '#222' }), s);
    });
    const tie = legendGroup(row1, 'Ties');
    const ramp = document.createElement('span');
    ramp.className = 'ramp';
    ramp.style.background = `linear-gradient(to right, ${trustColor(0)}, ${trustColor(0.5)}, ${trustColor(1)})`;
    tie.appendChild(document.createTextNode(`trust \u2264${TRUST_LOW}`));
    tie.appendChild(ramp);
    tie.appendChild(document.createTextNode(`\u2265${TRUST_HIGH}`));
    const st = legendGroup(legendRow(), 'Partners');
    const cross = { d: 'M-5,-5L5,5M-5,5L5,-5', stroke: '#444', 'stroke-width': 2 };
    legendItem(st, swatch({ fill: '#888', stroke: '#222' }), 'member (inside)');
    legendItem(st, swatch({ fill: '#888', stroke: '#777', opacity: 0.55 }), 'not a member');
    legendItem(st, swatch({ fill: '#fff', stroke: '#555', 'stroke-width': 3, 'stroke-dasharray': '4 2.5' }),
      `gives < ${pct(D.free_riding_cutoff)} (free riding)`);
    legendItem(st, swatch({ fill: '#c8c8c8', stroke: '#888' }, cross), 'left');
    legendItem(st, swatch({ fill: '#c8c8c8', stroke: '#888' },
      Object.assign({}, cross, { stroke: '#D55E00', 'stroke-width': 3 })), 'excluded');
    const size = document.createElement('span');
    size.className = 'item';
    size.textContent = 'size = capacity';
    st.appendChild(size);
  }

  // ---- charts ----
  const charts = [];
  function drawCharts() {
    const box = $('charts');
    const x = D.series.tick;
    const marks = D.events
      .filter((e) => e[1] === 'shock' || e[1] === 'dissolution' || e[1] === 'completion')
      .map((e) => ({ x: e[0], label: `${EVENT_LABELS[e[1]]} at tick ${e[0]}`, kind: e[1] }));
    const specs = [
      { title: 'Members', yLabel: 'partners', yMin: 0,
        series: [{ name: 'members', y: D.series.members, style: 0 }] },
      { title: 'Giving', yLabel: 'share', yMin: 0, yMax: 1,
        series: [{ name: 'contribution (of quota)', y: D.series.contribution, style: 0 },
          { name: 'free riding (share of members)', y: D.series.free_riding, style: 1 }] },
      { title: 'Trust', yLabel: 'trust', yMin: 0, yMax: 1,
        series: [{ name: 'interpersonal', y: D.series.interpersonal_trust, style: 2 },
          { name: 'system', y: D.series.system_trust, style: 3 }] },
    ];
    specs.forEach((s, k) => {
      const div = document.createElement('div');
      div.className = 'chart';
      box.appendChild(div);
      charts.push(NG.lineChart(div, Object.assign({
        x, marks, height: 158, xLabel: k === specs.length - 1 ? 'tick' : '',
      }, s)));
    });
  }

  // ---- events ----
  let rows = [];
  function drawEvents() {
    const list = $('events');
    rows = D.events.map((e) => {
      const [t, type, p, reason] = e;
      const li = document.createElement('li');
      li.className = 'ev-' + type;
      const who = p >= 0 ? name(p) : '';
      const why = reason === 'founder' ? 'founding member' : D.reasons[reason] || '';
      li.innerHTML = '<span class="t"></span><span class="k"></span><span class="w"></span>';
      li.children[0].textContent = 'tick ' + t;
      li.children[1].textContent = reason === 'founder' ? 'founder' : EVENT_LABELS[type] || type;
      li.children[2].textContent = who + (who && why ? ': ' : '') + why;
      li.dataset.tick = t;
      list.appendChild(li);
      return { li, t };
    });
  }

  function markEvents(tick) {
    let latest = -1;
    for (const r of rows) if (r.t <= tick && r.t > latest) latest = r.t;
    let first = null;
    for (const r of rows) {
      const cls = (r.li.className.match(/ev-\S+/) || [''])[0] +
        (r.t > tick ? ' future' : '') + (r.t === latest ? ' current' : '');
      if (r.li.className !== cls) r.li.className = cls;
      if (r.t === latest && !first) first = r.li;
    }
    const list = $('events');
    if (first) {
      const top = first.offsetTop - list.offsetTop;
      const want = top - list.clientHeight / 3;
      list.scrollTop = Math.max(0, want);
    } else {
      list.scrollTop = 0;
    }
  }

  // Toasts and flashes for what happened between two frames.
  function announce(fromTick, toTick) {
    const news = D.events.filter((e) => e[0] > fromTick && e[0] <= toTick);
    const toasts = [];
    for (const [, type, p, reason] of news) {
      if (p >= 0 && (type === 'exit' || type === 'exclusion')) flash(p, 'exit');
      if (p >= 0 && type === 'join') flash(p, 'join');
      if (!TOASTED.has(type)) continue;
      const who = p >= 0 ? name(p) + ' ' : 'The alliance ';
      const why = D.reasons[reason] ? ` (${D.reasons[reason]})` : '';
      toasts.push(`${who}${EVENT_LABELS[type]}${why}`);
    }
    const box = $('toasts');
    toasts.slice(0, 3).forEach((t) => toast(box, t));
    if (toasts.length > 3) toast(box, `and ${toasts.length - 3} more`);
  }
  function toast(box, textValue) {
    const d = document.createElement('div');
    d.className = 'toast';
    d.textContent = textValue;
    box.appendChild(d);
    setTimeout(() => d.remove(), 3300);
  }

  // ---- tooltip ----
  function showTip(i, ev) {
    const f = frame;
    const s = FR.state[f][i];
    const rows = [
      ['sector', D.sectors[P.sector[i]]],
      ['capacity', r3(P.capacity[i])],
      ['state', STATE_NAMES[s] + (P.founder[i] ? ' (founder)' : '')],
    ];
    if (s === 'm') {
      rows.push(['contribution', pct(FR.x[f][i]) + ' of quota' + (freeRiding(f, i) ? ' - free riding' : '')]);
    }
    rows.push(['system trust', r3(FR.trust[f][i])]);
    if (P.disposition[i]) rows.push(['disposition', P.disposition[i].replace('_', ' ')]);
    const tip = $('tooltip');
    tip.innerHTML = '<b></b><table></table>';
    tip.firstChild.textContent = P.name[i];
    for (const [k, v] of rows) {
      const tr = tip.lastChild.insertRow();
      tr.insertCell().textContent = k;
      tr.insertCell().textContent = v;
    }
    tip.hidden = false;
    moveTip(ev);
  }
  function moveTip(ev) {
    const tip = $('tooltip');
    const x = Math.min(window.innerWidth - tip.offsetWidth - 8, ev.clientX + 14);
    const y = Math.min(window.innerHeight - tip.offsetHeight - 8, ev.clientY + 14);
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
  }
  function hideTip() { $('tooltip').hidden = true; }

  // ---- playback ----
  let frame = 0;
  let timer = null;
  const slider = $('slider');
  slider.max = String(NF - 1);

  function interval() { return 260 / Number($('speed').value || 1); }

  function setFrame(f, how) {
    f = Math.max(0, Math.min(NF - 1, f));
    const prev = frame;
    frame = f;
    slider.value = String(f);
    const tick = FR.tick[f];
    $('tick').textContent = `tick ${tick} / ${LAST_TICK}`;
    styleNodes(f);
    const step = f === prev + 1;
    moveTo(f, how === 'jump' || Math.abs(f - prev) > 3 ? 0 : Math.min(450, interval() * 0.9));
    if (step) announce(FR.tick[prev], tick);
    for (const c of charts) c.setCursor(Math.max(1, tick));
    markEvents(tick);
    if (tip()) hideTip();
  }
  function tip() { return !$('tooltip').hidden; }

  function play() {
    if (frame >= NF - 1) setFrame(0, 'jump');
    const b = $('play');
    b.classList.add('playing');
    b.innerHTML = '&#10074;&#10074; Pause';
    b.setAttribute('aria-label', 'Pause');
    const loop = () => {
      if (frame >= NF - 1) { pause(); return; }
      setFrame(frame + 1);
      timer = setTimeout(loop, interval());
    };
    timer = setTimeout(loop, Math.min(200, interval()));
  }
  function pause() {
    clearTimeout(timer);
    timer = null;
    const b = $('play');
    b.classList.remove('playing');
    b.innerHTML = '&#9654; Play';
    b.setAttribute('aria-label', 'Play');
  }
  function toggle() { if (timer) pause(); else play(); }

  function wire() {
    $('play').addEventListener('click', toggle);
    $('back').addEventListener('click', () => { pause(); setFrame(frame - 1); });
    $('forward').addEventListener('click', () => { pause(); setFrame(frame + 1); });
    slider.addEventListener('input', () => { pause(); setFrame(Number(slider.value)); });
    document.addEventListener('keydown', (ev) => {
      const tag = ev.target && ev.target.tagName;
      if (tag === 'SELECT' || ev.altKey || ev.ctrlKey || ev.metaKey) return;
      const keys = {
        ' ': toggle,
        ArrowRight: () => { pause(); setFrame(frame + 1); },
        ArrowLeft: () => { pause(); setFrame(frame - 1); },
        Home: () => { pause(); setFrame(0, 'jump'); },
        End: () => { pause(); setFrame(NF - 1, 'jump'); },
      };
      const act = keys[ev.key];
      if (!act) return;
      ev.preventDefault();
      act();
    });
  }

  headline();
  drawBackground();
  drawNodes();
  drawLegend();
  drawCharts();
  drawEvents();
  wire();
  setFrame(0, 'jump');
  document.body.dataset.ready = 'true';
})();
