// Determinism in the browser (issue 6): the page's engine gives the same report in its Web Worker and on the page thread
// (the fallback), for every order of the Zendesk fixture's three files. The engine-level rule and its permutation tests
// are in tests/cpp/determinism_test.cpp; this checks the two JS paths feed the same bytes the same way.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { PAGE_URL, ROOT, ZENDESK, ZENDESK_FILES, join, launch } from './helpers.mjs';

const permutations = (list) =>
  list.length <= 1 ? [list] : list.flatMap((x, i) => permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((p) => [x, ...p]));

describe('same report in the worker and on the page thread, in every file order', { skip: !ZENDESK && 'Zendesk fixture not found' }, () => {
  let browser;

  before(async () => {
    const { buildPage } = await import(pathToFileURL(join(ROOT, 'scripts', 'build-page.mjs')).href);
    await buildPage();
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  test('6 orders × {worker, page thread} × {whole files, 1 KiB blobs} give one report', async () => {
    const files = ZENDESK_FILES.map((p) => ({ name: p.split('/').pop(), text: readFileSync(p, 'utf8') }));
    const { page } = browser;
    await page.goto(PAGE_URL);
    await page.locator('helpdesk-kpi-dashboard [data-role="drop-zone"]').waitFor();
    const reports = new Map();
    for (const order of permutations(files))
      for (const worker of [true, false])
        for (const sliced of [false, true]) {
          const text = await page.evaluate(
            async ({ order, worker, sliced }) => {
              const dash = document.querySelector('helpdesk-kpi-dashboard');
              dash.toggleAttribute('no-worker', !worker);
              // A Blob made of many small parts is read in small chunks by the engine's reader.
              const make = (f) =>
                sliced
                  ? new File(f.text.match(/[\s\S]{1,1024}/g), f.name, { type: 'application/json' })
                  : new File([f.text], f.name, { type: 'application/json' });
              const report = await dash.load(order.map(make), { settings: { timezone: 'UTC' } });
              return JSON.stringify(dash.report ?? report);
            },
            { order, worker, sliced },
          );
          reports.set(`${order.map((f) => f.name).join(' ')} worker=${worker} sliced=${sliced}`, text);
        }
    assert.equal(reports.size, 24);
    const [firstKey, first] = reports.entries().next().value;
    assert.equal(JSON.parse(first).kpis.ticket_volume.total, 8);
    for (const [key, text] of reports) assert.equal(text, first, `${key} differs from ${firstKey}`);
    assert.deepEqual(browser.errors, []);
  });
});
