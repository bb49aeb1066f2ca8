// The custom element inside a host page with its own (hostile) CSS, served over http from the repository: the module
// import, the module worker (web/src/worker.mjs), events, theming through --hk-* only, no leaking host styles.
// And the saved-report page of renderReportHtml(), opened from file://.
import assert from 'node:assert/strict';
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ARTIFACTS, ROOT, ZENDESK, ZENDESK_FILES, launch, remoteRequests, screenshot } from './helpers.mjs';

const TYPES = { '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css' };

function serveRepo() {
  const server = createServer((req, res) => {
    if (req.url === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const path = normalize(join(ROOT, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!path.startsWith(ROOT) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('embedding and saved reports', { skip: !ZENDESK && 'Zendesk fixture not found' }, () => {
  let browser;
  let server;
  let origin;

  before(async () => {
    server = await serveRepo();
    origin = `http://127.0.0.1:${server.address().port}`;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  test('the element in a host page: events fire, host CSS does not leak in, --hk-* theming does', async () => {
    const { page } = browser;
    await page.goto(`${origin}/web/examples/embed.html`);
    const dash = page.locator('helpdesk-kpi-dashboard');
    await dash.locator('[data-role="drop-zone"]').waitFor();
    await dash.locator('input[type=file]').setInputFiles(ZENDESK_FILES);
    await page.waitForFunction(() => window.__lastReport?.kpis?.ticket_volume?.total === 8);
    assert.match(await page.locator('#event-log').textContent(), /kpi-report: 8 tickets/);
    assert.ok((await page.evaluate(() => window.__progressEvents)) >= 1, 'kpi-progress fired');
    assert.equal(await dash.locator('[data-tile="volume"] .value').textContent(), '8');
    const style = await page.evaluate(() => {
      const root = document.querySelector('helpdesk-kpi-dashboard').shadowRoot;
      const css = (node) => getComputedStyle(node);
      const tile = root.querySelector('[data-tile="volume"]');
      const button = root.querySelector('[data-action="pick"]');
      const div = root.querySelector('.tiles');
      return {
        tileFont: css(tile).fontFamily,
        tileColor: css(tile.querySelector('.value')).color,
        divBorder: css(div).borderTopWidth,
        buttonBg: css(button).backgroundColor,
        buttonFontSize: css(button).fontSize,
      };
    });
    assert.doesNotMatch(style.tileFont, /Georgia/);
    assert.notEqual(style.tileColor, 'rgb(122, 0, 0)');
    assert.equal(style.divBorder, '0px');
    assert.equal(style.buttonBg, 'rgb(10, 125, 90)', 'the primary button takes --hk-accent from the host');
    assert.notEqual(style.buttonFontSize, '20px');
    // a bad file fires kpi-error with the file's name
    await dash.locator('input[type=file]').setInputFiles({ name: 'nope.json', mimeType: 'application/json', buffer: Buffer.from('[1,2') });
    await page.waitForFunction(() => /nope\.json/.test(window.__lastError ?? ''));
    await screenshot(page, 'embed-host-page', { fullPage: true });
    assert.deepEqual(browser.errors, []);
  });

  test('renderReportHtml() writes a self-contained report page that opens from file://', async () => {
    const { renderReportHtml } = await import(pathToFileURL(join(ROOT, 'scripts', 'build-page.mjs')).href);
    const { analyze } = await import(pathToFileURL(join(ROOT, 'web', 'src', 'index.mjs')).href);
    const inputs = ZENDESK_FILES.map((path) => ({ name: path.split('/').pop(), data: readFileSync(path) }));
    const report = await analyze(inputs, { timezone: 'UTC' });
    const html = await renderReportHtml(report, { lang: 'en', title: 'Support report' });
    assert.ok(html.length < 400_000, `report page is small (${html.length} bytes): no engine inside`);
    assert.match(html, /Content-Security-Policy/);
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'report.html');
    writeFileSync(file, html);
    const before = browser.requests.length;
    const { page } = browser;
    await page.goto(pathToFileURL(file).href);
    const value = page.locator('helpdesk-kpi-dashboard [data-tile="volume"] .value');
    await value.waitFor();
    assert.equal(await value.textContent(), '8');
    assert.equal(await page.locator('helpdesk-kpi-dashboard [data-tile="csat"] .value').textContent(), '66.7%');
    assert.equal(await page.title(), 'Support report');
    await screenshot(page, 'report-page', { fullPage: true });
    assert.deepEqual(remoteRequests(browser.requests.slice(before)), []);
    assert.deepEqual(browser.errors, []);
  });
});
