#!/usr/bin/env node
// Command line (SPEC §6.5): analyses helpdesk export files with the same wasm module the page uses, in Node.
//   helpdesk-kpi FILE... [--format table|json|csv] [--out FILE] [--html OUT.html] [--from DATE] [--to DATE]
//                        [--filter KEY=V1,V2] [--tz ZONE] [--week-start monday|sunday] [--business-hours SPEC]
//                        [--holidays DATES] [--sla-first-response DUR] [--sla-resolution DUR] [--now TIME]
//                        [--orders FILE] [--surveys FILE] [--vendor NAME]
//                        [--breakdown agent|channel|tag|status|day|week|month|quarter] [--compare]
//                        [--fiscal-year-start MONTH] [--automation-authors NAME,ID,…]
// Exit codes: 0 ok; 1 a file could not be read or was rejected (the report of the rest is still printed); 2 usage.
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { openSession } from '../web/src/index.mjs';
import { parseBusinessHours, parseDateList, parseDuration } from './cli-options.mjs';
import { formatTable } from './format-table.mjs';

const USAGE = `usage: helpdesk-kpi FILE... [--format table|json|csv] [--out FILE] [--html OUT.html]
                    [--from DATE] [--to DATE] [--filter agent|channel|tag|status=V1,V2]
                    [--tz ZONE] [--week-start monday|sunday] [--now TIME]
                    [--business-hours "mon-fri 08:00-18:00"] [--holidays 2025-12-25,2025-12-26]
                    [--sla-first-response 4h] [--sla-resolution 2d]
                    [--orders FILE] [--surveys FILE] [--vendor NAME]
                    [--breakdown agent|channel|tag|status|day|week|month|quarter] [--compare]
                    [--fiscal-year-start 1-12] [--automation-authors NAME,ID,…]
  --breakdown gives the headline KPIs per row; --compare (needs --from and --to) adds the previous period of the same
  length. --format csv writes the per-ticket data; --orders/--surveys are read like any other file.`;

function fail(message, code = 2) {
  process.stderr.write(`helpdesk-kpi: ${message}\n`);
  process.exit(code);
}

function durationOf(text, option) {
  try {
    return parseDuration(text, option);
  } catch (e) {
    return fail(e.message);
  }
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
    else if (a === '--week-start') opts.settings.week_start = value();
    else if (a === '--now') opts.settings.now = value();
    else if (a === '--html') opts.html = value();
    else if (a === '--orders' || a === '--surveys') opts.files.push(value());
    else if (a === '--business-hours') opts.businessHours = value();
    else if (a === '--holidays') opts.holidays = value();
    else if (a === '--sla-first-response') (opts.settings.sla ??= {}).first_response_s = durationOf(value(), a);
    else if (a === '--sla-resolution') (opts.settings.sla ??= {}).resolution_s = durationOf(value(), a);
    else if (a === '--vendor') opts.vendor = value();
    else if (a === '--breakdown') opts.query.breakdown = value();
    else if (a === '--fiscal-year-start') {
      const month = Number(value());
      if (!Number.isInteger(month) || month < 1 || month > 12) fail(`--fiscal-year-start takes a month number from 1 to 12\n${USAGE}`);
      opts.settings.fiscal_year_start_month = month;
    }
    else if (a === '--automation-authors') opts.settings.automation_authors = value().split(',').map((x) => x.trim()).filter(Boolean);
    else if (a === '--compare') opts.query.compare = true;
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
  if (!['table', 'json', 'csv'].includes(opts.format)) fail(`--format must be table, json or csv\n${USAGE}`);
  if (opts.query.compare && (!opts.query.from || !opts.query.to)) fail(`--compare needs --from and --to\n${USAGE}`);
  try {
    if (opts.businessHours) {
      opts.settings.business_hours = { weekly: parseBusinessHours(opts.businessHours) };
      if (opts.holidays) opts.settings.business_hours.holidays = parseDateList(opts.holidays, '--holidays');
    } else if (opts.holidays) fail('--holidays needs --business-hours');
  } catch (e) {
    fail(e.message);
  }
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

let session;
try {
  session = await openSession(inputs, opts.settings);
} catch (e) {
  fail(e.message);
}
if (session.settingsError) fail(session.settingsError);
let report;
let text;
let csv;
try {
  text = session.reportText(opts.query);
  report = JSON.parse(text);
  if (!report.error && opts.format === 'csv') csv = session.ticketsCsv(opts.query);
} finally {
  session.close();
}
if (report.error) fail(report.error);
const output = opts.format === 'json' ? `${text}\n` : opts.format === 'csv' ? csv : formatTable(report);
if (opts.out) writeFileSync(opts.out, output);
else process.stdout.write(output);
if (opts.html) {
  const { renderReportHtml } = await import('../scripts/build-page.mjs');
  writeFileSync(opts.html, await renderReportHtml(report));
  process.stderr.write(`helpdesk-kpi: wrote ${opts.html}\n`);
}

// One line per file that could not be used, and a non-zero exit, so scripts notice.
const errors = report.sources.filter((s) => s.error);
for (const s of errors) process.stderr.write(`helpdesk-kpi: ${s.error}\n`);
if (errors.length) process.exitCode = 1;
