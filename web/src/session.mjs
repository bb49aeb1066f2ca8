// A session around one wasm Engine: moves bytes in, JSON out. It computes nothing itself (no KPI math in JS).
// Bulk bytes go through one reusable buffer from _malloc, filled with HEAPU8.set (toolchain-notes pitfall 7).

import { withZoneOffsets } from './timezone.mjs';

export const DEFAULT_CHUNK_BYTES = 4 << 20;

export class EngineSession {
  /** @param {any} module an instantiated wasm module (createHelpdeskKpi()) @param {object} settings */
  constructor(module, settings = {}) {
    this.module = module;
    // The engine has no tz database: the IANA zone's offsets are resolved here, with Intl (DST-safe).
    this.engine = new module.Engine(JSON.stringify(withZoneOffsets(settings ?? {})));
    this.settingsError = this.engine.settingsError();
    this.bufferPtr = 0;
    this.bufferSize = 0;
    this.finished = false;
  }

  /** Copies one chunk into wasm memory and feeds it to the named source; large chunks are cut to the buffer size. */
  feed(sourceName, bytes) {
    if (this.finished) throw new Error('feed() after finish()');
    for (let at = 0; at < bytes.length; at += DEFAULT_CHUNK_BYTES) {
      const part = bytes.subarray(at, Math.min(bytes.length, at + DEFAULT_CHUNK_BYTES));
      const ptr = this.#buffer(part.length);
      // HEAPU8 must be re-read after anything that can grow memory (the previous feed may have).
      this.module.HEAPU8.set(part, ptr);
      this.engine.feed(sourceName, ptr, part.length);
    }
  }

  endSource(sourceName) {
    this.engine.endSource(sourceName);
  }

  finish() {
    if (!this.finished) {
      this.engine.finish();
      this.finished = true;
      this.#releaseBuffer();
    }
  }

  /** The report object for a query ({from, to, filters}); throws on a bad query. */
  report(query = {}) {
    this.finish();
    const text = this.engine.report(JSON.stringify(query ?? {}));
    const report = JSON.parse(text);
    if (report.error) throw new Error(report.error);
    return report;
  }

  /** The raw report JSON text (byte-identical across runs for the same inputs). */
  reportText(query = {}) {
    this.finish();
    return this.engine.report(JSON.stringify(query ?? {}));
  }

  /** The per-ticket CSV for a query (formula-escaped); throws on a bad query. */
  ticketsCsv(query = {}) {
    this.finish();
    const csv = this.engine.ticketsCsv(JSON.stringify(query ?? {}));
    if (csv.startsWith('error: ')) throw new Error(csv.slice(7).trim());
    return csv;
  }

  close() {
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
      if (!this.bufferPtr) throw new Error('out of wasm memory allocating the input buffer');
    }
    return this.bufferPtr;
  }

  #releaseBuffer() {
    if (this.bufferPtr) this.module._free(this.bufferPtr);
    this.bufferPtr = 0;
    this.bufferSize = 0;
  }
}
