// Runs a small synthetic export through a fresh Engine right after instantiation, so the first real file does not run
// in V8's baseline tier (toolchain-notes pitfall 8). V8 tiers a wasm function up to its optimizing compiler only after
// that function has done enough work ("dynamic tiering"): one ticket, as this used to feed, tiered up nothing, and a
// 100 MB export then spent about 0.15 s of 0.68 s in baseline code (docs/benchmarks.md, "Warm-up"). A few hundred
// tickets with real-looking text make the hot loops (the record splitter, the stage 1, the adapter, the string pool)
// hot enough. The tickets carry the fields of a real Zendesk export (nested `via.source`, `custom_fields`, id arrays,
// booleans and nulls, the whole `metric_set`): walking past them is hot code too, which a bare ticket never reached.
//
// Then the engine's first megabytes of wasm memory are touched once (prefault): the first analysis in a fresh worker
// otherwise pays a page fault per 4 KiB page it writes for the first time, about 40 ms of a 100 MB Zendesk export in
// Chromium (docs/benchmarks.md, "The first analysis in a fresh worker"). Shared by the in-process loader and the worker.

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
    const created = `2025-01-${day}T09:${String(i % 60).padStart(2, '0')}:00Z`;
    const solved = i % 4 < 2;
    const minutes = (calendar) => `{"calendar":${calendar},"business":${calendar === 'null' ? 'null' : Math.floor(calendar / 3)}}`;
    parts.push(
      `{"url":"https://acme.zendesk.com/api/v2/tickets/${i}.json","id":${i},"external_id":null,` +
        `"via":{"channel":"${channels[i % 5]}","source":{"from":{"address":"customer${i}@example.com","name":"Customer ${i}"},` +
        `"to":{},"rel":null}},"created_at":"${created}","updated_at":"2025-01-${day}T18:00:00Z",` +
        `"type":"question","subject":"Where is my order #${1000 + i}?","raw_subject":"Where is my order #${1000 + i}?",` +
        `"description":"${text.repeat(1 + (i % 4))}","priority":"normal","status":"${statuses[i % 4]}","recipient":null,` +
        `"requester_id":${100 + (i % 37)},"submitter_id":${100 + (i % 37)},"assignee_id":${10 + (i % 5)},` +
        `"organization_id":null,"group_id":360000111,"collaborator_ids":[],"follower_ids":[${10 + (i % 5)}],` +
        `"has_incidents":false,"is_public":true,"due_at":null,"tags":["order","shipping","vip-${i % 3}"],` +
        `"custom_fields":[{"id":360000444,"value":"order_status"},{"id":360000445,"value":"#${1000 + i}"}],` +
        `"satisfaction_rating":${solved ? `{"score":"${i % 8 ? 'good' : 'bad'}"}` : '{"score":"unoffered"}'},` +
        `"ticket_form_id":360000070,"brand_id":360000050,"allow_channelback":false,"support_type":"agent",` +
        `"metric_set":{"id":${7700000 + i},"ticket_id":${i},"created_at":"${created}","group_stations":1,` +
        `"assignee_stations":1,"reopens":0,"replies":${i % 3},"assigned_at":"${created}",` +
        `"solved_at":${solved ? `"2025-01-${day}T15:00:00Z"` : 'null'},` +
        `"reply_time_in_minutes":${minutes(15 + (i % 90))},` +
        `"first_resolution_time_in_minutes":${minutes(solved ? 120 + i : 'null')},` +
        `"full_resolution_time_in_minutes":${minutes(solved ? 120 + i : 'null')},` +
        `"agent_wait_time_in_minutes":${minutes(0)},"on_hold_time_in_minutes":${minutes(0)}}}`,
    );
  }
  const users = [];
  for (let u = 10; u < 15; u++)
    users.push(`{"id":${u},"url":"https://acme.zendesk.com/api/v2/users/${u}.json","name":"Agent ${u}",` +
      `"email":"agent${u}@acme.example","role":"agent","active":true,"tags":[],"user_fields":{"tier":null}}`);
  return new TextEncoder().encode(`{"tickets":[${parts.join(',\n')}],"users":[${users.join(',')}]}`);
}

// What the prefault touches: what a 100 MB Zendesk export's analysis peaks at (40 MB of wasm memory in all).
export const PREFAULT_BYTES = 32 << 20;

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
  prefault(module);
  return module;
}

// One write per page of a block as large as the first analysis will use, then the block is freed: the allocator hands
// the same, now resident, pages to the engine. (Memory the module already holds; a failed allocation skips this.)
function prefault(module) {
  const at = module._malloc(PREFAULT_BYTES);
  if (!at) return;
  const heap = module.HEAPU8; // read after _malloc, which may have grown the memory
  for (let page = at; page < at + PREFAULT_BYTES; page += 4096) heap[page] = 0;
  module._free(at);
}
