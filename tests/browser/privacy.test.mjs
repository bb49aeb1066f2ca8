// Privacy and the page (issue 6): the single-file page makes no network request under any user action, its CSP forbids
// remote origins and eval (checked in the built file and enforced in the browser), and every place that shows
// ticket-derived text (subjects, tags, agent and customer names, statuses, channels, file names, error and warning
// messages) renders an XSS payload as text; CSV exports are formula-escaped and the HTML export cannot be broken out of.
// page.test.mjs covers the happy paths; this file adds what an attacker or a nosy page would try.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ARTIFACTS, PAGE, PAGE_URL, ROOT, ZENDESK, ZENDESK_FILES, join, launch, remoteRequests } from './helpers.mjs';

const DASH = 'helpdesk-kpi-dashboard';
const X = (n) => `<img src=x onerror=window.__xss=${n}>`;

/** The Content-Security-Policy of an HTML text, as {directive: [tokens]}; throws unless exactly one meta tag holds it. */
function cspOf(html) {
  const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)];
  assert.equal(metas.length, 1, 'exactly one CSP meta tag');
  assert.ok(metas[0].index < html.indexOf('<script'), 'the CSP comes before any script');
  const text = metas[0][1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
  return Object.fromEntries(
    text
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...tokens]) => [name, tokens]),
  );
}

/** Asserts a CSP allows no remote origin and no eval; `engine` pages may add blob: workers and wasm compilation. */
function assertStrictCsp(policy, { engine }) {
  assert.deepEqual(policy['default-src'], ["'none'"]);
  for (const [name, tokens] of Object.entries(policy))
    for (const token of tokens) {
      assert.doesNotMatch(token, /^(https?:|wss?:|ftp:|\*|'unsafe-eval'|'unsafe-inline'|'unsafe-hashes'|'strict-dynamic')/i, `${name} ${token}`);
      assert.ok(
        /^'(none|self|sha256-[A-Za-z0-9+/=]+|wasm-unsafe-eval)'$/.test(token) || ['blob:', 'data:'].includes(token),
        `${name}: ${token} is neither a hash, 'none', blob: nor data:`,
      );
    }
  assert.ok(!JSON.stringify(policy).includes("'self'"), "no 'self': a file:// origin would include the whole disk");
  assert.ok(policy['script-src'].every((t) => t.startsWith("'sha256-") || (engine && ['blob:', "'wasm-unsafe-eval'"].includes(t))));
  assert.deepEqual(policy['connect-src'] ?? ["'none'"], engine ? ['data:'] : ["'none'"]);
  assert.deepEqual(policy['base-uri'], ["'none'"]);
  assert.deepEqual(policy['form-action'], ["'none'"]);
}

/** The Zendesk fixture rewritten by an attacker: every text field carries a payload, including formula injections. */
function hostileExport() {
  const tickets = JSON.parse(readFileSync(join(ZENDESK, 'small.json'), 'utf8'));
  let n = 0;
  for (const t of tickets.tickets) {
    t.subject = `${X(1)} =HYPERLINK("http://evil.example","win") refund ${++n}`;
    t.raw_subject = t.subject;
    t.tags = t.tags.map((tag, i) => (i === 0 ? `${X(2)}${tag}` : `=cmd|' /C calc'!A${i}`));
    t.status = n === 8 ? `<hk-evil onmouseover=window.__xss=3>weird</hk-evil>` : t.status;
    if (n === 7) t.via.channel = `<svg onload=window.__xss=4>`;
    t.custom_fields = [{ id: 1, value: X(5) }];
  }
  for (const u of tickets.users)
    u.name = u.role === 'end-user' ? `${X(6)} customer ${u.id}` : u.name === 'Bob Baker' ? `=HYPERLINK("http://evil.example")` : `${X(7)} ${u.name}`;
  // A record whose bad timestamp is quoted in a warning.
  tickets.tickets.push({ ...tickets.tickets[0], id: 5999, created_at: `${X(8)}` });
  return JSON.stringify(tickets);
}

describe('privacy, CSP and untrusted text in the page', { skip: !ZENDESK && 'Zendesk fixture not found' }, () => {
  let browser;
  let page;
  const routed = [];
  const violations = [];

  before(async () => {
    const { buildPage } = await import(pathToFileURL(join(ROOT, 'scripts', 'build-page.mjs')).href);
    await buildPage();
    browser = await launch();
    page = browser.page;
    // Anything that is not a local file, blob or data URL is recorded and refused before it leaves.
    await browser.context.route('**/*', (route) => {
      const url = route.request().url();
      if (/^(file|blob|data):/.test(url)) return route.continue();
      routed.push(url);
      return route.abort('blockedbyclient');
    });
    browser.context.on('websocket', (ws) => routed.push(ws.url()));
    await browser.context.exposeBinding('__hkViolation', (_source, v) => violations.push(v));
    await browser.context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__hkViolation?.(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
      );
    });
  });

  after(async () => {
    await browser?.close();
  });

  test('the built page has a strict CSP: no remote origin, no eval, no inline handlers', () => {
    const policy = cspOf(readFileSync(PAGE, 'utf8'));
    assertStrictCsp(policy, { engine: true });
    assert.deepEqual(policy['worker-src'], ['blob:']);
    assert.deepEqual(policy['img-src'], ['data:', 'blob:']);
  });

  test('the browser enforces it: eval, new Function, remote fetch, images and scripts are refused', async () => {
    await page.goto(PAGE_URL);
    await page.locator(`${DASH} [data-role="drop-zone"]`).waitFor();
    const outcome = await page.evaluate(async () => {
      const out = {};
      // page.evaluate itself runs through DevTools, which the CSP does not govern: the eval attempts must come from a
      // script the page runs (a blob: script, which the page's own policy allows).
      const probe = `try { window.__evalResult = String(eval('1 + 1')); } catch (e) { window.__evalResult = e.name; }
        try { window.__fnResult = String(new Function('return 2')()); } catch (e) { window.__fnResult = e.name; }`;
      await new Promise((resolve, reject) => {
        const s = document.createElement('script');
        s.src = URL.createObjectURL(new Blob([probe], { type: 'text/javascript' }));
        s.onload = resolve;
        s.onerror = reject;
        document.head.append(s);
      });
      out.eval = window.__evalResult;
      out.fn = window.__fnResult;
      try {
        await fetch('https://example.com/collect?x=1');
        out.fetch = 'sent';
      } catch (e) {
        out.fetch = e.name;
      }
      const img = document.createElement('img');
      img.src = 'https://example.com/pixel.png';
      document.body.append(img);
      const script = document.createElement('script');
      script.src = 'https://example.com/x.js';
      document.body.append(script);
      await new Promise((r) => setTimeout(r, 300));
      img.remove();
      script.remove();
      return out;
    });
    assert.equal(outcome.eval, 'EvalError');
    assert.equal(outcome.fn, 'EvalError');
    assert.equal(outcome.fetch, 'TypeError');
    assert.deepEqual(routed, [], 'the CSP stops them before any request is made');
    assert.ok(violations.some((v) => v.startsWith('connect-src https://example.com/collect')), violations.join('\n'));
    assert.ok(violations.some((v) => v.startsWith('img-src https://example.com/pixel.png')), violations.join('\n'));
    assert.ok(violations.some((v) => v.startsWith('script-src')), violations.join('\n'));
    violations.length = 0;
    browser.errors.length = 0; // the console reported the refusals above, as it should
  });

  test('no network request under any user action', async () => {
    const before = browser.requests.length;
    await page.goto(PAGE_URL);
    const dash = page.locator(DASH);
    // Sample data, picked files, dropped files.
    await dash.locator('[data-sample]').first().click();
    await dash.locator('[data-tile="volume"] .value').waitFor();
    await dash.locator('input[type=file]').setInputFiles(ZENDESK_FILES);
    await page.waitForFunction(() => document.querySelector('helpdesk-kpi-dashboard').report?.kpis.ticket_volume.total === 8);
    await page.evaluate(async (files) => {
      const dash = document.querySelector('helpdesk-kpi-dashboard');
      const zone = dash.shadowRoot.querySelector('[data-role="drop-zone"]');
      const done = new Promise((resolve) => dash.addEventListener('kpi-report', resolve, { once: true }));
      const transfer = new DataTransfer();
      for (const f of files) transfer.items.add(new File([f.text], f.name, { type: 'application/json' }));
      for (const type of ['dragenter', 'dragover', 'drop'])
        zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true }));
      await done;
    }, ZENDESK_FILES.map((p) => ({ name: p.split('/').pop(), text: readFileSync(p, 'utf8') })));
    // Settings.
    await dash.locator('details.settings > summary').click();
    await dash.locator('select[name="week_start"]').selectOption('sunday');
    await dash.locator('input[name="sla_frt"]').fill('2');
    await dash.locator('[data-action="apply-settings"]').click();
    await page.waitForFunction(() => document.querySelector('helpdesk-kpi-dashboard').report?.settings?.week_start === 'sunday');
    // Filters, period, granularity, sorting.
    for (const kind of ['channel', 'agent', 'tag', 'status']) {
      const menu = dash.locator(`details[data-filter="${kind}"]`);
      await menu.locator('summary').click();
      const box = menu.locator('input[type=checkbox]').first();
      if (await box.count()) {
        await box.check();
        await page.waitForTimeout(150);
        await box.uncheck();
      }
    }
    await dash.locator('input[data-query="from"]').fill('2025-03-04');
    await dash.locator('input[data-query="to"]').fill('2025-03-06');
    await page.waitForTimeout(200);
    for (const g of await dash.locator('[data-granularity]').all()) await g.click();
    for (const th of await dash.locator('table[data-table="agents"] th button').all()) await th.click();
    await dash.locator('[data-action="clear"]').click();
    // Language, exports, print.
    await dash.locator('select.lang').selectOption('ja');
    await dash.locator('select.lang').selectOption('en');
    // The exports that wait for the engine first: Chromium holds back automatic downloads after many in a row.
    for (const action of ['tickets-csv', 'export-json']) {
      const button = dash.locator(`[data-action="${action}"]`);
      if (!(await button.isVisible())) continue;
      const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
      assert.ok((await download.path()).length > 0);
    }
    // Every table's CSV. Chromium holds back a tab's automatic downloads after a few in a row, so each tab does four.
    const ids = await dash.locator('[data-csv]').evaluateAll((buttons) => buttons.map((b) => b.dataset.csv));
    assert.ok(ids.length >= 4, `CSV buttons: ${ids}`);
    for (let at = 0; at < ids.length; at += 4) {
      const tab = await browser.context.newPage();
      await tab.goto(PAGE_URL);
      await tab.locator(`${DASH} input[type=file]`).setInputFiles(ZENDESK_FILES);
      await tab.waitForFunction(() => document.querySelector('helpdesk-kpi-dashboard').report?.kpis.ticket_volume.total === 8);
      for (const id of ids.slice(at, at + 4)) {
        const [download] = await Promise.all([tab.waitForEvent('download', { timeout: 10_000 }), tab.locator(`${DASH} [data-csv="${id}"]`).click()]);
        assert.ok((await download.path()).length > 0, id);
      }
      await tab.close();
    }
    await page.evaluate(() => {
      window.print = () => (window.__printed = true); // the dialog would block a headless run; the click path is what matters
    });
    await dash.locator('[data-action="print"]').click();
    assert.equal(await page.evaluate(() => window.__printed), true);
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: join(ARTIFACTS, 'privacy-print.pdf') });
    await page.emulateMedia({ media: 'screen' });
    // The main-thread engine (no worker) too.
    await page.goto(`${PAGE_URL}?worker=0`);
    await page.locator(`${DASH} input[type=file]`).setInputFiles(ZENDESK_FILES);
    await page.waitForFunction(() => document.querySelector('helpdesk-kpi-dashboard').report?.kpis.ticket_volume.total === 8);

    const seen = browser.requests.slice(before);
    assert.ok(seen.length > 0, 'requests are being recorded');
    assert.deepEqual(remoteRequests(seen), []);
    assert.deepEqual(routed, []);
    assert.deepEqual(violations, [], 'the page itself never tries anything its CSP forbids');
    assert.deepEqual(browser.errors, []);
  });

  test('ticket-derived text is shown as text everywhere, never run', async () => {
    const firstRequest = browser.requests.length;
    await page.goto(PAGE_URL);
    const evilName = `${X(9)}.json`;
    const files = [
      { name: evilName, mimeType: 'application/json', buffer: Buffer.from(hostileExport()) },
      ...ZENDESK_FILES.slice(1).map((p) => ({ name: p.split('/').pop(), mimeType: 'application/json', buffer: readFileSync(p) })),
      { name: `${X(10)}broken.json`, mimeType: 'application/json', buffer: Buffer.from('{"tickets":[{"id":1,') },
    ];
    await page.locator(`${DASH} input[type=file]`).setInputFiles(files);
    await page.waitForFunction(() => document.querySelector('helpdesk-kpi-dashboard').report?.kpis.ticket_volume.total >= 8);
    const dash = page.locator(DASH);
    // Open every filter menu so their options are rendered.
    for (const kind of ['agent', 'tag', 'status', 'channel']) await dash.locator(`details[data-filter="${kind}"] > summary`).click();
    await page.waitForTimeout(300);
    const text = await page.evaluate(() => document.querySelector('helpdesk-kpi-dashboard').shadowRoot.textContent);
    const report = await page.evaluate(() => document.querySelector('helpdesk-kpi-dashboard').report);
    // The payloads are in the data the page shows …
    assert.ok(report.kpis.agents.some((a) => a.name.includes(X(7))), 'agent names carry the payload');
    assert.ok(text.includes(`${X(7)} Alice Archer`), 'agent name shown literally');
    assert.ok(text.includes(`${X(2)}`), 'tag shown literally');
    assert.ok(text.includes(evilName), 'file name shown literally');
    assert.ok(text.includes(`${X(10)}broken.json`), 'error message with the file name shown literally');
    const shown = report.data_quality.warnings.filter((w) => w.code !== 'file_rejected'); // those are the file errors above
    assert.ok(shown.length > 0 && shown.every((w) => text.includes(w.message)), 'warnings shown literally');
    assert.ok(shown.some((w) => w.message.includes(X(8)) || w.message.includes(X(9))), 'a warning quotes the payload');
    // … and nothing ran or became markup.
    const dom = await page.evaluate(() => {
      const root = document.querySelector('helpdesk-kpi-dashboard').shadowRoot;
      const all = [...document.querySelectorAll('*'), ...root.querySelectorAll('*')];
      return {
        xss: window.__xss ?? null,
        imgs: all.filter((n) => n.localName === 'img').length,
        injected: all.filter((n) => n.localName === 'hk-evil' || n.localName === 'svg' && n.getAttribute('onload')).length,
        handlers: all.flatMap((n) => [...n.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${n.localName}[${a.name}]`)),
      };
    });
    assert.deepEqual(dom, { xss: null, imgs: 0, injected: 0, handlers: [] });
    assert.deepEqual(violations, []);
    await page.screenshot({ path: join(ARTIFACTS, 'privacy-xss.png'), fullPage: true });

    // CSV exports: text that a spreadsheet would run as a formula starts with an apostrophe.
    const download = async (selector) => {
      const [d] = await Promise.all([page.waitForEvent('download'), dash.locator(selector).click()]);
      return readFileSync(await d.path(), 'utf8');
    };
    const agents = await download('[data-csv="agents"]');
    assert.match(agents, /"'=HYPERLINK\(""http:\/\/evil\.example""\)"/);
    assert.doesNotMatch(agents, /(^|,)=HYPERLINK/m);
    const topics = await download('[data-csv="topics"]');
    assert.match(topics, /\n'=cmd\|' \/C calc'!A1,tag,/);
    assert.doesNotMatch(topics, /(^|,)"?=cmd/m);
    if (await dash.locator('[data-action="tickets-csv"]').isVisible()) {
      const tickets = await download('[data-action="tickets-csv"]');
      assert.match(tickets, /,"'=HYPERLINK\(""http:\/\/evil\.example""\)",/, 'assignee name escaped in the per-ticket CSV');
      assert.doesNotMatch(tickets, /(^|,)"?[=+@]/m, 'no cell starts with a formula character');
    }

    // The HTML export of this very report cannot be broken out of, even by a "</script>" in the data.
    const { renderReportHtml } = await import(pathToFileURL(join(ROOT, 'scripts', 'build-page.mjs')).href);
    report.kpis.top_topics.unshift({ topic: `</script><script>window.__xss=11</script>${X(12)}`, source: 'tag', count: 1, share: 0.1 });
    const html = await renderReportHtml(report, { title: `${X(13)} report` });
    assertStrictCsp(cspOf(html), { engine: false });
    assert.ok(!html.includes('</script><script>window.__xss'), 'the data block escapes </script>');
    const file = join(ARTIFACTS, 'privacy-report.html');
    (await import('node:fs')).writeFileSync(file, html);
    await page.goto(pathToFileURL(file).href);
    await page.locator(`${DASH} [data-tile="volume"] .value`).waitFor();
    const exported = await page.evaluate(() => ({
      xss: window.__xss ?? null,
      title: document.title,
      text: document.querySelector('helpdesk-kpi-dashboard').shadowRoot.textContent,
      imgs: document.querySelector('helpdesk-kpi-dashboard').shadowRoot.querySelectorAll('img').length,
    }));
    assert.equal(exported.xss, null);
    assert.equal(exported.title, `${X(13)} report`);
    assert.ok(exported.text.includes(`${X(7)} Alice Archer`));
    assert.ok(exported.text.includes('</script><script>window.__xss=11</script>'));
    assert.equal(exported.imgs, 0);
    assert.deepEqual(remoteRequests(browser.requests.slice(firstRequest)), []);
    assert.deepEqual(routed, []);
  });
});
