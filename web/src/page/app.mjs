// Entry of the single-file page (bundled by scripts/build-page.mjs): registers the embedded engine (classic wasm build +
// classic worker script, as strings, and the wasm gzip'd), gives the dashboard its sample exports, and lets a file
// dropped anywhere on the page land in the dashboard instead of making the browser navigate away to it.
// URL options: ?lang=en|ja, ?worker=0 (run the engine on the page thread; used by the fallback test).
import { CLASSIC_WASM_JS, WASM_GZ, WORKER_JS } from 'hk:embedded';
import { SAMPLES } from 'hk:samples';
import '../dashboard/element.mjs';
import { registerEmbeddedEngine } from '../embedded.mjs';
import { prewarmEngine } from '../index.mjs';
import { base64Bytes } from '../wasm-binary.mjs';

registerEmbeddedEngine({ classicWasmJs: CLASSIC_WASM_JS, wasmGz: WASM_GZ, workerJs: WORKER_JS });

const dashboard = document.querySelector('helpdesk-kpi-dashboard');
const params = new URLSearchParams(location.search);
if (params.get('worker') === '0') dashboard.setAttribute('no-worker', '');
// Keep one engine worker compiled and warmed up for the next file (the first after the page has drawn, then one after
// each analysis): a drop then goes straight to reading the file.
if (!dashboard.hasAttribute('no-worker')) {
  setTimeout(prewarmEngine, 0);
  dashboard.addEventListener('kpi-report', () => prewarmEngine());
}
if (['en', 'ja'].includes(params.get('lang'))) dashboard.setAttribute('lang', params.get('lang'));

// Samples are gzip'd JSON: the worker gunzips them like any .json.gz the user drops.
dashboard.samples = SAMPLES.map((sample) => ({
  id: sample.id,
  label: sample.label,
  files: () => sample.files.map((f) => new File([base64Bytes(f.gz)], f.name, { type: 'application/json' })),
}));

const syncLang = () => {
  document.documentElement.lang = dashboard.shadowRoot.querySelector('.hk')?.getAttribute('lang') ?? 'en';
};
new MutationObserver(syncLang).observe(dashboard, { attributes: true, attributeFilter: ['lang'] });
syncLang();

window.addEventListener('dragover', (event) => event.preventDefault());
window.addEventListener('drop', (event) => {
  event.preventDefault();
  const files = Array.from(event.dataTransfer?.files ?? []);
  if (files.length) dashboard.load(files);
});
