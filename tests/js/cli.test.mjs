// The command line's settings options, per-ticket CSV and HTML report, checked against the Zendesk fixture's oracle
// (../shared/fixtures/zendesk/expected.md) and hand computations written beside each assertion.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { parseBusinessHours, parseDateList, parseDuration } from '../../bin/cli-options.mjs';
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

test('--format csv prints one row per ticket with the oracle figures', () => {
  const r = run(...zendeskPaths(), '--format', 'csv');
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\r\n');
  assert.equal(lines.length, 1 + 8); // header + the fixture's 8 tickets
  const header = lines[0].split(',');
  const row = (id) => {
    const cells = lines.find((l) => l.startsWith(`${id},`)).split(',');
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  };
  assert.equal(row(5003).full_resolution_s, '95400'); // 03-04 08:00 → 03-05 10:30
  assert.equal(row(5003).reopens, '1');
  assert.equal(row(5001).first_response_s, '2700');
  assert.equal(row(5004).first_response_s, ''); // unanswered: empty, not 0
  assert.equal(row(5006).automated, 'true');
});

test('--format csv honours --filter', () => {
  const r = run(...zendeskPaths(), '--format', 'csv', '--filter', 'channel=email');
  assert.equal(r.stdout.trimEnd().split('\r\n').length, 1 + 4); // email: 5001, 5003, 5005, 5008
});

test('--business-hours gives business-time resolution (Mon–Fri 08:00–18:00 UTC)', () => {
  const k = reportWith('--business-hours', 'mon-fri 08:00-18:00').kpis;
  // metric_set business minutes of the five resolved tickets: 75, 10, 750, 2, 30 → 4500, 600, 45000, 120, 1800 s.
  assert.equal(k.resolution_time.business.n, 5);
  assert.equal(k.resolution_time.business.median, 1800);
  assert.equal(k.resolution_time.business.mean, (4500 + 600 + 45000 + 120 + 1800) / 5);
  // All first replies fall inside opening hours, so business FRT equals calendar FRT.
  assert.equal(k.first_response_time.business.median, 1200);
});

test('--sla-first-response counts met and missed targets', () => {
  const sla = reportWith('--sla-first-response', '1h').kpis.sla.first_response;
  assert.equal(sla.target_s, 3600);
  // First replies 180, 300, 1200, 2700 s are within 1 h; 5400 s is not; 5004 and 5005 are still unanswered past 1 h.
  assert.equal(sla.met, 4);
  assert.equal(sla.open_breaches, 2);
  assert.equal(sla.missed, 3);
});

test('--tz moves tickets into local days and is echoed in the settings', () => {
  const r = reportWith('--tz', 'Asia/Tokyo');
  assert.equal(r.settings.timezone, 'Asia/Tokyo');
  const days = Object.fromEntries(r.kpis.ticket_volume.by_day.map((d) => [d.period, d.count]));
  assert.equal(Object.values(days).reduce((a, b) => a + b, 0), 8);
  // UTC 03-07 has 5007 and 5008; 5008 (15:00 UTC) is 00:00 on 03-08 in Tokyo.
  assert.equal(days['2025-03-08'], 1);
});

test('--html writes a self-contained report page', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'hk-cli-')), 'report.html');
  const r = run(...zendeskPaths(), '--html', out);
  assert.equal(r.status, 0, r.stderr);
  const html = readFileSync(out, 'utf8');
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href="https?:/);
});

test('bad settings options exit 2 with the reason', () => {
  for (const [args, message] of [
    [['--business-hours', 'mon-fry 08:00-18:00'], /unknown day range in "mon-fry 08:00-18:00"/],
    [['--holidays', '2025-12-25'], /--holidays needs --business-hours/],
    [['--sla-resolution', 'soon'], /--sla-resolution: "soon" is not a duration/],
  ]) {
    const r = run(...zendeskPaths(), ...args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, message);
  }
});

test('option parsers', () => {
  assert.deepEqual(parseBusinessHours('mon-wed 09:00-17:00; sat 10:00-14:00'), {
    mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], sat: [['10:00', '14:00']],
  });
  assert.deepEqual(parseDateList('2025-12-25, 2025-12-26', '--holidays'), ['2025-12-25', '2025-12-26']);
  assert.throws(() => parseDateList('25/12/2025', '--holidays'), /not a date/);
  assert.equal(parseDuration('4h', 'x'), 14400);
  assert.equal(parseDuration('1.5d', 'x'), 129600);
  assert.equal(parseDuration('90', 'x'), 90);
});

test('the table pads CJK names by their terminal width (two columns per character)', async () => {
  const { padToWidth } = await import('../../bin/format-table.mjs');
  assert.equal(padToWidth('田中 太郎', 10), '田中 太郎 '); // 4 wide characters + 1 space = 9 columns, + 1 pad
  assert.equal(padToWidth('Zoë Müller', 12), 'Zoë Müller  ');
  assert.equal(padToWidth('鈴木一郎鈴木一郎', 5), '鈴木 '); // a wide character never straddles the edge
});

test('the table shows business-time and SLA lines only when those settings are given', () => {
  const plain = run(...zendeskPaths()).stdout;
  assert.doesNotMatch(plain, /business time|SLA/);
  const out = run(...zendeskPaths(), '--business-hours', 'mon-fri 08:00-18:00', '--sla-first-response', '1h').stdout;
  // Business full resolution: 4500, 600, 45000, 120, 1800 s → median 30m, mean 10404 s = 2h 53m.
  assert.match(out, /Full resolution, business time\s+30m 00s\s+n 5 · mean 2h 53m/);
  // Within 1 h: 180, 300, 1200, 2700 s; missed: 5400 s and two tickets still unanswered → 4/7.
  assert.match(out, /SLA first response met\s+57\.1%\s+4\/7 · target 1h 00m · open breaches 2/);
  assert.doesNotMatch(out, /SLA resolution met/);
});
