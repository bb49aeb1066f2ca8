// Hand-written charts: one SVG stacked-bar time series and HTML bar lists. Why not a library: the dashboard needs
// stacked bars and labelled horizontal bars only; uPlot/Chart.js (45–200 KB) would draw to <canvas>, which prints
// blurry, cannot be themed with the host's CSS custom properties and needs extra work for text-only data binding.
// These ~150 lines give vector output for print, theming through --hk-* variables and textContent-only labels.

const SVG = 'http://www.w3.org/2000/svg';

export const CHANNEL_ORDER = ['email', 'chat', 'web_form', 'voice', 'social', 'sms', 'api', 'other'];

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c != null) node.append(c);
  return node;
}

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) node.setAttribute(k, String(v));
  if (text != null) node.textContent = text;
  return node;
}

function niceMax(value) {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/**
 * Stacked bars over time.
 * @param {{period: string, count: number}[]} totals the report's series (every bucket, empty ones as 0)
 * @param {{key: string, label: string, counts: Map<string, number>}[]} stacks per-channel counts by period, or []
 */
export function timeSeriesChart({ totals, stacks, formatPeriod, formatCount, label, width = 720, height = 230 }) {
  const W = Math.max(320, Math.round(width));
  const H = height;
  const pad = { l: 40, r: 8, t: 10, b: 26 };
  const plotW = W - pad.l - pad.r;
  const plotH = H - pad.t - pad.b;
  // Whole-number gridlines: a step of 1, 2, 2.5 (only above 10), 5 × 10^k, about four lines high.
  const top = Math.max(1, ...totals.map((p) => p.count));
  let step = niceMax(top / 4);
  if (step < 1) step = 1;
  if (step % 1) step = Math.ceil(step);
  const lines = Math.ceil(top / step);
  const max = step * lines;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: 'ts', role: 'img', 'aria-label': label });
  for (let i = 0; i <= lines; i++) {
    const y = pad.t + plotH - (plotH * i) / lines;
    root.append(svg('line', { x1: pad.l, x2: W - pad.r, y1: y, y2: y, class: i ? 'grid' : 'axis' }));
    root.append(svg('text', { x: pad.l - 6, y: y + 4, class: 'tick', 'text-anchor': 'end' }, formatCount(step * i)));
  }
  const n = totals.length || 1;
  const slot = plotW / n;
  const barW = Math.max(1, Math.min(42, slot * 0.72));
  const labelEvery = Math.ceil(n / Math.max(1, Math.floor(plotW / 70)));
  totals.forEach((p, i) => {
    const x = pad.l + i * slot + (slot - barW) / 2;
    const group = svg('g', { class: 'bar' });
    let y = pad.t + plotH;
    const parts = stacks.length
      ? stacks.map((s) => ({ key: s.key, label: s.label, count: s.counts.get(p.period) ?? 0 }))
      : [{ key: 'total', label: '', count: p.count }];
    const tooltip = [`${formatPeriod(p.period, true)}: ${formatCount(p.count)}`];
    for (const part of parts) {
      if (!part.count) continue;
      const h = (plotH * part.count) / max;
      y -= h;
      group.append(svg('rect', { x, y, width: barW, height: Math.max(0.5, h), class: `c-${part.key}` }));
      if (part.label) tooltip.push(`${part.label}: ${formatCount(part.count)}`);
    }
    group.append(svg('title', {}, tooltip.join('\n')));
    // A transparent full-height hit area so thin bars still show their tooltip.
    group.prepend(svg('rect', { x: pad.l + i * slot, y: pad.t, width: slot, height: plotH, class: 'hit' }));
    root.append(group);
    if (i % labelEvery === 0)
      root.append(svg('text', { x: x + barW / 2, y: H - pad.b + 17, class: 'tick', 'text-anchor': 'middle' }, formatPeriod(p.period)));
  });
  return root;
}

/** Labelled horizontal bars: [{key, label, value, display, title?, className?}] */
export function barList(rows, { max, empty } = {}) {
  const top = max ?? Math.max(0, ...rows.map((r) => r.value ?? 0));
  if (!rows.length) return el('p', { class: 'empty', text: empty });
  return el(
    'ul',
    { class: 'bars' },
    rows.map((r) => {
      const fill = el('span', { class: `fill ${r.className ?? ''}` });
      fill.style.width = `${top > 0 ? Math.max(0, (100 * (r.value ?? 0)) / top) : 0}%`;
      return el(
        'li',
        { title: r.title ?? null, 'data-key': r.key },
        el('span', { class: 'label', text: r.label }),
        el('span', { class: 'track' }, fill),
        el('span', { class: 'num', text: r.display }),
      );
    }),
  );
}

/** A channel legend for the time series. */
export function legend(items) {
  return el(
    'ul',
    { class: 'legend' },
    items.map((i) => el('li', {}, el('span', { class: `swatch c-${i.key}` }), el('span', { text: i.label }))),
  );
}
