// Files are read on the page's thread and handed to the engine worker, not read by the worker itself.
//
// Why: a `Blob.slice().arrayBuffer()` started in the worker only makes progress when the worker's event loop runs, and
// the worker's event loop is blocked while the engine chews on the previous slice. So reading ahead in the worker hid
// little: the engine waited about 90-130 ms per 100 MB for the file. The page's thread is idle during an analysis;
// reading there and transferring each slice (zero-copy) cut the wait to about 10 ms (docs/benchmarks.md, "Reading the
// file").
//
// Flow control, so a slow engine never makes the whole file pile up in its message queue: the worker grants credit
// (how many more slices it will take), the page never sends more than it was granted, and holds one slice ready plus
// READ_AHEAD being read; a file is not touched before the worker asks for it (when its turn comes). At most
// CREDIT + READ_AHEAD + 2 slices of CHUNK bytes exist at once.

export const CHUNK = 4 << 20;
const CREDIT = 3;
const READ_AHEAD = 1;

/**
 * The slices of `blob` as ArrayBuffers, in order, CHUNK bytes each, with the next `ahead` slices being read while the
 * caller works on the current one (the browser reads files on another thread): at most ahead + 1 in memory. A
 * caller that stops early stops the reading. Used by the page (pumpBlob) and by the path without a worker (inputs.mjs).
 */
export async function* blobSlices(blob, ahead) {
  const reads = [];
  let at = 0;
  const startReads = () => {
    while (reads.length < ahead + 1 && at < blob.size) {
      const read = blob.slice(at, Math.min(blob.size, at + CHUNK)).arrayBuffer();
      read.catch(() => {}); // an abandoned read must not become an unhandled rejection
      reads.push(read);
      at += CHUNK;
    }
  };
  startReads();
  while (reads.length) {
    const buffer = await reads.shift();
    startReads();
    yield buffer;
  }
}

/**
 * Page side: streams `blob` over `port` as transferred ArrayBuffers, then `null`; `{error}` if reading fails. Stops
 * when the worker says 'close' or `stop()` is called. Returns {done: Promise, stop()}.
 */
export function pumpBlob(blob, port) {
  let credit = 0;
  let closed = false;
  let wake = null;
  const wakeUp = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  port.onmessage = (event) => {
    if (event.data === 'close') closed = true;
    else if (typeof event.data === 'number') credit += event.data;
    wakeUp();
  };
  const stop = () => {
    closed = true;
    wakeUp();
  };
  const granted = async () => {
    while (credit === 0 && !closed) await new Promise((resolve) => (wake = resolve));
    return !closed;
  };
  const done = (async () => {
    try {
      // Nothing is read before the worker asks: a session of many files reads them one after the other.
      if (!(await granted())) return;
      for await (const buffer of blobSlices(blob, READ_AHEAD)) {
        if (!(await granted())) return;
        credit--;
        port.postMessage(buffer, [buffer]);
      }
      port.postMessage(null);
    } catch (error) {
      if (!closed) port.postMessage({ error: `${error?.name ?? 'Error'}: ${error?.message ?? error}` });
    } finally {
      port.onmessage = null;
      port.close();
    }
  })();
  return { done, stop };
}

/** Worker side: the slices `pumpBlob` sends over `port`, as Uint8Arrays, granting credit as they are consumed. */
export async function* portChunks(port) {
  const queue = [];
  let wake = null;
  port.onmessage = (event) => {
    queue.push(event.data);
    const w = wake;
    wake = null;
    w?.();
  };
  port.postMessage(CREDIT);
  try {
    for (;;) {
      while (!queue.length) await new Promise((resolve) => (wake = resolve));
      const message = queue.shift();
      if (message === null) return;
      if (!(message instanceof ArrayBuffer)) throw new Error(`the file could not be read: ${message?.error ?? 'unknown error'}`);
      port.postMessage(1);
      yield new Uint8Array(message);
    }
  } finally {
    try {
      port.postMessage('close');
    } catch {
      // the page side is gone
    }
    port.onmessage = null;
    port.close();
  }
}
