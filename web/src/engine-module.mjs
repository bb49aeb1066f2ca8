// Loads the wasm engine (an ES module with the wasm inlined, so it works from file:// and in Node without fetch) once
// per realm, and warms it up on a tiny input so first real calls do not run in V8's baseline tier (pitfall 8).
// The single-file page's bundler swaps the import below for a loader of the embedded classic build (scripts/build-page.mjs).
import createHelpdeskKpi from '../../build/wasm/helpdesk_kpi.mjs';
import { requireWasmSimd } from './wasm-support.mjs';
import { warmUp } from './warm-up.mjs';

let modulePromise = null;

export function loadEngineModule() {
  if (!modulePromise) modulePromise = Promise.resolve().then(requireWasmSimd).then(() => createHelpdeskKpi()).then(warmUp);
  return modulePromise;
}

/** After a trap (out of memory) the instance is unusable: the next load instantiates a fresh one. */
export function discardEngineModule() {
  modulePromise = null;
}
