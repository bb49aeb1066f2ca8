// The embedded engine's wasm arrives gzip'd and base64'd (scripts/embed-engine.mjs): unpacked here with the platform's
// DecompressionStream, then given to the Emscripten factory as `wasmBinary`.

export const NO_DECOMPRESSION =
  'This browser cannot unpack the engine: it has no DecompressionStream (Chrome and Edge 80+, Firefox 113+ and Safari 16.4+ have it)';

/** @param {string} base64 @returns {Uint8Array} the bytes it encodes (also the page's gzip'd samples) */
export function base64Bytes(base64) {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** @param {string} base64 gzip data in base64 @returns {Promise<Uint8Array>} the unpacked bytes */
export async function gunzipBase64(base64) {
  if (typeof DecompressionStream !== 'function') throw new Error(NO_DECOMPRESSION);
  const stream = new Blob([base64Bytes(base64)]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Options for the Emscripten factory: `wasmBinary` when the wasm is given apart (`wasmGz`), nothing when the build
 * carries its own.
 * @param {string | null | undefined} wasmGz
 */
export async function factoryOptions(wasmGz) {
  return wasmGz ? { wasmBinary: await gunzipBase64(wasmGz) } : {};
}
