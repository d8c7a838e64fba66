/**
 * Query-parameter reading for the registry's GET resources, with the lenient/strict split of decision 001:
 * what the real service may tolerate (a parameter name in another case, surrounding spaces, d/M/yyyy dates)
 * is accepted in lenient mode with a warning verdict naming the strict-mode error, and refused in strict mode.
 */
import type { ValidationMode } from '../../../core/context.js';
import type { Verdict } from '../../../core/evidence.js';
import { type ParsedDate, type ParsedTime, parseDate, parseTime } from './calendar.js';
import { type BusinessErrorCode, businessError } from './errors.js';

export const LIMIT_DEFAULT = 50;
export const LIMIT_MAX = 500;
export const OFFSET_MAX = 1_000_000;

// The error strict mode raises for a badly formed value of each parameter (a value with spaces is one).
const INVALID: Record<string, BusinessErrorCode> = {
  msdn: 'NDXP_DKDN_MSDN_INVALID',
  from_date: 'NDXP_DKDN_DATE_INVALID',
  to_date: 'NDXP_DKDN_DATE_INVALID',
  from_ts: 'NDXP_DKDN_TIME_INVALID',
  to_ts: 'NDXP_DKDN_TIME_INVALID',
  offset: 'NDXP_DKDN_PAGING_INVALID',
  limit: 'NDXP_DKDN_PAGING_INVALID',
  in_journal_no: 'NDXP_DKDN_JOURNAL_NO_INVALID',
};

export class Query {
  readonly verdicts: Verdict[] = [];

  constructor(
    private readonly params: URLSearchParams,
    private readonly mode: ValidationMode,
  ) {}

  private warn(code: string, message: string, field: string): void {
    this.verdicts.push({ code, severity: 'warning', message, field });
  }

  /** The parameter's value, or undefined when absent or empty. */
  get(name: string): string | undefined {
    let values = this.params.getAll(name);
    if (values.length === 0 && this.mode === 'lenient') {
      const other = [...new Set(this.params.keys())].find((k) => k.toLowerCase() === name.toLowerCase());
      if (other !== undefined) {
        values = this.params.getAll(other);
        this.warn('NDXP_DKDN_PARAM_MISSING', `parameter "${other}" read as ${name}; the registry's name is ${name} (refused in strict mode)`, name);
      }
    }
    if (new Set(values).size > 1) {
      throw businessError('NDXP_DKDN_PARAM_REPEATED', `${name} is given ${values.length} times with different values (${values.map((v) => JSON.stringify(v)).join(', ')}); send it once`, { field: name, rule: 'one value' });
    }
    let value = values[0];
    if (value === undefined) return undefined;
    if (value.trim() !== value && this.mode === 'lenient') {
      value = value.trim();
      this.warn(INVALID[name] ?? 'NDXP_DKDN_PARAM_MISSING', `${name} has surrounding spaces, trimmed to "${value}" (refused in strict mode)`, name);
    }
    return value === '' ? undefined : value;
  }

  required(name: string, what: string): string {
    const v = this.get(name);
    if (v === undefined) throw businessError('NDXP_DKDN_PARAM_MISSING', `${name} is required (${what})`, { field: name, rule: 'required' });
    return v;
  }

  /** A dd/MM/yyyy date as a Vietnam day number. */
  date(name: string, what: string): number {
    const text = this.required(name, what);
    const p: ParsedDate = parseDate(text);
    if (!p.ok || (!p.padded && this.mode === 'strict')) {
      throw businessError('NDXP_DKDN_DATE_INVALID', `${name} must be a date dd/MM/yyyy (${what}); got "${text}"`, { field: name, rule: 'dd/MM/yyyy calendar date' });
    }
    if (!p.padded) this.warn('NDXP_DKDN_DATE_INVALID', `${name} "${text}" is not zero-padded dd/MM/yyyy (refused in strict mode)`, name);
    return p.day;
  }

  /** An HH:mm time of day, in minutes after midnight. */
  time(name: string, what: string): number {
    const text = this.required(name, what);
    const p: ParsedTime = parseTime(text);
    if (!p.ok || (!p.padded && this.mode === 'strict')) {
      throw businessError('NDXP_DKDN_TIME_INVALID', `${name} must be a time HH:mm from 00:00 to 23:59 (${what}); got "${text}"`, { field: name, rule: 'HH:mm' });
    }
    if (!p.padded) this.warn('NDXP_DKDN_TIME_INVALID', `${name} "${text}" is not zero-padded HH:mm (refused in strict mode)`, name);
    return p.minute;
  }

  /** offset (rows to skip, default 0) and limit (rows to return, default 50, at most 500). */
  paging(): { offset: number; limit: number } {
    const int = (name: string, fallback: number, min: number, max: number, rule: string): number => {
      const text = this.get(name);
      if (text === undefined) return fallback;
      const n = /^\d{1,7}$/.test(text) ? Number(text) : Number.NaN;
      if (!(n >= min && n <= max)) {
        throw businessError('NDXP_DKDN_PAGING_INVALID', `${name} must be an integer from ${min} to ${max} (${rule}); got "${text}"`, { field: name, rule: `integer ${min}–${max}` });
      }
      return n;
    };
    return {
      offset: int('offset', 0, 0, OFFSET_MAX, 'rows to skip, default 0'),
      limit: int('limit', LIMIT_DEFAULT, 1, LIMIT_MAX, `rows per page, default ${LIMIT_DEFAULT}`),
    };
  }
}
