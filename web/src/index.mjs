// Public API (SPEC §6.3): analyze(inputs, settings, {onProgress, signal}) → Promise<Report>, and openSession() for
// interactive re-queries without re-reading the files. In Node it runs in-process.
import { openLocalSession } from './analyze-local.mjs';

export { loadEngineModule } from './engine-module.mjs';

/** Analyse helpdesk exports and return the report for `settings.query` (default: everything). */
export async function analyze(inputs, settings = {}, options = {}) {
  const session = await openSession(inputs, settings, options);
  try {
    return session.report(settings?.query ?? {});
  } finally {
    session.close();
  }
}

/** Ingest once, query many: the returned session answers report(query) from the compact store. */
export async function openSession(inputs, settings = {}, options = {}) {
  const { query, ...engineSettings } = settings ?? {};
  const session = await openLocalSession(inputs, engineSettings, options);
  return {
    report: (q = {}) => session.report(q),
    reportText: (q = {}) => session.reportText(q),
    close: () => session.close(),
  };
}
