// Bounded resources through the wasm module (issue 6): the memory ceiling's message reaches the JS API with the partial
// report; a wasm trap (what running out of memory is under Emscripten) becomes a "too large for this browser" error
// naming the file instead of a bare RuntimeError, and the session refuses further calls; a huge array of tiny elements
// and a deeply nested document finish through the same path the page uses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, loadEngineModule } from '../../web/src/index.mjs';
import { DEFAULT_MAX_MEMORY_BYTES, EngineSession, tooLargeError } from '../../web/src/session.mjs';

function ticketsDoc(n) {
  const parts = ['{"tickets":['];
  for (let i = 1; i <= n; i++)
    parts.push(
      `${i > 1 ? ',' : ''}{"id":${i},"created_at":"2025-03-03T09:00:00Z","updated_at":"2025-03-03T10:00:00Z","status":"open","via":{"channel":"email"},"subject":"order ${i} late","tags":["t${i}"]}`,
    );
  parts.push(']}');
  return parts.join('');
}

// A genuine WebAssembly trap: a one-function module whose body is `unreachable`.
function realTrap() {
  const bytes = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type: () -> ()
    0x03, 0x02, 0x01, 0x00, // one function of type 0
    0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, // export "f"
    0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b, // body: unreachable, end
  ]);
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  try {
    exports.f();
  } catch (error) {
    return error;
  }
  throw new Error('no trap');
}

test('the memory ceiling stops reading with a named error and the report keeps what was read', async () => {
  const report = await analyze(
    [
      { name: 'big.json', data: ticketsDoc(20000) },
      { name: 'later.json', data: ticketsDoc(3) },
    ],
    { max_memory_bytes: 2_000_000 },
  );
  const [big, later] = report.sources;
  assert.match(big.error, /^big\.json: too large for this browser: the data read so far needs about \d+ MiB, over the memory limit of 2 MiB \(setting max_memory_bytes\); reading stopped after \d+ records of this file/);
  assert.match(big.error, /\(offset \d+, line 1\)$/);
  assert.ok(big.records > 256 && big.records < 20000, `records ${big.records}`);
  assert.equal(report.kpis.ticket_volume.total, big.records);
  assert.equal(later.error, 'later.json: too large for this browser: not read, because the memory limit was reached while reading big.json');
});

test('the default ceiling for wasm is 1 GiB and 0 lifts it: a small export is unaffected either way', async () => {
  assert.equal(DEFAULT_MAX_MEMORY_BYTES, 2 ** 30);
  const doc = ticketsDoc(300);
  const a = await analyze([{ name: 't.json', data: doc }]);
  const b = await analyze([{ name: 't.json', data: doc }], { max_memory_bytes: 0 });
  assert.equal(JSON.stringify(a), JSON.stringify(b));
  assert.equal(a.kpis.ticket_volume.total, 300);
});

test('a wasm trap becomes "too large for this browser" naming the file, and the session is closed for good', async () => {
  const trap = realTrap();
  assert.ok(trap instanceof WebAssembly.RuntimeError);
  const converted = tooLargeError(trap, 'huge.json', 123456);
  assert.equal(converted.name, 'TooLargeError');
  assert.match(converted.message, /^too large for this browser: the engine ran out of memory huge\.json: after 123456 bytes of this file \(unreachable/);
  assert.equal(tooLargeError(new TypeError('x'), 'a', 1).name, 'TypeError', 'other errors pass through unchanged');

  // The same through a real session whose engine traps mid-feed.
  const session = new EngineSession(await loadEngineModule(), {});
  session.feed('huge.json', new TextEncoder().encode('{"tickets":['));
  const engine = session.engine;
  session.engine = {
    feed() {
      throw realTrap(); // what an allocation failure inside the engine looks like from JS
    },
  };
  assert.throws(() => session.feed('huge.json', new Uint8Array(10)), { name: 'TooLargeError', message: /huge\.json: after 12 bytes/ });
  assert.throws(() => session.reportText({}), { name: 'TooLargeError' }, 'the session stays failed');
  session.close();
  engine.delete();
});

test('millions of tiny elements and deep nesting finish through the JS path', async () => {
  const zeros = `{"tickets":[${'0,'.repeat(3_000_000)}0]}`;
  const r = await analyze([{ name: 'zeros.json', data: zeros }]);
  assert.equal(r.kpis.ticket_volume.total, 0);
  assert.ok(r.data_quality.warnings.length <= 3);
  const deep = '['.repeat(500_000) + ']'.repeat(500_000);
  const d = await analyze([{ name: 'deep.json', data: deep }]);
  assert.equal(d.kpis.ticket_volume.total, 0);
  assert.match(JSON.stringify(d.data_quality.warnings) + (d.sources[0].error ?? ''), /deep\.json/);
});
