// Types of the public browser/Node API (SPEC §6.3) and of <helpdesk-kpi-dashboard> (SPEC §6.4).
// Package entry points (package.json "exports"): "helpdesk-kpi" → web/src/index.mjs, "helpdesk-kpi/element" →
// web/src/dashboard/element.mjs (registers the element), "helpdesk-kpi/worker" → web/src/worker.mjs (module worker).

/** Anything analyze() reads: one of these, or {name, data} to give it a name (the name appears in messages). */
export type InputData = File | Blob | ArrayBuffer | ArrayBufferView | string | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;
export type Input = InputData | { name: string; data: InputData; size?: number };

/** Engine settings (unknown keys are ignored by the engine and echoed where it uses them). */
export interface Settings {
  /** IANA zone for days/weeks/months (default: this machine's zone). */
  timezone?: string;
  week_start?: 'monday' | 'sunday';
  /** Opening hours per weekday, in `timezone`; holidays are whole dates. */
  business_hours?: {
    weekly: Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', [string, string][]>>;
    holidays?: string[];
  } | null;
  sla?: {
    first_response_s?: number;
    resolution_s?: number;
    business_hours?: boolean;
    by_channel?: Record<string, { first_response_s?: number; resolution_s?: number }>;
  } | null;
  costs?: { currency?: string; agent_labour?: number; indirect?: number; tools?: number; overhead?: number; bot?: number } | null;
  /** Days after a ticket in which an order counts as converted (1–30, default 5). */
  conversion_window_days?: number;
  automation_window_hours?: number;
  /** The "now" used for open-ticket ages and SLA breaches (ISO-8601; default: export time). */
  now?: string;
  /** Per-source overrides, by source name: { "orders.csv": { vendor: "shopify" } }. */
  sources?: Record<string, { vendor?: string; role?: string }>;
  /** analyze() only: the query of the returned report. */
  query?: Query;
  [key: string]: unknown;
}

export interface Query {
  /** "2025-03-03" (start of that day) or an ISO-8601 instant. */
  from?: string;
  /** A bare date is inclusive of that day. */
  to?: string;
  filters?: {
    /** Agent ids or names. */
    agent?: string[];
    /** Canonical (email, chat, voice, web_form, social, sms, api, other) or raw vendor channels. */
    channel?: string[];
    tag?: string[];
    /** Canonical statuses: new, open, pending, on_hold, snoozed, resolved, closed. */
    status?: string[];
  };
}

export interface Progress {
  /** The source being read, or null once everything is read. */
  file: string | null;
  bytes: number;
  totalBytes?: number;
  done?: boolean;
}

export interface Options {
  onProgress?: (progress: Progress) => void;
  /** Aborting rejects with an AbortError (in a browser the worker is terminated). */
  signal?: AbortSignal;
  /** Minimum time between two onProgress calls, in ms (default 50). */
  progressMs?: number;
  /** Browser only: false runs the engine on the current thread instead of a worker. */
  worker?: boolean;
}

export interface Summary {
  n: number;
  median: number | null;
  mean: number | null;
  p90: number | null;
}
export interface Rate {
  rate: number | null;
  numerator: number;
  denominator: number;
}

/** The report (SPEC §6.1). Durations in seconds, rates in [0, 1], null = cannot be computed (never 0). */
export interface Report {
  schema_version: 1;
  generator: string;
  settings: { timezone: string; week_start: string; from: string | null; to: string | null; business_hours: unknown; [key: string]: unknown };
  sources: { name: string; vendor: string | null; role: string | null; bytes: number; records: number; skipped?: number; error: string | null }[];
  data_quality: {
    tickets_read: number;
    tickets_used: number;
    excluded: { spam: number; deleted: number; merged: number; duplicate: number; invalid: number };
    warnings: { code: string; message: string; count: number; examples: (string | number)[] }[];
  };
  kpis: {
    ticket_volume: {
      total: number;
      by_channel: Record<string, number>;
      by_raw_channel?: Record<string, number>;
      by_day: { period: string; count: number }[];
      by_week: { period: string; count: number }[];
      by_month: { period: string; count: number }[];
      by_quarter: { period: string; count: number }[];
    };
    open_tickets: { total: number; by_status: Record<string, number>; unassigned: number; awaiting_reply: number };
    first_response_time: Summary & { unanswered: number; business: Summary | null; source: string };
    response_time: Summary;
    resolution_time: Summary & { first: Summary; excluding_automated?: Summary };
    handle_time: (Summary & { source: 'recorded' | 'estimated' }) | null;
    first_contact_resolution: Rate;
    one_touch_resolution: Rate & { two_touch: number; multi_touch: number; zero_touch: number };
    reopen_rate: Rate;
    automated_resolution: Rate;
    csat: { n: number; score: number | null; mean: number | null; distribution: Record<string, number>; response_rate: number | null };
    nps: { n: number; score: number | null; promoters: number; passives: number; detractors: number } | null;
    ces: { n: number; mean: number | null; easy_rate: number | null } | null;
    esat: { n: number; score: number | null; mean: number | null; enps: number | null } | null;
    converted_tickets: (Rate & { window_days: number; revenue: number | null }) | null;
    cost_per_resolution: { value: number | null; currency: string; per_ticket: number | null } | null;
    agents: {
      id: string;
      name: string;
      is_automation?: boolean;
      tickets_resolved: number;
      resolutions: number;
      replies: number;
      first_response_time: { n: number; median: number | null };
      csat: { n: number; score: number | null };
      one_touch_rate: number | null;
    }[];
    top_topics: { topic: string; source: 'tag' | 'subject'; count: number; share: number }[];
    [kpi: string]: unknown;
  };
}

/** Ingest once, query many. In Node report()/reportText() return values directly; in a browser, promises. */
export interface Session {
  report(query?: Query): Report | Promise<Report>;
  reportText(query?: Query): string | Promise<string>;
  ticketsCsv(query?: Query): string | Promise<string>;
  close(): void;
  readonly mode: 'worker' | 'in-process';
  /** Non-empty when the settings were rejected (the engine then runs with its defaults). */
  readonly settingsError: string;
  readonly capabilities: { ticketsCsv: boolean };
  /** Worker sessions: where the ingest time went, in ms (waiting for file slices, engine feed, finish); else null. */
  readonly timing?: { waitMs: number; feedMs: number; finishMs: number } | null;
}

export function analyze(inputs: Input | Input[], settings?: Settings, options?: Options): Promise<Report>;
export function openSession(inputs: Input | Input[], settings?: Settings, options?: Options): Promise<Session>;
/** In a browser: starts a spare engine worker now (wasm compiled, warmed up) for the next openSession(). Resolves true
 * once it is ready, false when there is none (not a browser, or no worker can start). Never rejects. */
export function prewarmEngine(): Promise<boolean>;
/** Loads the wasm module on the current thread (advanced use). */
export function loadEngineModule(): Promise<unknown>;
/** For single-file builds: the classic wasm build and the classic worker script, as text, and optionally the wasm apart,
 * gzip'd and base64'd (see scripts/build-page.mjs and scripts/embed-engine.mjs). */
export function registerEmbeddedEngine(sources: { classicWasmJs: string; workerJs: string; wasmGz?: string }): void;

// ---------------------------------------------------------------------------------------------- the element

export interface Sample {
  id: string;
  label: string | { en: string; ja?: string };
  files: () => File[] | Promise<File[]>;
}

export interface KpiReportEventDetail {
  report: Report;
  previous: Report | null;
  query: Query;
}
export interface KpiErrorEventDetail {
  message: string;
  errors: string[];
  /** true when some files were used and others rejected */
  partial?: boolean;
}
export interface KpiProgressEventDetail {
  file: string | null;
  bytes: number;
  totalBytes: number | null;
  /** 0…1, or null when the total is unknown */
  fraction: number | null;
  done: boolean;
}

/**
 * <helpdesk-kpi-dashboard lang="en|ja" timezone="Europe/Berlin" week-start="monday" business-hours='{"weekly":…}'
 *   currency="EUR" conversion-window-days="5" no-worker hide-loader>
 * Themable with --hk-bg, --hk-surface, --hk-fg, --hk-muted, --hk-border, --hk-accent, --hk-accent-fg, --hk-accent-soft,
 * --hk-good, --hk-bad, --hk-radius, --hk-shadow, --hk-font, --hk-font-size, --hk-padding, --hk-chart-1 … --hk-chart-8.
 */
export declare class HelpdeskKpiDashboard extends HTMLElement {
  /** The report shown; setting one shows a saved report without an engine. */
  report: Report | null;
  /** The previous-period report the deltas compare against. */
  previousReport: Report | null;
  /** Settings for the next analysis (merged with the settings panel and attributes). */
  settings: Settings;
  readonly query: Query;
  samples: Sample[];
  /** Analyses the files; resolves with the report, or null when cancelled or nothing could be read. */
  load(files: Iterable<Input> | ArrayLike<Input>, options?: { settings?: Settings }): Promise<Report | null>;
  cancel(): void;
  /** Re-queries the loaded data (no file is read again). */
  setQuery(query: Query): Promise<void>;
  addEventListener(type: 'kpi-report', listener: (event: CustomEvent<KpiReportEventDetail>) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: 'kpi-error', listener: (event: CustomEvent<KpiErrorEventDetail>) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: 'kpi-progress', listener: (event: CustomEvent<KpiProgressEventDetail>) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'helpdesk-kpi-dashboard': HelpdeskKpiDashboard;
  }
}
