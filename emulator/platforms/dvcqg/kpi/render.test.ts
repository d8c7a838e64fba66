/**
 * The reporting API request and reply (specs/dvcqg-ndxp.md §A11; the reply shape is inferred,
 * docs/decisions/008-qd766-index.md).
 */
import { describe, expect, it } from 'vitest';
import { computeKpi } from './compute.js';
import type { KpiInput, KpiResult } from './model.js';
import { pageFromRequest, parseEvaluationRequest, periodFromRequest, renderEvaluation, renderIndex } from './render.js';

const iso = (d: Date) => d.toISOString();

function period(body: unknown, tz?: string): { from: string; to: string } {
  const r = periodFromRequest(body, tz);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return { from: iso(r.period.from), to: iso(r.period.to) };
}

function errors(body: unknown): Array<[string, string]> {
  const r = periodFromRequest(body);
  if (r.ok) throw new Error('expected errors');
  return r.errors.map((e) => [e.field, e.rule]);
}

describe('periodFromRequest', () => {
  it('maps a year, a quarter and a month to Vietnam calendar bounds', () => {
    expect(period({ timeType: 'year', year: 2024 })).toEqual({ from: '2023-12-31T17:00:00.000Z', to: '2024-12-31T17:00:00.000Z' });
    expect(period({ timeType: 'quarter', year: 2024, quarter: 2 })).toEqual({ from: '2024-03-31T17:00:00.000Z', to: '2024-06-30T17:00:00.000Z' });
    expect(period({ timeType: 'quarter', year: 2024, quarter: 4 })).toEqual({ from: '2024-09-30T17:00:00.000Z', to: '2024-12-31T17:00:00.000Z' });
    expect(period({ timeType: 'month', year: 2024, month: 2 })).toEqual({ from: '2024-01-31T17:00:00.000Z', to: '2024-02-29T17:00:00.000Z' });
    expect(period({ timeType: 'month', year: 2024, month: 12 })).toEqual({ from: '2024-11-30T17:00:00.000Z', to: '2024-12-31T17:00:00.000Z' });
  });

  it('takes digit strings, ignores fields of other time types, and honours another zone', () => {
    expect(period({ timeType: 'month', year: '2025', month: '1', quarter: 9 })).toEqual({ from: '2024-12-31T17:00:00.000Z', to: '2025-01-31T17:00:00.000Z' });
    expect(period({ timeType: 'year', year: 2024, month: 13 })).toEqual({ from: '2023-12-31T17:00:00.000Z', to: '2024-12-31T17:00:00.000Z' });
    expect(period({ timeType: 'year', year: 2024 }, 'UTC')).toEqual({ from: '2024-01-01T00:00:00.000Z', to: '2025-01-01T00:00:00.000Z' });
    // A zone with daylight saving: March 2024 in Paris starts at UTC+1 and April at UTC+2.
    expect(period({ timeType: 'month', year: 2024, month: 4 }, 'Europe/Paris')).toEqual({ from: '2024-03-31T22:00:00.000Z', to: '2024-04-30T22:00:00.000Z' });
    // Cairo sprang forward at midnight on 1 Aug 2014: the month starts at 01:00 EEST (UTC+3), not at 00:00.
    expect(period({ timeType: 'month', year: 2014, month: 8 }, 'Africa/Cairo').from).toBe('2014-07-31T22:00:00.000Z');
    expect(() => periodFromRequest({ timeType: 'year', year: 2024 }, 'Mars/Olympus')).toThrow(RangeError);
  });

  it('names the field and the rule of every error', () => {
    expect(errors({ timeType: 'week', year: 2024 })).toEqual([['timeType', 'enum']]);
    expect(errors({ timeType: 'year' })).toEqual([['year', 'required']]);
    expect(errors({ timeType: 'month', year: 2024, month: 13 })).toEqual([['month', 'range']]);
    expect(errors({ timeType: 'month', year: 2024 })).toEqual([['month', 'required']]);
    expect(errors({ timeType: 'quarter', year: 2024, quarter: 0 })).toEqual([['quarter', 'range']]);
    expect(errors({ timeType: 'quarter', year: 2024.5, quarter: 'Q1' })).toEqual([
      ['year', 'integer'],
      ['quarter', 'integer'],
    ]);
    expect(errors({})).toEqual([
      ['timeType', 'required'],
      ['year', 'required'],
    ]);
    expect(errors([])).toEqual([['body', 'object']]);
    expect(errors(null)).toEqual([['body', 'object']]);
    const r = periodFromRequest({ timeType: 'month', year: 2024, month: 13 });
    expect(r.ok ? '' : r.errors[0]?.message).toBe('month must be from 1 to 12 (got 13)');
  });
});

describe('pageFromRequest and parseEvaluationRequest', () => {
  it('defaults the page and bounds the page size', () => {
    expect(pageFromRequest({})).toEqual({ ok: true, page: { currentPage: 1, pageSize: 10 } });
    expect(pageFromRequest({ currentPage: 3, pageSize: '50' })).toEqual({ ok: true, page: { currentPage: 3, pageSize: 50 } });
    const bad = pageFromRequest({ currentPage: 0, pageSize: 101 });
    expect(bad.ok ? [] : bad.errors.map((e) => [e.field, e.rule])).toEqual([
      ['currentPage', 'range'],
      ['pageSize', 'range'],
    ]);
  });

  it('reads the whole body and reports all errors at once', () => {
    const ok = parseEvaluationRequest({ timeType: 'year', year: 2024, rootDepartmentId: '000.00.00.H30', currentPage: 1, pageSize: 20 });
    expect(ok).toMatchObject({ ok: true, timeType: 'year', rootDepartmentId: '000.00.00.H30', page: { currentPage: 1, pageSize: 20 } });
    expect(parseEvaluationRequest({ timeType: 'year', year: 2024 })).toMatchObject({ ok: true, rootDepartmentId: null });
    const bad = parseEvaluationRequest({ timeType: 'month', year: 2024, month: 13, pageSize: 0, rootDepartmentId: {} });
    expect(bad.ok ? [] : bad.errors.map((e) => [e.field, e.rule])).toEqual([
      ['month', 'range'],
      ['pageSize', 'range'],
      ['rootDepartmentId', 'string'],
    ]);
    const notObject = parseEvaluationRequest('x');
    expect(notObject.ok ? [] : notObject.errors.map((e) => [e.field, e.rule])).toEqual([['body', 'object']]);
  });
});

const Q1 = { from: new Date('2023-12-31T17:00:00Z'), to: new Date('2024-03-31T17:00:00Z') };

/** An agency with ten dossiers, `onlineShare` of them online: 3.3 = that share, everything else perfect. */
function agency(code: string, onlineShare: number, fee = false): KpiResult {
  const dossiers = Array.from({ length: 10 }, (_, i) => ({
    code: `${code}-${i}`,
    procedureCode: 'P',
    online: i < onlineShare * 10,
    receivedAt: new Date('2024-02-01T01:00:00Z'),
    dueAt: new Date('2024-02-05T01:00:00Z'),
    finishedAt: new Date('2024-02-03T01:00:00Z'),
    status: 10,
    syncedToPortal: true,
    feeRequired: fee,
    paidOnline: false,
    digitised: true,
    electronicResult: true,
  }));
  const input: KpiInput = {
    agency: { code, name: `Agency ${code}` },
    period: Q1,
    now: new Date('2024-04-10T00:00:00Z'),
    procedures: [{ code: 'P', online: 'full', hasFee: fee }],
    dossiers,
    ratings: [],
  };
  return computeKpi(input);
}

describe('renderEvaluation', () => {
  // 3.3 online share, target 50 %, 6 of 12 group points with 3.1 always full (6):
  //   A 0.1 → 0.1/0.5 × 6 = 1.2 → 7.2     B 0.5 → 12     C 0.3 → 3.6 → 9.6     D 0.5 → 12
  const results = [agency('C', 0.3), agency('A', 0.1), agency('D', 0.5), agency('B', 0.5)];

  it('ranks agencies by the group points, ties by code, and pages', () => {
    const first = renderEvaluation('provide-online-tree', results, { currentPage: 1, pageSize: 3 });
    expect(first.success).toBe(true);
    expect(first.data).toMatchObject({ total: 4, currentPage: 1, pageSize: 3 });
    expect(first.data.items.map((i) => [i.departmentId, i.point])).toEqual([
      ['B', 12],
      ['D', 12],
      ['C', 9.6],
    ]);
    const second = renderEvaluation('provide-online-tree', results, { currentPage: 2, pageSize: 3 });
    expect(second.data.items.map((i) => [i.departmentId, i.point])).toEqual([['A', 7.2]]);
    expect(renderEvaluation('provide-online-tree', results, { currentPage: 3, pageSize: 3 }).data.items).toEqual([]);
  });

  it('lists the sub-indicators as children', () => {
    const page = renderEvaluation('provide-online-tree', [agency('C', 0.3)], { currentPage: 1, pageSize: 10 });
    expect(page.data.items[0]).toEqual({
      departmentId: 'C',
      departmentName: 'Agency C',
      point: 9.6,
      maxPoint: 12,
      children: [
        { id: '3.1', name: 'Procedures offered online (full or partial) (TTHC cung cấp dịch vụ công trực tuyến (toàn trình, một phần))', point: 6, maxPoint: 6, ratio: 1, numerator: 1, denominator: 1, target: 0.8 },
        { id: '3.3', name: 'Online dossiers (Hồ sơ trực tuyến)', point: 3.6, maxPoint: 6, ratio: 0.3, numerator: 3, denominator: 10, target: 0.5 },
      ],
    });
  });

  it('puts agencies the group does not apply to last', () => {
    // Without fees the payment group is not applicable (null); with fees never paid online it scores 0
    // (3.5: no flag and no online payment → 0 / 1; 3.6: 0 / 10).
    const page = renderEvaluation('formality-online-payment-tree', [agency('A', 1), agency('B', 1, true)], { currentPage: 1, pageSize: 10 });
    expect(page.data.items.map((i) => [i.departmentId, i.point])).toEqual([
      ['B', 0],
      ['A', null],
    ]);
  });

  it('refuses an unknown API id', () => {
    expect(() => renderEvaluation('nope' as 'transparency', results, { currentPage: 1, pageSize: 10 })).toThrow(RangeError);
  });
});

describe('renderIndex', () => {
  it('shows every group of one agency with the total', () => {
    const view = renderIndex(agency('A', 0.1));
    expect(view.success).toBe(true);
    expect(view.data).toMatchObject({
      departmentId: 'A',
      departmentName: 'Agency A',
      from: '2023-12-31T17:00:00.000Z',
      to: '2024-03-31T17:00:00.000Z',
      maxPoint: 100,
      scoredMaxPoint: 90,
    });
    expect(view.data.groups.map((g) => [g.id, g.point, g.maxPoint])).toEqual([
      ['transparency', 18, 18],
      ['dvc-progress-tree', 20, 20],
      ['provide-online-tree', 7.2, 12],
      ['formality-online-payment-tree', null, 10],
      ['handling-satisfaction', 18, 18],
      ['dossier-digitized', 22, 22],
    ]);
    // (18 + 20 + 7.2 + 18 + 22) / 90 × 100 = 85.2 / 90 × 100 = 94.666… → 94.67
    expect(view.data.point).toBe(94.67);
    expect(view.data.groups[0]?.children.map((c) => c.id)).toEqual(['1.1', '1.4']);
  });
});
