/**
 * The cross suite's judges on their own: where a result document names a dossier code (decision 017 §5,
 * including the Subject-only branch the reference agency does not use), which call reported a dossier
 * finished, and the applicant a synced dossier names.
 */
import { describe, expect, it } from 'vitest';
import { edocModel } from '../../emulator/platforms/vdxp/index.js';
import { identityProblems, namesPerson } from '../../scenarios/kit/cross/applicant.js';
import { dossierReference, finishReport, holdsCode } from '../../scenarios/kit/cross/result.js';
import type { PortalCall } from '../../scenarios/kit/dvcqg/portal.js';
import type { EvidenceEvent } from '../../emulator/core/evidence.js';

const CODE = '000.00.00.H49-261124-0001';

describe('cross kit: the result document names the dossier', () => {
  it('finds the code as a whole code only', () => {
    expect(holdsCode(`V/v trả kết quả hồ sơ ${CODE} của ông A`, CODE)).toBe(true);
    expect(holdsCode(`Hồ sơ số ${CODE}.`, CODE)).toBe(true);
    expect(holdsCode(`${CODE};000.00.00.H49-261124-0002`, CODE)).toBe(true);
    expect(holdsCode(`${CODE}2`, CODE)).toBe(false);
    expect(holdsCode(`1${CODE}`, CODE)).toBe(false);
    expect(holdsCode(`${CODE}.5`, CODE)).toBe(false);
    expect(holdsCode(undefined, CODE)).toBe(false);
  });

  it('prefers OtherInfo/ReferenceCodes and falls back to the Subject', () => {
    const m = edocModel({ from: '000.00.00.H49', to: ['000.00.00.G22'], date: '2026/11/24', number: '1', notation: 'UBND-VP', subject: `Trả kết quả hồ sơ ${CODE}` });
    expect(dossierReference(m, CODE)).toBe('Subject');
    m.header.otherInfo = { ...(m.header.otherInfo ?? { appendixes: [] }), referenceCodes: CODE };
    expect(dossierReference(m, CODE)).toBe('OtherInfo/ReferenceCodes');
    m.header.otherInfo.referenceCodes = '';
    m.header.subject = 'Trả kết quả giải quyết thủ tục 2.000001';
    expect(dossierReference(m, CODE)).toBeNull();
  });

  it('takes the first accepted call that reported 9 or 10 as the finish', () => {
    const call = (seq: number, item: Record<string, unknown>, accepted = true) => ({ event: { seq } as EvidenceEvent, service: 'x', item, accepted, problems: [] }) as PortalCall;
    const calls = [call(1, { TrangThaiHoSo: '4' }), call(2, { TrangThaiHoSo: '9' }, false), call(3, { TrangThai: '9' }), call(4, { TrangThaiHoSo: '10' })];
    expect(finishReport(calls)?.event.seq).toBe(3);
    expect(finishReport(calls.slice(0, 2))).toBeUndefined();
  });
});

describe('cross kit: the applicant on the dossier', () => {
  const person = { idNumber: '025189059891', name: 'Đặng Thị Ngọc Sương', techId: 'f9bea891-d11c-49ea-b14a-e81b42d9571e' };

  it('accepts the name in any case or spacing, with the TechID or the ID number', () => {
    expect(identityProblems({ ChuHoSo: 'ĐẶNG THỊ  NGỌC SƯƠNG', MaDoiTuong: person.techId }, person)).toEqual([]);
    expect(identityProblems({ ChuHoSo: 'Đặng Thị Ngọc Sương', MaDoiTuong: person.idNumber }, person)).toEqual([]);
  });

  it('names what differs', () => {
    const problems = identityProblems({ ChuHoSo: 'Lê Quỳnh Hà', MaDoiTuong: '' }, person);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('ChuHoSo');
    expect(problems[1]).toContain('MaDoiTuong');
  });

  it('recognises a dossier of the person by name or by number', () => {
    expect(namesPerson({ ChuHoSo: 'dang thi ngoc suong' }, person)).toBe(true);
    expect(namesPerson({ ChuHoSo: 'Someone', MaDoiTuong: person.techId }, person)).toBe(true);
    expect(namesPerson({ ChuHoSo: 'Someone', MaDoiTuong: '' }, person)).toBe(false);
  });
});
