// Parsing of the command line's settings options into the engine's settings JSON (no KPI logic here).

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * "mon-fri 08:00-18:00; sat 10:00-14:00" → {"mon": [["08:00","18:00"]], …}. Throws with a readable reason.
 */
export function parseBusinessHours(spec) {
  const weekly = {};
  for (const part of spec.split(';').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z]{3})(?:-([a-z]{3}))?\s+(\d\d:\d\d)-(\d\d:\d\d)$/i.exec(part);
    if (!m) throw new Error(`--business-hours: "${part}" is not like "mon-fri 08:00-18:00"`);
    const from = DAYS.indexOf(m[1].toLowerCase());
    const to = DAYS.indexOf((m[2] ?? m[1]).toLowerCase());
    if (from < 0 || to < 0 || to < from) throw new Error(`--business-hours: unknown day range in "${part}"`);
    for (let d = from; d <= to; d++) (weekly[DAYS[d]] ??= []).push([m[3], m[4]]);
  }
  if (!Object.keys(weekly).length) throw new Error('--business-hours: no opening hours given');
  return weekly;
}

/** "2025-12-25,2025-12-26" → ["2025-12-25", "2025-12-26"]. */
export function parseDateList(text, option) {
  const dates = text.split(',').map((d) => d.trim()).filter(Boolean);
  for (const d of dates) if (!/^\d{4}-\d\d-\d\d$/.test(d)) throw new Error(`${option}: "${d}" is not a date like 2025-12-25`);
  return dates;
}

/** "4h", "30m", "90s", "2d" or plain seconds → seconds. */
export function parseDuration(text, option) {
  const m = /^(\d+(?:\.\d+)?)\s*([smhd]?)$/.exec(text.trim());
  if (!m) throw new Error(`${option}: "${text}" is not a duration like 4h, 30m or 3600`);
  return Math.round(Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]]);
}
