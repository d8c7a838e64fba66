import type { EvidenceEvent } from '../core/evidence.js';

/**
 * One console line per exchange, for a person watching the emulator while their system talks to it:
 * `10:41:07  vdxp  sendEdoc  sys.a  200  2 warnings: VDXP_SEND_LATE, VDXP_SIGNATURE_INVALID`.
 */
export function exchangeLine(e: EvidenceEvent): string {
  const time = new Date(e.at).toTimeString().slice(0, 8); // the watcher's local time
  const errors = e.verdicts.filter((v) => v.severity === 'error');
  const warnings = e.verdicts.filter((v) => v.severity === 'warning');
  const codes = (list: typeof e.verdicts) => [...new Set(list.map((v) => v.code))].join(', ');
  const verdict = errors.length
    ? `refused: ${codes(errors)} — ${errors[0]?.message ?? ''}`
    : warnings.length
      ? `${warnings.length} warning${warnings.length > 1 ? 's' : ''}: ${codes(warnings)}`
      : 'ok';
  return [time, e.platform.padEnd(9), (e.operation ?? e.path).padEnd(22), (e.systemId ?? '-').padEnd(12), String(e.status), verdict].join('  ');
}
