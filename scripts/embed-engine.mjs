// The engine as the single-file page embeds it: the classic wasm build's JavaScript without its wasm, and the wasm
// gzip'd and base64'd beside it. Emscripten's SINGLE_FILE build inlines the wasm as base64 (830 KB of wasm, 1.1 MB
// of text: three quarters of the page); gzip'd first, it is 0.4 MB. The worker gunzips it (DecompressionStream) and
// hands the bytes to the factory as `wasmBinary`, which the build reads before its own data: URI (web/src/wasm-binary.mjs).
// Used by scripts/build-page.mjs and by the benchmark page (bench/browser-run.mjs), so both start the engine alike.
import { gzipSync } from 'node:zlib';

// The inlined module, exactly as Emscripten 3.1.6 writes it (the Debian toolchain is pinned).
const INLINE_WASM = /wasmBinaryFile="data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/g;
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

/**
 * @param {string} classicJs the text of build/wasm/helpdesk_kpi.classic.js
 * @returns {{classicWasmJs: string, wasmGz: string, wasmBytes: number}} the build with an empty data: URI, the wasm
 *   gzip'd (level 9) in base64, and the wasm's size
 */
export function embeddableEngine(classicJs) {
  const found = [...classicJs.matchAll(INLINE_WASM)];
  if (found.length !== 1)
    throw new Error(`expected the classic wasm build to inline its module once (found ${found.length}): was it built with -sSINGLE_FILE=1?`);
  const wasm = Buffer.from(found[0][1], 'base64');
  if (!WASM_MAGIC.every((byte, i) => wasm[i] === byte)) throw new Error('the inlined module of the classic build is not wasm');
  const classicWasmJs = classicJs.replace(INLINE_WASM, 'wasmBinaryFile="data:application/octet-stream;base64,"');
  return { classicWasmJs, wasmGz: gzipSync(wasm, { level: 9 }).toString('base64'), wasmBytes: wasm.length };
}
