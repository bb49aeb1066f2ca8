// Number, duration, percent and date formatting through Intl, for one UI language. Display only: no KPI math here.

const DASH = '—';

export function localeFor(lang) {
  const nav = typeof navigator !== 'undefined' ? navigator.language || '' : '';
  if (lang === 'ja') return 'ja-JP';
  return nav.toLowerCase().startsWith('en') ? nav : 'en-US';
}

export function makeFormat(lang) {
  const locale = localeFor(lang);
  const cache = new Map();
  const nf = (options) => {
    const key = JSON.stringify(options);
    if (!cache.has(key)) cache.set(key, new Intl.NumberFormat(locale, options));
    return cache.get(key);
  };
  const unit = (value, unitName, digits = 0) =>
    nf({ style: 'unit', unit: unitName, unitDisplay: 'short', maximumFractionDigits: digits }).format(value);
  const ok = (v) => typeof v === 'number' && Number.isFinite(v);

  const f = {
    locale,
    dash: DASH,
    count: (v) => (ok(v) ? nf({ maximumFractionDigits: 0 }).format(v) : DASH),
    decimal: (v, digits = 1) => (ok(v) ? nf({ maximumFractionDigits: digits }).format(v) : DASH),
    percent: (v) => (ok(v) ? nf({ style: 'percent', maximumFractionDigits: 1 }).format(v) : DASH),
    score: (v) => (ok(v) ? nf({ maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(v) : DASH),
    money: (v, currency) => {
      if (!ok(v)) return DASH;
      try {
        return nf({ style: 'currency', currency: currency || 'USD', maximumFractionDigits: 2 }).format(v);
      } catch {
        return `${nf({ maximumFractionDigits: 2 }).format(v)} ${currency ?? ''}`.trim();
      }
    },
    seconds: (v) => (ok(v) ? unit(Math.round(v), 'second') : DASH),
    /** 1200 → "20 min"; 5400 → "1 hr 30 min"; 95400 → "1 day 2 hr" (Intl units, so "20 分" in Japanese). */
    duration: (v) => {
      if (!ok(v)) return DASH;
      const s = Math.max(0, v);
      if (s < 59.5) return unit(Math.round(s), 'second');
      if (s < 3570) {
        const m = s / 60;
        return unit(m, 'minute', m < 10 ? 1 : 0);
      }
      const minutes = Math.round(s / 60);
      if (minutes < 48 * 60) {
        const h = Math.floor(minutes / 60);
        const m = minutes % 60;
        return m ? `${unit(h, 'hour')} ${unit(m, 'minute')}` : unit(h, 'hour');
      }
      const hours = Math.round(s / 3600);
      const d = Math.floor(hours / 24);
      const h = hours % 24;
      return h ? `${unit(d, 'day')} ${unit(h, 'hour')}` : unit(d, 'day');
    },
    /** "2025-03-03" → "Mar 3" / "3月3日"; weeks, months and quarters stay as the engine names them. */
    period: (p, long = false) => {
      if (typeof p !== 'string') return DASH;
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(p);
      if (!m) return p;
      const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
      const options = long
        ? { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }
        : { month: 'short', day: 'numeric', timeZone: 'UTC' };
      return new Intl.DateTimeFormat(locale, options).format(date);
    },
    bytes: (v) => {
      if (!ok(v)) return DASH;
      if (v < 1024) return unit(v, 'byte');
      if (v < 1024 * 1024) return unit(v / 1024, 'kilobyte', 1);
      return unit(v / (1024 * 1024), 'megabyte', 1);
    },
  };
  f.value = (kind, v, extra) => (f[kind] ? f[kind](v, extra) : String(v ?? DASH));
  return f;
}

/** Reads "a.b.c" from an object; undefined when any step is missing. */
export function pick(object, path) {
  if (!path) return undefined;
  let at = object;
  for (const key of path.split('.')) {
    if (at == null || typeof at !== 'object') return undefined;
    at = at[key];
  }
  return at;
}
