// Module worker entry (package export "./worker"): for host pages served over http(s) and bundlers, which start it with
// new Worker(new URL('./worker.mjs', import.meta.url), { type: 'module' }).
import createHelpdeskKpi from '../../build/wasm/helpdesk_kpi.mjs';
import { installWorker } from './worker-core.mjs';

installWorker(self, () => createHelpdeskKpi());
