// The Chromium benchmark page (bundled by bench/browser-run.mjs, opened from file:// like the product page). It starts
// the engine the way the single-file page does — the classic wasm build and the classic worker script registered as
// strings, run in a Blob classic worker (web/src/embedded.mjs, worker-client.mjs, worker-core.mjs) — and drives it through
// the public API: openSession([File]) → session.report(). The only addition is a few lines put before the wasm script in
// the worker (hk:shim) that keep a reference to the wasm memory so the benchmark can read its size.
import { CLASSIC_WASM_JS, WASM_GZ, WORKER_JS, SHIM_JS } from 'hk:embedded';
import { openSession, prewarmEngine, registerEmbeddedEngine } from '../../web/src/index.mjs';

registerEmbeddedEngine({ classicWasmJs: SHIM_JS + '\n;\n' + CLASSIC_WASM_JS, wasmGz: WASM_GZ, workerJs: WORKER_JS });

let session = null;

function fileOf(id) {
  const input = document.getElementById(id);
  const file = input?.files?.[0];
  if (!file) throw new Error(`no file in #${id}`);
  return file;
}

window.bench = {
  /** File → worker → engine → report. Keeps the session open for re-queries (closeSession() ends it). */
  async engine(inputId = 'file') {
    const file = fileOf(inputId);
    session?.close();
    session = null;
    const progress = [];
    const t0 = performance.now();
    const s = await openSession([file], {}, {
      onProgress: (p) => progress.push({ t: performance.now() - t0, bytes: p.bytes, done: !!p.done }),
    });
    const text = await s.reportText({});
    const t1 = performance.now();
    session = s;
    return { seconds: (t1 - t0) / 1000, mode: s.mode, report: text, progress, timing: s.timing };
  },
  async requery(queries, repeat = 5) {
    const times = [];
    for (let i = 0; i < repeat; i++) {
      const t0 = performance.now();
      await session.reportText(queries[i % queries.length]);
      times.push((performance.now() - t0) / 1000);
    }
    return times;
  },
  closeSession() {
    session?.close();
    session = null;
  },
  /** What the product page does after each analysis: a spare engine worker, compiled and warmed up, for the next file. */
  prewarm() {
    return prewarmEngine();
  },
  /** The baseline: the whole file, TextDecoder + JSON.parse, KPIs in plain JS (window.baselineKpis, injected). */
  async baseline(inputId = 'file') {
    const file = fileOf(inputId);
    const t0 = performance.now();
    try {
      const bytes = await file.arrayBuffer();
      const text = new TextDecoder().decode(bytes);
      // Past V8's string length limit (~512 MiB of text) Chromium's decode returns "" instead of throwing.
      if (bytes.byteLength > 0 && text.length === 0) throw new RangeError(`TextDecoder gave an empty string for ${bytes.byteLength} bytes (over the string length limit)`);
      const parsed = window.parseExportText(text);
      const heapAfterParse = performance.memory?.usedJSHeapSize ?? null;
      const kpis = window.baselineKpis(parsed);
      return { seconds: (performance.now() - t0) / 1000, heap_after_parse_bytes: heapAfterParse, kpis };
    } catch (error) {
      return { seconds: (performance.now() - t0) / 1000, error: `${error.name}: ${error.message}` };
    }
  },
};
document.title = 'bench ready';
