// Where the browser finds the engine's source text when it must start a worker without any URL it can load: the
// single-file page (file://) registers the classic wasm build and the classic worker script here, as strings, and a
// Blob classic worker is made from them (the only kind of worker Chromium starts from a file:// page).

let embedded = null;

/** @param {{classicWasmJs: string, workerJs: string}} sources */
export function registerEmbeddedEngine(sources) {
  if (!sources || typeof sources.classicWasmJs !== 'string' || typeof sources.workerJs !== 'string')
    throw new TypeError('registerEmbeddedEngine needs {classicWasmJs, workerJs} strings');
  embedded = { ...sources, url: null };
}

/** A blob: URL of the classic worker (the wasm build followed by the worker script), made once per page. */
export function embeddedWorkerUrl() {
  if (!embedded) return null;
  if (!embedded.url) {
    const blob = new Blob([embedded.classicWasmJs, '\n;\n', embedded.workerJs], { type: 'text/javascript' });
    embedded.url = URL.createObjectURL(blob);
  }
  return embedded.url;
}

export function embeddedClassicWasmJs() {
  return embedded?.classicWasmJs ?? null;
}
