// Turns whatever the caller hands over (File, Blob, ArrayBuffer, Uint8Array, string, ReadableStream, or
// {name, data}) into named async streams of Uint8Array chunks. Gzip input (by its magic bytes) is decompressed with
// DecompressionStream, which Node 20 and browsers both have.

import { CHUNK, blobSlices, portChunks } from './blob-pump.mjs';

// In a worker, a File arrives as slices the page reads and transfers over a MessagePort (blob-pump.mjs explains why).
// A Blob read here directly is the path without a worker (and Node).
const READ_AHEAD = 1;

function nameOf(input, index) {
  if (input && typeof input === 'object' && typeof input.name === 'string' && input.name) return input.name;
  return `input-${index + 1}`;
}

async function* chunksOf(data) {
  if (typeof data === 'string') {
    const encoder = new TextEncoder();
    for (let at = 0; at < data.length; at += CHUNK) yield encoder.encode(data.slice(at, at + CHUNK));
    return;
  }
  if (data instanceof Uint8Array) {
    for (let at = 0; at < data.length; at += CHUNK) yield data.subarray(at, Math.min(data.length, at + CHUNK));
    return;
  }
  if (data instanceof ArrayBuffer) {
    yield* chunksOf(new Uint8Array(data));
    return;
  }
  if (ArrayBuffer.isView(data)) {
    yield* chunksOf(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    return;
  }
  if (typeof Blob !== 'undefined' && data instanceof Blob) {
    // Slices, not the whole file: a 1 GB export is never one buffer; the next one is read while the engine works.
    for await (const bytes of blobSlices(data, READ_AHEAD)) yield new Uint8Array(bytes);
    return;
  }
  if (typeof MessagePort !== 'undefined' && data instanceof MessagePort) {
    yield* portChunks(data);
    return;
  }
  if (data && typeof data.getReader === 'function') {
    const reader = data.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value instanceof Uint8Array ? value : new Uint8Array(value);
      }
    } finally {
      reader.releaseLock();
    }
  }
  if (data && typeof data[Symbol.asyncIterator] === 'function') {
    for await (const chunk of data) yield chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk);
    return;
  }
  throw new TypeError('unsupported input: give a File, Blob, ArrayBuffer, Uint8Array, string or ReadableStream');
}

async function* gunzipIfNeeded(chunks) {
  const iterator = chunks[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const head = first.value;
  const gzipped = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  async function* rest() {
    yield head;
    for (;;) {
      const { done, value } = await iterator.next();
      if (done) return;
      yield value;
    }
  }
  if (!gzipped) {
    yield* rest();
    return;
  }
  const stream = new ReadableStream({
    async pull(controller) {
      const { done, value } = await source.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
  });
  const source = rest();
  const reader = stream.pipeThrough(new DecompressionStream('gzip')).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

/** @returns {{name: string, size: number|undefined, chunks: AsyncIterable<Uint8Array>}[]} */
export function normalizeInputs(inputs) {
  const list = Array.isArray(inputs) ? inputs : [inputs];
  return list.map((input, index) => {
    const data = input && typeof input === 'object' && 'data' in input && !(input instanceof Blob) ? input.data : input;
    const name = nameOf(input, index);
    const size = typeof input?.size === 'number' && !(input instanceof Blob) ? input.size
      : typeof data === 'string' ? undefined : data?.byteLength ?? data?.size;
    return { name, size, chunks: gunzipIfNeeded(chunksOf(data)) };
  });
}
