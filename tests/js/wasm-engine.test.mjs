// The wasm module under Node: same report as the native build, through analyze() and the command line; chunk-size
// invariance; the report validates against the schema.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { analyze, loadEngineModule } from '../../web/src/index.mjs';
import { EngineSession } from '../../web/src/session.mjs';
import { ROOT, assertValidReport, zendeskInputs, zendeskPaths } from './helpers.mjs';

const CLI = resolve(ROOT, 'bin/helpdesk-kpi.mjs');
const NATIVE = resolve(ROOT, 'build/native/hk_native');

async function reportWithChunks(chunk) {
  const session = new EngineSession(await loadEngineModule(), {});
  for (const { name, data } of zendeskInputs()) {
    for (let at = 0; at < data.length; at += chunk) session.feed(name, data.subarray(at, at + chunk));
    session.endSource(name);
  }
  const text = session.reportText({});
  session.close();
  return text;
}

test('analyze() on the Zendesk fixture gives the expected.md values', async () => {
  const r = await analyze(zendeskInputs());
  assertValidReport(r);
  const k = r.kpis;
  assert.equal(k.ticket_volume.total, 8);
  assert.deepEqual([k.first_response_time.median, k.first_response_time.mean, k.first_response_time.p90], [1200, 1956, 4320]);
  assert.equal(k.first_response_time.n, 5);
  assert.deepEqual([k.resolution_time.median, k.resolution_time.mean], [1800, 20484]);
  assert.deepEqual([k.one_touch_resolution.numerator, k.one_touch_resolution.denominator], [2, 4]);
  assert.equal(k.reopen_rate.rate, 0.2);
  assert.equal(k.automated_resolution.rate, 0.2);
  assert.equal(k.csat.response_rate, 0.75);
  assert.equal(k.open_tickets.total, 3);
});

test('the wasm report is byte-identical to the native build', async () => {
  const native = execFileSync(NATIVE, zendeskPaths(), { encoding: 'utf8' }).trim();
  assert.equal(await reportWithChunks(1 << 20), native);
});

test('the native driver reads mapped slices, unmappable chunk sizes and pipes alike (tools/file_slices.h)', async () => {
  const expected = await reportWithChunks(1 << 20);
  // 4 KiB: each fixture file is mapped as several page-sized slices; 1000 bytes is no multiple of a page: read().
  for (const chunk of ['4096', '1000'])
    assert.equal(execFileSync(NATIVE, ['--chunk', chunk, ...zendeskPaths()], { encoding: 'utf8' }).trim(), expected, chunk);
  // Named pipes under the fixtures' own names (the report names its sources), fed by writers running apart.
  const dir = mkdtempSync(join(tmpdir(), 'hk-pipes-'));
  try {
    const pipes = zendeskPaths().map((file) => {
      const pipe = join(dir, basename(file));
      execFileSync('mkfifo', [pipe]);
      spawn('sh', ['-c', 'cat "$0" > "$1"', file, pipe], { stdio: 'ignore' });
      return pipe;
    });
    assert.equal(execFileSync(NATIVE, pipes, { encoding: 'utf8', timeout: 30000 }).trim(), expected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('1-byte, 7-byte and 1 MiB chunks give the same report', async () => {
  const whole = await reportWithChunks(1 << 20);
  assert.equal(await reportWithChunks(7), whole);
  assert.equal(await reportWithChunks(1), whole);
});

test('the command line --format json prints exactly the report', () => {
  const out = execFileSync('node', [CLI, ...zendeskPaths(), '--format', 'json'], { encoding: 'utf8' });
  const native = execFileSync(NATIVE, zendeskPaths(), { encoding: 'utf8' });
  assert.equal(out, native);
});

test('the command line table names the KPIs with their values', () => {
  const out = execFileSync('node', [CLI, ...zendeskPaths()], { encoding: 'utf8' });
  assert.match(out, /First response time \(median\)\s+20m 00s\s+n 5/);
  assert.match(out, /One-touch resolution\s+50\.0%\s+2\/4/);
  assert.match(out, /CSAT \(satisfied\)\s+66\.7%/);
});

test('inputs as string, ArrayBuffer, Blob, ReadableStream and gzip give the same report', async () => {
  const expected = JSON.stringify((await analyze(zendeskInputs())).kpis);
  const [a, b, c] = zendeskInputs();
  const asString = { name: a.name, data: a.data.toString('utf8') };
  const asArrayBuffer = { name: b.name, data: b.data.buffer.slice(b.data.byteOffset, b.data.byteOffset + b.data.length) };
  const asBlob = new File([c.data], c.name);
  assert.equal(JSON.stringify((await analyze([asString, asArrayBuffer, asBlob])).kpis), expected);
  const gz = zendeskInputs().map(({ name, data }) => ({ name: `${name}.gz`, data: gzipSync(data) }));
  assert.equal(JSON.stringify((await analyze(gz)).kpis), expected);
  const streams = zendeskInputs().map(({ name, data }) => ({ name, data: new Blob([data]).stream() }));
  assert.equal(JSON.stringify((await analyze(streams)).kpis), expected);
});

test('re-querying a session filters without re-reading', async () => {
  const { openSession } = await import('../../web/src/index.mjs');
  const session = await openSession(zendeskInputs());
  assert.equal(session.report({ filters: { channel: ['email'] } }).kpis.ticket_volume.total, 4);
  assert.equal(session.report({ from: '2025-03-07', to: '2025-03-07' }).kpis.ticket_volume.total, 2);
  assert.equal(session.report({}).kpis.ticket_volume.total, 8);
  assert.throws(() => session.report({ from: 'yesterday' }), /query.from/);
  session.close();
});

test('cancelling with an AbortSignal rejects with AbortError', async () => {
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(analyze(zendeskInputs(), {}, { signal: controller.signal }), { name: 'AbortError' });
});
