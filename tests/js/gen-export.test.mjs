// Tests for scripts/gen-export.mjs: valid JSON, determinism, and Zendesk metric_set ↔ audits consistency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from '../../scripts/gen-export.mjs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-export-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

const COMBOS = [['zendesk', 'document'], ['zendesk', 'jsonl'], ['gorgias', 'document'], ['gorgias', 'jsonl']];
const N = 50;
const run = (vendor, shape, seed, tag) => generate({ vendor, shape, tickets: N, seed, outDir: path.join(tmp, `${vendor}-${shape}-${tag}`) });
const readJson = (f) => JSON.parse(fs.readFileSync(f, 'utf8'));
const readJsonl = (f) => fs.readFileSync(f, 'utf8').split('\n').filter((l) => l.length).map((l) => JSON.parse(l));
const minutes = (from, to) => (Date.parse(to) - Date.parse(from)) / 60000;

function loadZendesk(r, shape) {
  const main = r.files[0];
  const tickets = shape === 'jsonl' ? readJsonl(main) : readJson(main).tickets;
  const users = shape === 'jsonl' ? readJson(r.files.find((f) => f.endsWith('.users.json'))).users : readJson(main).users;
  const audits = readJson(r.files.find((f) => f.endsWith('.ticket_audits.json'))).audits;
  const ratings = readJson(r.files.find((f) => f.endsWith('.satisfaction_ratings.json')));
  return { tickets, users, audits, ratings };
}

for (const [vendor, shape] of COMBOS) {
  test(`${vendor}/${shape}: files parse, are deterministic per seed and differ across seeds`, async () => {
    const a = await run(vendor, shape, 42, 'a');
    const b = await run(vendor, shape, 42, 'b');
    const c = await run(vendor, shape, 7, 'c');
    assert.equal(a.tickets, N);
    const expected = vendor === 'gorgias' ? 1 : shape === 'jsonl' ? 4 : 3;
    assert.equal(a.files.length, expected);
    assert.equal(a.bytes, fs.statSync(a.files[0]).size);

    for (const f of a.files) {
      if (f.endsWith('.jsonl')) {
        const rows = readJsonl(f);
        assert.equal(rows.length, N, `${f}: one ticket per line`);
        for (const t of rows) assert.ok(Number.isInteger(t.id));
      } else {
        assert.doesNotThrow(() => readJson(f), `${f} must be valid JSON`);
      }
    }
    if (vendor === 'gorgias' && shape === 'document') {
      const d = readJson(a.files[0]);
      assert.deepEqual(Object.keys(d), ['data', 'object', 'uri', 'meta']);
      assert.equal(d.data.length, N);
      assert.ok(d.data.every((t) => Array.isArray(t.messages) && t.messages.length >= 1 && /\+00:00$/.test(t.created_datetime)));
    }
    if (vendor === 'zendesk' && shape === 'document') {
      const keys = Object.keys(readJson(a.files[0]));
      assert.deepEqual(keys, ['tickets', 'users', 'after_url', 'after_cursor', 'before_url', 'before_cursor', 'end_of_stream']);
    }

    // same seed → byte-identical; different seed → different main file
    for (let i = 0; i < a.files.length; i++) {
      assert.ok(fs.readFileSync(a.files[i]).equals(fs.readFileSync(b.files[i])), `${path.basename(a.files[i])} identical for the same seed`);
    }
    assert.ok(!fs.readFileSync(a.files[0]).equals(fs.readFileSync(c.files[0])), 'a different seed gives different output');
  });
}

for (const shape of ['document', 'jsonl']) {
  test(`zendesk/${shape}: metric_set agrees with the audits`, async () => {
    const r = await run('zendesk', shape, 42, 'm');
    const { tickets, users, audits, ratings } = loadZendesk(r, shape);
    const role = new Map(users.map((u) => [u.id, u.role]));
    assert.ok(users.some((u) => u.role === 'agent') && users.some((u) => u.role === 'end-user'));
    const byTicket = new Map();
    for (const a of audits) { if (!byTicket.has(a.ticket_id)) byTicket.set(a.ticket_id, []); byTicket.get(a.ticket_id).push(a); }
    assert.equal(tickets.length, N);
    for (const t of tickets) {
      const ms = t.metric_set;
      assert.ok(ms, `ticket ${t.id} has a metric_set`);
      let replies = 0, firstReply = null, reopens = 0;
      for (const a of byTicket.get(t.id) || []) {
        for (const e of a.events) {
          if (e.type === 'Comment' && e.public && ['agent', 'admin'].includes(role.get(e.author_id))) {
            replies++;
            if (firstReply === null) firstReply = a.created_at;
          }
          if (e.type === 'Change' && e.field_name === 'status' && ['solved', 'closed'].includes(e.previous_value) && !['solved', 'closed'].includes(e.value)) reopens++;
        }
      }
      assert.equal(ms.replies, replies, `ticket ${t.id}: replies`);
      assert.equal(ms.reply_time_in_minutes.calendar, firstReply === null ? null : minutes(t.created_at, firstReply), `ticket ${t.id}: reply time`);
      assert.equal(ms.reopens, reopens, `ticket ${t.id}: reopens`);
    }
    assert.equal(ratings.count, ratings.satisfaction_ratings.length);
  });
}

for (const shape of ['document', 'jsonl']) {
  test(`zendesk/${shape} --tickets-only: no side files, the written files are byte-identical to a full run's`, async () => {
    const full = await run('zendesk', shape, 42, 'full');
    const only = await generate({ vendor: 'zendesk', shape, tickets: N, seed: 42, ticketsOnly: true, outDir: path.join(tmp, `zendesk-${shape}-only`) });
    assert.equal(only.files.length, shape === 'jsonl' ? 2 : 1);
    assert.ok(only.files.every((f) => !/ticket_audits|satisfaction_ratings/.test(f)));
    for (const f of only.files) {
      const twin = full.files.find((g) => path.basename(g) === path.basename(f));
      assert.ok(twin && fs.readFileSync(f).equals(fs.readFileSync(twin)), `${path.basename(f)} identical`);
    }
  });
}

test('canonical/document and jsonl: valid helpdesk-kpi/1 (schema/canonical.schema.json), deterministic per seed', async () => {
  const { default: Ajv } = await import('ajv');
  const schema = readJson(path.resolve(import.meta.dirname, '../../schema/canonical.schema.json'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addSchema(schema);
  const doc = ajv.getSchema(schema.$id);
  const line = ajv.getSchema(`${schema.$id}#/definitions/ndjson_line`);
  for (const shape of ['document', 'jsonl']) {
    const a = await run('canonical', shape, 42, 'a');
    const b = await run('canonical', shape, 42, 'b');
    assert.equal(a.files.length, 1);
    assert.ok(fs.readFileSync(a.files[0]).equals(fs.readFileSync(b.files[0])), `${shape}: identical for the same seed`);
    if (shape === 'document') {
      const d = readJson(a.files[0]);
      assert.equal(Object.keys(d)[0], 'format'); // the marker first: the engine finds it in the first kilobyte
      assert.equal(d.tickets.length, N);
      assert.ok(doc(d), ajv.errorsText(doc.errors));
    } else {
      const rows = readJsonl(a.files[0]);
      assert.deepEqual(Object.keys(rows[0]), ['format', 'source']);
      assert.equal(rows.filter((r) => !r.record && !r.format).length, N);
      for (const r of rows) assert.ok(line(r), ajv.errorsText(line.errors));
    }
  }
});
