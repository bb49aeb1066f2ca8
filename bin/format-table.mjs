// Renders a report as a plain-text KPI table for the terminal. Formatting only: every number comes from the engine.


// Terminal columns a character takes: East Asian wide and fullwidth characters (CJK names, kana) take two.
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** `text` cut and padded to exactly `width` terminal columns. */
export function padToWidth(text, width) {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = WIDE.test(ch) ? 2 : 1;
    if (used + w > width) break;
    out += ch;
    used += w;
  }
  return out + ' '.repeat(width - used);
}

export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.round(seconds);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d}d ${h}h ${String(m).padStart(2, '0')}m`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(sec).padStart(2, '0')}s`;
  return `${sec}s`;
}

const pct = (v) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v) => (v === null || v === undefined ? '—' : String(v));

function durationRow(label, summary) {
  if (!summary) return [label, '—', ''];
  return [
    label,
    formatDuration(summary.median),
    `n ${summary.n} · mean ${formatDuration(summary.mean)} · p90 ${formatDuration(summary.p90)}`,
  ];
}

function rateRow(label, r, extra = '') {
  if (!r) return [label, '—', ''];
  return [label, pct(r.rate), `${r.numerator}/${r.denominator}${extra}`];
}

export function formatTable(report) {
  const k = report.kpis;
  const rows = [];
  const v = k.ticket_volume;
  const channels = Object.entries(v.by_channel).filter(([, n]) => n > 0).map(([c, n]) => `${c} ${n}`).join(', ');
  rows.push(['Tickets created', num(v.total), channels]);
  const o = k.open_tickets;
  rows.push(['Open tickets (backlog)', num(o.total),
    `${Object.entries(o.by_status).filter(([, n]) => n > 0).map(([s, n]) => `${s} ${n}`).join(', ')}; unassigned ${o.unassigned}; awaiting reply ${o.awaiting_reply}`]);
  const frt = k.first_response_time;
  rows.push(durationRow('First response time (median)', frt));
  rows[rows.length - 1][2] += ` · unanswered ${frt.unanswered} · source ${frt.source}`;
  rows.push(durationRow('Response time, all replies (median)', k.response_time));
  rows.push(durationRow('Full resolution time (median)', k.resolution_time));
  rows.push(durationRow('First resolution time (median)', k.resolution_time?.first));
  // Business-time variants and SLA compliance exist only when their settings were given (--business-hours, --sla-*).
  if (frt.business) rows.push(durationRow('First response, business time', frt.business));
  if (k.resolution_time?.business) rows.push(durationRow('Full resolution, business time', k.resolution_time.business));
  for (const [key, label] of [['first_response', 'SLA first response met'], ['resolution', 'SLA resolution met']]) {
    const s = k.sla?.[key];
    if (s?.target_s) rows.push([label, pct(s.rate), `${s.met}/${s.met + s.missed} · target ${formatDuration(s.target_s)} · open breaches ${s.open_breaches}`]);
  }
  const ot = k.one_touch_resolution;
  rows.push(rateRow('One-touch resolution', ot, ot ? ` · two ${ot.two_touch} · multi ${ot.multi_touch} · zero ${ot.zero_touch}` : ''));
  rows.push(rateRow('First contact resolution', k.first_contact_resolution));
  rows.push(rateRow('Reopen rate', k.reopen_rate));
  rows.push(rateRow('Automated resolution rate', k.automated_resolution));
  const c = k.csat;
  rows.push(['CSAT (satisfied)', pct(c?.score),
    c ? `n ${c.n} · response rate ${pct(c.response_rate)} · ${Object.entries(c.distribution).map(([s, n]) => `${s} ${n}`).join(', ')}` : '']);
  const mpt = k.messages_per_ticket;
  if (mpt) rows.push(['Messages per resolved ticket', mpt.messages_per_resolved_ticket === null ? '—' : mpt.messages_per_resolved_ticket.toFixed(2), `replies to resolve: median ${num(mpt.replies_to_resolve?.median)}`]);

  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const lines = [];
  const sources = report.sources.map((s) => `${s.name} (${s.vendor ?? 'unknown'} ${s.role ?? ''}, ${s.records} records${s.error ? ', ERROR' : ''})`).join('; ');
  lines.push(`helpdesk-kpi — ${sources}`);
  const dq = report.data_quality;
  lines.push(`tickets read ${dq.tickets_read}, used ${dq.tickets_used}; excluded: ${Object.entries(dq.excluded).map(([x, n]) => `${x} ${n}`).join(', ')}`);
  lines.push('');
  for (const r of rows) lines.push(`${r[0].padEnd(w0)}  ${r[1].padStart(w1)}  ${r[2]}`);
  if (k.agents?.length) {
    lines.push('');
    lines.push('Agent                     resolved  resolutions  replies  FRT median  CSAT    one-touch');
    for (const a of k.agents) {
      lines.push(`${padToWidth(String(a.name), 24)}  ${String(a.tickets_resolved).padStart(8)}  ${String(a.resolutions).padStart(11)}  ${String(a.replies).padStart(7)}  ${formatDuration(a.first_response_time.median).padStart(10)}  ${pct(a.csat.score).padStart(6)}  ${pct(a.one_touch_rate).padStart(9)}`);
    }
  }
  if (report.breakdown) {
    lines.push('');
    lines.push(`By ${report.breakdown.by.padEnd(22)}  tickets  FRT median  resolution  one-touch  FCR     CSAT`);
    for (const row of report.breakdown.rows) {
      const b = row.kpis;
      lines.push(`${padToWidth(String(row.label), 25)}  ${String(b.ticket_volume).padStart(7)}  ${formatDuration(b.first_response_time.median).padStart(10)}  ${formatDuration(b.resolution_time.median).padStart(10)}  ${pct(b.one_touch_resolution.rate).padStart(9)}  ${pct(b.first_contact_resolution.rate).padStart(6)}  ${pct(b.csat.score).padStart(6)}`);
    }
    if (report.breakdown.truncated) lines.push('(only the most frequent rows are shown)');
  }
  if (report.previous) {
    const p = report.previous;
    const signed = (v, f) => (v === null || v === undefined ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : '±'}${f(Math.abs(v))}`);
    const points = (v) => `${(v * 100).toFixed(1)} pt`;
    lines.push('');
    lines.push(`Previous period ${p.from} – ${p.to}: tickets ${p.kpis.ticket_volume} (${signed(p.change.ticket_volume, String)}), ` +
      `FRT median ${formatDuration(p.kpis.first_response_time.median)} (${signed(p.change.first_response_time_median, formatDuration)}), ` +
      `resolution median ${formatDuration(p.kpis.resolution_time.median)} (${signed(p.change.resolution_time_median, formatDuration)}), ` +
      `one-touch ${pct(p.kpis.one_touch_resolution.rate)} (${signed(p.change.one_touch_resolution, points)}), ` +
      `CSAT ${pct(p.kpis.csat.score)} (${signed(p.change.csat_score, points)})`);
  }
  if (k.top_topics?.length) {
    lines.push('');
    lines.push(`Top topics: ${k.top_topics.slice(0, 10).map((t) => `${t.topic} ${t.count}`).join(', ')}`);
  }
  if (dq.warnings.length) {
    lines.push('');
    lines.push('Data quality:');
    for (const w of dq.warnings) lines.push(`  [${w.code}] ${w.message}${w.count > 1 ? ` (×${w.count})` : ''}`);
  }
  return lines.join('\n') + '\n';
}
