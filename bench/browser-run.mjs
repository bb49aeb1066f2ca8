// Headless Chromium benchmark (Debian's /usr/bin/chromium driven by playwright-core, the toolchain-notes recipe).
//
// runChromium({file, runs, requery}) — one fresh browser per call; in ONE page opened from file://
// (build/bench-page/bench.html, see bench/browser/page-main.mjs): the engine through the worker API (File from an
// <input type=file> → openSession → Blob classic worker → wasm engine → session.reportText) and the baseline
// (File.arrayBuffer → TextDecoder → JSON.parse → plain-JS KPIs on the page's main thread). Cold = the first engine run
// after the page loaded (worker start, wasm compile and warm-up included) and the first baseline run; warm = later runs in
// the same page, median; before each warm engine run the page has a spare engine worker ready, as the product page keeps
// one after each analysis (prewarmEngine). Memory: wasm memory of the worker (its WebAssembly.Memory size after the run), the peak RSS
// of the renderer process(es) sampled every 25 ms from outside (/proc), and the page's JS heap (performance.memory,
// precise) after JSON.parse for the baseline.
//
// productPage({file}) — the shipped single-file page (build/page/helpdesk-kpi.html) from file://: its size, the time
// until its drop zone is ready, and optionally a file dropped on it (input → kpi-report: ingest plus the dashboard's own
// queries and rendering).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { baselineKpis, compareKpis, engineKpis, parseExportText } from './baseline.mjs';
import { embeddableEngine } from '../scripts/embed-engine.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PAGE_DIR = path.join(ROOT, 'build', 'bench-page');
const PAGE = path.join(PAGE_DIR, 'bench.html');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--enable-precise-memory-info', ...(process.env.HK_BENCH_JS_FLAGS ? ['--js-flags=' + process.env.HK_BENCH_JS_FLAGS] : [])];
const REQUERIES = [
  { from: '2025-02-01', to: '2025-03-01', filters: { channel: ['email'] } },
  { from: '2025-01-15', to: '2025-03-15', filters: { channel: ['chat', 'sms'] } },
];

/** Bundles the benchmark page (esbuild, as scripts/build-page.mjs bundles the product page). */
export async function buildBenchPage() {
  const esbuild = await import('esbuild');
  const classic = path.join(ROOT, 'build', 'wasm', 'helpdesk_kpi.classic.js');
  if (!fs.existsSync(classic)) throw new Error(`missing ${classic}: build the wasm first`);
  const bundle = async (entry, format, modules = {}) => {
    const r = await esbuild.build({
      entryPoints: [entry], bundle: true, write: false, format, minify: true, target: ['chrome110'], logLevel: 'silent',
      plugins: [{
        name: 'bench-virtual',
        setup(build) {
          // The in-page engine is not used (a fallback would be a silent mode change): it is a stub that fails.
          build.onResolve({ filter: /helpdesk_kpi\.mjs$/ }, () => ({ path: 'engine', namespace: 'hk' }));
          build.onResolve({ filter: /^hk:/ }, (a) => ({ path: a.path.slice(3), namespace: 'hk' }));
          build.onLoad({ filter: /.*/, namespace: 'hk' }, (a) => ({
            contents: a.path === 'engine' ? 'export default () => Promise.reject(new Error("no in-page engine in the benchmark page"));' : modules[a.path],
            loader: 'js', resolveDir: path.join(ROOT, 'web', 'src'),
          }));
        },
      }],
    });
    return r.outputFiles[0].text;
  };
  const workerJs = await bundle(path.join(ROOT, 'web', 'src', 'worker-classic.mjs'), 'iife');
  const engine = embeddableEngine(fs.readFileSync(classic, 'utf8')); // as the single-file page embeds it
  const modules = {
    embedded: `export const CLASSIC_WASM_JS = ${JSON.stringify(engine.classicWasmJs)};\nexport const WASM_GZ = ${JSON.stringify(engine.wasmGz)};\n` +
      `export const WORKER_JS = ${JSON.stringify(workerJs)};\nexport const SHIM_JS = ${JSON.stringify(fs.readFileSync(path.join(ROOT, 'bench', 'browser', 'shim.js'), 'utf8'))};`,
  };
  const script = await bundle(path.join(ROOT, 'bench', 'browser', 'page-main.mjs'), 'esm', modules);
  const helpers = `window.baselineKpis = ${baselineKpis.toString()};\nwindow.parseExportText = ${parseExportText.toString()};`;
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head><body>
<input type="file" id="file"><input type="file" id="file2">
<script>${helpers.replace(/<\/script/gi, '<\\/script')}</script>
<script type="module">${script.replace(/<\/script/gi, '<\\/script')}</script>
</body></html>`;
  fs.mkdirSync(PAGE_DIR, { recursive: true });
  fs.writeFileSync(PAGE, html);
  return PAGE;
}

// ---- renderer memory, sampled from outside -------------------------------------------------------------------------
function descendants(rootPid) {
  const children = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = +stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(+d);
    } catch {}
  }
  const out = [];
  const stack = [rootPid];
  while (stack.length) for (const c of children.get(stack.pop()) ?? []) out.push(c), stack.push(c);
  return out;
}
function rendererPids() {
  return descendants(process.pid).filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
    } catch {
      return false;
    }
  });
}
function rssKb(pid) {
  try {
    return +(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}
/** Samples the summed RSS of the renderer processes every `ms` until stop(); returns the peak in KiB. */
function sampleRenderers(ms = 25) {
  let peak = 0;
  let pids = rendererPids();
  let n = 0;
  const tick = () => {
    if (++n % 20 === 0) pids = rendererPids();
    const sum = pids.reduce((s, p) => s + rssKb(p), 0);
    if (sum > peak) peak = sum;
  };
  tick();
  const timer = setInterval(tick, ms);
  return () => {
    clearInterval(timer);
    tick();
    return peak;
  };
}

async function launch() {
  const { chromium } = await import('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hk-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function workerWasmBytes(page) {
  for (const w of page.workers()) {
    const sizes = await w.evaluate(() => (self.__hkMemories ?? []).map((m) => m.buffer.byteLength)).catch(() => []);
    if (sizes.length) return Math.max(...sizes);
  }
  return null;
}

/** Engine and baseline in one page of a fresh Chromium. */
export async function runChromium({ file, runs = 3, requery = 5, which = ['engine', 'baseline'], timeoutMs = 30 * 60e3 }) {
  if (!fs.existsSync(PAGE)) await buildBenchPage();
  const browser = await launch();
  const out = { env: 'chromium', file, bytes: fs.statSync(file).size, engine: { cold: null, warm: [] }, baseline: { cold: null, warm: [] } };
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(timeoutMs);
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    out.browser = browser.context.browser()?.version() ?? null;
    await page.goto(pathToFileURL(PAGE).href);
    await page.waitForFunction(() => document.title === 'bench ready');
    out.browser = await page.evaluate(() => navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? navigator.userAgent);
    await page.setInputFiles('#file', file);
    let prewarmed = false; // the cold run starts its worker itself (wasm compile and warm-up included)
    const engineRun = async () => {
      const stop = sampleRenderers();
      const r = await page.evaluate(() => window.bench.engine('file'));
      r.wasm_memory_bytes = await workerWasmBytes(page);
      r.requery_s = requery ? await page.evaluate(([q, n]) => window.bench.requery(q, n), [REQUERIES, requery]) : [];
      await page.evaluate(() => window.bench.closeSession());
      r.peak_renderer_rss_kb = stop();
      r.prewarmed = prewarmed;
      // As the product page does after each analysis: a spare worker for the next file (ready before anything else runs).
      prewarmed = await page.evaluate(() => window.bench.prewarm());
      if (r.mode !== 'worker') throw new Error(`the engine ran in mode ${r.mode}, not in a worker`);
      const report = JSON.parse(r.report);
      r.kpis = engineKpis(report);
      r.tickets = report.data_quality?.tickets_read ?? null;
      delete r.report;
      const rq = [...r.requery_s].sort((a, b) => a - b);
      r.requery_median_s = rq.length ? rq[rq.length >> 1] : null;
      const p = r.progress;
      r.progress_events = p.length;
      r.progress_moving = p.length >= 3 && p.every((e, i) => i === 0 || e.bytes >= p[i - 1].bytes) && p[p.length - 1].bytes > p[0].bytes;
      r.progress_max_gap_s = p.reduce((g, e, i) => (i ? Math.max(g, (e.t - p[i - 1].t) / 1000) : g), 0);
      delete r.progress;
      return r;
    };
    const baselineRun = async () => {
      const stop = sampleRenderers();
      const r = await page.evaluate(() => window.bench.baseline('file'));
      r.peak_renderer_rss_kb = stop();
      // Let the page drop the parsed document before the next run.
      await page.evaluate(() => new Promise((res) => setTimeout(res, 200)));
      return r;
    };
    if (which.includes('engine')) out.engine.cold = await engineRun();
    if (which.includes('baseline')) out.baseline.cold = await baselineRun();
    for (let i = 0; i < runs; i++) {
      if (which.includes('engine')) out.engine.warm.push(await engineRun());
      if (which.includes('baseline')) out.baseline.warm.push(await baselineRun());
    }
    const e = out.engine.cold ?? out.engine.warm[0];
    const b = out.baseline.cold ?? out.baseline.warm[0];
    if (e && b && !b.error) out.diffs = compareKpis(e.kpis, b.kpis);
    for (const r of [out.engine.cold, ...out.engine.warm, out.baseline.cold, ...out.baseline.warm]) if (r && r !== e && r !== b) delete r.kpis;
    out.page_errors = errors;
  } finally {
    await browser.close();
  }
  return out;
}

/** The shipped single-file page: size, time to a ready drop zone (median of `runs` fresh pages), and optionally a drop. */
export async function productPage({ file = null, runs = 5, timeoutMs = 10 * 60e3 } = {}) {
  const pageFile = path.join(ROOT, 'build', 'page', 'helpdesk-kpi.html');
  if (!fs.existsSync(pageFile)) return { error: 'build/page/helpdesk-kpi.html is missing (scripts/build-page.mjs)' };
  const out = { bytes: fs.statSync(pageFile).size, ready_ms: [] };
  const browser = await launch();
  try {
    for (let i = 0; i <= runs; i++) {
      const page = await browser.context.newPage();
      await page.goto(pathToFileURL(pageFile).href);
      // Ready for a drop: the dashboard's drop zone exists and the page script (which takes drops) has run.
      const ms = await page.waitForFunction(() => {
        const d = document.querySelector('helpdesk-kpi-dashboard');
        return d?.shadowRoot?.querySelector('[data-role="drop-zone"]') && d.samples?.length >= 0 ? performance.now() : false;
      }, null, { polling: 5 });
      if (i > 0) out.ready_ms.push(await ms.jsonValue()); // the first page load warms the browser's caches
      if (i < runs || !file) {
        await page.close();
        continue;
      }
      // A file picked in the page: input change → kpi-report (dashboard rendered).
      page.setDefaultTimeout(timeoutMs);
      await page.evaluate(() => {
        const d = document.querySelector('helpdesk-kpi-dashboard');
        window.__drop = new Promise((resolve) => {
          d.shadowRoot.addEventListener('change', () => { window.__t0 = performance.now(); }, true);
          d.addEventListener('kpi-report', () => resolve(performance.now()), { once: true });
          d.addEventListener('kpi-error', (e) => resolve(-1), { once: true });
        });
      });
      const stop = sampleRenderers();
      await page.setInputFiles('helpdesk-kpi-dashboard input[type=file]', file);
      const t1 = await page.evaluate(() => window.__drop);
      const t0 = await page.evaluate(() => window.__t0);
      out.drop = { file, seconds: t1 < 0 ? null : (t1 - t0) / 1000, peak_renderer_rss_kb: stop() };
      await page.close();
    }
  } finally {
    await browser.close();
  }
  out.ready_ms.sort((a, b) => a - b);
  out.ready_median_ms = out.ready_ms[out.ready_ms.length >> 1];
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildBenchPage();
  const file = process.argv[2];
  const r = await runChromium({ file, runs: +(process.argv[3] ?? 1) });
  console.log(JSON.stringify(r, null, 1));
}
