// The canonical format helpdesk-kpi/1: the shipped examples validate against schema/canonical.schema.json (document
// form, and each NDJSON line against #/definitions/ndjson_line); the schema rejects what the engine rejects; and the
// wasm engine reads the example with the story's figures (fixtures/README.md).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { analyze } from '../../web/src/index.mjs';
import { ROOT, assertValidReport } from './helpers.mjs';

const schema = JSON.parse(readFileSync(resolve(ROOT, 'schema/canonical.schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(schema);
const validateDocument = ajv.getSchema(schema.$id);
const validateLine = ajv.getSchema(`${schema.$id}#/definitions/ndjson_line`);
const EXAMPLE = resolve(ROOT, 'examples/canonical/helpdesk-kpi-export');
const doc = JSON.parse(readFileSync(`${EXAMPLE}.json`, 'utf8'));
const lines = readFileSync(`${EXAMPLE}.ndjson`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

test('the example document validates against the canonical schema', () => {
  assert.ok(validateDocument(doc), ajv.errorsText(validateDocument.errors));
  assert.equal(doc.tickets.length, 8);
});

test('every line of the NDJSON example validates as an NDJSON line', () => {
  assert.equal(lines.length, 1 + 11 + 8 + 1); // header, users, tickets, T8's rating
  for (const [i, line] of lines.entries()) assert.ok(validateLine(line), `line ${i + 1}: ${ajv.errorsText(validateLine.errors)}`);
});

test('the schema rejects what the format does not allow', () => {
  const ticket = structuredClone(doc.tickets[0]);
  const bad = (mutate) => {
    const d = structuredClone(doc);
    mutate(d);
    return validateDocument(d);
  };
  assert.equal(bad((d) => (d.format = 'helpdesk-kpi/2')), false);
  assert.equal(bad((d) => (d.tickets[0].status = 'solved')), false); // a vendor status, not a canonical one
  assert.equal(bad((d) => (d.tickets[0].channel = 'native_messaging')), false);
  assert.equal(bad((d) => delete d.tickets[0].created_at), false);
  assert.equal(bad((d) => (d.tickets[0].ratings[0].score = 7)), false); // off the 1–5 scale
  assert.equal(bad((d) => (d.tickets[0].created_at = '2025-03-03T09:00:00')), false); // no zone offset
  assert.equal(bad((d) => delete d.messages[0].ticket_id), false); // top-level events name their ticket
  assert.equal(validateLine({ record: 'message', at: '2025-03-03T09:00:00Z' }), false);
  assert.equal(validateLine({ record: 'comment', ticket_id: 'T1', at: '2025-03-03T09:00:00Z' }), false);
  assert.ok(validateLine(ticket));
});

test('the wasm engine reads the example document and NDJSON with the story figures', async () => {
  for (const ext of ['json', 'ndjson']) {
    const r = await analyze([{ name: `story.${ext}`, data: readFileSync(`${EXAMPLE}.${ext}`) }]);
    assertValidReport(r);
    assert.equal(r.sources[0].vendor, 'canonical', ext);
    assert.equal(r.kpis.ticket_volume.total, 8, ext);
    // FRT: 180, 300, 1200, 2700, 5400 s → median 1200, mean 1956 (fixtures/README.md)
    assert.equal(r.kpis.first_response_time.n, 5, ext);
    assert.equal(r.kpis.first_response_time.median, 1200, ext);
    assert.equal(r.kpis.first_response_time.mean, 1956, ext);
    // CSAT 5, 4, 2 on 1–5 → 2 of 3 satisfied; T8 offered → 3 of 4 answered
    assert.equal(r.kpis.csat.n, 3, ext);
    assert.equal(r.kpis.csat.response_rate, 0.75, ext);
  }
});

test('a generated export written as Zendesk and as canonical gives the same KPIs', async () => {
  // scripts/gen-export.mjs writes one seeded model in both vocabularies; the canonical writer maps statuses
  // (solved → resolved, hold → on_hold), channels (web → web_form, native_messaging → chat), rule messages (bot) and
  // rule status changes (system). Every KPI the two exports both express must agree.
  const { generate } = await import('../../scripts/gen-export.mjs');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(resolve(tmpdir(), 'hk-canonical-'));
  try {
    const read = async (vendor) => {
      const g = await generate({ vendor, shape: 'document', tickets: 400, seed: 11, outDir: resolve(dir, vendor) });
      return analyze(g.files.map((f) => ({ name: f.split('/').pop(), data: readFileSync(f) })), { now: '2025-04-06T00:00:00Z' });
    };
    const zd = await read('zendesk');
    const cn = await read('canonical');
    assertValidReport(cn);
    assert.equal(cn.sources[0].vendor, 'canonical');
    assert.equal(cn.data_quality.tickets_read, 400);
    for (const key of ['ticket_volume', 'open_tickets', 'response_time', 'one_touch_resolution', 'reopen_rate', 'automated_resolution',
      'first_contact_resolution', 'top_topics']) {
      assert.deepEqual(cn.kpis[key], zd.kpis[key], key);
    }
    for (const key of ['n', 'median', 'mean', 'p90', 'unanswered']) assert.equal(cn.kpis.first_response_time[key], zd.kpis.first_response_time[key], `frt ${key}`);
    for (const key of ['n', 'median', 'mean', 'p90']) assert.equal(cn.kpis.resolution_time[key], zd.kpis.resolution_time[key], `resolution ${key}`);
    for (const key of ['n', 'score', 'response_rate', 'distribution']) assert.deepEqual(cn.kpis.csat[key], zd.kpis.csat[key], `csat ${key}`);
    assert.deepEqual(cn.kpis.retention, zd.kpis.retention);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
