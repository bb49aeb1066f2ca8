// Classic worker entry, bundled to one IIFE by scripts/build-page.mjs and appended to the classic wasm build
// (helpdesk_kpi.classic.js, which defines the global createHelpdeskKpi) inside a Blob: that is the worker the
// single-file page starts from file://. The page puts the wasm in `self.hkEngineWasmGz`, gzip'd (web/src/embedded.mjs).
import { factoryOptions } from './wasm-binary.mjs';
import { installWorker } from './worker-core.mjs';

installWorker(self, async () => self.createHelpdeskKpi(await factoryOptions(self.hkEngineWasmGz)));
