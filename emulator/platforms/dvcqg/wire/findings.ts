import type { ValidationMode } from '../../../core/context.js';
import type { Verdict } from '../../../core/evidence.js';
import { dvcqgError, type DvcqgErrorCode } from '../errors.js';

export interface Problem {
  code: DvcqgErrorCode;
  field: string;
  rule: string;
  message: string;
}

/**
 * Collects what is wrong with one request: errors refuse it, warnings are recorded as verdicts. A rule that
 * only the regulations impose (not the real portal) is an error in strict mode and a warning in lenient mode.
 */
export class Findings {
  readonly errors: Problem[] = [];
  readonly warnings: Problem[] = [];
  constructor(readonly mode: ValidationMode) {}

  error(code: DvcqgErrorCode, field: string, rule: string, message: string): void {
    this.errors.push({ code, field, rule, message });
  }
  warn(code: DvcqgErrorCode, field: string, rule: string, message: string): void {
    this.warnings.push({ code, field, rule, message });
  }
  /** Error in strict mode, warning in lenient mode. */
  strict(code: DvcqgErrorCode, field: string, rule: string, message: string): void {
    (this.mode === 'strict' ? this.errors : this.warnings).push({ code, field, rule, message });
  }

  /** Throws the first error, carrying every problem, so the client sees all of them at once. */
  throwIfErrors(): void {
    const first = this.errors[0];
    if (!first) return;
    const more = this.errors.length > 1 ? ` (and ${this.errors.length - 1} more problem(s), see problems)` : '';
    throw dvcqgError(first.code, `${first.message}${more}`, {
      field: first.field,
      rule: first.rule,
      problems: this.errors.map(({ code, field, rule, message }) => ({ code, field, rule, message })),
    });
  }

  verdicts(): Verdict[] {
    return this.warnings.map((w) => ({ code: w.code, severity: 'warning' as const, message: w.message, field: w.field }));
  }
}
