// End-to-end tests of the single-file page (build/page/helpdesk-kpi.html) opened as file:// in Debian's Chromium,
// WITHOUT --allow-file-access-from-files: pick and drop the Zendesk fixture, check the tiles against
// shared/fixtures/zendesk/expected.md, filter, switch language, export CSV/JSON, bad input, XSS, offline, print.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ARTIFACTS, PAGE_URL, ROOT, ZENDESK, ZENDESK_FILES, dropFiles, join, launch, remoteRequests, rmSync, screenshot, tileValue } from './helpers.mjs';

const DASH = 'helpdesk-kpi-dashboard';
const XSS = '<img src=x onerror=window.__xss=1>';

let browser;
let page;
let scratch;

async function openPage(query = '') {
  await page.goto(PAGE_URL + query);
  await page.locator(`${DASH} [data-role="drop-zone"]`).waitFor();
}

/** Waits until the Tickets tile shows `expected` (re-rendering is async: worker round trips). */
async function expectTile(id, expected) {
  const locator = page.locator(`${DASH} [data-tile="${id}"] .value`);
  await locator.waitFor();
  await page.waitForFunction(
    ({ id, expected }) =>
      document.querySelector('helpdesk-kpi-dashboard').shadowRoot.querySelector(`[data-tile="${id}"] .value`)?.textContent.trim() === expected,
    { id, expected },
    { timeout: 10_000 },
  ).catch(() => {});
  assert.equal((await locator.textContent()).trim(), expected, `tile ${id}`);
}

async function pickFixture() {
  await page.locator(`${DASH} input[type=file]`).setInputFiles(ZENDESK_FILES);
  await expectTile('volume', '8');
}

async function downloadOf(click) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

describe('single-file page from file://', { skip: !ZENDESK && 'Zendesk fixture not found' }, () => {
  before(async () => {
    const { buildPage } = await import(pathToFileURL(join(ROOT, 'scripts', 'build-page.mjs')).href);
    await buildPage();
    scratch = mkdtempSync(join(tmpdir(), 'hk-browser-'));
    browser = await launch();
    page = browser.page;
  });

  after(async () => {
    await browser?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  test('picked fixture files give the expected.md KPIs, formatted', async () => {
    await openPage();
    await pickFixture();
    await expectTile('frt', '20 min');
    assert.match(await page.locator(`${DASH} [data-tile="frt"]`).getAttribute('title'), /1,200 s/);
    assert.equal(await page.locator(`${DASH} [data-tile="frt"] .value`).getAttribute('data-raw'), '1200');
    assert.match(await page.locator(`${DASH} [data-tile="frt"] .n`).textContent(), /n = 5/);
    await expectTile('one_touch', '50%');
    await expectTile('reopen', '20%');
    await expectTile('csat', '66.7%');
    await expectTile('backlog', '3');
    await expectTile('resolution', '30 min');
    // Every tile explains itself on hover.
    for (const title of await page.locator(`${DASH} [data-tile]`).evaluateAll((tiles) => tiles.map((t) => t.title)))
      assert.ok(title.length > 60, `definition tooltip: ${title}`);
    // Charts and tables are there.
    await page.locator(`${DASH} [data-panel="volume"] svg rect.c-email`).first().waitFor();
    assert.equal(await page.locator(`${DASH} table[data-table="agents"] tbody tr`).count(), 4);
    await screenshot(page, 'page-loaded', { fullPage: true });
    await screenshot(page, 'page-loaded-viewport');
  });

  test('a channel filter re-queries the session: volume becomes 4, and clearing restores 8', async () => {
    await page.locator(`${DASH} details[data-filter="channel"] > summary`).click();
    await page.locator(`${DASH} details[data-filter="channel"] input[value="email"]`).check();
    await expectTile('volume', '4');
    await screenshot(page, 'page-filter-email');
    await page.locator(`${DASH} [data-action="clear"]`).click();
    await expectTile('volume', '8');
  });

  test('a period picks tickets by date, with a delta against the previous period', async () => {
    await page.locator(`${DASH} input[data-query="from"]`).fill('2025-03-06');
    await page.locator(`${DASH} input[data-query="to"]`).fill('2025-03-07');
    await expectTile('volume', '4'); // 03-06 = 2, 03-07 = 2
    // previous 2 days (03-04, 03-05) = 2 tickets → +2
    await page.waitForFunction(() =>
      /\+2/.test(document.querySelector('helpdesk-kpi-dashboard').shadowRoot.querySelector('[data-tile="volume"] .delta')?.textContent ?? ''),
    );
    await page.locator(`${DASH} [data-action="clear"]`).click();
    await expectTile('volume', '8');
  });

  test('the agents table sorts by column', async () => {
    const names = () => page.locator(`${DASH} table[data-table="agents"] tbody tr td:first-child`).allTextContents();
    await page.locator(`${DASH} table[data-table="agents"] th[data-col="replies"] button`).click();
    assert.match((await names())[0], /Alice Archer/); // 4 replies
    await page.locator(`${DASH} table[data-table="agents"] th[data-col="replies"] button`).click();
    assert.match((await names())[0], /Automation/); // 0 replies, ascending
    await page.locator(`${DASH} table[data-table="agents"] th[data-col="name"] button`).click();
    assert.deepEqual((await names()).map((n) => n.replace('bot', '')), ['Alice Archer', 'Automation', 'Bob Baker', 'Carol Chen']);
  });

  test('Japanese UI: labels and units change', async () => {
    await page.locator(`${DASH} select.lang`).selectOption('ja');
    await page.waitForFunction(() =>
      document.querySelector('helpdesk-kpi-dashboard').shadowRoot.querySelector('[data-tile="volume"] .label')?.textContent.includes('チケット数'),
    );
    assert.match(await page.locator(`${DASH} [data-tile="frt"] .value`).textContent(), /20\s*分/);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ja');
    await screenshot(page, 'page-japanese');
    await page.locator(`${DASH} select.lang`).selectOption('en');
    await page.waitForFunction(() =>
      document.querySelector('helpdesk-kpi-dashboard').shadowRoot.querySelector('[data-tile="volume"] .label span')?.textContent === 'Tickets',
    );
  });

  test('CSV export of a table and JSON export of the report download from Blob URLs', async () => {
    const agents = await downloadOf(() => page.locator(`${DASH} [data-csv="agents"]`).click());
    assert.equal(agents.name, 'helpdesk-kpi-agents.csv');
    const lines = agents.text.replace(/^\ufeff/, '').trim().split(/\r\n/);
    assert.match(lines[0], /^id,name,tickets_resolved,resolutions,replies/);
    assert.ok(lines.some((l) => l.startsWith('361000001,Alice Archer,3,4,4,2700,')), lines.join('\n'));
    const topics = await downloadOf(() => page.locator(`${DASH} [data-csv="topics"]`).click());
    assert.match(topics.text, /shipping,tag,2,0\.25/);
    const volume = await downloadOf(() => page.locator(`${DASH} [data-csv="volume"]`).click());
    assert.match(volume.text, /2025-03-03,2,1,1/); // total, email, chat
    // The per-ticket CSV, when the engine build has it (the button is hidden otherwise).
    if (await page.locator(`${DASH} [data-action="tickets-csv"]`).isVisible()) {
      const tickets = await downloadOf(() => page.locator(`${DASH} [data-action="tickets-csv"]`).click());
      assert.match(tickets.text, /5001/);
      assert.match(tickets.text, /5008/);
    }
    const json = await downloadOf(() => page.locator(`${DASH} [data-action="export-json"]`).click());
    const report = JSON.parse(json.text);
    assert.equal(report.schema_version, 1);
    assert.equal(report.kpis.ticket_volume.total, 8);
  });

  test('a malformed file shows a message naming it, and the page stays usable', async () => {
    await openPage();
    await dropFiles(page, [{ name: 'broken-export.json', text: '{"tickets":[{"id":1,' }]);
    const message = page.locator(`${DASH} .messages .msg.error`).first();
    await message.waitFor();
    assert.match(await message.textContent(), /broken-export\.json/);
    await screenshot(page, 'page-malformed');
    // Now good files, dropped: the message goes and the KPIs come.
    const files = ZENDESK_FILES.map((path) => ({ name: path.split('/').pop(), text: readFileSync(path, 'utf8') }));
    await dropFiles(page, files);
    await expectTile('volume', '8');
    assert.equal(await page.locator(`${DASH} .messages .msg`).count(), 0);
  });

  test('ticket text is rendered as text, never as HTML', async () => {
    const data = JSON.parse(readFileSync(join(ZENDESK, 'small.json'), 'utf8'));
    for (const t of data.tickets) {
      t.subject = XSS;
      t.raw_subject = XSS;
      t.tags = t.tags.map((tag) => (tag === 'billing' ? XSS : tag));
    }
    for (const u of data.users) if (u.name === 'Bob Baker') u.name = XSS;
    const evil = join(scratch, 'small.json');
    writeFileSync(evil, JSON.stringify(data));
    await openPage();
    await page.locator(`${DASH} input[type=file]`).setInputFiles([evil, ...ZENDESK_FILES.slice(1)]);
    await expectTile('volume', '8');
    const cells = await page.locator(`${DASH} table[data-table="agents"] tbody td:first-child`).allTextContents();
    assert.ok(cells.includes(XSS), `agent name shown literally: ${cells}`);
    const topics = await page.locator(`${DASH} [data-panel="topics"] .label`).allTextContents();
    assert.ok(topics.includes(XSS), `tag shown literally: ${topics}`);
    assert.equal(await page.locator(`${DASH} img`).count(), 0);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
  });

  test('bundled sample data loads (gzip, in the worker), and a long analysis can be cancelled', async () => {
    await openPage();
    const sample = page.locator(`${DASH} [data-sample]`).first();
    await sample.click();
    await page.waitForFunction(() => {
      const v = document.querySelector('helpdesk-kpi-dashboard').shadowRoot.querySelector('[data-tile="volume"] .value');
      return v && Number(v.textContent.replace(/\D/g, '')) > 50;
    });
    await screenshot(page, 'page-sample', { fullPage: true });
    // ~60 MB of tickets built in the page; cancel as soon as progress shows.
    const cancelled = await page.evaluate(async () => {
      const dash = document.querySelector('helpdesk-kpi-dashboard');
      const one = JSON.stringify({ id: 1, created_at: '2025-03-03T09:00:00Z', status: 'open', via: { channel: 'email' }, subject: 'x'.repeat(400) });
      const parts = ['{"tickets":['];
      for (let i = 0; i < 120_000; i++) parts.push(i ? `,${one}` : one);
      parts.push(']}');
      const file = new File(parts, 'big.json', { type: 'application/json' });
      let progress = 0;
      dash.addEventListener('kpi-progress', () => {
        if (++progress === 1) dash.shadowRoot.querySelector('[data-action="cancel"]').click();
      });
      const result = await dash.load([file]);
      return { result, progress, text: dash.shadowRoot.querySelector('.messages').textContent };
    });
    assert.equal(cancelled.result, null);
    assert.ok(cancelled.progress >= 1);
    assert.match(cancelled.text, /cancelled/i);
  });

  test('the engine also runs on the page thread when no worker is used (blob: script under the CSP)', async () => {
    await openPage('?worker=0');
    await pickFixture();
    await expectTile('csat', '66.7%');
  });

  test('the file picker takes Shopify orders and survey answers as .csv next to the export', async () => {
    await openPage();
    const input = page.locator(`${DASH} input[type=file]`);
    assert.match(await input.getAttribute('accept'), /\.csv\b/);
    await input.setInputFiles([...ZENDESK_FILES, join(ROOT, 'tests/data/orders/orders_export.csv'), join(ROOT, 'tests/data/surveys/surveys.csv')]);
    await expectTile('volume', '8');
    await page.waitForFunction(() => document.querySelector('helpdesk-kpi-dashboard').report?.kpis?.converted_tickets);
    const k = await page.evaluate(() => document.querySelector('helpdesk-kpi-dashboard').report.kpis);
    // Hand-computed in tests/cpp/orders_test.cpp and surveys_test.cpp: 4 of 8 tickets converted, NPS 17.
    assert.equal(k.converted_tickets.numerator, 4);
    assert.equal(k.converted_tickets.denominator, 8);
    assert.equal(k.nps.score, 17);
  });

  test('settings go to the engine: week start Sunday is echoed in the report after "apply"', async () => {
    await page.locator(`${DASH} details.settings > summary`).click();
    await page.locator(`${DASH} select[name="week_start"]`).selectOption('sunday');
    await page.locator(`${DASH} input[name="sla_frt"]`).fill('1');
    await page.locator(`${DASH} [data-action="apply-settings"]`).click();
    await page.waitForFunction(() => document.querySelector('helpdesk-kpi-dashboard').report?.settings?.week_start === 'sunday');
    await expectTile('volume', '8');
    const settings = await page.evaluate(() => document.querySelector('helpdesk-kpi-dashboard').settings);
    assert.equal(settings.sla.first_response_s, 3600);
    assert.equal(settings.conversion_window_days, 5);
  });

  test('when no Worker can be created, the analysis falls back to the page thread', async () => {
    const other = await browser.context.newPage();
    try {
      await other.addInitScript(() => {
        window.Worker = function Worker() {
          throw new DOMException('workers are disabled here', 'SecurityError');
        };
      });
      await other.goto(PAGE_URL);
      await other.locator(`${DASH} input[type=file]`).setInputFiles(ZENDESK_FILES);
      const value = other.locator(`${DASH} [data-tile="reopen"] .value`);
      await value.waitFor();
      assert.equal(await value.textContent(), '20%');
    } finally {
      await other.close();
    }
  });

  test('the page keeps a spare engine worker ready, and a picked file is analysed in it', async () => {
    const other = await browser.context.newPage();
    try {
      // Number every worker the page starts and log which one each request goes to.
      await other.addInitScript(() => {
        window.__workerLog = [];
        const Base = window.Worker;
        let n = 0;
        window.Worker = class extends Base {
          constructor(...args) {
            super(...args);
            const index = ++n;
            window.__workerLog.push(`start ${index}`);
            const post = this.postMessage.bind(this);
            this.postMessage = (message, transfer) => {
              window.__workerLog.push(`${message?.type} → ${index}`);
              return transfer ? post(message, transfer) : post(message);
            };
          }
        };
      });
      await other.goto(PAGE_URL);
      // Before any file: one worker, asked whether its engine is ready.
      await other.waitForFunction(() => window.__workerLog.includes('ready → 1'));
      await other.locator(`${DASH} input[type=file]`).setInputFiles(ZENDESK_FILES);
      await other.waitForFunction(() => window.__workerLog.includes('ready → 2'));
      const value = other.locator(`${DASH} [data-tile="reopen"] .value`);
      await value.waitFor();
      assert.equal(await value.textContent(), '20%');
      const log = await other.evaluate(() => window.__workerLog);
      // The file went to the spare started at page load; a new spare was started after the report, and no other.
      assert.equal(log.find((l) => l.startsWith('ingest')), 'ingest → 1');
      assert.deepEqual(log.filter((l) => l.startsWith('start')), ['start 1', 'start 2']);
    } finally {
      await other.close();
    }
  });

  test('print layout', async () => {
    await openPage();
    await pickFixture();
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator(`${DASH} .loader`).isVisible(), false);
    await screenshot(page, 'page-print', { fullPage: true });
    await page.pdf({ path: join(ARTIFACTS, 'page-print.pdf'), format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
  });

  test('nothing left the machine and the console stayed clean', () => {
    assert.deepEqual(remoteRequests(browser.requests), []);
    assert.deepEqual(browser.errors, []);
  });
});

describe('every bundled sample loads with its own adapter', () => {
  let sampleBrowser;
  let samplePage;
  before(async () => {
    sampleBrowser = await launch();
    samplePage = sampleBrowser.page;
  });
  after(async () => sampleBrowser?.close());

  // id → the vendor every file must be detected as, and the Tickets tile when it is known by hand (the 8-ticket story).
  const SAMPLE_VENDORS = {
    'zendesk-120': { vendors: ['zendesk'] },
    'gorgias-60': { vendors: ['gorgias'] },
    'zendesk-fixture': { vendors: ['zendesk', 'shopify', 'surveys'], tickets: '8' },
    'freshdesk-fixture': { vendors: ['freshdesk'], tickets: '8' },
    'helpscout-fixture': { vendors: ['helpscout'], tickets: '8' },
    'intercom-fixture': { vendors: ['intercom'], tickets: '8' },
    'canonical-example': { vendors: ['canonical'], tickets: '8' },
  };

  for (const [id, { vendors, tickets }] of Object.entries(SAMPLE_VENDORS)) {
    test(`sample ${id}: files read by ${vendors.join(', ')}, no file rejected`, async () => {
      await samplePage.goto(PAGE_URL);
      const button = samplePage.locator(`${DASH} [data-sample="${id}"]`);
      await button.click();
      await samplePage.locator(`${DASH} [data-table="sources"] tbody tr`).first().waitFor();
      const rows = await samplePage.evaluate(() =>
        [...document.querySelector('helpdesk-kpi-dashboard').shadowRoot.querySelectorAll('[data-table="sources"] tbody tr')].map((tr) =>
          [...tr.cells].map((c) => c.textContent.trim()),
        ),
      );
      assert.ok(rows.length >= 1);
      for (const row of rows) {
        assert.ok(vendors.includes(row[1]), `${row[0]} read as ${row[1]}`);
        assert.match(row.at(-1), /^(OK|skipped \d+)$/, `${row[0]}: ${row.at(-1)}`); // a skipped record is named in the warnings, the file is used
      }
      if (tickets) assert.equal(await tileValue(samplePage, 'volume'), tickets);
      if (id === 'zendesk-fixture') {
        // The survey and orders files light up the NPS and converted-ticket tiles.
        assert.notEqual(await tileValue(samplePage, 'nps'), '—');
        assert.notEqual(await tileValue(samplePage, 'converted'), '—');
      }
    });
  }

  test('the samples made no request off the machine and logged no error', () => {
    assert.deepEqual(remoteRequests(sampleBrowser.requests), []);
    assert.deepEqual(sampleBrowser.errors, []);
  });
});
