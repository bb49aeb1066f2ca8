// Entry of a saved report page (renderReportHtml in scripts/build-page.mjs): the same dashboard, showing the report
// embedded in <script type="application/json" id="hk-report">, without the engine.
import '../dashboard/element.mjs';

const read = (id) => JSON.parse(document.getElementById(id)?.textContent || 'null');
const dashboard = document.querySelector('helpdesk-kpi-dashboard');
const options = read('hk-options') ?? {};
if (options.lang) dashboard.setAttribute('lang', options.lang);
dashboard.report = read('hk-report');
if (options.previous) dashboard.previousReport = options.previous;
document.documentElement.lang = dashboard.shadowRoot.querySelector('.hk')?.getAttribute('lang') ?? 'en';
