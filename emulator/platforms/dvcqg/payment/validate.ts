import type { ValidationMode } from '../../../core/context.js';
import type { EmulatorError } from '../../../core/errors.js';
import type { Verdict } from '../../../core/evidence.js';
import { paymentError, type PaymentErrorCode } from './errors.js';

/** Findings collected while serving one request; they end up in the evidence log. */
export class Findings {
  readonly verdicts: Verdict[] = [];
  warn(code: string, message: string, field?: string): void {
    this.verdicts.push({ code, severity: 'warning', message, field });
  }
}

/** The codes a dialect uses for the generic field problems. */
export interface FieldCodes {
  body: PaymentErrorCode;
  missing: PaymentErrorCode;
  bad: PaymentErrorCode;
}

export const PP_CODES: FieldCodes = { body: 'DVCQG_PAY_BAD_BODY', missing: 'DVCQG_PAY_MISSING_FIELD', bad: 'DVCQG_PAY_BAD_FIELD' };
export const PAYGOV_CODES: FieldCodes = { body: 'DVCQG_PAY_PAYGOV_BAD_BODY', missing: 'DVCQG_PAY_PAYGOV_MISSING_FIELD', bad: 'DVCQG_PAY_PAYGOV_BAD_FIELD' };

/**
 * How a field is required:
 * - `required`: present and non-empty in both modes (what the platform needs to work at all);
 * - `expected`: present and non-empty in strict mode; lenient records a warning (treated as "");
 * - `present`: the key must be there (clients send every key, empty when unknown, [C] S1); lenient warns;
 * - `optional`: may be absent.
 */
export type Need = 'required' | 'expected' | 'present' | 'optional';

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Applies the lenient/strict split (docs/decisions/001): strict refuses, lenient records a warning. */
export class Rules {
  constructor(
    readonly mode: ValidationMode,
    readonly findings: Findings,
    readonly codes: FieldCodes,
  ) {}

  soft(err: EmulatorError): void {
    if (this.mode === 'strict') throw err;
    this.findings.warn(err.code, `${err.message} (accepted in lenient mode)`, err.details.field);
  }

  object(body: unknown, what: string): Json {
    if (isObject(body)) return body;
    throw paymentError(this.codes.body, `${what} must be a JSON object`, { field: 'body', rule: 'JSON object' });
  }

  /**
   * A scalar field as the string that enters checksums. JSON numbers are taken in decimal (clients send
   * amounts as numbers, [C] S1 PayGov) — an error in strict mode, a warning in lenient mode.
   */
  scalar(obj: Json, name: string, need: Need, path = name, label = ''): string | undefined {
    const v = obj[name];
    const named = label ? `${path} (${label})` : path;
    if (v === undefined || v === null) {
      if (need === 'optional') return undefined;
      const e = paymentError(this.codes.missing, `${named} is required but missing`, { field: path, rule: 'required' });
      if (need === 'required') throw e;
      this.soft(e);
      return '';
    }
    let text: string;
    if (typeof v === 'string') text = v;
    else if (typeof v === 'number' && Number.isFinite(v)) {
      this.soft(paymentError(this.codes.bad, `${named} must be a JSON string, got the number ${v}`, { field: path, rule: 'string' }));
      text = String(v);
    } else {
      throw paymentError(this.codes.bad, `${named} must be a string, got ${Array.isArray(v) ? 'an array' : typeof v}`, { field: path, rule: 'string' });
    }
    if (text.trim() === '' && (need === 'required' || need === 'expected')) {
      const e = paymentError(this.codes.missing, `${named} is required but empty`, { field: path, rule: 'non-empty' });
      if (need === 'required') throw e;
      this.soft(e);
    }
    return text;
  }
}

/** A positive whole number of VND, as digits (no sign, no decimals, no separators). */
export function positiveAmount(text: string): number | undefined {
  if (!/^\d{1,15}$/.test(text)) return undefined;
  const n = Number(text);
  return n > 0 ? n : undefined;
}
