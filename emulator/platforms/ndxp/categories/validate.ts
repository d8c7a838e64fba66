/**
 * Checks POSTed rows against a catalogue's metadata (pure: no store). Body-level faults throw; row-level
 * faults are all collected so one reply names every bad field (all-or-nothing: one fault refuses the POST).
 * Duplicates and parents need the store: service.ts checks them after this.
 */
import type { ValidationMode } from '../../../core/context.js';
import type { Verdict } from '../../../core/evidence.js';
import type { Catalogue, Row } from './catalogues.js';
import { categoryError, type CategoryErrorCode } from './errors.js';

/** Rows one POST may carry (ours: S4 states no limit; the largest real catalogue page is far smaller). */
export const MAX_ROWS = 1000;
/** Longest value accepted (ours). */
export const MAX_LENGTH = 500;

export interface RowIssue {
  /** 1-based position in the POSTed array, as S4's "Record 1". */
  record: number;
  code: CategoryErrorCode;
  field: string;
  rule: string;
  message: string;
  /** The offending value, for S4's duplicate wording. */
  value?: string;
}

export interface CheckedRows {
  rows: Row[];
  issues: RowIssue[];
  warnings: Verdict[];
}

const jsonType = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** dd/MM/yyyy, the form S4's row shows for a DateTime ("16/08/2018"); the date must exist. */
function ddMMyyyy(v: string): boolean {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v);
  if (!m) return false;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** An ISO 8601 date (a .NET or Java client's default serialisation) → dd/MM/yyyy, or null. */
function isoToDdMMyyyy(v: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  if (!m) return null;
  const out = `${m[3]}/${m[2]}/${m[1]}`;
  return ddMMyyyy(out) ? out : null;
}

/** Turns the parsed body into rows: an array of objects, or one object (S4 posts an array). */
export function rowsOf(body: unknown, mode: ValidationMode, warnings: Verdict[]): Record<string, unknown>[] {
  let list: unknown[];
  if (Array.isArray(body)) list = body;
  else if (body !== null && typeof body === 'object') {
    list = [body];
    warnings.push({ code: 'NDXP_DMDC_SINGLE_OBJECT', severity: 'info', message: 'the body is one row object, not an array of rows (S4 posts an array); taken as one row' });
  } else {
    throw categoryError('NDXP_DMDC_BODY_SHAPE', `Data not insert: the body must be a JSON array of rows (objects keyed by PropertyCode), got ${jsonType(body)}`, { field: 'body', rule: 'array of row objects' });
  }
  if (list.length === 0 && mode === 'strict') {
    throw categoryError('NDXP_DMDC_BODY_SHAPE', 'Data not insert: the array holds no row; send at least one', { field: 'body', rule: 'at least one row' });
  }
  if (list.length > MAX_ROWS) {
    throw categoryError('NDXP_DMDC_TOO_MANY_ROWS', `Data not insert: ${list.length} rows in one request; send at most ${MAX_ROWS} per POST`, { field: 'body', rule: `at most ${MAX_ROWS} rows` });
  }
  list.forEach((r, i) => {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) {
      throw categoryError('NDXP_DMDC_BODY_SHAPE', `Data not insert: Record ${i + 1}: must be an object keyed by PropertyCode, got ${jsonType(r)}`, { field: `[${i}]`, rule: 'row object', record: i + 1 });
    }
  });
  return list as Record<string, unknown>[];
}

/** Validates every row against the metadata; returns the rows in metadata order (absent properties null). */
export function checkRows(catalogue: Catalogue, input: Record<string, unknown>[], mode: ValidationMode, warnings: Verdict[]): CheckedRows {
  const issues: RowIssue[] = [];
  const rows: Row[] = [];
  const known = new Map(catalogue.properties.map((p) => [p.code, p]));
  input.forEach((raw, i) => {
    const record = i + 1;
    const issue = (code: CategoryErrorCode, field: string, rule: string, message: string) => issues.push({ record, code, field, rule, message: `Record ${record}: ${message}` });
    for (const name of Object.keys(raw)) {
      if (known.has(name)) continue;
      const near = catalogue.properties.find((p) => p.code.toLowerCase() === name.toLowerCase())?.code;
      const hint = near ? `; did you mean ${near}?` : `; the properties are ${catalogue.properties.map((p) => p.code).join(', ')}`;
      if (mode === 'strict') issue('NDXP_DMDC_FIELD_UNKNOWN', name, 'a PropertyCode of the catalogue', `${name} is not a property of ${catalogue.code}${hint}`);
      else warnings.push({ code: 'NDXP_DMDC_FIELD_UNKNOWN', severity: 'warning', field: name, message: `Record ${record}: ${name} is not a property of ${catalogue.code}, ignored${hint}` });
    }
    const row: Row = {};
    for (const p of catalogue.properties) {
      let v = raw[p.code];
      row[p.code] = null;
      if (v === undefined || v === null || v === '') {
        if (p.required) issue('NDXP_DMDC_FIELD_REQUIRED', p.code, 'required', `${p.code} is required (${p.name.toLowerCase()})`);
        else if (v === '') row[p.code] = p.type === 'String' ? '' : null;
        continue;
      }
      if (typeof v === 'number' && Number.isFinite(v) && p.type === 'String') {
        // A JSON number where the metadata says String: common from clients that type codes as ints.
        if (mode === 'strict') {
          issue('NDXP_DMDC_FIELD_TYPE', p.code, 'String', `${p.code} must be a JSON string (PropertyType String), got number ${v}`);
          continue;
        }
        warnings.push({ code: 'NDXP_DMDC_NUMBER_AS_STRING', severity: 'warning', field: p.code, message: `Record ${record}: ${p.code} is the number ${v}; taken as the string "${v}" (PropertyType String)` });
        v = String(v);
      }
      if (typeof v !== 'string') {
        issue('NDXP_DMDC_FIELD_TYPE', p.code, p.type, `${p.code} must be a JSON string (PropertyType ${p.type}), got ${jsonType(v)}`);
        continue;
      }
      let s: string = v;
      if (s.length > MAX_LENGTH) {
        issue('NDXP_DMDC_FIELD_TYPE', p.code, `at most ${MAX_LENGTH} characters`, `${p.code} is ${s.length} characters long; at most ${MAX_LENGTH}`);
        continue;
      }
      if (p.type === 'DateTime' && !ddMMyyyy(s)) {
        const iso = mode === 'lenient' ? isoToDdMMyyyy(s) : null;
        if (!iso) {
          issue('NDXP_DMDC_FIELD_TYPE', p.code, 'dd/MM/yyyy', `${p.code} must be a date dd/MM/yyyy (PropertyType DateTime, e.g. 16/08/2018), got "${s}"`);
          continue;
        }
        warnings.push({ code: 'NDXP_DMDC_DATE_ISO', severity: 'warning', field: p.code, message: `Record ${record}: ${p.code} "${s}" is ISO 8601; stored as ${iso} (the catalogue's dd/MM/yyyy)` });
        s = iso;
      }
      if (p.format && !p.format.test(s)) {
        issue('NDXP_DMDC_FIELD_FORMAT', p.code, p.format.rule, `${p.code} must be ${p.format.rule}, got "${s}"`);
        continue;
      }
      row[p.code] = s;
    }
    rows.push(row);
  });
  return { rows, issues, warnings };
}
