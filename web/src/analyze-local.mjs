// analyze() on the current thread: used in Node, and in the browser as the fallback when no Worker can start.
import { discardEngineModule, loadEngineModule } from './engine-module.mjs';
import { normalizeInputs } from './inputs.mjs';
import { EngineSession } from './session.mjs';

function abortError() {
  return typeof DOMException === 'function'
    ? new DOMException('The analysis was cancelled', 'AbortError')
    : Object.assign(new Error('The analysis was cancelled'), { name: 'AbortError' });
}

/**
 * Feeds every input into a new session and returns it, finished. Progress is reported at most every `progressMs`.
 * @returns {Promise<EngineSession>}
 */
export async function openLocalSession(inputs, settings = {}, { onProgress, signal, progressMs = 50 } = {}) {
  const module = await loadEngineModule();
  const session = new EngineSession(module, settings);
  const sources = normalizeInputs(inputs);
  const totalBytes = sources.every((s) => typeof s.size === 'number')
    ? sources.reduce((sum, s) => sum + s.size, 0)
    : undefined;
  let doneBytes = 0;
  let lastProgress = 0;
  try {
    for (const source of sources) {
      for await (const chunk of source.chunks) {
        if (signal?.aborted) throw abortError();
        session.feed(source.name, chunk);
        doneBytes += chunk.length;
        const now = Date.now();
        if (onProgress && now - lastProgress >= progressMs) {
          lastProgress = now;
          onProgress({ file: source.name, bytes: doneBytes, totalBytes });
        }
      }
      session.endSource(source.name);
    }
    if (signal?.aborted) throw abortError();
    session.finish();
    onProgress?.({ file: null, bytes: doneBytes, totalBytes, done: true });
    return session;
  } catch (error) {
    if (session.dead) discardEngineModule();
    session.close();
    throw error;
  }
}
