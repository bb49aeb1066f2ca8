// Shared set-up of the browser tests: Debian's Chromium through playwright-core, a fresh profile per launch, the
// flags from reference/toolchain-notes.md (never --allow-file-access-from-files: the page must work from file:// as a
// user opens it), a log of every request and of console errors, and where the fixtures and the built page are.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PAGE = join(ROOT, 'build', 'page', 'helpdesk-kpi.html');
export const PAGE_URL = pathToFileURL(PAGE).href;
export const ARTIFACTS = join(ROOT, 'test-artifacts');

/** The Zendesk fixture folder: shared/ beside the repo (CI), or the workplace copy. */
export const ZENDESK = [join(ROOT, '..', 'shared', 'fixtures', 'zendesk'), '/work/shared/fixtures/zendesk', join(ROOT, 'tests', 'data', 'zendesk')].find((d) =>
  existsSync(join(d, 'small.json')),
);
export const ZENDESK_FILES = ['small.json', 'small.ticket_audits.json', 'small.satisfaction_ratings.json'].map((n) => join(ZENDESK ?? '', n));

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function ensurePage() {
  if (!existsSync(PAGE)) {
    const { buildPage } = await import(pathToFileURL(join(ROOT, 'scripts', 'build-page.mjs')).href);
    await buildPage();
  }
}

/**
 * Launches Chromium with a fresh profile. Returns {context, page, requests, errors, close}.
 * `errors` collects console errors and uncaught page errors; `requests` every URL the browser asked for.
 */
export async function launch({ viewport = { width: 1366, height: 768 }, locale = 'en-US' } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'hk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport,
    locale,
    acceptDownloads: true,
    timezoneId: 'UTC',
  });
  const requests = [];
  const errors = [];
  context.on('request', (request) => requests.push(request.url()));
  const watch = (page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  };
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  watch(page);
  return {
    context,
    page,
    requests,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Requests that left the machine (anything but file:, blob:, data:). */
export function remoteRequests(requests) {
  return requests.filter((url) => !/^(file|blob|data):/.test(url));
}

export async function screenshot(page, name, options = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), ...options });
}

/** Text of a KPI tile's headline value, once it is rendered. */
export async function tileValue(page, id) {
  const locator = page.locator(`helpdesk-kpi-dashboard [data-tile="${id}"] .value`);
  await locator.waitFor();
  return (await locator.textContent()).trim();
}

/** Dispatches a synthetic drop of files (built in the page from {name, text}) on the drop zone in the shadow root. */
export async function dropFiles(page, files, selector = 'helpdesk-kpi-dashboard') {
  await page.evaluate(
    ({ files, selector }) => {
      const host = document.querySelector(selector);
      const zone = host.shadowRoot.querySelector('[data-role="drop-zone"]');
      const transfer = new DataTransfer();
      for (const f of files) transfer.items.add(new File([f.text], f.name, { type: 'application/json' }));
      for (const type of ['dragenter', 'dragover', 'drop'])
        zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true }));
    },
    { files, selector },
  );
}

export { rmSync, join };
