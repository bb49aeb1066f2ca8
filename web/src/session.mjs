// A session around one wasm Engine: moves bytes in, JSON out. It computes nothing itself (no KPI math in JS).
// Bulk bytes go through one reusable buffer from _malloc, filled with HEAPU8.set (toolchain-notes pitfall 7).

import { withZoneOffsets } from './timezone.mjs';

export const DEFAULT_CHUNK_BYTES = 4 << 20;

// The engine's memory ceiling under wasm (settings.max_memory_bytes, compared with Dataset::memory_bytes). The wasm heap
// may grow to 2 GiB (MAXIMUM_MEMORY in CMakeLists.txt); stopping the data at 1 GiB leaves room for finishing, the report
// and the input buffer, and stays below what a browser tab is allowed. Past it the engine stops reading with a "too
// large for this browser" error naming the file, and reports what it read. Pass 0 to lift it.
export const DEFAULT_MAX_MEMORY_BYTES = 1 << 30;

/** A wasm trap (abort, out of memory) as the user-facing error; the module cannot be used after it. */
export function tooLargeError(error, sourceName, bytesRead) {
  const trap =
    (typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError) ||
    /Aborted|out of memory|Cannot enlarge memory|memory access out of bounds/i.test(String(error?.message ?? error));
  if (!trap) return error;
  const where = sourceName == null ? 'while computing the report' : `${sourceName}: after ${bytesRead} bytes of this file`;
  return Object.assign(
    new Error(
      `too large for this browser: the engine ran out of memory ${where} (${String(error?.message ?? error).split('\n')[0]}); ` +
        'analyse fewer or smaller files at once, or set a lower max_memory_bytes to get a partial report instead',
    ),
    { name: 'TooLargeError', cause: error },
  );
}

export class EngineSession {
  /** @param {any} module an instantiated wasm module (createHelpdeskKpi()) @param {object} settings */
  constructor(module, settings = {}) {
    this.module = module;
    // The engine has no tz database: the IANA zone's offsets are resolved here, with Intl (DST-safe).
    const engineSettings = { ...(settings ?? {}), max_memory_bytes: settings?.max_memory_bytes ?? DEFAULT_MAX_MEMORY_BYTES };
    this.engine = new module.Engine(JSON.stringify(withZoneOffsets(engineSettings)));
    this.settingsError = this.engine.settingsError();
    this.bufferPtr = 0;
    this.bufferSize = 0;
    this.finished = false;
    this.fed = new Map(); // bytes fed per source, to say how far a file got when memory ran out
    this.dead = null;
  }

  /** Copies one chunk into wasm memory and feeds it to the named source; large chunks are cut to the buffer size. */
  feed(sourceName, bytes) {
    if (this.dead) throw this.dead;
    if (this.finished) throw new Error('feed() after finish()');
    for (let at = 0; at < bytes.length; at += DEFAULT_CHUNK_BYTES) {
      const part = bytes.subarray(at, Math.min(bytes.length, at + DEFAULT_CHUNK_BYTES));
      this.#guard(sourceName, () => {
        const ptr = this.#buffer(part.length);
        // HEAPU8 must be re-read after anything that can grow memory (the previous feed may have).
        this.module.HEAPU8.set(part, ptr);
        this.engine.feed(sourceName, ptr, part.length);
      });
      this.fed.set(sourceName, (this.fed.get(sourceName) ?? 0) + part.length);
    }
  }

  /** Runs an engine call; a trap (out of memory) becomes a "too large for this browser" error and ends the session. */
  #guard(sourceName, call) {
    if (this.dead) throw this.dead;
    try {
      return call();
    } catch (error) {
      const converted = tooLargeError(error, sourceName, this.fed.get(sourceName) ?? 0);
      if (converted !== error) this.dead = converted;
      throw converted;
    }
  }

  endSource(sourceName) {
    this.#guard(sourceName, () => this.engine.endSource(sourceName));
  }

  finish() {
    if (!this.finished) {
      this.#guard(null, () => this.engine.finish());
      this.finished = true;
      this.#releaseBuffer();
    }
  }

  /** The report object for a query ({from, to, filters}); throws on a bad query. */
  report(query = {}) {
    this.finish();
    const text = this.#guard(null, () => this.engine.report(JSON.stringify(query ?? {})));
    const report = JSON.parse(text);
    if (report.error) throw new Error(report.error);
    return report;
  }

  /** The raw report JSON text (byte-identical across runs for the same inputs). */
  reportText(query = {}) {
    this.finish();
    return this.#guard(null, () => this.engine.report(JSON.stringify(query ?? {})));
  }

  /** The per-ticket CSV for a query (formula-escaped); throws on a bad query. */
  ticketsCsv(query = {}) {
    this.finish();
    const csv = this.#guard(null, () => this.engine.ticketsCsv(JSON.stringify(query ?? {})));
    if (csv.startsWith('error: ')) throw new Error(csv.slice(7).trim());
    return csv;
  }

  close() {
    if (this.dead) {
      // After a trap the module is unusable: drop everything without calling into it.
      this.engine = null;
      this.bufferPtr = 0;
      this.bufferSize = 0;
      return;
    }
    this.#releaseBuffer();
    if (this.engine) {
      this.engine.delete();
      this.engine = null;
    }
  }

  #buffer(size) {
    if (size > this.bufferSize) {
      this.#releaseBuffer();
      // Padding beyond the data lets the engine parse records in place (simdjson reads up to 64 bytes past the end).
      this.bufferSize = Math.max(size, DEFAULT_CHUNK_BYTES);
      this.bufferPtr = this.module._malloc(this.bufferSize + 64);
      if (!this.bufferPtr) throw new Error('out of memory allocating the input buffer');
    }
    return this.bufferPtr;
  }

  #releaseBuffer() {
    if (this.bufferPtr) this.module._free(this.bufferPtr);
    this.bufferPtr = 0;
    this.bufferSize = 0;
  }
}
