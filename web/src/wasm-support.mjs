// The engine is built with WebAssembly SIMD (CMakeLists.txt: the splitter's scanners), so a browser without it cannot
// compile the module at all. Say so in words before trying, instead of a bare CompileError from deep in the loader.

// The smallest module that uses a SIMD instruction: (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt).
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

export const NO_WASM_SIMD =
  'This browser cannot run the engine: it has no WebAssembly SIMD (Chrome and Edge 91+, Firefox 89+ and Safari 16.4+ have it)';

/** @returns {boolean} */
export function hasWasmSimd() {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/** Throws an Error with NO_WASM_SIMD when the engine cannot run here. */
export function requireWasmSimd() {
  if (!hasWasmSimd()) throw new Error(NO_WASM_SIMD);
}
