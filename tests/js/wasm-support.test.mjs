// The engine needs WebAssembly SIMD. Where it is missing the user reads why, in words, from the package API; here
// (Node 20 has SIMD) the probe must pass, or the check would lock every user out.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { ROOT } from './helpers.mjs';
import { NO_WASM_SIMD, hasWasmSimd, requireWasmSimd } from '../../web/src/wasm-support.mjs';

test('the SIMD probe is a valid module where wasm SIMD exists (Node 20)', () => {
  assert.equal(hasWasmSimd(), true);
  assert.doesNotThrow(requireWasmSimd);
});

test('without wasm SIMD, analyze() rejects with a sentence naming what is missing, not a CompileError', () => {
  const script = `
    WebAssembly.validate = () => false;  // a browser without SIMD, as far as the probe can tell
    const { analyze } = await import('./web/src/index.mjs');
    try {
      await analyze([{ name: 't.json', data: '{"tickets":[]}' }]);
      console.log('RESOLVED');
    } catch (e) {
      console.log('REJECTED ' + e.message);
    }`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), `REJECTED ${NO_WASM_SIMD}`);
});
