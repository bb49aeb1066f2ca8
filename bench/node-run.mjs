#!/usr/bin/env node
// One Node 20 benchmark process (spawned by bench/run.mjs with --expose-gc): the engine (wasm, through the package's
// public API, fed like the CLI feeds files: createReadStream in 4 MiB chunks) and the baseline (readFile +
// TextDecoder + JSON.parse + plain-JS KPIs, bench/baseline.mjs) on the same file, in this one process.
//   node --expose-gc bench/node-run.mjs --file F [--runs N] [--requery N] [--which engine,baseline] [--report-out F]
//                                       [--wasm build/X/helpdesk_kpi.mjs]
// --wasm runs another ES build of the engine (before/after comparisons) through the same session code the package's
// in-process path uses (web/src/session.mjs + inputs.mjs, as analyze-local.mjs does); without it, the package API.
// Order: engine cold (the first run in the process, module instantiation included), baseline cold, then N warm runs
// of each, alternating. Peak memory per run: the kernel's peak RSS (VmHWM), reset before each run through
// /proc/self/clear_refs; for the engine also the wasm memory size (HEAPU8.length; wasm memory never shrinks, so its
// size after a run is the peak so far). Prints one JSON object on stdout.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { baselineKpis, compareKpis, engineKpis, parseExportText } from './baseline.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const args = {};
for (let i = 2; i < process.argv.length; i++) {
  const k = process.argv[i].replace(/^--/, '');
  args[k] = process.argv[i + 1];
  i++;
}
const file = args.file;
const runs = +(args.runs ?? 3);
const requeries = +(args.requery ?? 5);
const which = (args.which ?? 'engine,baseline').split(',');
const size = fs.statSync(file).size;
const REQUERIES = [
  { from: '2025-02-01', to: '2025-03-01', filters: { channel: ['email'] } },
  { from: '2025-01-15', to: '2025-03-15', filters: { channel: ['chat', 'sms'] } },
];

const status = () => fs.readFileSync('/proc/self/status', 'utf8');
const kb = (name) => +(new RegExp(`${name}:\\s+(\\d+)`).exec(status())?.[1] ?? 0);
function resetPeak() {
  global.gc?.();
  global.gc?.();
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

let api = null;
let loadSeconds = null;
async function engineRun() {
  const peakReset = resetPeak();
  const t0 = performance.now();
  if (!api) {
    api = args.wasm ? await customApi(path.resolve(args.wasm)) : await import(path.join(ROOT, 'web', 'src', 'index.mjs'));
    await api.loadEngineModule();
    loadSeconds = (performance.now() - t0) / 1000;
  }
  const name = path.basename(file);
  const session = await api.openSession([{ name, data: fs.createReadStream(file, { highWaterMark: 4 << 20 }), size }]);
  const text = session.reportText({});
  const t1 = performance.now();
  const report = JSON.parse(text);
  const rq = [];
  for (let i = 0; i < requeries; i++) {
    const a = performance.now();
    session.reportText(REQUERIES[i % REQUERIES.length]);
    rq.push((performance.now() - a) / 1000);
  }
  session.close();
  const module = await api.loadEngineModule();
  rq.sort((a, b) => a - b);
  return {
    seconds: (t1 - t0) / 1000,
    peak_rss_kb: peakReset ? kb('VmHWM') : null,
    wasm_memory_bytes: module.HEAPU8.length,
    requery_median_s: rq.length ? rq[rq.length >> 1] : null,
    tickets: report.data_quality?.tickets_read ?? null,
    kpis: engineKpis(report),
    report: text,
  };
}

async function customApi(wasmPath) {
  const { default: create } = await import(wasmPath);
  const { warmUp } = await import(path.join(ROOT, 'web', 'src', 'warm-up.mjs'));
  const { normalizeInputs } = await import(path.join(ROOT, 'web', 'src', 'inputs.mjs'));
  const { EngineSession } = await import(path.join(ROOT, 'web', 'src', 'session.mjs'));
  let module = null;
  const loadEngineModule = async () => (module ??= warmUp(await create()));
  return {
    loadEngineModule,
    async openSession(inputs) {
      const s = new EngineSession(await loadEngineModule(), {});
      for (const source of normalizeInputs(inputs)) {
        for await (const chunk of source.chunks) s.feed(source.name, chunk);
        s.endSource(source.name);
      }
      s.finish();
      return s;
    },
  };
}

async function baselineRun() {
  const peakReset = resetPeak();
  const t0 = performance.now();
  try {
    const bytes = await fs.promises.readFile(file);
    const text = new TextDecoder().decode(bytes);
    const parsed = parseExportText(text);
    const heapAfterParse = process.memoryUsage().heapUsed;
    const kpis = baselineKpis(parsed);
    const t1 = performance.now();
    return { seconds: (t1 - t0) / 1000, peak_rss_kb: peakReset ? kb('VmHWM') : null, heap_after_parse_bytes: heapAfterParse, kpis };
  } catch (error) {
    // A file over V8's string limit (~512 MiB of text) cannot be decoded into one string at all.
    return { error: `${error.name}: ${error.message}`, seconds: (performance.now() - t0) / 1000, peak_rss_kb: peakReset ? kb('VmHWM') : null };
  }
}

const out = { env: 'node', node: process.version, file, bytes: size, engine: { cold: null, warm: [] }, baseline: { cold: null, warm: [] } };
if (which.includes('engine')) {
  out.engine.cold = await engineRun();
  out.engine.load_s = loadSeconds;
}
if (which.includes('baseline')) out.baseline.cold = await baselineRun();
for (let i = 0; i < runs; i++) {
  if (which.includes('engine')) out.engine.warm.push(await engineRun());
  if (which.includes('baseline')) out.baseline.warm.push(await baselineRun());
}
const engineRef = out.engine.cold ?? out.engine.warm[0];
const baseRef = out.baseline.cold ?? out.baseline.warm[0];
if (engineRef && baseRef && !baseRef.error) out.diffs = compareKpis(engineRef.kpis, baseRef.kpis);
if (args['report-out'] && engineRef) fs.writeFileSync(args['report-out'], engineRef.report);
for (const r of [out.engine.cold, ...out.engine.warm]) if (r) delete r.report;
for (const r of [out.engine.cold, ...out.engine.warm, out.baseline.cold, ...out.baseline.warm]) if (r && r !== engineRef && r !== baseRef) delete r.kpis;
process.stdout.write(JSON.stringify(out) + '\n');
