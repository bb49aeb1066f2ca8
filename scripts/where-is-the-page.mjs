// Printed at the end of `npm start`: where the single-file dashboard is, if it has been built.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const page = resolve('build/page/helpdesk-kpi.html');
if (existsSync(page)) console.log(`\nDashboard (one self-contained file, works offline): file://${page}`);
