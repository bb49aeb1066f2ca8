#!/usr/bin/env node
// Benchmark harness (ISSUE 5, SPEC §8): `npm run bench [-- options]`.
//
// Generates seeded synthetic exports on demand into build/bench-data (scripts/gen-export.mjs; never committed), then on
// the same file measures the engine against the baseline a web developer would write (bench/baseline.mjs) in Node 20
// (bench/node-run.mjs), in headless Chromium through the page's real path File → worker → engine
// (bench/browser-run.mjs), and the native Release build (build/bench-native: tools/hk_native end to end, and
// bench/native/hk_bench.cpp for the phases; bench/native/parse_floor.cpp, natively and in wasm, for what the parser
// alone takes on the same file). Cold and warm runs apart, medians of the warm runs, peak memory. Checks
// that the engine's numbers agree with the baseline's (exit code 1 when they do not). Writes docs/benchmarks.md (the
// part between its bench markers) and build/bench-results/latest.json.
//
//   node bench/run.mjs [--big] [--sizes 10MB,100MB] [--datasets zendesk-document,zendesk-jsonl,gorgias-document]
//                      [--envs node,chromium,native] [--runs 3] [--requery-tickets N] [--no-page] [--no-docs]
//   --big adds the 1 GB Zendesk document (generated once, ~1 GB on disk; one warm run per environment).
//   --requery-tickets N also times re-queries on a Zendesk document of N tickets in each environment. bench/requery.mjs,
//   when present, is run too (100k tickets; with --big also 1M; --requery-script no skips it) and its figures go in the doc.
//   node bench/run.mjs --smoke     5 MB Zendesk document, Node only, one run: only checks that the numbers agree
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { baselineKpis, compareKpis, engineKpis, parseExportText } from './baseline.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.join(ROOT, 'build', 'bench-data');
const RESULTS = path.join(ROOT, 'build', 'bench-results');
const NATIVE_DIR = path.join(ROOT, 'build', 'bench-native');
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const MB = 1e6;

// ---- options ------------------------------------------------------------------------------------------------------
const opts = { sizes: '10MB,100MB', big: false, datasets: 'zendesk-document,zendesk-jsonl,gorgias-document', envs: 'node,chromium,native', runs: '3',
  'requery-tickets': '0', page: true, docs: true, smoke: false, seed: '42', 'big-runs': '1', 'big-datasets': 'zendesk-document' };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--smoke') opts.smoke = true;
  else if (a === '--no-docs') opts.docs = false;
  else if (a === '--big') opts.big = true;
  else if (a === '--no-page') opts.page = false;
  else if (a === '--page') opts.page = true;
  else if (a.startsWith('--')) opts[a.slice(2)] = process.argv[++i];
  else throw new Error(`unexpected argument ${a}`);
}
const log = (...m) => process.stderr.write(`[bench] ${m.join(' ')}\n`);

function parseSize(s) {
  const m = /^([\d.]+)\s*(k|m|g)?b?$/i.exec(s.trim());
  if (!m) throw new Error(`bad size ${s}`);
  return Math.round(+m[1] * { '': 1, k: 1e3, m: 1e6, g: 1e9 }[(m[2] || '').toLowerCase()]);
}

/** The tickets file of a seeded export, generated once into build/bench-data (tickets only: no audits, no ratings). */
function dataset(name, size) {
  const [vendor, shape] = name.split('-');
  const dir = path.join(DATA, `${name}-${size}-seed${opts.seed}`);
  const file = path.join(dir, `${vendor}.${shape === 'jsonl' ? 'jsonl' : 'json'}`);
  if (!fs.existsSync(file) || !fs.existsSync(path.join(dir, 'done'))) {
    log(`generating ${name} ${size} → ${path.relative(ROOT, dir)}`);
    const sizeArgs = /^\d+tickets$/.test(size) ? ['--tickets', size.replace('tickets', '')] : ['--size', size];
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'gen-export.mjs'), '--vendor', vendor, '--shape', shape, ...sizeArgs,
      '--seed', opts.seed, '--tickets-only', '--out', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
    fs.writeFileSync(path.join(dir, 'done'), '');
  }
  return file;
}

const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  return v.length ? (v.length % 2 ? v[v.length >> 1] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2) : null;
};

// ---- environments ---------------------------------------------------------------------------------------------------
function runNode(file, runs, requery) {
  const nice = canNice() ? ['nice', '-n', '-5'] : [];
  const cmd = [...nice, process.execPath, '--expose-gc', '--max-old-space-size=8192', path.join(ROOT, 'bench', 'node-run.mjs'), '--file', file,
    '--runs', String(runs), '--requery', String(requery)];
  const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`node-run failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

let niceOk;
function canNice() {
  if (niceOk === undefined) niceOk = spawnSync('nice', ['-n', '-5', 'true']).status === 0 && spawnSync('nice', ['-n', '-5', 'sh', '-c', '[ "$(nice)" -lt 0 ]']).status === 0;
  return niceOk;
}

function buildNative() {
  const lib = path.join(NATIVE_DIR, 'libhk_engine.a');
  if (!fs.existsSync(path.join(NATIVE_DIR, 'CMakeCache.txt')))
    execFileSync('cmake', ['-S', ROOT, '-B', NATIVE_DIR, '-DCMAKE_BUILD_TYPE=Release', '-DHK_TESTS=OFF'], { stdio: 'inherit' });
  execFileSync('cmake', ['--build', NATIVE_DIR, '-j2', '--target', 'hk_native'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const bench = path.join(NATIVE_DIR, 'hk_bench');
  const src = path.join(ROOT, 'bench', 'native', 'hk_bench.cpp');
  const newest = Math.max(fs.statSync(src).mtimeMs, fs.statSync(lib).mtimeMs);
  if (!fs.existsSync(bench) || fs.statSync(bench).mtimeMs < newest) {
    execFileSync('g++', ['-std=c++17', '-O3', '-DNDEBUG', '-DJSON_NOEXCEPTION', '-DSIMDJSON_EXCEPTIONS=0', '-fno-exceptions', `-I${path.join(ROOT, 'src')}`,
      '-isystem', path.join(NATIVE_DIR, 'third_party_include'), '-isystem', path.join(ROOT, 'node_modules', '@nozbe', 'simdjson', 'src'),
      src, lib, path.join(NATIVE_DIR, 'libhk_simdjson.a'), '-o', bench], { stdio: 'inherit' });
  }
  return { hkNative: path.join(NATIVE_DIR, 'hk_native'), hkBench: bench };
}

function runNative(file, runs, requery) {
  const { hkNative, hkBench } = buildNative();
  const nice = canNice() ? ['nice', '-n', '-5'] : [];
  const e2e = () => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(nice[0] ?? '/usr/bin/time', [...nice.slice(1), ...(nice.length ? ['/usr/bin/time'] : []), '-v', hkNative, file],
      { encoding: 'utf8', maxBuffer: 1 << 28 });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0) throw new Error(`hk_native failed: ${r.stderr}`);
    const rss = +(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
    return { seconds, max_rss_kb: rss, report: r.stdout };
  };
  const phases = () => {
    const r = spawnSync(nice[0] ?? hkBench, [...nice.slice(1), ...(nice.length ? [hkBench] : []), '--requery', String(requery), file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`hk_bench failed: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  const out = { env: 'native', file, bytes: fs.statSync(file).size, engine: { cold: null, warm: [] }, phases: [] };
  out.engine.cold = e2e();
  for (let i = 0; i < runs; i++) out.engine.warm.push(e2e());
  for (let i = 0; i < Math.max(1, runs); i++) out.phases.push(phases());
  const report = JSON.parse(out.engine.cold.report);
  out.engine.cold.kpis = engineKpis(report);
  out.engine.cold.tickets = report.data_quality?.tickets_read ?? null;
  for (const r of [out.engine.cold, ...out.engine.warm]) delete r.report;
  return out;
}

// The parser alone (bench/native/parse_floor.cpp), built natively like hk_bench and for wasm with em++ against the wasm
// build's own libraries (build/wasm, made by scripts/bootstrap.sh), run in Node. Null where it cannot be built.
const FLOOR_SRC = path.join(ROOT, 'bench', 'native', 'parse_floor.cpp');
const FLOOR_FLAGS = ['-std=c++17', '-O3', '-DNDEBUG', '-DJSON_NOEXCEPTION', '-DSIMDJSON_EXCEPTIONS=0', '-fno-exceptions', `-I${path.join(ROOT, 'src')}`,
  '-isystem', path.join(ROOT, 'node_modules', '@nozbe', 'simdjson', 'src')];
const stale = (out, inputs) => !fs.existsSync(out) || fs.statSync(out).mtimeMs < Math.max(...inputs.map((f) => fs.statSync(f).mtimeMs));
let floorTools;
function buildFloor() {
  if (floorTools) return floorTools;
  floorTools = { native: null, wasm: null };
  try {
    buildNative();
    const libs = [path.join(NATIVE_DIR, 'libhk_engine.a'), path.join(NATIVE_DIR, 'libhk_simdjson.a')];
    const out = path.join(NATIVE_DIR, 'parse_floor');
    if (stale(out, [FLOOR_SRC, ...libs])) execFileSync('g++', [...FLOOR_FLAGS, FLOOR_SRC, ...libs, '-o', out], { stdio: 'inherit' });
    floorTools.native = out;
  } catch (e) {
    log(`parse_floor (native) not built: ${e.message}`);
  }
  try {
    const wasmDir = path.join(ROOT, 'build', 'wasm');
    const libs = [path.join(wasmDir, 'libhk_engine.a'), path.join(wasmDir, 'libhk_simdjson.a')];
    const out = path.join(ROOT, 'build', 'bench-wasm', 'parse_floor.cjs');
    if (stale(out, [FLOOR_SRC, ...libs])) {
      fs.mkdirSync(path.dirname(out), { recursive: true });
      // The same SIMD flags as the engine's wasm build (CMakeLists.txt); NODERAWFS lets it read the file in Node.
      execFileSync('em++', [...FLOOR_FLAGS, '-msimd128', '-mssse3', FLOOR_SRC, ...libs, '-sNODERAWFS=1', '-sSINGLE_FILE=1', '-sENVIRONMENT=node',
        '-sALLOW_MEMORY_GROWTH=1', '-sMAXIMUM_MEMORY=4294967296', '-Wno-version-check', '-o', out],
      { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } });
    }
    floorTools.wasm = out;
  } catch (e) {
    log(`parse_floor (wasm) not built: ${e.message}`);
  }
  return floorTools;
}

/** The parser alone on one file, in the environment's build (native, or the wasm one in Node); null when unavailable. */
function runFloor(env, file, runs) {
  const tools = buildFloor();
  const tool = env === 'native' ? tools.native : tools.wasm;
  if (!tool) return null;
  const nice = canNice() ? ['nice', '-n', '-5'] : [];
  const cmd = [...nice, ...(env === 'native' ? [tool] : [process.execPath, tool]), '--runs', String(Math.max(3, runs)), file];
  const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) return { error: `parse_floor exited with ${r.status}: ${r.stderr.trim().split('\n').pop()}` };
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** The baseline's figures for a file, computed here (for environments without a baseline run, e.g. native). */
function baselineFigures(file) {
  try {
    return baselineKpis(parseExportText(new TextDecoder().decode(fs.readFileSync(file))));
  } catch (e) {
    return null;
  }
}

// ---- smoke ------------------------------------------------------------------------------------------------------------
if (opts.smoke) {
  const file = dataset('zendesk-document', '5MB');
  const r = runNode(file, 0, 1);
  const diffs = r.diffs ?? ['no comparison was made'];
  log(`smoke: ${path.relative(ROOT, file)}: engine ${r.engine.cold.seconds.toFixed(3)} s, baseline ${r.baseline.cold.seconds.toFixed(3)} s; ` +
    (diffs.length ? `numbers DIFFER:\n  ${diffs.join('\n  ')}` : 'numbers agree'));
  process.stdout.write(JSON.stringify({ file: path.relative(ROOT, file), diffs, engine: r.engine.cold.kpis, baseline: r.baseline.cold.kpis }) + '\n');
  process.exit(diffs.length ? 1 : 0);
}

// ---- full run ---------------------------------------------------------------------------------------------------------
const envs = opts.envs.split(',');
const sizes = opts.sizes.split(',').filter(Boolean);
if (opts.big && !sizes.some((s) => parseSize(s) >= 500 * MB)) sizes.push('1GB');
const runsFor = (size) => (parseSize(size) >= 500 * MB ? +opts['big-runs'] : +opts.runs);
const results = { date: new Date().toISOString(), machine: machine(), runs: +opts.runs, seed: +opts.seed, cases: [], requery: null, page: null };
let disagreements = 0;

if (envs.includes('chromium')) {
  const { buildBenchPage } = await import('./browser-run.mjs');
  await buildBenchPage();
}
for (const size of sizes) {
  const names = parseSize(size) >= 500 * MB ? opts['big-datasets'].split(',') : opts.datasets.split(',');
  for (const name of names) {
    const file = dataset(name, size);
    const runs = runsFor(size);
    for (const env of envs) {
      log(`${env} ${name} ${size} (${runs} warm run${runs === 1 ? '' : 's'})`);
      let r;
      try {
        if (env === 'node') r = runNode(file, runs, 5);
        else if (env === 'chromium') r = await (await import('./browser-run.mjs')).runChromium({ file, runs, requery: 5 });
        else if (env === 'native') {
          r = runNative(file, runs, 5);
          const base = parseSize(size) < 500 * MB ? baselineFigures(file) : null;
          if (base) r.diffs = compareKpis(r.engine.cold.kpis, base);
        }
      } catch (e) {
        log(`  failed: ${e.message}`);
        r = { env, file, error: String(e.message ?? e) };
      }
      r.dataset = name;
      r.size = size;
      // The parser alone on the same file, right after the engine's runs (the whole file in memory: not at 1 GB).
      if (!r.error && (env === 'native' || env === 'node') && parseSize(size) < 500 * MB) {
        r.floor = runFloor(env, file, runs);
        if (r.floor) log(`  the parser alone: ${JSON.stringify(r.floor)}`);
      }
      if (r.diffs?.length) {
        disagreements++;
        log(`  numbers DIFFER: ${r.diffs.join('; ')}`);
      }
      results.cases.push(r);
      log(`  ${summaryLine(r)}`);
      saveResults();
    }
  }
}

// Re-query on 1 million tickets: a new period and a channel filter on an ingested store.
if (+opts['requery-tickets'] > 0) {
  const n = +opts['requery-tickets'];
  const file = dataset('zendesk-document', `${n}tickets`);
  results.requery = { tickets: n, file: path.relative(ROOT, file), bytes: fs.statSync(file).size };
  for (const env of envs) {
    log(`re-query ${env} on ${n} tickets`);
    try {
      if (env === 'node') {
        const r = runNode(file, 0, 9);
        results.requery.node = { seconds: r.engine.cold.requery_median_s, ingest_s: r.engine.cold.seconds, wasm_memory_bytes: r.engine.cold.wasm_memory_bytes, tickets: r.engine.cold.tickets };
      } else if (env === 'native') {
        const { hkBench } = buildNative();
        const p = JSON.parse(execFileSync(hkBench, ['--requery', '9', file], { encoding: 'utf8' }));
        results.requery.native = { seconds: p.requery_median_s, ingest_s: p.to_report_s, max_rss_kb: p.max_rss_kb, tickets: p.tickets };
      } else if (env === 'chromium') {
        const r = await (await import('./browser-run.mjs')).runChromium({ file, runs: 0, requery: 9, which: ['engine'] });
        results.requery.chromium = { seconds: r.engine.cold.requery_median_s, ingest_s: r.engine.cold.seconds, wasm_memory_bytes: r.engine.cold.wasm_memory_bytes, tickets: r.engine.cold.tickets };
      }
    } catch (e) {
      results.requery[env] = { error: String(e.message ?? e) };
    }
    log(`  ${JSON.stringify(results.requery[env])}`);
    saveResults();
  }
}

// bench/requery.mjs (re-queries on a store of 100k, and with --big 1M, tickets: period, filters, breakdowns), when present.
const requeryScript = path.join(ROOT, 'bench', 'requery.mjs');
if (fs.existsSync(requeryScript) && opts['requery-script'] !== 'no') {
  const tickets = opts['requery-script-tickets'] ?? (opts.big ? '100000,1000000' : '100000');
  log(`bench/requery.mjs --tickets ${tickets}`);
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', requeryScript, '--tickets', tickets], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] });
  results.requery_script = r.status === 0
    ? r.stdout.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l))
    : { error: `bench/requery.mjs exited with ${r.status}` };
  saveResults();
}

if (opts.page && envs.includes('chromium')) {
  log('the single-file page: size, ready time, a 100 MB drop');
  const { productPage } = await import('./browser-run.mjs');
  const sizes100 = sizes.includes('100MB') ? dataset('zendesk-document', '100MB') : null;
  try {
    results.page = await productPage({ file: sizes100 });
  } catch (e) {
    results.page = { error: String(e.message ?? e) };
  }
  log(`  ${JSON.stringify(results.page)}`);
  saveResults();
}

results.machine.load_at_end = os.loadavg().map((x) => +x.toFixed(2));
saveResults();
if (opts.docs) {
  const { writeDoc } = await import('./report.mjs');
  writeDoc(DOC, results);
  log(`wrote ${path.relative(ROOT, DOC)}`);
}
process.exit(disagreements ? 1 : 0);

// ---- helpers --------------------------------------------------------------------------------------------------------
function saveResults() {
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, 'latest.json'), JSON.stringify(results, null, 1));
}

function machine() {
  const cpus = os.cpus();
  let chromium = null;
  try {
    chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {}
  let gxx = null;
  try {
    gxx = execFileSync('g++', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {}
  return { cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, memory_gb: +(os.totalmem() / 2 ** 30).toFixed(1), os: `${os.type()} ${os.release()}`,
    node: process.version, chromium, gxx, load_at_start: os.loadavg().map((x) => +x.toFixed(2)) };
}

function summaryLine(r) {
  if (r.error) return `error: ${r.error}`;
  const e = median(r.engine.warm.map((x) => x.seconds)) ?? r.engine.cold?.seconds;
  // A baseline run that failed (a 1 GB file is over V8's string limit) has a time but no result: it is not a speed.
  const ok = (x) => x && !x.error;
  const failed = r.baseline && ![r.baseline.cold, ...r.baseline.warm].some(ok) && (r.baseline.cold ?? r.baseline.warm[0]);
  const b = r.baseline ? median(r.baseline.warm.filter(ok).map((x) => x.seconds)) ?? (ok(r.baseline.cold) ? r.baseline.cold.seconds : null) : null;
  return `engine ${(r.bytes / MB / e).toFixed(0)} MB/s (${e.toFixed(3)} s warm median, cold ${r.engine.cold?.seconds.toFixed(3)} s)` +
    (b ? `, baseline ${(r.bytes / MB / b).toFixed(0)} MB/s (${b.toFixed(3)} s), ratio ${(b / e).toFixed(2)}×` : '') +
    (failed ? `, baseline fails (${failed.error})` : '') +
    (r.diffs ? (r.diffs.length ? ' — DIFFER' : ' — numbers agree') : '') + timingNote(r.engine.warm);
}

// The worker's own split of a warm run (web/src/worker-core.mjs): waiting for file slices, engine feed, finish.
function timingNote(runs) {
  const t = runs.map((x) => x.timing).filter(Boolean);
  if (!t.length) return '';
  const m = (k) => median(t.map((x) => x[k])).toFixed(0);
  return `; in the worker: read wait ${m('waitMs')} ms, feed ${m('feedMs')} ms, finish ${m('finishMs')} ms`;
}
