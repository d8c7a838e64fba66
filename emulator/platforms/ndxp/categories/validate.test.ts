import { describe, expect, it } from 'vitest';
import { EmulatorError } from '../../../core/errors.js';
import type { Verdict } from '../../../core/evidence.js';
import { catalogueByCode } from './catalogues.js';
import { MAX_ROWS, checkRows, rowsOf } from './validate.js';

const madantoc = catalogueByCode('madantoc')!;
const ql1 = catalogueByCode('qlvanbandieuhanhcap1')!;

function thrown(f: () => unknown): EmulatorError {
  try {
    f();
  } catch (e) {
    if (e instanceof EmulatorError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('rowsOf', () => {
  it('takes an array of objects, or one object as one row (noted)', () => {
    const w: Verdict[] = [];
    expect(rowsOf([{ a: 1 }], 'strict', w)).toEqual([{ a: 1 }]);
    expect(rowsOf({ a: 1 }, 'strict', w)).toEqual([{ a: 1 }]);
    expect(w.map((v) => v.code)).toEqual(['NDXP_DMDC_SINGLE_OBJECT']);
  });

  it('refuses other shapes, naming the record', () => {
    expect(thrown(() => rowsOf('x', 'lenient', [])).code).toBe('NDXP_DMDC_BODY_SHAPE');
    const e = thrown(() => rowsOf([{}, 3], 'lenient', []));
    expect(e.code).toBe('NDXP_DMDC_BODY_SHAPE');
    expect(e.message).toContain('Record 2');
    expect(thrown(() => rowsOf(Array.from({ length: MAX_ROWS + 1 }, () => ({})), 'lenient', [])).code).toBe('NDXP_DMDC_TOO_MANY_ROWS');
  });

  it('an empty array: strict refuses, lenient lets it through', () => {
    expect(thrown(() => rowsOf([], 'strict', [])).code).toBe('NDXP_DMDC_BODY_SHAPE');
    expect(rowsOf([], 'lenient', [])).toEqual([]);
  });
});

describe('checkRows', () => {
  it('returns rows in metadata order, absent optional properties as null', () => {
    const { rows, issues } = checkRows(ql1, [{ TenDonVi: 'UBND tỉnh Hậu Giang', MaDinhDanhCap1: '000.00.00.H30', NgayBanHanhQd: '16/08/2018' }], 'strict', []);
    expect(issues).toEqual([]);
    expect(Object.keys(rows[0]!)).toEqual(ql1.properties.map((p) => p.code));
    expect(rows[0]).toMatchObject({ MaDinhDanhCap1: '000.00.00.H30', DiaChi: null, NgayBanHanhQd: '16/08/2018' });
  });

  it('names the record, field and rule of every fault', () => {
    const { issues } = checkRows(madantoc, [{ MaDanToc: '55', TenDanToc: 'X' }, { MaDanToc: '5', TenDanToc: '' }, { MaDanToc: ['56'], TenDanToc: 'Y' }], 'lenient', []);
    expect(issues.map((i) => [i.record, i.code, i.field])).toEqual([
      [2, 'NDXP_DMDC_FIELD_FORMAT', 'MaDanToc'],
      [2, 'NDXP_DMDC_FIELD_REQUIRED', 'TenDanToc'],
      [3, 'NDXP_DMDC_FIELD_TYPE', 'MaDanToc'],
    ]);
    expect(issues[0]!.message).toBe('Record 2: MaDanToc must be 2 digits (mã dân tộc), got "5"');
    expect(issues[1]!.message).toBe('Record 2: TenDanToc is required (tên dân tộc)');
  });

  it('a level-1 agency code only in qlvanbandieuhanhcap1', () => {
    const { issues } = checkRows(ql1, [{ MaDinhDanhCap1: '000.00.01.H30', TenDonVi: 'Sở' }], 'lenient', []);
    expect(issues[0]).toMatchObject({ code: 'NDXP_DMDC_FIELD_FORMAT', field: 'MaDinhDanhCap1' });
  });

  it('DateTime: dd/MM/yyyy of a real day; ISO 8601 converted in lenient mode only', () => {
    const bad = checkRows(ql1, [{ MaDinhDanhCap1: '000.00.00.H30', TenDonVi: 'A', NgayBanHanhQd: '31/02/2018' }], 'lenient', []);
    expect(bad.issues[0]).toMatchObject({ code: 'NDXP_DMDC_FIELD_TYPE', field: 'NgayBanHanhQd', rule: 'dd/MM/yyyy' });
    const w: Verdict[] = [];
    const iso = checkRows(ql1, [{ MaDinhDanhCap1: '000.00.00.H30', TenDonVi: 'A', NgayBanHanhQd: '2018-08-16T00:00:00' }], 'lenient', w);
    expect(iso.rows[0]!.NgayBanHanhQd).toBe('16/08/2018');
    expect(w[0]!.code).toBe('NDXP_DMDC_DATE_ISO');
    expect(checkRows(ql1, [{ MaDinhDanhCap1: '000.00.00.H30', TenDonVi: 'A', NgayBanHanhQd: '2018-08-16' }], 'strict', []).issues[0]!.code).toBe('NDXP_DMDC_FIELD_TYPE');
  });

  it('numbers for String codes and unknown properties: warnings in lenient mode, faults in strict', () => {
    const row = { MaDanToc: 55, TenDanToc: 'X', Extra: 1 };
    const w: Verdict[] = [];
    const lenient = checkRows(madantoc, [row], 'lenient', w);
    expect(lenient.issues).toEqual([]);
    expect(lenient.rows[0]).toEqual({ MaDanToc: '55', TenDanToc: 'X' });
    expect(w.map((v) => v.code).sort()).toEqual(['NDXP_DMDC_FIELD_UNKNOWN', 'NDXP_DMDC_NUMBER_AS_STRING']);
    const strict = checkRows(madantoc, [row], 'strict', []);
    expect(strict.issues.map((i) => i.code).sort()).toEqual(['NDXP_DMDC_FIELD_TYPE', 'NDXP_DMDC_FIELD_UNKNOWN']);
  });

  it('suggests the right case of a mistyped property', () => {
    const { issues } = checkRows(madantoc, [{ MaDanToc: '55', TenDanToc: 'X', madantoc: '55' }], 'strict', []);
    expect(issues[0]!.message).toContain('did you mean MaDanToc?');
  });
});
