// Smoke test of the benchmark harness (ISSUE 5): `node bench/run.mjs --smoke` generates (once) a seeded 5 MB Zendesk
// export into build/bench-data, runs the engine and the plain-JS baseline on it in one Node process, and exits 0 only
// when both give the same numbers. No timing is asserted: this machine's speed is nobody's contract.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ROOT } from './helpers.mjs';

test('bench --smoke: the engine and the baseline agree on a 5 MB Zendesk export', () => {
  const r = spawnSync(process.execPath, ['bench/run.mjs', '--smoke'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  assert.equal(r.status, 0, `bench --smoke failed:\n${r.stderr}\n${r.stdout}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop());
  assert.deepEqual(out.diffs, []);
  assert.ok(out.engine.volume.total > 1000, 'the export has tickets');
  assert.deepEqual(out.engine, out.baseline);
});
