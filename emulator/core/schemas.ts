import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** Repository folder holding every JSON Schema, one file per message, `$id` = `lienthong:<area>/<name>`. */
export const SCHEMAS_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

function listJson(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listJson(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

let shared: Ajv2020 | undefined;

/** The single Ajv instance of the process, with every schema under schemas/ loaded by its `$id`. */
export function schemaRegistry(): Ajv2020 {
  if (shared) return shared;
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  for (const file of listJson(SCHEMAS_DIR)) {
    const schema = JSON.parse(readFileSync(file, 'utf8')) as { $id?: string };
    if (!schema.$id?.startsWith('lienthong:')) throw new Error(`${file}: $id must start with "lienthong:"`);
    ajv.addSchema(schema);
  }
  shared = ajv;
  return ajv;
}

export function validatorFor<T = unknown>(id: string): ValidateFunction<T> {
  const fn = schemaRegistry().getSchema<T>(id);
  if (!fn) throw new Error(`no schema with $id ${id} under schemas/`);
  return fn;
}

/** One readable line per Ajv error, naming the field (as a JSON pointer) and the rule broken. */
export function describeSchemaErrors(errors: ErrorObject[] | null | undefined): { field: string; rule: string; message: string }[] {
  return (errors ?? []).map((e) => {
    const missing = e.keyword === 'required' ? `/${String((e.params as { missingProperty: string }).missingProperty)}` : '';
    const extra = e.keyword === 'additionalProperties' ? `/${String((e.params as { additionalProperty: string }).additionalProperty)}` : '';
    const field = `${e.instancePath}${missing}${extra}` || '/';
    return { field, rule: e.keyword, message: `${field} ${e.message ?? 'is invalid'}` };
  });
}
