// The page reads a File in slices and transfers them to the engine worker over a MessagePort (web/src/blob-pump.mjs).
// Under Node, with Node's own Blob and MessageChannel: every byte arrives, in order; the page never has more slices
// out than the worker granted; a consumer that stops early stops the reading; a failed read is reported, not hung on;
// and the warm-up export the worker runs at start is a clean export.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHUNK, portChunks, pumpBlob } from '../../web/src/blob-pump.mjs';
import { warmUpExport } from '../../web/src/warm-up.mjs';
import { analyze } from '../../web/src/index.mjs';

function bytesOf(length, seed = 7) {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

test('every byte of the blob arrives in order, in slices of CHUNK bytes', async () => {
  const data = bytesOf(2 * CHUNK + 12345);
  const { port1, port2 } = new MessageChannel();
  const pump = pumpBlob(new Blob([data]), port1);
  const parts = [];
  for await (const chunk of portChunks(port2)) parts.push(chunk);
  await pump.done;
  assert.deepEqual(parts.map((p) => p.length), [CHUNK, CHUNK, 12345]);
  const joined = new Uint8Array(data.length);
  let at = 0;
  for (const p of parts) joined.set(p, (at += p.length) - p.length);
  assert.deepEqual(joined, data);
});

test('a slow worker never has more slices waiting than it granted (3)', async () => {
  const data = bytesOf(12 * CHUNK);
  const { port1, port2 } = new MessageChannel();
  // Count the slices the page has sent and the worker has not taken yet, by watching the page's port.
  let sent = 0;
  let taken = 0;
  let maxWaiting = 0;
  const post = port1.postMessage.bind(port1);
  port1.postMessage = (message, transfer) => {
    if (message instanceof ArrayBuffer) sent++;
    maxWaiting = Math.max(maxWaiting, sent - taken);
    post(message, transfer);
  };
  const pump = pumpBlob(new Blob([data]), port1);
  let total = 0;
  for await (const chunk of portChunks(port2)) {
    taken++;
    total += chunk.length;
    await new Promise((resolve) => setTimeout(resolve, 20)); // the engine at work
  }
  await pump.done;
  assert.equal(total, data.length);
  assert.equal(sent, 12);
  assert.ok(maxWaiting <= 3, `up to ${maxWaiting} slices were waiting`);
});

test('a worker that stops early (a cancelled analysis) stops the reading', async () => {
  const data = bytesOf(20 * CHUNK);
  let slicesRead = 0;
  const blob = new Blob([data]);
  const counting = {
    size: blob.size,
    slice: (a, b) => {
      slicesRead++;
      return blob.slice(a, b);
    },
  };
  const { port1, port2 } = new MessageChannel();
  const pump = pumpBlob(counting, port1);
  for await (const chunk of portChunks(port2)) {
    assert.equal(chunk.length, CHUNK);
    break;
  }
  await pump.done;
  assert.ok(slicesRead <= 7, `${slicesRead} of 20 slices were read after the worker stopped at the first`);
});

test('a read that fails is reported to the worker as an error', async () => {
  const failing = { size: 3 * CHUNK, slice: () => ({ arrayBuffer: () => Promise.reject(new Error('the file was deleted')) }) };
  const { port1, port2 } = new MessageChannel();
  const pump = pumpBlob(failing, port1);
  await assert.rejects(async () => {
    for await (const chunk of portChunks(port2)) assert.fail(`got ${chunk.length} bytes`);
  }, /the file could not be read: Error: the file was deleted/);
  await pump.done;
});

test('the warm-up export is a clean Zendesk export of 400 tickets', async () => {
  const report = await analyze([{ name: 'warm-up.json', data: warmUpExport() }]);
  assert.equal(report.data_quality.tickets_read, 400);
  assert.equal(report.data_quality.tickets_used, 400);
  assert.deepEqual(report.data_quality.warnings, []);
  assert.equal(report.kpis.ticket_volume.total, 400);
  // every fifth ticket per channel, one rating per solved ticket (i % 4 < 2), one in eight of them bad
  assert.equal(report.kpis.ticket_volume.by_channel.email, 80);
  assert.equal(report.kpis.csat.offered, 200);
  assert.equal(report.kpis.csat.satisfied, 150);
});
