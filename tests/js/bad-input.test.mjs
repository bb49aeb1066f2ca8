// Bad input through the wasm module and the command line: a clear message naming the file and offset, the rest kept,
// a non-zero exit code with a one-line reason.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../web/src/index.mjs';
import { ROOT, assertValidReport, zendeskInputs, zendeskPaths } from './helpers.mjs';

const CLI = resolve(ROOT, 'bin/helpdesk-kpi.mjs');
const dir = mkdtempSync(join(tmpdir(), 'hk-bad-'));

test('a truncated file is named with its offset and the complete tickets before it are kept', async () => {
  const [tickets] = zendeskInputs();
  const cut = { name: 'cut.json', data: tickets.data.subarray(0, Math.floor(tickets.data.length * 0.6)) };
  const r = await analyze([cut]);
  assertValidReport(r);
  assert.match(r.sources[0].error, /^cut\.json: .*truncated.*offset \d+/);
  assert.ok(r.kpis.ticket_volume.total > 0 && r.kpis.ticket_volume.total < 8);
});

test('a wrong file next to good ones is rejected alone', async () => {
  const r = await analyze([...zendeskInputs(), { name: 'package.json', data: '{"name":"x","version":"1.0.0"}' }]);
  assert.equal(r.kpis.ticket_volume.total, 8);
  const bad = r.sources.find((s) => s.name === 'package.json');
  assert.match(bad.error, /package\.json: unknown export format/);
});

test('the command line exits 1 with a one-line reason for a malformed file', () => {
  const path = join(dir, 'broken.json');
  writeFileSync(path, '{"tickets":[{"id":1,');
  const run = spawnSync('node', [CLI, path], { encoding: 'utf8' });
  assert.equal(run.status, 1);
  const lines = run.stderr.trim().split('\n');
  assert.equal(lines.length, 1);
  assert.match(lines[0], /^helpdesk-kpi: broken\.json: the file ends inside a record that starts at offset 12/);
});

test('the command line exits 1 for a missing file and 2 for bad usage', () => {
  assert.equal(spawnSync('node', [CLI, join(dir, 'nope.json')], { encoding: 'utf8' }).status, 1);
  const usage = spawnSync('node', [CLI, ...zendeskPaths(), '--format', 'xml'], { encoding: 'utf8' });
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /--format must be table, json or csv/);
});

test('binary data is named for what it is', async () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const r = await analyze([{ name: 'logo.png', data: png }]);
  assert.match(r.sources[0].error, /logo\.png: .*PNG image/);
  assert.equal(r.kpis.first_response_time.median, null);
});
