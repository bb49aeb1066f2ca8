// Where the browser finds the engine's source text when it must start a worker without any URL it can load: the
// single-file page (file://) registers the classic wasm build and the classic worker script here, as strings, and a
// Blob classic worker is made from them (the only kind of worker Chromium starts from a file:// page). The page gives
// the wasm apart, gzip'd (`wasmGz`, scripts/embed-engine.mjs); an embedder may register a build that carries its own.

let embedded = null;

/** @param {{classicWasmJs: string, workerJs: string, wasmGz?: string}} sources */
export function registerEmbeddedEngine(sources) {
  if (!sources || typeof sources.classicWasmJs !== 'string' || typeof sources.workerJs !== 'string')
    throw new TypeError('registerEmbeddedEngine needs {classicWasmJs, workerJs} strings');
  if (sources.wasmGz !== undefined && typeof sources.wasmGz !== 'string')
    throw new TypeError('registerEmbeddedEngine: wasmGz must be a base64 string');
  embedded = { ...sources, url: null };
}

/**
 * A blob: URL of the classic worker (the wasm build, the gzip'd wasm as the global `hkEngineWasmGz` when given apart,
 * then the worker script), made once per page.
 */
export function embeddedWorkerUrl() {
  if (!embedded) return null;
  if (!embedded.url) {
    const wasm = embedded.wasmGz ? `self.hkEngineWasmGz=${JSON.stringify(embedded.wasmGz)};\n` : '';
    const blob = new Blob([embedded.classicWasmJs, '\n;\n', wasm, embedded.workerJs], { type: 'text/javascript' });
    embedded.url = URL.createObjectURL(blob);
  }
  return embedded.url;
}

export function embeddedClassicWasmJs() {
  return embedded?.classicWasmJs ?? null;
}

/** The gzip'd wasm in base64, when the registered build does not carry its own. */
export function embeddedWasmGz() {
  return embedded?.wasmGz ?? null;
}
