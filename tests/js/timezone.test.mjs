// IANA zones resolved with Intl into the offset table the engine takes; DST-correct bucketing through the wasm module.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../web/src/index.mjs';
import { offsetAt, zoneTransitions } from '../../web/src/timezone.mjs';
import { zendeskInputs } from './helpers.mjs';

const at = (iso) => Date.parse(iso) / 1000;

test('Europe/Berlin transitions of 2025 are found to the second', () => {
  const t = zoneTransitions('Europe/Berlin').filter(([s]) => s >= at('2025-01-01T00:00:00Z') && s < at('2026-01-01T00:00:00Z'));
  assert.deepEqual(t, [[at('2025-03-30T01:00:00Z'), 7200], [at('2025-10-26T01:00:00Z'), 3600]]);
});

test('America/New_York and Asia/Tokyo offsets', () => {
  assert.equal(offsetAt('America/New_York', at('2025-07-01T12:00:00Z')), -4 * 3600);
  assert.equal(offsetAt('America/New_York', at('2025-12-01T12:00:00Z')), -5 * 3600);
  assert.deepEqual(zoneTransitions('Asia/Tokyo').map(([, o]) => o), [9 * 3600]);
});

test('an unknown zone is a clear error', () => {
  assert.throws(() => zoneTransitions('Mars/Olympus'), /unknown time zone "Mars\/Olympus"/);
});

test('the report buckets days in the chosen zone', async () => {
  const utc = await analyze(zendeskInputs(), { timezone: 'UTC' });
  assert.deepEqual(utc.kpis.ticket_volume.by_day.map((d) => d.count), [2, 1, 1, 2, 2]);
  // In Tokyo (+9): T2 (03-03 14:00Z) is 23:00 JST, still 03-03; T4 (03-06 16:00Z) becomes 03-07 01:00 JST and
  // T8 (03-07 15:00Z) becomes 03-08 00:00 JST.
  const tokyo = await analyze(zendeskInputs(), { timezone: 'Asia/Tokyo' });
  assert.equal(tokyo.settings.timezone, 'Asia/Tokyo');
  assert.deepEqual(tokyo.kpis.ticket_volume.by_day.map((d) => [d.period, d.count]),
    [['2025-03-03', 2], ['2025-03-04', 1], ['2025-03-05', 1], ['2025-03-06', 1], ['2025-03-07', 2], ['2025-03-08', 1]]);
});
