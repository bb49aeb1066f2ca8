// The command line with --orders and --surveys next to the Zendesk fixture: converted tickets and survey KPIs computed
// by hand (the per-order and per-answer working is in tests/cpp/orders_test.cpp and surveys_test.cpp).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { ROOT, assertValidReport, zendeskPaths } from './helpers.mjs';

const CLI = resolve(ROOT, 'bin/helpdesk-kpi.mjs');
const ORDERS_CSV = resolve(ROOT, 'tests/data/orders/orders_export.csv');
const ORDERS_JSON = resolve(ROOT, 'tests/data/orders/shopify_orders.json');
const SURVEYS_CSV = resolve(ROOT, 'tests/data/surveys/surveys.csv');

function run(...args) {
  const r = spawnSync(process.execPath, [CLI, ...zendeskPaths(), ...args], { encoding: 'utf8' });
  return { ...r, report: args.includes('json') && r.stdout ? JSON.parse(r.stdout) : null };
}

test('--orders (Shopify CSV) and --surveys (CSV) give the hand-computed converted tickets, NPS, CES and ESAT', () => {
  const { status, stderr, report } = run('--orders', ORDERS_CSV, '--surveys', SURVEYS_CSV, '--format', 'json');
  assert.equal(status, 0, stderr);
  assertValidReport(report);
  const byName = Object.fromEntries(report.sources.map((s) => [s.name, s]));
  assert.equal(byName['orders_export.csv'].vendor, 'shopify');
  assert.equal(byName['surveys.csv'].vendor, 'surveys');
  // Converted (5-day window, data end = order #1009 at 03-14 12:00, nothing provisional): 5001 ← #1001 120 + #1007 30,
  // 5003 ← #1003 80 − 30 refunded, 5006 ← #1005 45.50, 5008 ← #1010 18 (the most recent ticket, not 5001) → 4 / 8,
  // revenue 150 + 50 + 45.50 + 18 = 263.50 USD.
  const c = report.kpis.converted_tickets;
  assert.equal(c.numerator, 4);
  assert.equal(c.denominator, 8);
  assert.equal(c.rate, 0.5);
  assert.equal(c.revenue, 263.5);
  assert.equal(c.currency, 'USD');
  assert.equal(c.provisional, 0);
  // NPS, latest answer per respondent: dana 10, jade 9, kim 10 promoters; evan 7 passive; farah 3, ivan 6 detractors
  // (the NPS 11 is skipped) → (3 − 2) / 6 = 16.7 → 17.
  const n = report.kpis.nps;
  assert.deepEqual([n.n, n.promoters, n.passives, n.detractors, n.score], [6, 3, 1, 2, 17]);
  // CES latest per ticket: 6, 4, 2, 5 (effort 1 reversed), 7 → easy 3 / 5, 1–7 mean (6 + 4 + 2 + 7) / 4 = 4.75.
  assert.equal(report.kpis.ces.easy_rate, 0.6);
  assert.equal(report.kpis.ces.mean, 4.75);
  // eNPS: 10, 9, 9, 6, 3, 9 → (4 − 2) / 6 = 33.
  assert.equal(report.kpis.esat.enps, 33);
  assert.match(report.data_quality.warnings.find((w) => w.code === 'invalid_order').message, /orders_export\.csv.*#1004.*XYZ/);
});

test('--now marks recent tickets provisional and the Shopify JSON gives the same orders as the CSV', () => {
  // now = 03-10: tickets created after 03-05 00:00 (5004–5008) are provisional; 5001 and 5003 of the other three
  // converted → 2 / 3, revenue 150 + 50 = 200.
  const { status, stderr, report } = run('--orders', ORDERS_JSON, '--now', '2025-03-10T00:00:00Z', '--format', 'json');
  assert.equal(status, 0, stderr);
  const c = report.kpis.converted_tickets;
  assert.deepEqual([c.numerator, c.denominator, c.provisional, c.provisional_converted], [2, 3, 5, 2]);
  assert.equal(c.revenue, 200);
  assert.equal(report.kpis.nps, null); // no survey file: null, not 0
});
