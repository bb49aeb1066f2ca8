// Shared helpers for the Node tests of the wasm module.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = resolve(ROOT, '../shared/fixtures');
export const ZENDESK_FILES = ['small.json', 'small.ticket_audits.json', 'small.satisfaction_ratings.json'];
export const zendeskPaths = () => ZENDESK_FILES.map((f) => resolve(FIXTURES, 'zendesk', f));
export const zendeskInputs = () => ZENDESK_FILES.map((name) => ({ name, data: readFileSync(resolve(FIXTURES, 'zendesk', name)) }));

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(readFileSync(resolve(ROOT, 'schema/report.schema.json'), 'utf8')));

/** Throws with the schema errors when the report does not validate. */
export function assertValidReport(report) {
  if (!validate(report)) throw new Error(`report does not match schema/report.schema.json: ${ajv.errorsText(validate.errors)}`);
}
