// <helpdesk-kpi-dashboard>: the whole dashboard as one custom element (SPEC §6.4). Registers itself on import.
//   attributes  lang="en|ja", timezone, week-start="monday|sunday", business-hours (JSON), currency,
//               conversion-window-days, no-worker (engine on the page thread), hide-loader (host calls load() itself)
//   properties  report (get; set = show a saved report without an engine), previousReport, settings, query, samples
//   methods     load(files) → Promise<report|null>, cancel(), setQuery({from, to, filters})
//   events      kpi-progress {file, bytes, totalBytes, fraction}, kpi-report {report, previous, query},
//               kpi-error {message, errors}  (all bubble and cross the shadow boundary)
// Everything from the data (subjects, tags, names, file names, messages) is written with textContent, never as HTML.
import { openSession } from '../index.mjs';
import { CHANNEL_ORDER, barList, el, legend, timeSeriesChart } from './charts.mjs';
import { download, toCsv } from './csv.mjs';
import { makeFormat, pick } from './format.mjs';
import { LANGUAGES, detectLanguage, makeT } from './i18n.mjs';
import { CSS } from './styles.mjs';
import { TILES } from './tiles.mjs';

const FILTERS = ['agent', 'channel', 'tag', 'status'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const OPEN_STATUSES = ['new', 'open', 'pending', 'on_hold', 'snoozed'];
const LOGO =
  '<svg viewBox="0 0 24 24" fill="none" stroke="#fff" stroke-width="2.2" stroke-linecap="round"><path d="M4 20V10M10 20V4M16 20v-7M22 20H2"/></svg>';

let sheet = null;
function adoptStyles(root) {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    sheet ??= new CSSStyleSheet();
    if (!sheet.cssRules.length) sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } else {
    root.append(el('style', { text: CSS }));
  }
}

const dayNumber = (iso) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000 : null;
};
const isoDay = (n) => new Date(n * 86400000).toISOString().slice(0, 10);

function abortLike(error) {
  return error?.name === 'AbortError';
}

export class HelpdeskKpiDashboard extends HTMLElement {
  static observedAttributes = ['lang', 'timezone', 'week-start', 'business-hours', 'currency', 'conversion-window-days', 'hide-loader'];

  #t = makeT('en');
  #f = makeFormat('en');
  #els = {};
  #files = null;
  #session = null;
  #controller = null;
  #base = null;
  #report = null;
  #previous = null;
  #previousQuery = null;
  #stacks = [];
  #query = { from: '', to: '', filters: { agent: [], channel: [], tag: [], status: [] } };
  #granularity = null;
  #sort = { key: 'tickets_resolved', dir: 'desc' };
  #samples = [];
  #settingsOverride = {};
  #seq = 0;
  #loadSeq = 0;
  #refreshTimer = 0;
  #viewer = false;
  #resizeObserver = null;
  #resizeTimer = 0;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    adoptStyles(root);
    this.#build(root);
    this.#applyLanguage();
  }

  connectedCallback() {
    this.#watchSize();
    this.#applyLanguage();
  }

  disconnectedCallback() {
    // Keep the session: the element may be moved in the DOM. Hosts call cancel()/load() to manage it.
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue) return;
    if (name === 'lang') this.#applyLanguage();
    else if (name === 'hide-loader') this.#els.loader.hidden = this.hasAttribute('hide-loader');
    else this.#fillSettingsForm();
  }

  // ---------------------------------------------------------------------------------------------- public API

  /** The report currently shown (null before any analysis). Setting it shows a saved report without an engine. */
  get report() {
    return this.#report;
  }
  set report(value) {
    this.cancel();
    this.#closeSession();
    this.#viewer = !!value;
    this.#base = value ?? null;
    this.#report = value ?? null;
    this.#previous = null;
    this.#stacks = this.#channelStacks(value); // a saved report carries its channel series too
    this.#files = null;
    this.#query = {
      from: value?.settings?.from?.slice?.(0, 10) ?? '',
      to: value?.settings?.to?.slice?.(0, 10) ?? '',
      filters: { agent: [], channel: [], tag: [], status: [], ...(value?.settings?.filters ?? {}) },
    };
    this.#renderAll();
  }

  /** The previous-period report the deltas compare against. */
  get previousReport() {
    return this.#previous;
  }
  set previousReport(value) {
    this.#previous = value ?? null;
    this.#renderAll();
  }

  /** The engine settings the next analysis will use (form values, attributes and anything set here). */
  get settings() {
    return this.#collectSettings();
  }
  set settings(value) {
    this.#settingsOverride = { ...(value ?? {}) };
    this.#fillSettingsForm();
  }

  /** The current query: {from, to, filters: {agent, channel, tag, status}}. */
  get query() {
    return this.#currentQuery();
  }

  /** Sample data buttons: [{id, label: string | {en, ja}, files: () => File[] | Promise<File[]>}]. */
  get samples() {
    return this.#samples;
  }
  set samples(list) {
    this.#samples = Array.isArray(list) ? list : [];
    this.#renderSamples();
  }

  /** Analyses files (File, Blob, {name, data}, …: anything analyze() takes). Resolves with the report, or null. */
  async load(files, { settings } = {}) {
    const list = Array.from(files ?? []);
    if (!list.length) return null;
    if (settings) this.settings = settings;
    this.cancel();
    const seq = ++this.#loadSeq;
    const controller = new AbortController();
    this.#controller = controller;
    this.#clearMessages();
    this.#showProgress(0, this.#t('progress.computing'));
    let session;
    try {
      session = await openSession(list, this.#collectSettings(), {
        signal: controller.signal,
        worker: !this.hasAttribute('no-worker'),
        onProgress: (p) => this.#onProgress(p),
      });
      if (seq !== this.#loadSeq) {
        session.close();
        return null;
      }
      this.#showProgress(1, this.#t('progress.computing'));
      const base = await session.report({});
      if (seq !== this.#loadSeq) {
        session.close();
        return null;
      }
      if (session.settingsError) this.#message('error', session.settingsError, this.#t('msg.settings'));
      const errors = (base.sources ?? []).filter((s) => s.error).map((s) => s.error);
      for (const e of errors) this.#message('error', e, this.#t('msg.file_rejected'));
      if (!base.data_quality?.tickets_used) {
        session.close();
        const message = errors.length ? errors.join('\n') : this.#t('msg.no_tickets');
        if (!errors.length) this.#message('error', message);
        this.#emit('kpi-error', { message, errors });
        return null;
      }
      this.#closeSession();
      this.#els.settingsPanel.open = false;
      this.#session = session;
      this.#viewer = false;
      this.#files = list;
      this.#base = base;
      this.#query = { from: '', to: '', filters: { agent: [], channel: [], tag: [], status: [] } };
      this.#granularity = null;
      if (errors.length) this.#emit('kpi-error', { message: errors.join('\n'), errors, partial: true });
      await this.#refresh();
      return this.#report;
    } catch (error) {
      session?.close();
      if (seq !== this.#loadSeq && abortLike(error)) return null;
      if (abortLike(error)) this.#message('info', this.#t('msg.cancelled'));
      else {
        const message = this.#t('msg.failed', { message: error?.message ?? String(error) });
        this.#message('error', message);
        this.#emit('kpi-error', { message, errors: [error?.message ?? String(error)] });
      }
      return null;
    } finally {
      if (seq === this.#loadSeq) {
        this.#controller = null;
        this.#hideProgress();
      }
    }
  }

  /** Stops a running analysis (the worker is terminated). */
  cancel() {
    if (this.#controller) {
      this.#controller.abort();
      this.#controller = null;
    }
  }

  /** Changes period and filters, and re-queries the loaded data (files are not read again). */
  setQuery({ from, to, filters } = {}) {
    if (from !== undefined) this.#query.from = from ?? '';
    if (to !== undefined) this.#query.to = to ?? '';
    if (filters) this.#query.filters = { agent: [], channel: [], tag: [], status: [], ...filters };
    return this.#refresh();
  }

  // ---------------------------------------------------------------------------------------------- skeleton

  #i18n(tag, key, attrs = {}) {
    return el(tag, { ...attrs, 'data-i18n': key });
  }

  #build(root) {
    const e = this.#els;
    e.lang = el(
      'select',
      { class: 'lang', 'aria-label': 'Language', onchange: () => this.setAttribute('lang', e.lang.value) },
      LANGUAGES.map((l) => el('option', { value: l.code, text: l.name })),
    );
    e.exportJson = el('button', { class: 'btn', 'data-action': 'export-json', onclick: () => this.#exportJson() }, this.#i18n('span', 'export.json'));
    e.ticketsCsv = el('button', { class: 'btn', 'data-action': 'tickets-csv', hidden: true, onclick: () => this.#exportTicketsCsv() }, this.#i18n('span', 'export.tickets_csv'));
    e.print = el('button', { class: 'btn', 'data-action': 'print', onclick: () => window.print() }, this.#i18n('span', 'export.print'));
    const logo = el('span', { class: 'logo', 'aria-hidden': 'true' });
    logo.innerHTML = LOGO; // a constant, never data
    const header = el(
      'header',
      { class: 'top' },
      el('div', { class: 'brand' }, logo, el('div', {}, this.#i18n('h1', 'app.title'), el('div', { class: 'privacy' }, this.#i18n('span', 'app.privacy')))),
      el('div', { class: 'actions' }, e.ticketsCsv, e.exportJson, e.print, e.lang),
    );

    e.fileInput = el('input', {
      type: 'file',
      multiple: true,
      class: 'file-input',
      accept: '.json,.jsonl,.ndjson,.gz,.csv,application/json,application/gzip,text/csv',
      onchange: () => {
        const files = Array.from(e.fileInput.files ?? []);
        e.fileInput.value = '';
        this.load(files);
      },
    });
    e.pick = el('button', { class: 'btn primary', 'data-action': 'pick', onclick: () => e.fileInput.click() }, this.#i18n('span', 'drop.pick'));
    e.summary = el('div', { class: 'summary', hidden: true }, el('div', { class: 'summary-line' }), el('div', { class: 'summary-files' }));
    e.drop = el(
      'div',
      { class: 'drop', tabindex: '0', role: 'button', 'data-role': 'drop-zone' },
      e.summary,
      this.#i18n('div', 'drop.title', { class: 'big' }),
      el('div', { class: 'row' }, this.#i18n('span', 'drop.or', { class: 'or-text' }), e.pick, e.fileInput),
      this.#i18n('p', 'drop.hint', { class: 'hint' }),
    );
    e.drop.addEventListener('keydown', (ev) => {
      if (ev.target === e.drop && (ev.key === 'Enter' || ev.key === ' ')) {
        ev.preventDefault();
        e.fileInput.click();
      }
    });
    e.samples = el('div', { class: 'samples', hidden: true });
    e.progressFill = el('div', { class: 'track-inner' });
    e.progressText = el('span', { class: 'ptext' });
    e.progress = el(
      'div',
      { class: 'progress', hidden: true, role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100' },
      el('div', { class: 'track-outer' }, e.progressFill),
      e.progressText,
      el('button', { class: 'btn small', 'data-action': 'cancel', onclick: () => this.cancel() }, this.#i18n('span', 'progress.cancel')),
    );
    e.messages = el('div', { class: 'messages', role: 'alert', 'aria-live': 'polite' });
    e.settingsPanel = this.#buildSettings();
    e.loader = el('section', { class: 'loader card' }, e.drop, e.samples, e.progress, e.messages, e.settingsPanel);

    e.from = el('input', { type: 'date', 'data-query': 'from', onchange: () => this.#setPeriod() });
    e.to = el('input', { type: 'date', 'data-query': 'to', onchange: () => this.#setPeriod() });
    e.filterBox = el('div', { class: 'group filters' });
    e.compare = el('span', { class: 'compare' });
    e.printPeriod = el('div', { class: 'print-period' });
    e.clear = el('button', { class: 'btn small', 'data-action': 'clear', onclick: () => this.setQuery({ from: '', to: '', filters: {} }) }, this.#i18n('span', 'toolbar.clear'));
    e.toolbar = el(
      'section',
      { class: 'toolbar card', hidden: true },
      el('div', { class: 'group period' }, this.#i18n('span', 'toolbar.period'), e.from, el('span', { text: '–' }), e.to),
      (e.sep = el('span', { class: 'sep' })),
      e.filterBox,
      e.clear,
      el('span', { class: 'spacer' }),
      e.printPeriod,
      e.compare,
    );
    e.tiles = el('section', { class: 'tiles', 'aria-label': 'KPIs' });
    e.grid = el('section', { class: 'grid' });
    e.footer = el('footer', { class: 'foot' });
    e.dash = el('div', { class: 'dash', hidden: true }, e.toolbar, e.tiles, e.grid, e.footer);
    e.root = el('div', { class: 'hk', part: 'root' }, header, e.loader, e.dash);
    this.#wireDrop(e.root);
    // Filter menus close on a click elsewhere or Escape, like a select.
    const closeMenus = (except) => {
      for (const d of e.filterBox.querySelectorAll('details.ms[open]')) if (d !== except) d.open = false;
    };
    e.root.addEventListener('click', (ev) => closeMenus(ev.composedPath().find((n) => n.matches?.('details.ms'))));
    e.root.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') closeMenus(null);
    });
    document.addEventListener('click', (ev) => {
      if (!ev.composedPath().includes(this)) closeMenus(null);
    });
    root.append(e.root);
  }

  #wireDrop(target) {
    let depth = 0;
    const hasFiles = (ev) => Array.from(ev.dataTransfer?.types ?? []).includes('Files');
    target.addEventListener('dragenter', (ev) => {
      if (!hasFiles(ev)) return;
      ev.preventDefault();
      depth++;
      this.#els.drop.classList.add('over');
    });
    target.addEventListener('dragover', (ev) => {
      if (!hasFiles(ev)) return;
      ev.preventDefault();
      if (ev.dataTransfer) ev.dataTransfer.dropEffect = 'copy';
    });
    target.addEventListener('dragleave', () => {
      depth = Math.max(0, depth - 1);
      if (!depth) this.#els.drop.classList.remove('over');
    });
    target.addEventListener('drop', (ev) => {
      ev.preventDefault();
      depth = 0;
      this.#els.drop.classList.remove('over');
      const files = Array.from(ev.dataTransfer?.files ?? []);
      if (files.length) this.load(files);
    });
  }

  #buildSettings() {
    const e = this.#els;
    const field = (key, input) => el('label', { class: 'field' }, this.#i18n('span', key), input);
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    e.zoneList = el('datalist', { id: 'hk-zones' }, zones.map((z) => el('option', { value: z })));
    e.s = {
      timezone: el('input', { type: 'text', list: 'hk-zones', name: 'timezone', autocomplete: 'off', spellcheck: 'false' }),
      weekStart: el('select', { name: 'week_start' }, this.#i18n('option', 'settings.monday', { value: 'monday' }), this.#i18n('option', 'settings.sunday', { value: 'sunday' })),
      bhEnabled: el('input', { type: 'checkbox', name: 'bh_enabled' }),
      bhDays: Object.fromEntries(DAYS.map((d) => [d, el('input', { type: 'checkbox', name: `bh_${d}` })])),
      bhFrom: el('input', { type: 'time', name: 'bh_from', value: '09:00' }),
      bhTo: el('input', { type: 'time', name: 'bh_to', value: '17:00' }),
      holidays: el('textarea', { name: 'holidays', placeholder: '2025-12-25' }),
      slaFrt: el('input', { type: 'number', min: '0', step: '0.25', name: 'sla_frt', placeholder: '4' }),
      slaRes: el('input', { type: 'number', min: '0', step: '0.25', name: 'sla_resolution', placeholder: '24' }),
      slaBusiness: el('input', { type: 'checkbox', name: 'sla_business' }),
      costs: Object.fromEntries(
        ['agent_labour', 'indirect', 'tools', 'overhead', 'bot'].map((k) => [k, el('input', { type: 'number', min: '0', step: 'any', name: `cost_${k}`, placeholder: '0' })]),
      ),
      currency: el('input', { type: 'text', name: 'currency', maxlength: '3', size: '4', placeholder: 'USD' }),
      conversion: el('input', { type: 'number', min: '1', max: '30', step: '1', name: 'conversion_window_days', value: '5' }),
    };
    const s = e.s;
    const grid = el(
      'div',
      { class: 'settings-grid' },
      el('fieldset', {}, this.#i18n('legend', 'settings.timezone'), field('settings.timezone', s.timezone), e.zoneList, field('settings.week_start', s.weekStart)),
      el(
        'fieldset',
        {},
        this.#i18n('legend', 'settings.business_hours'),
        el('label', { class: 'check' }, s.bhEnabled, this.#i18n('span', 'settings.bh_enabled')),
        el('div', { class: 'days' }, DAYS.map((d) => el('label', {}, s.bhDays[d], this.#i18n('span', `days.${d}`)))),
        el('div', { class: 'inline' }, field('settings.bh_from', s.bhFrom), field('settings.bh_to', s.bhTo)),
        field('settings.holidays', s.holidays),
      ),
      el(
        'fieldset',
        {},
        this.#i18n('legend', 'settings.sla'),
        field('settings.sla_frt', s.slaFrt),
        field('settings.sla_resolution', s.slaRes),
        el('label', { class: 'check' }, s.slaBusiness, this.#i18n('span', 'settings.sla_business')),
        field('settings.conversion', s.conversion),
      ),
      el(
        'fieldset',
        {},
        this.#i18n('legend', 'settings.costs'),
        el('div', { class: 'inline' }, field('settings.cost_agent', s.costs.agent_labour), field('settings.cost_indirect', s.costs.indirect)),
        el('div', { class: 'inline' }, field('settings.cost_tools', s.costs.tools), field('settings.cost_overhead', s.costs.overhead)),
        el('div', { class: 'inline' }, field('settings.cost_bot', s.costs.bot), field('settings.currency', s.currency)),
      ),
    );
    const apply = el('button', { class: 'btn primary small', 'data-action': 'apply-settings', onclick: () => this.#applySettings() }, this.#i18n('span', 'settings.apply'));
    const panel = el(
      'details',
      { class: 'settings' },
      this.#i18n('summary', 'settings.title'),
      grid,
      el('div', { class: 'settings-actions' }, apply, this.#i18n('span', 'settings.note', { class: 'note' })),
    );
    this.#fillSettingsForm();
    return panel;
  }

  #fillSettingsForm() {
    const s = this.#els.s;
    if (!s) return;
    const o = this.#settingsOverride;
    s.timezone.value = o.timezone ?? this.getAttribute('timezone') ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
    s.weekStart.value = o.week_start ?? this.getAttribute('week-start') ?? 'monday';
    let bh = o.business_hours;
    if (bh === undefined && this.hasAttribute('business-hours')) {
      try {
        bh = JSON.parse(this.getAttribute('business-hours'));
      } catch {
        bh = null;
      }
    }
    s.bhEnabled.checked = !!bh;
    const days = bh?.weekly ?? { mon: 1, tue: 1, wed: 1, thu: 1, fri: 1 };
    for (const d of DAYS) s.bhDays[d].checked = !!(Array.isArray(days[d]) ? days[d].length : days[d]);
    const firstSpan = Object.values(bh?.weekly ?? {}).find((v) => Array.isArray(v) && v.length)?.[0];
    if (firstSpan) [s.bhFrom.value, s.bhTo.value] = firstSpan;
    s.holidays.value = (bh?.holidays ?? []).join('\n');
    const hours = (seconds) => (seconds > 0 ? seconds / 3600 : '');
    s.slaFrt.value = hours(o.sla?.first_response_s);
    s.slaRes.value = hours(o.sla?.resolution_s);
    s.slaBusiness.checked = !!o.sla?.business_hours;
    for (const [k, input] of Object.entries(s.costs)) input.value = o.costs?.[k] ?? '';
    s.currency.value = o.costs?.currency ?? this.getAttribute('currency') ?? '';
    s.conversion.value = o.conversion_window_days ?? this.getAttribute('conversion-window-days') ?? 5;
  }

  /** The settings JSON the engine takes (settings.cpp): unset parts are left out, so the engine's defaults apply. */
  #collectSettings() {
    const s = this.#els.s;
    const num = (input) => (input.value === '' || !Number.isFinite(+input.value) || +input.value < 0 ? null : +input.value);
    const timezone = s.timezone.value.trim() || undefined;
    const span = [s.bhFrom.value || '09:00', s.bhTo.value || '17:00'];
    const settings = { ...this.#settingsOverride };
    for (const key of ['timezone', 'business_hours', 'sla', 'costs', 'conversion_window_days']) delete settings[key];
    if (timezone) settings.timezone = timezone;
    settings.week_start = s.weekStart.value === 'sunday' ? 'sunday' : 'monday';
    if (s.bhEnabled.checked)
      settings.business_hours = {
        weekly: Object.fromEntries(DAYS.filter((d) => s.bhDays[d].checked).map((d) => [d, [span]])),
        holidays: s.holidays.value.split(/[\s,]+/).map((x) => x.trim()).filter((x) => /^\d{4}-\d{2}-\d{2}$/.test(x)),
      };
    const frt = num(s.slaFrt);
    const res = num(s.slaRes);
    if (frt || res)
      settings.sla = {
        first_response_s: Math.round((frt ?? 0) * 3600),
        resolution_s: Math.round((res ?? 0) * 3600),
        business_hours: s.slaBusiness.checked && s.bhEnabled.checked,
      };
    const costs = Object.fromEntries(Object.entries(s.costs).map(([k, input]) => [k, num(input) ?? 0]));
    if (Object.values(costs).some((v) => v > 0)) settings.costs = { ...costs, currency: (s.currency.value.trim() || 'USD').toUpperCase() };
    const days = Math.round(num(s.conversion) ?? 5);
    settings.conversion_window_days = Math.min(30, Math.max(1, days));
    return settings;
  }

  #applySettings() {
    this.#settingsOverride = { ...this.#settingsOverride, ...this.#collectSettings() };
    if (this.#files?.length) {
      const query = { ...this.#query };
      this.load(this.#files).then((report) => {
        if (report && (query.from || query.to || FILTERS.some((k) => query.filters[k]?.length))) this.setQuery(query);
      });
    }
  }

  // ---------------------------------------------------------------------------------------------- loading

  #onProgress(p) {
    const fraction = p.totalBytes ? Math.min(1, p.bytes / p.totalBytes) : null;
    const text = p.done || !p.file ? this.#t('progress.computing') : this.#t('progress.reading', { file: p.file });
    this.#showProgress(fraction, text);
    this.#emit('kpi-progress', { file: p.file, bytes: p.bytes, totalBytes: p.totalBytes ?? null, fraction, done: !!p.done });
  }

  #showProgress(fraction, text) {
    const e = this.#els;
    e.progress.hidden = false;
    e.root.classList.add('busy');
    const pct = fraction == null ? 100 : Math.round(fraction * 100);
    e.progressFill.style.width = `${pct}%`;
    e.progress.setAttribute('aria-valuenow', String(pct));
    e.progressText.textContent = text;
  }

  #hideProgress() {
    this.#els.progress.hidden = true;
    this.#els.root.classList.remove('busy');
  }

  #clearMessages() {
    this.#els.messages.replaceChildren();
  }

  #message(kind, text, title) {
    const close = el('button', { class: 'close', 'aria-label': this.#t('msg.dismiss'), title: this.#t('msg.dismiss'), text: '×' });
    const box = el('div', { class: `msg ${kind}`, 'data-kind': kind }, el('span', { class: 'text', text: title ? `${title}: ${text}` : text }), close);
    close.addEventListener('click', () => box.remove());
    this.#els.messages.append(box);
  }

  #closeSession() {
    try {
      this.#session?.close();
    } catch {
      /* already closed */
    }
    this.#session = null;
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  // ---------------------------------------------------------------------------------------------- querying

  #setPeriod() {
    this.#query.from = this.#els.from.value;
    this.#query.to = this.#els.to.value;
    this.#scheduleRefresh();
  }

  #scheduleRefresh() {
    clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => this.#refresh(), 120);
  }

  #currentQuery() {
    const q = {};
    if (this.#query.from) q.from = this.#query.from;
    if (this.#query.to) q.to = this.#query.to;
    const filters = {};
    for (const k of FILTERS) if (this.#query.filters[k]?.length) filters[k] = [...this.#query.filters[k]];
    if (Object.keys(filters).length) q.filters = filters;
    return q;
  }

  /** The data's first and last day (from the unfiltered report), used when no period is picked. */
  #dataRange() {
    const days = this.#base?.kpis?.ticket_volume?.by_day ?? [];
    return days.length ? { from: days[0].period, to: days[days.length - 1].period } : null;
  }

  /** Same length, just before: the comparison period (a second query, not KPI math). */
  #previousPeriod(q) {
    const range = this.#dataRange();
    const from = dayNumber(q.from ?? range?.from);
    const to = dayNumber(q.to ?? range?.to);
    if (from == null || to == null || to < from) return null;
    const length = to - from + 1;
    return { from: isoDay(from - length), to: isoDay(from - 1) };
  }

  async #refresh() {
    const seq = ++this.#seq;
    const session = this.#session;
    if (!session) {
      this.#renderAll();
      return;
    }
    const q = this.#currentQuery();
    this.#els.root.classList.add('busy');
    try {
      const report = await session.report(q);
      const period = this.#previousPeriod(q);
      const prevQuery = period ? { ...q, ...period } : null;
      const previous = prevQuery ? await session.report(prevQuery) : null;
      const stacks = this.#channelStacks(report);
      if (seq !== this.#seq || session !== this.#session) return;
      this.#report = report;
      this.#previous = previous;
      this.#previousQuery = prevQuery;
      this.#stacks = stacks;
      this.#renderAll();
      this.#emit('kpi-report', { report, previous, query: q });
    } catch (error) {
      if (seq === this.#seq) {
        this.#message('error', error?.message ?? String(error));
        this.#emit('kpi-error', { message: error?.message ?? String(error), errors: [error?.message ?? String(error)] });
      }
    } finally {
      if (seq === this.#seq) this.#els.root.classList.remove('busy');
    }
  }

  /**
   * Volume over time by channel, from the report's own `series_by_channel` (the engine computes each channel's series
   * in the same query; the chart used to cost one more full report per channel).
   */
  #channelStacks(report) {
    const tv = report?.kpis?.ticket_volume ?? {};
    const per = tv.series_by_channel ?? {};
    return CHANNEL_ORDER.filter((c) => tv.by_channel?.[c] > 0 && per[c]).map((c) => ({
      key: c,
      series: { by_day: per[c].by_day ?? [], by_week: per[c].by_week ?? [], by_month: per[c].by_month ?? [] },
    }));
  }

  // ---------------------------------------------------------------------------------------------- rendering

  #applyLanguage() {
    const attr = this.getAttribute('lang');
    const lang = attr === 'ja' || attr === 'en' ? attr : detectLanguage();
    this.#t = makeT(lang);
    this.#f = makeFormat(lang);
    const e = this.#els;
    e.lang.value = lang;
    e.lang.setAttribute('aria-label', this.#t('lang.label'));
    e.root.setAttribute('lang', lang);
    for (const node of e.root.querySelectorAll('[data-i18n]')) node.textContent = this.#t(node.dataset.i18n);
    this.#renderSamples();
    this.#renderAll();
  }

  #renderSamples() {
    const box = this.#els.samples;
    if (!box) return;
    box.hidden = !this.#samples.length;
    box.replaceChildren(
      el('span', { text: this.#t('samples.label') }),
      ...this.#samples.map((s) =>
        el('button', {
          class: 'btn small',
          'data-sample': s.id,
          text: this.#t.pick(s.label),
          onclick: async () => this.load(await s.files()),
        }),
      ),
    );
  }

  #renderAll() {
    const e = this.#els;
    if (!e.dash) return;
    const report = this.#report;
    e.dash.hidden = !report;
    e.loader.classList.toggle('loaded', !!report);
    e.exportJson.hidden = !report;
    e.print.hidden = !report;
    e.ticketsCsv.hidden = !(report && this.#session?.capabilities?.ticketsCsv);
    e.loader.hidden = this.hasAttribute('hide-loader') || (this.#viewer && !this.#samples.length);
    this.#renderSummary();
    if (!report) return;
    this.#renderToolbar();
    this.#renderTiles();
    this.#renderPanels();
    this.#renderFooter();
  }

  #renderSummary() {
    const e = this.#els;
    const line = e.summary.firstChild;
    const filesLine = e.summary.lastChild;
    const base = this.#base;
    e.summary.hidden = !base || this.#viewer;
    if (!base) return;
    const sources = base.sources ?? [];
    const tickets = this.#f.count(base.data_quality?.tickets_used);
    line.textContent =
      sources.length === 1 ? this.#t('loaded.summary1', { tickets }) : this.#t('loaded.summary', { files: sources.length, tickets });
    filesLine.textContent = sources.map((s) => s.name).join(', ');
    filesLine.title = filesLine.textContent;
    e.drop.querySelector('.big').textContent = this.#t('drop.again');
  }

  #renderToolbar() {
    const e = this.#els;
    const t = this.#t;
    e.toolbar.hidden = false;
    const range = this.#dataRange();
    e.from.value = this.#query.from || range?.from || '';
    e.to.value = this.#query.to || range?.to || '';
    e.from.placeholder = range?.from ?? '';
    e.to.placeholder = range?.to ?? '';
    for (const input of [e.from, e.to]) {
      input.min = '';
      input.disabled = this.#viewer;
    }
    e.filterBox.hidden = this.#viewer;
    e.sep.hidden = this.#viewer;
    e.clear.hidden = this.#viewer || !(this.#query.from || this.#query.to || FILTERS.some((k) => this.#query.filters[k]?.length));
    const prev = this.#previousQuery;
    e.compare.textContent = prev && this.#previous ? t('toolbar.previous', { from: this.#f.period(prev.from, true), to: this.#f.period(prev.to, true) }) : '';
    const from = this.#query.from || range?.from;
    const to = this.#query.to || range?.to;
    e.printPeriod.textContent = `${t('toolbar.period')}: ${from ? this.#f.period(from, true) : ''} – ${to ? this.#f.period(to, true) : ''}`;
    const open = new Set(Array.from(e.filterBox.querySelectorAll('details[open]')).map((d) => d.dataset.filter));
    e.filterBox.replaceChildren(...FILTERS.map((k) => this.#filterMenu(k, open.has(k))));
  }

  #filterOptions(kind) {
    const kpis = this.#base?.kpis ?? {};
    const t = this.#t;
    if (kind === 'agent')
      return (kpis.agents ?? []).map((a) => ({
        value: a.id,
        label: a.is_automation ? t('agent.automation') : a.name || a.id,
        count: a.tickets_resolved,
      }));
    if (kind === 'channel') {
      const by = kpis.ticket_volume?.by_channel ?? {};
      return CHANNEL_ORDER.filter((c) => by[c] > 0).map((c) => ({ value: c, label: t.channel(c), count: by[c] }));
    }
    if (kind === 'tag')
      return (kpis.top_topics ?? []).filter((x) => x.source === 'tag').map((x) => ({ value: x.topic, label: x.topic, count: x.count }));
    const by = kpis.open_tickets?.by_status ?? {};
    const statuses = [...OPEN_STATUSES.filter((s) => by[s] > 0), ...Object.keys(by).filter((s) => !OPEN_STATUSES.includes(s) && by[s] > 0), 'resolved', 'closed'];
    return statuses.map((s) => ({ value: s, label: t.status(s), count: by[s] }));
  }

  #filterMenu(kind, open) {
    const t = this.#t;
    const selected = new Set(this.#query.filters[kind] ?? []);
    const options = this.#filterOptions(kind);
    const badge = el('span', { class: 'badge', text: String(selected.size), hidden: !selected.size });
    const menu = el(
      'div',
      { class: 'menu', role: 'group' },
      options.length
        ? options.map((o) =>
            el(
              'label',
              {},
              el('input', {
                type: 'checkbox',
                value: o.value,
                checked: selected.has(o.value),
                onchange: (ev) => {
                  const set = new Set(this.#query.filters[kind] ?? []);
                  if (ev.target.checked) set.add(o.value);
                  else set.delete(o.value);
                  this.#query.filters[kind] = [...set];
                  this.#scheduleRefresh();
                },
              }),
              el('span', { text: o.label }),
              el('span', { class: 'cnt', text: o.count == null ? '' : this.#f.count(o.count) }),
            ),
          )
        : el('div', { class: 'none', text: t('filter.none_available') }),
    );
    const details = el(
      'details',
      { class: `ms${selected.size ? ' active' : ''}`, 'data-filter': kind, open },
      el('summary', {}, el('span', { text: t(`filter.${kind}`) }), badge),
      menu,
    );
    details.addEventListener('toggle', () => {
      if (!details.open) return;
      for (const other of this.#els.filterBox.querySelectorAll('details[open]')) if (other !== details) other.open = false;
    });
    return details;
  }

  #delta(def, value) {
    const previous = this.#previous;
    if (!previous || typeof value !== 'number') return null;
    // A previous period without a single ticket (before the export starts) is no baseline: "+296" against it says nothing.
    if (!previous.kpis?.ticket_volume?.total) return { text: '', title: this.#t('tile.no_previous') };
    const before = pick(previous.kpis, def.value);
    if (typeof before !== 'number') return { text: '', title: this.#t('tile.no_previous') };
    const f = this.#f;
    const diff = value - before;
    let text;
    if (def.format === 'percent') {
      text = this.#t('tile.pp', { value: f.decimal(diff * 100, 1) });
      if (diff > 0) text = `+${text}`;
    } else if ((def.format === 'duration' || def.format === 'money') && before > 0) {
      text = new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(diff / before);
    } else {
      text = new Intl.NumberFormat(f.locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(diff);
      if (def.format === 'count' && before > 0)
        text += ` (${new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(diff / before)})`;
    }
    if (diff === 0) text = this.#t('tile.no_change');
    const arrow = diff > 0 ? '▲ ' : diff < 0 ? '▼ ' : '';
    const good = def.better && diff !== 0 ? (diff > 0) === (def.better === 'up') : null;
    const beforeText = def.format === 'money' ? f.money(before, pick(previous.kpis, def.currency)) : f.value(def.format, before);
    return { text: arrow + text, cls: good == null ? '' : good ? 'good' : 'bad', title: this.#t('tile.delta_title', { value: beforeText }) };
  }

  #renderTiles() {
    const kpis = this.#report.kpis ?? {};
    const f = this.#f;
    const t = this.#t;
    const tiles = [];
    for (const def of TILES) {
      const top = def.value.split('.')[0];
      if (!(top in kpis)) continue;
      const value = pick(kpis, def.value);
      const shown = def.format === 'money' ? f.money(value, pick(kpis, def.currency)) : f.value(def.format, value);
      const n = def.n ? pick(kpis, def.n) : undefined;
      const definition = t.pick(def.definition);
      const raw = def.format === 'duration' && typeof value === 'number' ? ` (${f.seconds(value)})` : '';
      const delta = this.#delta(def, value);
      const meta = el('div', { class: 'meta' });
      const whole = kpis[top];
      if (whole == null && def.missing) meta.append(el('span', { class: 'missing', text: t.pick(def.missing) }));
      else if (def.n) meta.append(el('span', { class: 'n', text: t('tile.n', { n: f.count(n ?? 0) }) }));
      if (delta?.text) meta.append(el('span', { class: `delta ${delta.cls}`, title: delta.title, text: delta.text }));
      const subs = el('div', { class: 'subs' });
      for (const [key, path, format] of def.sub ?? []) {
        const v = pick(kpis, path);
        if (v === undefined) continue;
        const text = format === 'money' ? f.money(v, pick(kpis, def.currency)) : f.value(format, v);
        subs.append(el('span', {}, `${t(key)} `, el('b', { text })));
      }
      tiles.push(
        el(
          'article',
          {
            class: `tile card${value == null ? ' null' : ''}`,
            'data-tile': def.id,
            'data-key': def.value,
            title: `${t.pick(def.label)}: ${shown}${raw}\n\n${definition}`,
            tabindex: '0',
          },
          el('div', { class: 'label' }, el('span', { text: t.pick(def.label) }), el('span', { class: 'info', 'aria-hidden': 'true', text: 'i' })),
          el('div', { class: 'value', 'data-raw': value == null ? '' : String(value), text: shown }),
          meta,
          subs,
        ),
      );
    }
    this.#els.tiles.replaceChildren(...tiles);
  }

  #panel(key, body, { id, wide = false, note, tools = [], csv } = {}) {
    const buttons = [...tools];
    if (csv)
      buttons.push(
        el('button', {
          class: 'btn small',
          'data-csv': id,
          text: this.#t('export.csv'),
          onclick: () => {
            const { header, rows } = csv();
            download(`helpdesk-kpi-${id}.csv`, toCsv(header, rows));
          },
        }),
      );
    return el(
      'section',
      { class: `panel card${wide ? ' wide' : ''}`, 'data-panel': id },
      el('header', {}, el('h2', { text: this.#t(key) }), note ? el('span', { class: 'note', text: note }) : null, el('div', { class: 'tools' }, buttons)),
      body,
    );
  }

  #renderPanels() {
    const kpis = this.#report.kpis ?? {};
    const panels = [this.#volumePanel(kpis)];
    panels.push(this.#channelPanel(kpis));
    if (kpis.first_response_time) panels.push(this.#durationPanel('frt', 'chart.frt', kpis.first_response_time, kpis.first_response_time.business));
    if (kpis.resolution_time) panels.push(this.#durationPanel('resolution', 'chart.resolution', kpis.resolution_time, null));
    if (kpis.csat) panels.push(this.#csatPanel(kpis.csat));
    if (kpis.open_tickets) panels.push(this.#backlogPanel(kpis.open_tickets));
    if (kpis.top_topics) panels.push(this.#topicsPanel(kpis.top_topics));
    if (kpis.agents) panels.push(this.#agentsPanel(kpis.agents));
    panels.push(this.#sourcesPanel(this.#report));
    this.#els.grid.replaceChildren(...panels);
  }

  #volumePanel(kpis) {
    const t = this.#t;
    const f = this.#f;
    const tv = kpis.ticket_volume ?? {};
    const days = tv.by_day?.length ?? 0;
    const gran = this.#granularity ?? (days > 120 ? 'by_week' : 'by_day');
    const totals = tv[gran] ?? [];
    const stacks = this.#stacks.map((s) => ({
      key: s.key,
      label: t.channel(s.key),
      counts: new Map((s.series[gran] ?? []).map((p) => [p.period, p.count])),
    }));
    const seg = el(
      'div',
      { class: 'seg', role: 'group' },
      ['by_day', 'by_week', 'by_month'].map((g) =>
        el('button', {
          'aria-pressed': String(g === gran),
          'data-granularity': g,
          text: t(`chart.${g}`),
          onclick: () => {
            this.#granularity = g;
            this.#renderPanels();
          },
        }),
      ),
    );
    const body = totals.length
      ? el(
          'div',
          {},
          timeSeriesChart({
            totals,
            stacks,
            label: t('chart.volume'),
            formatPeriod: (p, long) => f.period(p, long),
            formatCount: (v) => f.count(v),
            width: this.#chartWidth(),
          }),
          stacks.length ? legend(stacks.map((s) => ({ key: s.key, label: s.label }))) : null,
        )
      : el('p', { class: 'empty', text: t('chart.empty') });
    return this.#panel('chart.volume', body, {
      id: 'volume',
      wide: true,
      note: stacks.length ? t('chart.volume_note') : null,
      tools: [seg],
      csv: () => ({
        header: [t('col.period'), t('col.count'), ...stacks.map((s) => s.label)],
        rows: totals.map((p) => [p.period, p.count, ...stacks.map((s) => s.counts.get(p.period) ?? 0)]),
      }),
    });
  }

  /** Plot width in CSS pixels: the chart is drawn at its real size so text never scales with the panel. */
  #chartWidth() {
    const grid = this.#els.grid.clientWidth;
    return grid > 0 ? grid - 30 : 720;
  }

  #watchSize() {
    if (this.#resizeObserver || typeof ResizeObserver !== 'function') return;
    let last = 0;
    this.#resizeObserver = new ResizeObserver(() => {
      const width = this.#els.grid.clientWidth;
      if (!this.#report || Math.abs(width - last) < 8) return;
      last = width;
      clearTimeout(this.#resizeTimer);
      this.#resizeTimer = setTimeout(() => this.#renderPanels(), 100);
    });
    this.#resizeObserver.observe(this.#els.grid);
  }

  #channelPanel(kpis) {
    const t = this.#t;
    const f = this.#f;
    const by = kpis.ticket_volume?.by_channel ?? {};
    const raw = kpis.ticket_volume?.by_raw_channel ?? {};
    const total = kpis.ticket_volume?.total ?? 0;
    const rows = CHANNEL_ORDER.filter((c) => by[c] > 0)
      .sort((a, b) => by[b] - by[a])
      .map((c) => ({
        key: c,
        label: t.channel(c),
        value: by[c],
        className: `c-${c}`,
        display: `${f.count(by[c])} · ${f.percent(total ? by[c] / total : null)}`,
      }));
    const rawText = Object.entries(raw)
      .map(([k, v]) => `${k} ${f.count(v)}`)
      .join(' · ');
    return this.#panel(
      'chart.channels',
      el('div', {}, barList(rows, { empty: t('chart.empty') }), rawText ? el('div', { class: 'kv', text: rawText }) : null),
      {
        id: 'channels',
        csv: () => ({
          header: [t('col.channel'), t('col.count')],
          rows: [...CHANNEL_ORDER.filter((c) => c in by).map((c) => [c, by[c]]), ...Object.entries(raw).map(([k, v]) => [`raw:${k}`, v])],
        }),
      },
    );
  }

  #durationPanel(id, key, stats, business) {
    const t = this.#t;
    const f = this.#f;
    const rows = [
      ['median', 'stat.median', stats.median, ''],
      ['mean', 'stat.mean', stats.mean, 'muted'],
      ['p90', 'stat.p90', stats.p90, 'mid'],
    ];
    if (stats.first) rows.push(['first_median', 'stat.first_median', stats.first.median, 'good']);
    if (stats.excluding_automated) rows.push(['excluding_automated_median', 'stat.excl_automated', stats.excluding_automated.median, 'muted']);
    if (business) rows.push(['business_median', 'stat.business_median', business.median, 'good']);
    const max = Math.max(0, ...rows.map((r) => r[2] ?? 0));
    const list = barList(
      rows.map(([k, label, v, cls]) => ({ key: k, label: t(label), value: v ?? 0, display: f.duration(v), className: cls, title: v == null ? null : f.seconds(v) })),
      { max, empty: t('chart.empty') },
    );
    const kv = el('div', { class: 'kv' }, el('span', {}, 'n ', el('b', { text: f.count(stats.n) })));
    if (stats.unanswered != null) kv.append(el('span', {}, `${t('sub.unanswered')} `, el('b', { text: f.count(stats.unanswered) })));
    return this.#panel(key, el('div', {}, stats.n ? list : el('p', { class: 'empty', text: t('chart.empty') }), kv), {
      id,
      csv: () => ({
        header: ['statistic', 'seconds', 'n'],
        rows: [
          ...rows.map(([k, , v]) => [k, v ?? null, k.startsWith('first') ? stats.first?.n : k.startsWith('business') ? business?.n : k.startsWith('excluding') ? stats.excluding_automated?.n : stats.n]),
          ...(stats.unanswered != null ? [['unanswered', null, stats.unanswered]] : []),
        ],
      }),
    });
  }

  #csatPanel(csat) {
    const t = this.#t;
    const f = this.#f;
    const dist = csat.distribution ?? {};
    const order = (k) => (k === 'bad' ? -2 : k === 'good' ? 10 : Number.isFinite(+k) ? +k : 99);
    const keys = Object.keys(dist).sort((a, b) => order(a) - order(b));
    const total = keys.reduce((s, k) => s + (dist[k] ?? 0), 0);
    const satisfied = (k) => k === 'good' || (Number.isFinite(+k) && +k >= 4);
    const rows = keys.map((k) => ({
      key: k,
      label: t.rating(k),
      value: dist[k],
      className: satisfied(k) ? 'good' : k === 'bad' || (Number.isFinite(+k) && +k <= 2) ? 'bad' : 'mid',
      display: `${f.count(dist[k])} · ${f.percent(total ? dist[k] / total : null)}`,
    }));
    const kv = el(
      'div',
      { class: 'kv' },
      el('span', {}, 'CSAT ', el('b', { text: f.percent(csat.score) })),
      el('span', {}, 'n ', el('b', { text: f.count(csat.n) })),
      el('span', {}, `${t('sub.response_rate')} `, el('b', { text: f.percent(csat.response_rate) })),
      csat.mean != null ? el('span', {}, `${t('sub.mean')} `, el('b', { text: f.decimal(csat.mean, 2) })) : null,
    );
    return this.#panel('chart.csat', el('div', {}, barList(rows, { empty: t('chart.empty') }), kv), {
      id: 'csat',
      csv: () => ({ header: [t('col.rating'), t('col.count')], rows: keys.map((k) => [k, dist[k]]) }),
    });
  }

  #backlogPanel(open) {
    const t = this.#t;
    const f = this.#f;
    const by = open.by_status ?? {};
    const keys = [...OPEN_STATUSES.filter((s) => s in by), ...Object.keys(by).filter((s) => !OPEN_STATUSES.includes(s))];
    const rows = keys.filter((k) => by[k] > 0).map((k) => ({ key: k, label: t.status(k), value: by[k], display: f.count(by[k]), className: k === 'pending' || k === 'on_hold' || k === 'snoozed' ? 'muted' : '' }));
    const kv = el(
      'div',
      { class: 'kv' },
      el('span', {}, `${t('sub.unassigned')} `, el('b', { text: f.count(open.unassigned) })),
      el('span', {}, `${t('sub.awaiting_reply')} `, el('b', { text: f.count(open.awaiting_reply) })),
    );
    return this.#panel('chart.backlog', el('div', {}, barList(rows, { empty: t('chart.empty') }), kv), {
      id: 'backlog',
      csv: () => ({
        header: [t('col.status'), t('col.count')],
        rows: [...keys.map((k) => [k, by[k]]), ['unassigned', open.unassigned], ['awaiting_reply', open.awaiting_reply]],
      }),
    });
  }

  #topicsPanel(topics) {
    const t = this.#t;
    const f = this.#f;
    const top = topics.slice(0, 12);
    const rows = top.map((x, i) => ({ key: `${x.source}:${x.topic}`, label: x.topic, value: x.count, display: `${f.count(x.count)} · ${f.percent(x.share)}`, className: i % 2 ? '' : '', title: `${x.source}: ${x.topic}` }));
    return this.#panel('chart.topics', el('div', {}, barList(rows, { empty: t('chart.empty') }), el('div', { class: 'kv', text: t('chart.topics_note') })), {
      id: 'topics',
      csv: () => ({ header: [t('col.topic'), t('col.source'), t('col.count'), t('col.share')], rows: topics.map((x) => [x.topic, x.source, x.count, x.share]) }),
    });
  }

  #agentColumns() {
    const f = this.#f;
    return [
      { key: 'name', label: 'col.agent', get: (a) => a.name || a.id, text: (a) => (a.is_automation ? this.#t('agent.automation') : a.name || a.id), num: false },
      { key: 'tickets_resolved', label: 'col.tickets_resolved', get: (a) => a.tickets_resolved, text: (a) => f.count(a.tickets_resolved) },
      { key: 'resolutions', label: 'col.resolutions', get: (a) => a.resolutions, text: (a) => f.count(a.resolutions) },
      { key: 'replies', label: 'col.replies', get: (a) => a.replies, text: (a) => f.count(a.replies) },
      { key: 'frt_median', label: 'col.frt_median', get: (a) => a.first_response_time?.median, text: (a) => f.duration(a.first_response_time?.median), csv: 'first_response_seconds_median' },
      { key: 'frt_n', label: 'col.frt_n', get: (a) => a.first_response_time?.n, text: (a) => f.count(a.first_response_time?.n) },
      { key: 'csat', label: 'col.csat', get: (a) => a.csat?.score, text: (a) => f.percent(a.csat?.score) },
      { key: 'csat_n', label: 'col.csat_n', get: (a) => a.csat?.n, text: (a) => f.count(a.csat?.n) },
      { key: 'one_touch', label: 'col.one_touch', get: (a) => a.one_touch_rate, text: (a) => f.percent(a.one_touch_rate) },
    ];
  }

  #agentsPanel(agents) {
    const t = this.#t;
    const columns = this.#agentColumns();
    const { key, dir } = this.#sort;
    const column = columns.find((c) => c.key === key) ?? columns[1];
    const sorted = [...agents].sort((a, b) => {
      const x = column.get(a);
      const y = column.get(b);
      if (x == null && y == null) return 0;
      if (x == null) return 1; // nulls last either way
      if (y == null) return -1;
      const c = typeof x === 'string' ? x.localeCompare(y, this.#f.locale) : x - y;
      return dir === 'asc' ? c : -c;
    });
    const head = el(
      'tr',
      {},
      columns.map((c) =>
        el(
          'th',
          { class: c.num === false ? '' : 'num', 'data-col': c.key, 'aria-sort': c.key === column.key ? (dir === 'asc' ? 'ascending' : 'descending') : 'none' },
          el('button', {
            text: t(c.label),
            title: t('sort.hint'),
            onclick: () => {
              this.#sort = { key: c.key, dir: c.key === column.key && dir === 'desc' ? 'asc' : c.key === column.key ? 'desc' : c.num === false ? 'asc' : 'desc' };
              this.#renderPanels();
            },
          }),
        ),
      ),
    );
    const body = sorted.map((a) =>
      el(
        'tr',
        { 'data-agent': a.id },
        columns.map((c, i) => {
          const cell = el('td', { class: c.num === false ? '' : 'num', text: c.text(a) });
          if (i === 0 && a.is_automation) cell.append(el('span', { class: 'tag-auto', text: 'bot' }));
          return cell;
        }),
      ),
    );
    const table = el('div', { class: 'table-wrap' }, el('table', { 'data-table': 'agents' }, el('thead', {}, head), el('tbody', {}, body)));
    return this.#panel('chart.agents', agents.length ? table : el('p', { class: 'empty', text: t('chart.empty') }), {
      id: 'agents',
      wide: true,
      csv: () => ({
        header: ['id', ...columns.map((c) => c.csv ?? c.key)],
        rows: sorted.map((a) => [a.id, ...columns.map((c) => c.get(a) ?? null)]),
      }),
    });
  }

  #sourcesPanel(report) {
    const t = this.#t;
    const f = this.#f;
    const sources = report.sources ?? [];
    const dq = report.data_quality ?? {};
    const ex = dq.excluded ?? {};
    const head = el('tr', {}, ['col.file', 'col.vendor', 'col.role', 'col.records', 'col.size', 'col.problem'].map((k, i) => el('th', { class: i === 3 || i === 4 ? 'num' : '', text: t(k) })));
    const rows = sources.map((s) =>
      el(
        'tr',
        {},
        el('td', { text: s.name }),
        el('td', { text: s.vendor ?? '—' }),
        el('td', { text: s.role ?? '—' }),
        el('td', { class: 'num', text: f.count(s.records) }),
        el('td', { class: 'num', text: f.bytes(s.bytes) }),
        el('td', { class: s.error ? 'err' : '', text: s.error ?? (s.skipped ? `skipped ${f.count(s.skipped)}` : t('dq.ok')) }),
      ),
    );
    const kv = el(
      'div',
      { class: 'kv' },
      el('span', { text: t('dq.read', { read: f.count(dq.tickets_read), used: f.count(dq.tickets_used) }) }),
      el('span', {
        text: t('dq.excluded', {
          spam: f.count(ex.spam ?? 0),
          deleted: f.count(ex.deleted ?? 0),
          merged: f.count(ex.merged ?? 0),
          duplicate: f.count(ex.duplicate ?? 0),
          invalid: f.count(ex.invalid ?? 0),
        }),
      }),
    );
    const warnings = (dq.warnings ?? []).filter((w) => w.code !== 'file_rejected');
    const list = warnings.length
      ? el(
          'ul',
          { class: 'kv warnings' },
          warnings.map((w) => el('li', { text: `${w.message} (${f.count(w.count)})${w.examples?.length ? ` — ${w.examples.slice(0, 5).join(', ')}` : ''}` })),
        )
      : null;
    return this.#panel('chart.sources', el('div', {}, el('div', { class: 'table-wrap' }, el('table', { 'data-table': 'sources' }, el('thead', {}, head), el('tbody', {}, rows))), kv, list), {
      id: 'sources',
      wide: true,
      csv: () => ({
        header: ['file', 'vendor', 'role', 'records', 'bytes', 'skipped', 'error'],
        rows: [
          ...sources.map((s) => [s.name, s.vendor, s.role, s.records, s.bytes, s.skipped ?? null, s.error]),
          ...(dq.warnings ?? []).map((w) => [`warning:${w.code}`, null, null, w.count, null, null, w.message]),
        ],
      }),
    });
  }

  #renderFooter() {
    const r = this.#report;
    const s = r.settings ?? {};
    const parts = [this.#t('footer.generated', { generator: r.generator ?? 'helpdesk-kpi', timezone: s.timezone ?? 'UTC', week_start: s.week_start ?? 'monday' })];
    if (this.#viewer) parts.unshift(this.#t('report.saved'));
    this.#els.footer.replaceChildren(...parts.map((p) => el('span', { text: p })));
  }

  #exportJson() {
    if (!this.#report) return;
    download('helpdesk-kpi-report.json', `${JSON.stringify(this.#report, null, 2)}\n`, 'application/json');
  }

  async #exportTicketsCsv() {
    if (!this.#session) return;
    try {
      download('helpdesk-kpi-tickets.csv', await this.#session.ticketsCsv(this.#currentQuery()));
    } catch (error) {
      this.#message('error', error?.message ?? String(error));
    }
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('helpdesk-kpi-dashboard'))
  customElements.define('helpdesk-kpi-dashboard', HelpdeskKpiDashboard);
