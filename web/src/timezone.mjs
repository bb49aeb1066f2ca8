// Resolves an IANA time zone into the table of UTC-offset transitions the engine takes (settings.utc_offsets), using
// the platform's Intl (browsers and Node carry the tz database; the wasm engine does not). DST-safe: each transition is
// found to the second by bisection.

const formatters = new Map();

function formatter(timeZone) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset of `timeZone` from UTC, in seconds, at the UTC instant `seconds`. */
export function offsetAt(timeZone, seconds) {
  const parts = {};
  for (const p of formatter(timeZone).formatToParts(new Date(seconds * 1000))) parts[p.type] = p.value;
  const local = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second) / 1000;
  return Math.round((local - seconds) / 60) * 60;
}

/** Throws a RangeError naming the zone when it is not a valid IANA zone. */
export function checkTimeZone(timeZone) {
  try {
    formatter(timeZone);
  } catch {
    throw new RangeError(`unknown time zone "${timeZone}" (use an IANA name such as Europe/Berlin)`);
  }
}

/**
 * [[utcSeconds, offsetSeconds], …] for `timeZone` between the two years: the offset in force at the start, then one
 * pair per change. Sampling is weekly (no zone changes twice in a week), then each change is bisected to the second.
 */
export function zoneTransitions(timeZone, fromYear = 1995, toYear = 2045) {
  // Some 5,000 Intl calls (50-150 ms): computed once per zone and range, then copied.
  const key = `${timeZone}|${fromYear}|${toYear}`;
  let table = transitions.get(key);
  if (!table) {
    table = computeTransitions(timeZone, fromYear, toYear);
    transitions.set(key, table);
  }
  return table.map((pair) => [...pair]);
}

const transitions = new Map();

function computeTransitions(timeZone, fromYear, toYear) {
  checkTimeZone(timeZone);
  const start = Date.UTC(fromYear, 0, 1) / 1000;
  const end = Date.UTC(toYear, 0, 1) / 1000;
  const step = 7 * 86400;
  const out = [[start, offsetAt(timeZone, start)]];
  let prevT = start;
  let prevOffset = out[0][1];
  for (let t = start + step; t <= end; t += step) {
    const offset = offsetAt(timeZone, t);
    if (offset !== prevOffset) {
      let lo = prevT;
      let hi = t;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(timeZone, mid) === prevOffset) lo = mid;
        else hi = mid;
      }
      out.push([hi, offset]);
      prevOffset = offset;
    }
    prevT = t;
  }
  return out;
}

/** Settings with `utc_offsets` filled in from `timezone` (default: this machine's zone). */
export function withZoneOffsets(settings = {}) {
  const timezone = settings.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  if (settings.utc_offsets) return { ...settings, timezone };
  return { ...settings, timezone, utc_offsets: zoneTransitions(timezone) };
}
