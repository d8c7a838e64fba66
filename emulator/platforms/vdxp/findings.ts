import type { Verdict } from '../../core/evidence.js';
import type { EdxmlIssue } from './wire/edxml-model.js';

/** Findings collected while serving one request; they end up in the evidence log. */
export class Findings {
  readonly verdicts: Verdict[] = [];
  warn(code: string, message: string, field?: string): void {
    this.verdicts.push({ code, severity: 'warning', message, field });
  }
  /** A quirk of the official SDK itself: noted, never held against the vendor. */
  info(code: string, message: string, field?: string): void {
    this.verdicts.push({ code, severity: 'info', message, field });
  }
  issues(list: EdxmlIssue[], severity: 'warning' | 'error'): void {
    for (const i of list) this.verdicts.push({ code: i.code, severity, message: i.message, field: i.field });
  }
}
