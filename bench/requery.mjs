#!/usr/bin/env node
// Re-query benchmark (issue 3: "a re-query on 100k tickets returns in well under 100 ms"). Ingests a seeded synthetic
// Zendesk export once through the package API (wasm, in-process, as the CLI does), then times report queries that
// change only the period, the filters, the breakdown or the comparison: no file is read again. Prints the median ms
// of each query kind per size, and one JSON line per size on stdout.
//   node bench/requery.mjs [--tickets 100000,1000000] [--runs 9] [--seed 42]
// Data: build/bench-data/requery-<n>-seed<seed>/ (tickets with their metric_set, JSONL; scripts/gen-export.mjs
// --tickets-only), generated on first use and kept. 1M tickets is about 2.5 GB on disk. Needs the wasm build
// (build/wasm/helpdesk_kpi.mjs). Separate from bench/run.mjs on purpose (that harness compares with a JS baseline).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSession } from '../web/src/index.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const opts = { tickets: '100000,1000000', runs: '9', seed: '42' };
for (let i = 2; i < process.argv.length; i += 2) opts[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const log = (m) => process.stderr.write(`[requery] ${m}\n`);

function dataset(tickets) {
  const dir = path.join(ROOT, 'build', 'bench-data', `requery-${tickets}-seed${opts.seed}`);
  if (!fs.existsSync(path.join(dir, 'done'))) {
    log(`generating ${tickets} tickets → ${path.relative(ROOT, dir)}`);
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'gen-export.mjs'), '--vendor', 'zendesk', '--shape', 'jsonl',
      '--tickets', String(tickets), '--seed', opts.seed, '--days', '365', '--tickets-only', '--out', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
    fs.writeFileSync(path.join(dir, 'done'), '');
  }
  return fs.readdirSync(dir).filter((f) => f !== 'done').map((f) => path.join(dir, f));
}

// The kinds of re-query a user makes on the page; each is run `runs` times, cycling through its variants.
const KINDS = {
  'new period': [{ from: '2025-02-01', to: '2025-02-28' }, { from: '2025-03-01', to: '2025-03-31' }, { from: '2025-06-01', to: '2025-08-31' }],
  'channel filter': [{ filters: { channel: ['email'] } }, { filters: { channel: ['chat', 'sms'] } }],
  'period + status filter': [{ from: '2025-04-01', to: '2025-04-30', filters: { status: ['solved', 'closed'] } }],
  'compare previous': [{ from: '2025-03-01', to: '2025-03-31', compare: true }],
  'breakdown channel': [{ from: '2025-03-01', to: '2025-03-31', breakdown: 'channel' }],
  'breakdown week': [{ from: '2025-01-06', to: '2025-03-30', breakdown: 'week' }],
};

const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[v.length >> 1] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

for (const tickets of opts.tickets.split(',').map(Number)) {
  const files = dataset(tickets);
  const t0 = performance.now();
  const inputs = files.map((f) => ({ name: path.basename(f), data: fs.createReadStream(f, { highWaterMark: 4 << 20 }), size: fs.statSync(f).size }));
  const session = await openSession(inputs, { timezone: 'UTC' });
  const first = JSON.parse(session.reportText({}));
  const ingestMs = performance.now() - t0;
  const result = { tickets: first.data_quality.tickets_used, ingest_and_first_report_ms: Math.round(ingestMs), requery_median_ms: {} };
  for (const [kind, queries] of Object.entries(KINDS)) {
    const times = [];
    for (let i = 0; i < +opts.runs; i++) {
      const a = performance.now();
      const text = session.reportText(queries[i % queries.length]);
      times.push(performance.now() - a);
      if (i === 0 && JSON.parse(text).error) throw new Error(`${kind}: ${JSON.parse(text).error}`);
    }
    result.requery_median_ms[kind] = +median(times).toFixed(1);
  }
  session.close();
  log(`${tickets} tickets (${result.tickets} used): ingest + first report ${(ingestMs / 1000).toFixed(1)} s`);
  for (const [kind, ms] of Object.entries(result.requery_median_ms)) log(`  ${kind.padEnd(24)} median ${ms} ms`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
