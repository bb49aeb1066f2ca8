// Public API (SPEC §6.3): analyze(inputs, settings, {onProgress, signal}) → Promise<Report>, and openSession() for
// interactive re-queries without re-reading the files. In a browser the engine runs in a Web Worker (with a fallback to
// the current thread when no worker can start); in Node it runs in-process. Types: web/index.d.ts.
import { openWorkerSession, prewarmWorker } from './worker-client.mjs';

export { registerEmbeddedEngine } from './embedded.mjs';

const IN_BROWSER = typeof document !== 'undefined' && typeof Worker === 'function';

/**
 * In a browser, starts an engine worker now (wasm compiled and warmed up) so that the next openSession()/analyze()
 * does not wait for it; one spare at a time. Resolves true when it is ready, false when there is none (outside a
 * browser, or no worker can start here). Never rejects.
 */
export function prewarmEngine() {
  return IN_BROWSER ? prewarmWorker() : Promise.resolve(false);
}

/** Loads (once) and returns the instantiated wasm module on the current thread. */
export async function loadEngineModule() {
  const { loadEngineModule: load } = await import('./engine-module.mjs');
  return load();
}

/** Analyse helpdesk exports and return the report for `settings.query` (default: everything). */
export async function analyze(inputs, settings = {}, options = {}) {
  const session = await openSession(inputs, settings, options);
  try {
    return await session.report(settings?.query ?? {});
  } finally {
    session.close();
  }
}

async function openInProcess(inputs, engineSettings, options, asyncResults) {
  const { openLocalSession } = await import('./analyze-local.mjs');
  const session = await openLocalSession(inputs, engineSettings, options);
  const wrap = asyncResults ? (f) => async (q = {}) => f(q) : (f) => (q = {}) => f(q);
  return {
    mode: 'in-process',
    settingsError: session.settingsError || '',
    capabilities: { ticketsCsv: typeof session.engine?.ticketsCsv === 'function' },
    report: wrap((q) => session.report(q)),
    reportText: wrap((q) => session.reportText(q)),
    ticketsCsv: wrap((q) => {
      session.finish();
      if (typeof session.engine?.ticketsCsv !== 'function') throw new Error('this engine build has no per-ticket CSV export');
      return session.ticketsCsv(q);
    }),
    close: () => session.close(),
  };
}

/**
 * Ingest once, query many: the returned session answers report(query) from the compact store.
 * In Node, report()/reportText() return their value directly; in a browser they return promises (await works for both).
 * options.worker = false keeps the engine on the current thread in a browser.
 */
export async function openSession(inputs, settings = {}, options = {}) {
  const { query, ...engineSettings } = settings ?? {};
  if (IN_BROWSER && options.worker !== false) {
    return openWorkerSession(inputs, engineSettings, {
      ...options,
      fallback: () => openInProcess(inputs, engineSettings, options, true),
    });
  }
  return openInProcess(inputs, engineSettings, options, IN_BROWSER);
}
