// Runs a small synthetic export through a fresh Engine right after instantiation, so the first real file does not run
// in V8's baseline tier (toolchain-notes pitfall 8). V8 tiers a wasm function up to its optimizing compiler only after
// that function has done enough work ("dynamic tiering"): one ticket, as this used to feed, tiered up nothing, and a
// 100 MB export then spent about 0.15 s of 0.68 s in baseline code (docs/benchmarks.md, "Warm-up"). A few hundred
// tickets with real-looking text make the hot loops (the record splitter, simdjson's stage 1, the adapter, the string
// pool) hot enough. Shared by the in-process loader and the worker.

const TICKETS = 400;

/** The warm-up export's bytes (exported for its test: it must be a clean export, or it warms up the error paths). */
export function warmUpExport() {
  const channels = ['email', 'web', 'chat', 'api', 'voice'];
  const statuses = ['solved', 'closed', 'open', 'pending'];
  const text =
    'Bonjour, ma commande n\\u00b0 1234 n\\u2019est pas arriv\\u00e9e. 注文した商品がまだ届いていません。 ' +
    'Could you check the tracking number and tell me when it will be delivered? Thanks a lot, \\"Dana\\". ';
  const parts = [];
  for (let i = 1; i <= TICKETS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const solved = i % 4 < 2;
    parts.push(
      `{"id":${i},"created_at":"2025-01-${day}T09:${String(i % 60).padStart(2, '0')}:00Z",` +
        `"updated_at":"2025-01-${day}T18:00:00Z","status":"${statuses[i % 4]}","via":{"channel":"${channels[i % 5]}"},` +
        `"subject":"Where is my order #${1000 + i}?","description":"${text.repeat(1 + (i % 4))}",` +
        `"requester_id":${100 + (i % 37)},"assignee_id":${10 + (i % 5)},"tags":["order","shipping","vip-${i % 3}"],` +
        `"satisfaction_rating":${solved ? `{"score":"${i % 8 ? 'good' : 'bad'}"}` : 'null'},` +
        `"metric_set":{"replies":${i % 3},"reopens":0,"reply_time_in_minutes":{"calendar":${15 + (i % 90)}},` +
        `"full_resolution_time_in_minutes":{"calendar":${solved ? 120 + i : 'null'}}}}`,
    );
  }
  const users = [];
  for (let u = 10; u < 15; u++) users.push(`{"id":${u},"name":"Agent ${u}","role":"agent"}`);
  return new TextEncoder().encode(`{"tickets":[${parts.join(',\n')}],"users":[${users.join(',')}]}`);
}

let bytes = null;

/** @param {any} module an instantiated wasm module @returns {any} the same module */
export function warmUp(module) {
  bytes ??= warmUpExport();
  const engine = new module.Engine('{}');
  const ptr = module._malloc(bytes.length + 64);
  module.HEAPU8.set(bytes, ptr);
  engine.feed('warm-up.json', ptr, bytes.length);
  engine.report('{}');
  engine.report('{"breakdown":"channel"}');
  module._free(ptr);
  engine.delete();
  return module;
}
