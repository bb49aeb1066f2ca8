// The baseline a web developer would write (ISSUE 5): the whole file through TextDecoder + JSON.parse, then the same
// KPIs in plain JS — volume by channel, first response time and resolution medians, one-touch rate, CSAT — following
// the engine's rules (src/kpi, src/ingest/zendesk.cpp, src/ingest/gorgias.cpp) so that both give the same numbers on
// the same file. It covers what the benchmark exports hold: a Zendesk tickets file (document or JSONL; no audits, so
// every figure comes from `metric_set`, as in the engine) and a Gorgias tickets file (messages embedded: FRT and
// replies from the messages, resolution from `closed_datetime`, CSAT from `satisfaction_survey`).
//
// `baselineKpis` is self-contained (no imports, no closures over module scope): the browser benchmark injects its
// source text into the page with Function.prototype.toString.

/**
 * @param {object|object[]} parsed the parsed document ({"tickets":[…]}, {"data":[…]} or a bare array) or JSONL rows
 * @returns {{vendor: string, volume: {total: number, by_channel: object}, frt: {n: number, median: number|null},
 *   resolution: {n: number, median: number|null}, first_resolution: {n: number, median: number|null},
 *   one_touch: {numerator: number, denominator: number, rate: number|null}, csat: {n: number, score: number|null}}}
 */
export function baselineKpis(parsed) {
  const CHANNELS = ['email', 'chat', 'voice', 'web_form', 'social', 'sms', 'api', 'other'];
  const SKEW = 120; // G6: an end before its start by up to this many seconds is clock skew (0)
  const records = Array.isArray(parsed) ? parsed : parsed.tickets ?? parsed.data ?? [];
  const first = records.find((r) => r && typeof r === 'object') ?? {};
  const vendor = 'created_datetime' in first ? 'gorgias' : 'zendesk';

  // ISO-8601 → whole seconds (fractions truncated, as the engine does); null when absent or unreadable.
  const time = (s) => {
    if (typeof s !== 'string') return null;
    const ms = Date.parse(s);
    return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
  };
  const checked = (start, end) => {
    if (start === null || end === null) return null;
    const d = end - start;
    return d >= 0 ? d : -d <= SKEW ? 0 : null;
  };
  const idText = (v) => (v === null || v === undefined ? '' : String(v));
  const minutes = (o) => (o && typeof o === 'object' && typeof o.calendar === 'number' ? Math.round(o.calendar) * 60 : null);

  const zdChannel = (via) => {
    if (via === 'email' || via === 'mail') return 'email';
    if (['web', 'web_form', 'web_widget', 'help_center'].includes(via)) return 'web_form';
    if (['native_messaging', 'chat', 'web_messaging', 'mobile_sdk', 'sunshine_conversations_api', 'messaging', 'chat_transcript'].includes(via))
      return 'chat';
    if (['voice', 'phone', 'phone_call_inbound', 'phone_call_outbound'].includes(via)) return 'voice';
    if (via === 'sms' || via === 'text') return 'sms';
    if (via === 'api') return 'api';
    if (['twitter', 'facebook', 'instagram', 'whatsapp', 'any_channel', 'line', 'wechat', 'telegram'].includes(via)) return 'social';
    return 'other';
  };
  const zdStatus = { new: 'new', open: 'open', pending: 'pending', hold: 'on_hold', solved: 'resolved', closed: 'closed', deleted: 'deleted' };
  const ggChannel = (c) => {
    if (c === 'email') return 'email';
    if (c === 'chat') return 'chat';
    if (c === 'contact_form' || c === 'help-center') return 'web_form';
    if (c === 'phone' || c === 'aircall') return 'voice';
    if (c === 'sms') return 'sms';
    if (c === 'api') return 'api';
    if (/^(facebook|instagram|twitter|yotpo)/.test(c) || c === 'whatsapp') return 'social';
    return 'other';
  };

  // One entry per ticket id (the latest updated_at wins, G6).
  const tickets = new Map();
  for (const r of records) {
    if (!r || typeof r !== 'object') continue;
    const t = vendor === 'zendesk' ? zendeskTicket(r) : gorgiasTicket(r);
    if (!t) continue;
    const prev = tickets.get(t.id);
    if (prev && t.updated !== null && prev.updated !== null && t.updated < prev.updated) continue;
    tickets.set(t.id, t);
  }

  function zendeskTicket(r) {
    const created = time(r.created_at);
    if (r.id === undefined || r.id === null || created === null) return null;
    const t = { id: idText(r.id), created, updated: time(r.updated_at), status: zdStatus[r.status] ?? 'unknown' };
    t.channel = zdChannel(idText(r.via?.channel));
    // No events in a tickets file: the vendor's metric_set stands in (G11), exactly as the engine's fallbacks.
    const ms = r.metric_set ?? {};
    let frt = minutes(ms.reply_time_in_minutes);
    if (ms.reply_time_in_seconds && typeof ms.reply_time_in_seconds.calendar === 'number') frt = Math.round(ms.reply_time_in_seconds.calendar);
    t.frt = frt;
    t.replies = typeof ms.replies === 'number' ? Math.round(ms.replies) : -1;
    const reopens = typeof ms.reopens === 'number' ? Math.round(ms.reopens) : -1;
    t.full = t.first = t.resolvedAt = null;
    if (t.status === 'resolved' || t.status === 'closed') {
      const full = minutes(ms.full_resolution_time_in_minutes);
      const solved = full !== null ? created + full : time(ms.solved_at);
      if (solved !== null) {
        t.resolvedAt = solved;
        t.full = checked(created, solved);
        const firstRes = minutes(ms.first_resolution_time_in_minutes);
        t.first = firstRes !== null ? firstRes : reopens > 0 ? null : t.full;
      }
    }
    const score = r.satisfaction_rating?.score;
    t.rating = score === 'good' ? { answered: true, satisfied: true } : score === 'bad' ? { answered: true, satisfied: false } : score === 'offered' ? { answered: false } : null;
    return t;
  }

  function gorgiasTicket(r) {
    const created = time(r.created_datetime);
    if (r.id === undefined || r.id === null || created === null) return null;
    let status = r.status === 'open' ? 'open' : r.status === 'closed' ? 'closed' : 'unknown';
    if (r.trashed_datetime) status = 'deleted';
    else if (r.spam === true) status = 'spam';
    const t = { id: idText(r.id), created, updated: time(r.updated_datetime), status, channel: ggChannel(r.channel ?? '') };
    // Messages: customer (from_agent false), note (not public), automation (public, from a rule), else a human reply.
    const msgs = [];
    for (const m of r.messages ?? []) {
      if (m.failed_datetime || m.deleted_datetime) continue;
      const at = time(m.created_datetime);
      const pub = m.public !== false && m.channel !== 'internal-note';
      const kind = !m.from_agent ? 'customer' : pub && (m.rule_id !== null && m.rule_id !== undefined || m.via === 'rule' || m.via === 'self_service') ? 'bot' : 'agent';
      msgs.push({ at, pub, kind, order: msgs.length });
    }
    msgs.sort((a, b) => a.at - b.at || a.order - b.order);
    // First response (1.4) and replies (1.9), with the outbound rule and chat bursts counted once.
    let start = created, outbound = false, opener = -1;
    for (let i = 0; i < msgs.length; i++) {
      if (!msgs[i].pub) continue;
      if (msgs[i].kind === 'customer') break;
      if (msgs[i].kind === 'agent') { opener = i; outbound = true; break; }
    }
    if (outbound) {
      start = null;
      for (let i = opener + 1; i < msgs.length; i++) if (msgs[i].pub && msgs[i].kind === 'customer') { start = msgs[i].at; break; }
    }
    const chat = t.channel === 'chat';
    let replies = msgs.length ? 0 : -1, firstReplyAt = null, lastWasAgent = false;
    for (let i = 0; i < msgs.length; i++) {
      const m = msgs[i];
      if (m.kind === 'bot' || !m.pub) continue;
      if (m.kind === 'customer') { lastWasAgent = false; continue; }
      if (i === opener) { lastWasAgent = true; continue; }
      if (!(chat && lastWasAgent)) replies++;
      lastWasAgent = true;
      if (firstReplyAt === null && start !== null && m.at >= start) firstReplyAt = m.at;
    }
    t.frt = firstReplyAt === null ? null : checked(start, firstReplyAt);
    t.replies = replies;
    // Resolution: only the last close is kept; a survey created well before it shows an earlier close (first unknown).
    const closed = time(r.closed_datetime);
    const s = r.satisfaction_survey;
    t.full = t.first = t.resolvedAt = null;
    if (status === 'closed' && closed !== null) {
      t.resolvedAt = closed;
      t.full = checked(start, closed);
      const surveyCreated = s ? time(s.created_datetime) : null;
      t.first = surveyCreated !== null && surveyCreated < closed - 60 ? null : t.full;
    }
    t.rating = null;
    if (s) {
      if (typeof s.score === 'number') {
        const v = Math.round(s.score);
        if (v >= 1 && v <= 5) t.rating = { answered: true, satisfied: v >= 4 };
      } else if (time(s.sent_datetime) !== null) t.rating = { answered: false };
    }
    return t;
  }

  // KPIs over the tickets that count (deleted, spam and merged tickets are excluded, G7).
  const byChannel = Object.fromEntries(CHANNELS.map((c) => [c, 0]));
  let total = 0, oneNum = 0, oneDen = 0, answered = 0, satisfied = 0;
  const frt = [], full = [], firstRes = [];
  for (const t of tickets.values()) {
    if (t.status === 'deleted' || t.status === 'spam' || t.status === 'merged') continue;
    total++;
    byChannel[t.channel]++;
    if (t.frt !== null) frt.push(t.frt);
    if (t.full !== null) full.push(t.full);
    if (t.first !== null) firstRes.push(t.first);
    if (t.resolvedAt !== null && t.replies > 0) {
      oneDen++;
      if (t.replies === 1) oneNum++;
    }
    if (t.rating && t.rating.answered) {
      answered++;
      if (t.rating.satisfied) satisfied++;
    }
  }
  // Median = PERCENTILE.INC(0.5) (kpi-definitions G4).
  const median = (values) => {
    if (!values.length) return null;
    values.sort((a, b) => a - b);
    const pos = 0.5 * (values.length - 1), lo = Math.floor(pos), hi = Math.min(lo + 1, values.length - 1);
    return values[lo] + (values[hi] - values[lo]) * (pos - lo);
  };
  return {
    vendor,
    volume: { total, by_channel: byChannel },
    frt: { n: frt.length, median: median(frt) },
    resolution: { n: full.length, median: median(full) },
    first_resolution: { n: firstRes.length, median: median(firstRes) },
    one_touch: { numerator: oneNum, denominator: oneDen, rate: oneDen ? oneNum / oneDen : null },
    csat: { n: answered, score: answered ? satisfied / answered : null },
  };
}

/** The same figures, read from the engine's report (SPEC §6.1). */
export function engineKpis(report) {
  const k = report.kpis;
  return {
    vendor: report.sources?.[0]?.vendor ?? null,
    volume: { total: k.ticket_volume.total, by_channel: { ...k.ticket_volume.by_channel } },
    frt: { n: k.first_response_time.n, median: k.first_response_time.median },
    resolution: { n: k.resolution_time.n, median: k.resolution_time.median },
    first_resolution: { n: k.resolution_time.first.n, median: k.resolution_time.first.median },
    one_touch: { numerator: k.one_touch_resolution.numerator, denominator: k.one_touch_resolution.denominator, rate: k.one_touch_resolution.rate },
    csat: { n: k.csat.n, score: k.csat.score },
  };
}

/** Differences between two figure sets ([] when they agree; numbers compared to 1e-9 relative). */
export function compareKpis(engine, baseline) {
  const diffs = [];
  const walk = (a, b, path) => {
    if (typeof a === 'number' && typeof b === 'number') {
      if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))) diffs.push(`${path}: engine ${a}, baseline ${b}`);
    } else if (a && b && typeof a === 'object' && typeof b === 'object') {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[k], b[k], path ? `${path}.${k}` : k);
    } else if (a !== b) diffs.push(`${path}: engine ${JSON.stringify(a)}, baseline ${JSON.stringify(b)}`);
  };
  walk(engine, baseline, '');
  return diffs;
}

/** What a web developer writes to read an export: decode it whole, JSON.parse it (JSONL: one parse per line). */
export function parseExportText(text) {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[') || /^\{\s*"(tickets|data)"\s*:/.test(trimmed.slice(0, 64))) return JSON.parse(text);
  const rows = [];
  for (const line of text.split('\n')) if (line.trim()) rows.push(JSON.parse(line));
  return rows;
}
