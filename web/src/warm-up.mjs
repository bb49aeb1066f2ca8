// Runs a tiny export through a fresh Engine so the first real calls do not run in V8's baseline tier
// (toolchain-notes pitfall 8). Shared by the in-process loader and the worker.

const WARM_UP = new TextEncoder().encode(
  '{"tickets":[{"id":1,"created_at":"2025-01-01T00:00:00Z","status":"solved","via":{"channel":"email"},"requester_id":1}]}',
);

/** @param {any} module an instantiated wasm module @returns {any} the same module */
export function warmUp(module) {
  const engine = new module.Engine('{}');
  const ptr = module._malloc(WARM_UP.length + 64);
  module.HEAPU8.set(WARM_UP, ptr);
  engine.feed('warm-up.json', ptr, WARM_UP.length);
  engine.report('{}');
  module._free(ptr);
  engine.delete();
  return module;
}
