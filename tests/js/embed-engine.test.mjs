// The single-file page embeds the wasm gzip'd apart from the classic build's JavaScript (scripts/embed-engine.mjs) and
// the worker unpacks it (web/src/wasm-binary.mjs). What it unpacks must be the very module the build inlined; the
// browser tests then run that page from file:// end to end.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ROOT } from './helpers.mjs';
import { embeddableEngine } from '../../scripts/embed-engine.mjs';
import { NO_DECOMPRESSION, factoryOptions, gunzipBase64 } from '../../web/src/wasm-binary.mjs';

const CLASSIC = readFileSync(join(ROOT, 'build', 'wasm', 'helpdesk_kpi.classic.js'), 'utf8');
const PREFIX = 'wasmBinaryFile="data:application/octet-stream;base64,';

// The inlined module, read without the code under test: the text between the prefix and the closing quote.
function inlinedModule(text) {
  const at = text.indexOf(PREFIX) + PREFIX.length;
  return Buffer.from(text.slice(at, text.indexOf('"', at)), 'base64');
}

test('the gzip\'d wasm unpacks to exactly the module the classic build inlined', async () => {
  const { classicWasmJs, wasmGz, wasmBytes } = embeddableEngine(CLASSIC);
  const expected = inlinedModule(CLASSIC);
  assert.ok(expected.length > 100_000, 'the classic build inlines its module');
  assert.equal(wasmBytes, expected.length);
  const unpacked = await gunzipBase64(wasmGz);
  assert.equal(Buffer.compare(Buffer.from(unpacked), expected), 0);
  assert.ok(wasmGz.length < expected.length * 0.6, `gzip'd and base64'd (${wasmGz.length}) is well below the raw module (${expected.length})`);
  // The JavaScript is the build's own, with an empty data: URI in place of the module and nothing else changed.
  assert.equal(classicWasmJs, CLASSIC.replace(PREFIX + expected.toString('base64'), PREFIX));
  assert.equal(classicWasmJs.split(PREFIX).length, 2);
  assert.ok(classicWasmJs.includes(`${PREFIX}"`));
  assert.deepEqual(await factoryOptions(wasmGz), { wasmBinary: unpacked });
  assert.deepEqual(await factoryOptions(undefined), {});
});

test('a build without exactly one inlined module is refused with a reason', () => {
  assert.throws(() => embeddableEngine('var x = 1;'), /inline its module once \(found 0\).*SINGLE_FILE/);
  const inlined = `${PREFIX}AGFzbQEAAAA="`;
  assert.throws(() => embeddableEngine(`${inlined};${inlined}`), /found 2/);
  assert.throws(() => embeddableEngine(`${PREFIX}aGVsbG8="`), /not wasm/);
});

test('gunzipBase64 unpacks what zlib packed, and says so in words where DecompressionStream is missing', async () => {
  const text = 'ticket 42: 注文した商品がまだ届いていません — "status":"open"\n'.repeat(50);
  const packed = gzipSync(Buffer.from(text, 'utf8')).toString('base64');
  assert.equal(new TextDecoder().decode(await gunzipBase64(packed)), text);
  const saved = globalThis.DecompressionStream;
  globalThis.DecompressionStream = undefined;
  try {
    await assert.rejects(gunzipBase64(packed), { message: NO_DECOMPRESSION });
  } finally {
    globalThis.DecompressionStream = saved;
  }
});
