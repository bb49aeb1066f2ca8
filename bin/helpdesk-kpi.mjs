#!/usr/bin/env node
// Command line (SPEC §6.5): analyses helpdesk export files with the same wasm module the page uses, in Node.
//   helpdesk-kpi FILE... [--format table|json] [--out FILE] [--from DATE] [--to DATE] [--filter KEY=V1,V2]
//                        [--tz ZONE] [--vendor NAME]
// Exit codes: 0 ok; 1 a file could not be read or was rejected (the report of the rest is still printed); 2 usage.
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { openSession } from '../web/src/index.mjs';
import { formatTable } from './format-table.mjs';

const USAGE = `usage: helpdesk-kpi FILE... [--format table|json] [--out FILE] [--from DATE] [--to DATE]
                    [--filter agent|channel|tag|status=V1,V2] [--tz ZONE] [--vendor NAME]`;

function fail(message, code = 2) {
  process.stderr.write(`helpdesk-kpi: ${message}\n`);
  process.exit(code);
}

function parseArgs(argv) {
  const opts = { files: [], format: 'table', out: null, query: { filters: {} }, settings: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${a} needs a value\n${USAGE}`);
      return argv[++i];
    };
    if (a === '--format') opts.format = value();
    else if (a === '--out') opts.out = value();
    else if (a === '--from') opts.query.from = value();
    else if (a === '--to') opts.query.to = value();
    else if (a === '--tz') opts.settings.timezone = value();
    else if (a === '--vendor') opts.vendor = value();
    else if (a === '--filter') {
      const [key, list] = value().split('=');
      if (!['agent', 'channel', 'tag', 'status'].includes(key) || !list) fail(`--filter takes agent|channel|tag|status=V1,V2\n${USAGE}`);
      opts.query.filters[key] = list.split(',').filter(Boolean);
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (a.startsWith('--')) fail(`unknown option ${a}\n${USAGE}`);
    else opts.files.push(a);
  }
  if (!opts.files.length) fail(`no input file\n${USAGE}`);
  if (!['table', 'json'].includes(opts.format)) fail(`--format must be table or json\n${USAGE}`);
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const inputs = opts.files.map((path) => {
  let size;
  try {
    size = statSync(path).size;
  } catch (e) {
    fail(`cannot read ${path}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`, 1);
  }
  return { name: basename(path), data: createReadStream(path, { highWaterMark: 4 << 20 }), size };
});
if (opts.vendor) opts.settings.sources = Object.fromEntries(inputs.map((i) => [i.name, { vendor: opts.vendor }]));

const session = await openSession(inputs, opts.settings);
let report;
let text;
try {
  text = session.reportText(opts.query);
  report = JSON.parse(text);
} finally {
  session.close();
}
if (report.error) fail(report.error);
const output = opts.format === 'json' ? `${text}\n` : formatTable(report);
if (opts.out) writeFileSync(opts.out, output);
else process.stdout.write(output);

// One line per file that could not be used, and a non-zero exit, so scripts notice.
const errors = report.sources.filter((s) => s.error);
for (const s of errors) process.stderr.write(`helpdesk-kpi: ${s.error}\n`);
if (errors.length) process.exitCode = 1;
