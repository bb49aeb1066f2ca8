// The page side of the browser API: starts the engine worker (the embedded Blob classic worker when the page registered
// one, else the module worker next to this file), posts the inputs (Files and Blobs are read here in slices and
// transferred over a MessagePort, blob-pump.mjs says why), relays progress, cancels by terminating the worker, and answers session.report(query) from the
// worker without re-reading anything. When no worker can start, it falls back to the current thread.
import { pumpBlob } from './blob-pump.mjs';
import { embeddedWorkerUrl } from './embedded.mjs';

function abortError() {
  return new DOMException('The analysis was cancelled', 'AbortError');
}

function toError(e) {
  return Object.assign(new Error(e?.message ?? 'engine worker error'), { name: e?.name ?? 'Error' });
}

/**
 * Turns each input into {name, data, size?} that can be posted: bytes as they are, Blobs as a MessagePort their slices
 * will come through (started in `pumps`), streams as a Blob or transferred.
 */
async function postableInputs(inputs, pumps) {
  const list = Array.isArray(inputs) ? inputs : [inputs];
  const out = [];
  const transfer = [];
  for (let i = 0; i < list.length; i++) {
    const input = list[i];
    const wrapped = input && typeof input === 'object' && 'data' in input && !(input instanceof Blob);
    let data = wrapped ? input.data : input;
    const name = (input && typeof input === 'object' && typeof input.name === 'string' && input.name) || `input-${i + 1}`;
    if (data && typeof data.getReader === 'function') {
      // Transferable streams where the browser has them; otherwise let the browser spool it into a Blob (not the JS heap).
      if (!streamsTransferable()) data = await new Response(data).blob();
      else transfer.push(data);
    } else if (data && typeof data[Symbol.asyncIterator] === 'function' && !(data instanceof Blob)) {
      const parts = [];
      for await (const chunk of data) parts.push(chunk);
      data = new Blob(parts);
    }
    if (data instanceof Blob && typeof MessageChannel === 'function') {
      const { port1, port2 } = new MessageChannel();
      pumps.push(pumpBlob(data, port1));
      out.push({ name, data: port2, size: data.size });
      transfer.push(port2);
      continue;
    }
    out.push({ name, data });
  }
  return { inputs: out, transfer };
}

let transferableStreams;
function streamsTransferable() {
  if (transferableStreams === undefined) {
    try {
      const { port1 } = new MessageChannel();
      const stream = new ReadableStream();
      port1.postMessage(stream, [stream]);
      port1.close();
      transferableStreams = true;
    } catch {
      transferableStreams = false;
    }
  }
  return transferableStreams;
}

function workerSource() {
  return embeddedWorkerUrl() ?? new URL('./worker.mjs', import.meta.url).href;
}

function startWorker(source = workerSource()) {
  if (source.startsWith('blob:')) return new Worker(source, { name: 'helpdesk-kpi' });
  return new Worker(source, { type: 'module', name: 'helpdesk-kpi' });
}

// One engine worker started ahead of time (prewarmWorker): its wasm is compiled and warmed up while the user picks a
// file, so the next openSession skips that (a few hundred ms on a slow machine). Used only if it was started from the
// source a new worker would use now (the page may register its embedded engine after the first prewarm).
let spare = null;

/**
 * Starts a spare engine worker unless one is waiting; never throws. Resolves true once the spare's engine is compiled
 * and warmed up, false when no worker could start here.
 */
export function prewarmWorker() {
  if (!spare || spare.dead) {
    try {
      const source = workerSource();
      const channel = new WorkerChannel(startWorker(source));
      channel.source = source;
      channel.ready = channel.alive.then(() => channel.request('ready')).then(() => true, () => {
        if (spare === channel) spare = null;
        return false;
      });
      spare = channel;
    } catch {
      spare = null;
      return Promise.resolve(false);
    }
  }
  return spare.ready;
}

function takeSpare() {
  const channel = spare;
  spare = null;
  if (!channel) return null;
  if (!channel.dead && channel.source === workerSource()) return channel;
  channel.terminate(new Error('unused spare worker'));
  return null;
}

/** A request/response channel over one worker; `alive` resolves when the worker has started, rejects if it cannot. */
class WorkerChannel {
  constructor(worker) {
    this.worker = worker;
    this.nextId = 1;
    this.pending = new Map();
    this.onProgress = null;
    this.dead = null;
    this.alive = new Promise((resolve, reject) => {
      this.started = resolve;
      this.failedToStart = reject;
    });
    worker.onmessage = (event) => this.#message(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.#die(new Error(`the engine worker failed: ${event.message || 'it could not start'}`));
    };
    worker.onmessageerror = () => this.#die(new Error('the engine worker sent an unreadable message'));
  }

  #message(msg) {
    if (msg?.type === 'hello') return this.started();
    if (msg?.type === 'progress') return this.onProgress?.(msg);
    const entry = this.pending.get(msg?.id);
    if (!entry) return;
    this.pending.delete(msg.id);
    if (msg.error) entry.reject(toError(msg.error));
    else entry.resolve(msg.result);
  }

  #die(error) {
    if (this.dead) return;
    this.dead = error;
    this.failedToStart(error);
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
    this.worker.terminate();
  }

  request(type, payload = {}, transfer = []) {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...payload, type, id }, transfer);
    });
  }

  terminate(reason) {
    this.#die(reason ?? abortError());
  }
}

function parseReport(text) {
  const report = JSON.parse(text);
  if (report.error) throw new Error(report.error);
  return report;
}

/**
 * Opens a session in a worker. Rejects with an AbortError when `signal` aborts during ingest.
 * @returns {Promise<{report: Function, reportText: Function, ticketsCsv: Function, close: Function, mode: string}>}
 */
export async function openWorkerSession(inputs, settings, { onProgress, signal, progressMs = 50, fallback } = {}) {
  if (signal?.aborted) throw abortError();
  const started = (channel) => Promise.race([
    channel.alive,
    new Promise((_, reject) => signal?.addEventListener('abort', () => reject(abortError()), { once: true })),
  ]);
  let channel = takeSpare();
  if (channel) {
    try {
      await started(channel);
    } catch (error) {
      channel.terminate(error);
      if (error?.name === 'AbortError') throw error;
      channel = null; // the spare failed: start a worker as if there had been none
    }
  }
  if (!channel) {
    try {
      channel = new WorkerChannel(startWorker());
      await started(channel);
    } catch (error) {
      channel?.terminate(error);
      if (error?.name === 'AbortError' || !fallback) throw error;
      return fallback(); // no worker here (CSP, sandbox, old browser): same work on this thread
    }
  }
  const onAbort = () => channel.terminate(abortError());
  signal?.addEventListener('abort', onAbort, { once: true });
  channel.onProgress = (p) => onProgress?.({ file: p.file, bytes: p.bytes, totalBytes: p.totalBytes, done: !!p.done });
  const pumps = [];
  try {
    const { inputs: posted, transfer } = await postableInputs(inputs, pumps);
    if (signal?.aborted) throw abortError();
    const { settingsError, capabilities, timing } = await channel.request('ingest', { settings, inputs: posted, progressMs }, transfer);
    if (signal?.aborted) throw abortError();
    return {
      mode: 'worker',
      settingsError,
      capabilities: capabilities ?? { ticketsCsv: false },
      timing: timing ?? null,
      reportText: (query = {}) => channel.request('report', { query }),
      report: async (query = {}) => parseReport(await channel.request('report', { query })),
      ticketsCsv: (query = {}) => channel.request('ticketsCsv', { query }),
      close: () => channel.terminate(new Error('the session is closed')),
    };
  } catch (error) {
    channel.terminate(error);
    throw signal?.aborted ? abortError() : error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    channel.onProgress = null;
    for (const pump of pumps) pump.stop(); // after a cancel or an error: no more reads of the file
  }
}
