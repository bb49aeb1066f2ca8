// The worker side of the browser API: one Engine per worker, fed from File/Blob/bytes posted by the page and read here
// in chunks (never one whole-file string), progress at most every `progressMs`, then report queries answered from the
// compact store. Used by the module worker (worker.mjs) and the embedded classic worker (worker-classic.mjs).
import { normalizeInputs } from './inputs.mjs';
import { EngineSession } from './session.mjs';
import { withZoneOffsets } from './timezone.mjs';
import { requireWasmSimd } from './wasm-support.mjs';
import { warmUp } from './warm-up.mjs';

/**
 * @param {DedicatedWorkerGlobalScope} scope
 * @param {() => Promise<any>} createModule returns an instantiated wasm module
 */
export function installWorker(scope, createModule) {
  let modulePromise = null;
  let session = null;
  const load = () => (modulePromise ??= Promise.resolve().then(requireWasmSimd).then(() => createModule()).then(warmUp));

  async function ingest({ id, settings, inputs, progressMs = 50 }) {
    const module = await load();
    session?.close();
    session = new EngineSession(module, settings ?? {});
    const sources = normalizeInputs(inputs);
    const totalBytes = sources.every((s) => typeof s.size === 'number')
      ? sources.reduce((sum, s) => sum + s.size, 0)
      : undefined;
    let bytes = 0;
    let last = 0;
    // Where the time went (docs/benchmarks.md): waiting for the next chunk of the file, feeding the engine, finishing.
    const timing = { waitMs: 0, feedMs: 0, finishMs: 0 };
    let mark = performance.now();
    for (const source of sources) {
      for await (const chunk of source.chunks) {
        const got = performance.now();
        timing.waitMs += got - mark;
        session.feed(source.name, chunk);
        mark = performance.now();
        timing.feedMs += mark - got;
        bytes += chunk.length;
        const now = Date.now();
        if (now - last >= progressMs) {
          last = now;
          scope.postMessage({ type: 'progress', id, file: source.name, bytes, totalBytes });
        }
      }
      session.endSource(source.name);
    }
    const finishing = performance.now();
    session.finish();
    timing.finishMs = performance.now() - finishing;
    scope.postMessage({ type: 'progress', id, file: null, bytes, totalBytes, done: true });
    return {
      settingsError: session.settingsError || '',
      capabilities: { ticketsCsv: typeof session.engine?.ticketsCsv === 'function' },
      timing,
    };
  }

  function requireSession() {
    if (!session) throw new Error('no data loaded in this worker');
    return session;
  }

  const handlers = {
    ingest,
    ready: async () => {
      await load();
      withZoneOffsets({}); // the machine's zone table, which a session without a time zone setting will ask for
      return true;
    },
    report: ({ query }) => requireSession().reportText(query ?? {}),
    ticketsCsv: ({ query }) => {
      const s = requireSession();
      if (typeof s.engine?.ticketsCsv !== 'function') throw new Error('this engine build has no per-ticket CSV export');
      return s.ticketsCsv(query ?? {});
    },
    close: () => {
      session?.close();
      session = null;
      return true;
    },
  };

  scope.onmessage = async (event) => {
    const message = event.data ?? {};
    const handler = handlers[message.type];
    try {
      if (!handler) throw new Error(`unknown request ${message.type}`);
      const result = await handler(message);
      scope.postMessage({ type: 'result', id: message.id, result });
    } catch (error) {
      scope.postMessage({
        type: 'result',
        id: message.id,
        error: { name: error?.name ?? 'Error', message: String(error?.message ?? error) },
      });
    }
  };
  // Compile and warm up the engine right away, not at the first request: a spare worker (prewarmWorker) is ready when
  // a file arrives, and a session's worker compiles while the page posts the inputs. A failure resurfaces at ingest.
  try {
    load().catch(() => {});
  } catch {
    modulePromise = null;
  }
  scope.postMessage({ type: 'hello' });
}
