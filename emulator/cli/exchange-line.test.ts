import { describe, expect, it } from 'vitest';
import type { EvidenceEvent } from '../core/evidence.js';
import { exchangeLine } from './exchange-line.js';

const event = (verdicts: EvidenceEvent['verdicts'], status = 200): EvidenceEvent => ({
  seq: 1, at: '2026-11-24T03:41:07.000Z', platform: 'vdxp', operation: 'sendEdoc', agency: null, systemId: 'sys.a',
  method: 'POST', path: '/vdxp/sendEdoc', status, durationMs: 3, requestHeaders: {}, requestBody: null, requestBodyBytes: 0,
  responseBody: null, verdicts, prevHash: '', hash: '',
});

describe('exchangeLine', () => {
  it('says ok, counts warnings, or names the refusal with its message', () => {
    const local = new Date('2026-11-24T03:41:07.000Z').toTimeString().slice(0, 8);
    expect(exchangeLine(event([]))).toMatch(new RegExp(`^${local} +vdxp +sendEdoc +sys\\.a +200 +ok$`));
    expect(exchangeLine(event([
      { code: 'VDXP_SEND_LATE', severity: 'warning', message: 'late' },
      { code: 'VDXP_SIGNATURE_INVALID', severity: 'warning', message: 'bad' },
    ]))).toMatch(/200 +2 warnings: VDXP_SEND_LATE, VDXP_SIGNATURE_INVALID$/);
    expect(exchangeLine(event([{ code: 'VDXP_RECIPIENT_UNKNOWN', severity: 'error', message: 'To/OrganId 000.00.00.H99 is unknown' }], 400)))
      .toMatch(/400 +refused: VDXP_RECIPIENT_UNKNOWN — To\/OrganId 000\.00\.00\.H99 is unknown$/);
  });
});
