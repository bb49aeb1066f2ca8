// The command line's query options: --breakdown and --compare (docs/queries.md), and the settings --fiscal-year-start
// and --automation-authors, on the Zendesk fixture (../shared/fixtures/zendesk/expected.md; hand computations beside
// each assertion). The report is validated against the schema, breakdown and previous included.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { ROOT, assertValidReport, zendeskPaths } from './helpers.mjs';

const CLI = resolve(ROOT, 'bin/helpdesk-kpi.mjs');
const run = (...args) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
const reportWith = (...args) => {
  const r = run(...zendeskPaths(), '--format', 'json', ...args);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assertValidReport(report);
  return report;
};

test('--breakdown channel gives the headline KPIs per channel', () => {
  const r = reportWith('--breakdown', 'channel');
  assert.equal(r.breakdown.by, 'channel');
  const email = r.breakdown.rows.find((x) => x.key === 'email').kpis;
  assert.equal(email.ticket_volume, 4); // 5001, 5003, 5005, 5008
  assert.equal(email.first_response_time.median, 2700); // 1200, 2700, 5400
  assert.equal(r.breakdown.rows.reduce((n, x) => n + x.kpis.ticket_volume, 0), 8);
});

test('--compare adds the previous period of the same length with the change', () => {
  const r = reportWith('--from', '2025-03-05', '--to', '2025-03-07', '--compare');
  assert.equal(r.previous.from, '2025-03-02T00:00:00Z');
  assert.equal(r.previous.kpis.ticket_volume, 3); // 5001, 5002, 5003
  assert.equal(r.previous.change.ticket_volume, 2); // 5 − 3
  assert.equal(r.previous.change.first_response_time_median, 750 - 2700);
});

test('the table shows the breakdown and the previous period', () => {
  const r = run(...zendeskPaths(), '--from', '2025-03-05', '--to', '2025-03-07', '--compare', '--breakdown', 'agent');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /By agent/);
  assert.match(r.stdout, /Alice Archer/);
  assert.match(r.stdout, /Previous period 2025-03-02T00:00:00Z – 2025-03-05T00:00:00Z: tickets 3 \(\+2\)/);
});

test('--fiscal-year-start and --automation-authors reach the engine', () => {
  const r = reportWith('--fiscal-year-start', '4', '--automation-authors', 'Bob Baker');
  assert.equal(r.kpis.ticket_volume.by_quarter[0].period, 'FY2025-Q4'); // March closes the April–March year
  assert.equal(r.kpis.automated_resolution.numerator, 2); // 5006, and 5002 answered only by "Bob"
});

test('bad query options exit 2 with the reason', () => {
  let r = run(...zendeskPaths(), '--compare');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--compare needs --from and --to/);
  r = run(...zendeskPaths(), '--breakdown', 'planet');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /query.breakdown must be one of agent, channel, tag, status, day, week, month, quarter/);
  r = run(...zendeskPaths(), '--fiscal-year-start', '13');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--fiscal-year-start takes a month number from 1 to 12/);
});
