// Loads the wasm engine (an ES module with the wasm inlined, so it works from file:// and in Node without fetch) once
// per realm, and warms it up on a tiny input so first real calls do not run in V8's baseline tier (pitfall 8).
import createHelpdeskKpi from '../../build/wasm/helpdesk_kpi.mjs';

let modulePromise = null;

const WARM_UP = new TextEncoder().encode(
  '{"tickets":[{"id":1,"created_at":"2025-01-01T00:00:00Z","status":"solved","via":{"channel":"email"},"requester_id":1}]}',
);

export function loadEngineModule() {
  if (!modulePromise) {
    modulePromise = createHelpdeskKpi().then((module) => {
      const engine = new module.Engine('{}');
      const ptr = module._malloc(WARM_UP.length + 64);
      module.HEAPU8.set(WARM_UP, ptr);
      engine.feed('warm-up.json', ptr, WARM_UP.length);
      engine.report('{}');
      module._free(ptr);
      engine.delete();
      return module;
    });
  }
  return modulePromise;
}
