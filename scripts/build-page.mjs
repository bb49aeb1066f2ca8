#!/usr/bin/env node
// Builds the single self-contained dashboard page, build/page/helpdesk-kpi.html: the dashboard bundle (esbuild), the
// classic wasm build embedded ONCE as a string with its wasm gzip'd apart (scripts/embed-engine.mjs; used by the Blob
// classic worker, and by the main-thread fallback through a blob: <script>), the classic worker script, gzip'd sample
// exports, CSS, and a strict CSP (no eval, no remote origin, only inline code whose hash is listed). It opens from
// file:// with the network off.
//
//   node scripts/build-page.mjs            → build/page/helpdesk-kpi.html (+ prints its size)
//
//   import { renderReportHtml } from './scripts/build-page.mjs';
//   writeFileSync('report.html', await renderReportHtml(report, { lang: 'ja', previous }));
// renderReportHtml(report, options?) resolves to a self-contained report page for ONE analysis (the CLI's --html): the same
// dashboard, with the report JSON embedded and no engine, so no file loading is needed. options.previous (a report of
// the previous period) adds deltas; options.lang ('en'|'ja') picks the UI language (default: the reader's browser);
// options.title sets the page title.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { embeddableEngine } from './embed-engine.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WEB = join(ROOT, 'web', 'src');
const CLASSIC_WASM = join(ROOT, 'build', 'wasm', 'helpdesk_kpi.classic.js');
const OUT_DIR = join(ROOT, 'build', 'page');
const OUT_FILE = join(OUT_DIR, 'helpdesk-kpi.html');
// The page was 1.49 MB with the wasm inlined as base64; with it gzip'd (scripts/embed-engine.mjs) it is about 0.8 MB.
const SIZE_BUDGET = 1_500_000; // issue 5: the single-file page stays under 1.5 MB (decimal: the stricter reading)

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Inline <script>/<style> content must not close its element early. */
const inlineSafe = (code) => code.replace(/<\/(script|style)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

/** esbuild plugin: virtual modules, and the wasm ES build swapped for `engineModule` (a loader or a stub). */
function virtualModules(modules, engineModule) {
  return {
    name: 'helpdesk-kpi-virtual',
    setup(build) {
      build.onResolve({ filter: /helpdesk_kpi\.mjs$/ }, () => ({ path: 'engine', namespace: 'hk' }));
      build.onResolve({ filter: /^hk:/ }, (args) => ({ path: args.path.slice(3), namespace: 'hk' }));
      build.onLoad({ filter: /.*/, namespace: 'hk' }, (args) => {
        const contents = args.path === 'engine' ? engineModule : modules[args.path];
        if (contents === undefined) throw new Error(`no virtual module hk:${args.path}`);
        return { contents, loader: 'js', resolveDir: WEB };
      });
    },
  };
}

// Main-thread fallback: the embedded classic build, run by a blob: <script> (CSP forbids eval; blob: is allowed).
const CLASSIC_FACTORY = `
import { embeddedClassicWasmJs, embeddedWasmGz } from './embedded.mjs';
import { factoryOptions } from './wasm-binary.mjs';
let loaded = null;
export default function createHelpdeskKpi(options) {
  loaded ??= new Promise((resolve, reject) => {
    const text = embeddedClassicWasmJs();
    if (!text) return reject(new Error('the engine is not embedded in this page'));
    const script = document.createElement('script');
    script.src = URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
    script.onload = () => resolve(globalThis.createHelpdeskKpi);
    script.onerror = () => reject(new Error('the engine script could not start (Content-Security-Policy?)'));
    document.head.append(script);
  });
  return loaded.then(async (factory) => factory({ ...(await factoryOptions(embeddedWasmGz())), ...options }));
}`;
const NO_ENGINE = `export default function createHelpdeskKpi() {
  return Promise.reject(new Error('this report page has no engine: it shows one saved analysis'));
}`;

async function bundle(entry, { modules = {}, engineModule = NO_ENGINE, format = 'esm' } = {}) {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format,
    minify: true,
    legalComments: 'none',
    target: ['chrome110', 'firefox115', 'safari16.4'],
    charset: 'utf8',
    plugins: [virtualModules(modules, engineModule)],
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** Page CSS outside the element (the element styles itself inside its shadow root). */
const PAGE_CSS = `
:root{color-scheme:light;--hk-page-bg:#f4f6fa}
*{box-sizing:border-box}
html,body{margin:0;background:var(--hk-page-bg);font-family:system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans JP",Roboto,sans-serif}
helpdesk-kpi-dashboard{display:block;max-width:1400px;margin:0 auto;min-height:100vh}
@media print{html,body{background:#fff}helpdesk-kpi-dashboard{max-width:none;min-height:0}}
`;

function csp({ scriptHashes, styleHashes, engine }) {
  return [
    "default-src 'none'",
    `script-src ${scriptHashes.join(' ')}${engine ? " blob: 'wasm-unsafe-eval'" : ''}`,
    engine ? 'worker-src blob:' : null,
    `style-src ${styleHashes.join(' ')}`,
    // The Emscripten loader fetch()es its own data: URL first (then decodes it itself if that fails): allow data: only.
    engine ? 'connect-src data:' : null,
    'img-src data: blob:',
    "base-uri 'none'",
    "form-action 'none'",
  ]
    .filter(Boolean)
    .join('; ');
}

function htmlDocument({ title, lang = 'en', script, dataBlocks = '', engine }) {
  const safeScript = inlineSafe(script);
  const policy = csp({ scriptHashes: [sha256(safeScript)], styleHashes: [sha256(PAGE_CSS)], engine });
  const escapeAttr = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const escapeText = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!doctype html>
<html lang="${escapeAttr(lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(policy)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeText(title)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<helpdesk-kpi-dashboard></helpdesk-kpi-dashboard>
${dataBlocks}<script type="module">${safeScript}</script>
</body>
</html>
`;
}

/** Sample exports for the sample-data buttons, gzip'd and base64'd (the worker gunzips them like any .json.gz): a
 * generated Zendesk and Gorgias export, the hand-checked 8-ticket Zendesk walkthrough with its orders and survey files,
 * and the same eight tickets as Freshdesk, Help Scout, Intercom and the canonical format write them (so every adapter
 * can be tried). */
async function sampleModule() {
  const samples = [];
  const packed = (dir, names) =>
    names.filter((n) => existsSync(join(dir, n))).map((n) => ({ name: n, gz: gzipSync(readFileSync(join(dir, n)), { level: 9 }).toString('base64') }));
  const genScript = join(ROOT, 'scripts', 'gen-export.mjs');
  if (existsSync(genScript)) {
    const { generate } = await import(pathToFileURL(genScript).href);
    const generated = [
      { vendor: 'zendesk', tickets: 120, label: { en: 'Zendesk sample (120 tickets)', ja: 'Zendesk サンプル(120件)' } },
      { vendor: 'gorgias', tickets: 60, label: { en: 'Gorgias sample (60 tickets)', ja: 'Gorgias サンプル(60件)' } },
    ];
    for (const { vendor, tickets, label } of generated) {
      const dir = mkdtempSync(join(tmpdir(), 'hk-sample-'));
      try {
        const silence = console.log;
        console.log = () => {};
        try {
          await generate({ vendor, shape: 'document', tickets, seed: 7, outDir: dir });
        } finally {
          console.log = silence;
        }
        samples.push({ id: `${vendor}-${tickets}`, label, files: packed(dir, readdirSync(dir).sort()) });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  const fixtures = [join(ROOT, '..', 'shared', 'fixtures'), '/work/shared/fixtures'].find((d) => existsSync(join(d, 'zendesk', 'small.json')));
  const data = join(ROOT, 'tests', 'data');
  if (fixtures) {
    const zendesk = join(fixtures, 'zendesk');
    samples.push({
      id: 'zendesk-fixture',
      label: { en: '8-ticket walkthrough (with orders and surveys)', ja: '8件の解説用データ(注文・アンケート付き)' },
      files: [
        ...packed(zendesk, readdirSync(zendesk).filter((n) => n.endsWith('.json')).sort()),
        ...packed(join(data, 'orders'), ['orders_export.csv']),
        ...packed(join(data, 'surveys'), ['surveys.csv']),
      ],
    });
    const freshdesk = join(fixtures, 'freshdesk');
    if (existsSync(join(freshdesk, 'small.json')))
      samples.push({ id: 'freshdesk-fixture', label: { en: 'Freshdesk (8 tickets)', ja: 'Freshdesk(8件)' }, files: packed(freshdesk, ['small.json', 'satisfaction_ratings.json']) });
  }
  const vendorFixtures = [
    { id: 'helpscout-fixture', dir: 'helpscout', names: ['conversations.json', 'rating_1003.json'], label: { en: 'Help Scout (8 tickets)', ja: 'Help Scout(8件)' } },
    { id: 'intercom-fixture', dir: 'intercom', names: ['conversations.jsonl'], label: { en: 'Intercom (8 conversations)', ja: 'Intercom(8件)' } },
  ];
  for (const { id, dir, names, label } of vendorFixtures) {
    const files = packed(join(data, dir), names);
    if (files.length) samples.push({ id, label, files });
  }
  // The canonical format's example (docs/formats/canonical.md): the same eight tickets, for any other helpdesk.
  const canonical = packed(join(ROOT, 'examples', 'canonical'), ['helpdesk-kpi-export.json']);
  if (canonical.length)
    samples.push({ id: 'canonical-example', label: { en: 'Canonical format (8 tickets)', ja: '共通フォーマット(8件)' }, files: canonical });
  return `export const SAMPLES = ${JSON.stringify(samples)};`;
}

/** Builds build/page/helpdesk-kpi.html; returns {file, bytes}. */
export async function buildPage({ outFile = OUT_FILE } = {}) {
  if (!existsSync(CLASSIC_WASM)) throw new Error(`missing ${CLASSIC_WASM}: build the wasm first (cmake --build build/wasm)`);
  const { classicWasmJs, wasmGz } = embeddableEngine(readFileSync(CLASSIC_WASM, 'utf8'));
  const workerJs = await bundle(join(WEB, 'worker-classic.mjs'), { format: 'iife' });
  const modules = {
    embedded:
      `export const CLASSIC_WASM_JS = ${JSON.stringify(classicWasmJs)};\nexport const WASM_GZ = ${JSON.stringify(wasmGz)};\n` +
      `export const WORKER_JS = ${JSON.stringify(workerJs)};`,
    samples: await sampleModule(),
  };
  const script = await bundle(join(WEB, 'page', 'app.mjs'), { modules, engineModule: CLASSIC_FACTORY });
  const html = htmlDocument({ title: 'Helpdesk KPI', script, engine: true });
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, html);
  const bytes = Buffer.byteLength(html);
  if (bytes > SIZE_BUDGET) throw new Error(`${outFile} is ${bytes} bytes, over the ${SIZE_BUDGET}-byte budget`);
  return { file: outFile, bytes };
}

let viewerScript = null; // a promise of the bundle, made once per process

/**
 * A self-contained HTML page showing one report (the CLI's --html OUT.html). Async (esbuild bundles the viewer once per
 * process, ~0.1 s); needs the esbuild devDependency, not the wasm build.
 * @param {object} report a report object (SPEC §6.1)
 * @param {{previous?: object, lang?: 'en'|'ja', title?: string}} [options]
 * @returns {Promise<string>} the HTML text
 */
export async function renderReportHtml(report, options = {}) {
  if (!report || typeof report !== 'object' || !report.kpis) throw new TypeError('renderReportHtml needs a report object');
  viewerScript ??= bundle(join(WEB, 'page', 'report-viewer.mjs'));
  const script = await viewerScript;
  const json = (value) =>
    JSON.stringify(value ?? null).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
  const dataBlocks =
    `<script type="application/json" id="hk-report">${json(report)}</script>\n` +
    `<script type="application/json" id="hk-options">${json({ previous: options.previous ?? null, lang: options.lang ?? null })}</script>\n`;
  return htmlDocument({
    title: options.title ?? 'Helpdesk KPI report',
    lang: options.lang ?? 'en',
    script,
    dataBlocks,
    engine: false,
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { file, bytes } = await buildPage();
  console.log(`${file}  ${(bytes / 1024).toFixed(0)} KiB (budget ${SIZE_BUDGET.toLocaleString("en")} bytes)`);
}
