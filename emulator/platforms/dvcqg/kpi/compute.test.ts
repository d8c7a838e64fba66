/**
 * The Decision 766 index computation (specs/dvcqg-ndxp.md §A11) on a hand-checked data set, plus the
 * scoring rule, the no-data rule, period boundaries and overdue-at-`now`. docs/decisions/008-qd766-index.md.
 */
import { describe, expect, it } from 'vitest';
import { computeKpi, scoreRatio } from './compute.js';
import { GROUPS, INDICATORS } from './indicators.js';
import type { IndicatorId, IndicatorResult, KpiDossier, KpiInput, KpiResult } from './model.js';

/** A Vietnam wall time, e.g. vn('2024-01-05 08:00'). */
const vn = (s: string): Date => new Date(`${s.replace(' ', 'T')}+07:00`);

const Q1 = { from: vn('2024-01-01 00:00'), to: vn('2024-04-01 00:00') };
const NOW = vn('2024-04-10 10:00');

function dossier(code: string, over: Partial<KpiDossier>): KpiDossier {
  return {
    code,
    procedureCode: 'P1',
    online: false,
    receivedAt: vn('2024-02-01 08:00'),
    dueAt: null,
    finishedAt: null,
    status: 2,
    syncedToPortal: true,
    feeRequired: false,
    paidOnline: false,
    digitised: false,
    electronicResult: false,
    ...over,
  };
}

function indicator(r: KpiResult, id: IndicatorId): IndicatorResult {
  const found = r.groups.flatMap((g) => g.indicators).find((i) => i.id === id);
  if (!found) throw new Error(`no indicator ${id}`);
  return found;
}

const group = (r: KpiResult, id: string) => {
  const g = r.groups.find((x) => x.id === id);
  if (!g) throw new Error(`no group ${id}`);
  return g;
};

/*
 * Procedures (5):  P1 full, fee, onlinePayment flag | P2 partial, fee (payment derived) | P3 none, fee,
 *                  unpublished | P4 full, no fee | P5 none, no fee
 * Dossiers (10 in Q1 + 2 outside):
 *   code recv        due         finished    st  online sync fee paid digit eRes
 *   D1   01-01 00:00 01-06 00:00 01-04 00:00 10  y      y    y   y    y     y     allot 5, actual 3, on time (received exactly at `from`)
 *   D2   01-15 08:00 01-20 08:00 01-25 08:00 10  y      y    y   n    y     y     allot 5, actual 10, late
 *   D3   02-01 08:00 02-11 08:00 02-11 08:00  9  y      y    y   y    y     n     allot 10, actual 10, on time (finished exactly at due)
 *   D4   02-05 08:00 02-15 08:00 02-14 08:00 10  n      y    y   n    y     y     allot 10, actual 9, on time
 *   D5   02-20 08:00 03-01 08:00 03-05 08:00  8  n      n    y   n    n     n     stopped, late
 *   D6   03-01 08:00 03-20 08:00 open         4  y      y    n   n    y     n     overdue at now (04-10)
 *   D7   03-10 08:00 04-15 08:00 open         5  y      y    n   n    y     n     not yet due at now
 *   D8   03-15 08:00 none        open         2  n      y    n   n    n     n     no deadline → on time
 *   D9   03-20 08:00 03-25 08:00 03-21 08:00  3  y      y    n   n    n     n     refused at intake: not handled
 *   D10  to − 1 ms   +5 days     +3 days      7  y      y    y   n    y     n     withdrawn, on time (last instant of Q1)
 *   X1   exactly `to` (04-01 00:00)  → excluded       X2   `from` − 1 ms → excluded
 * Populations: in period D1..D10 = 10; handled (≠ status 3) = 9; resolved (finished, not 3/7/8) = D1..D4.
 * Ratings: 1-2024 100 raters 10 % not satisfied; 3-2024 300 raters 5 %; 4-2024 and 12-2023 are outside.
 *
 * 1.1 published 4/5 = 0.8, T 1            → 0.8 × 9                       = 7.2
 * 1.4 synced 9 (all but D5) / max(12, 10) = 0.75, T 1 → 0.75 × 9          = 6.75      transparency 13.95
 * 2.1 on time D1 D3 D4 D7 D8 D10 = 6/9, T 1 → 2/3 × 10                    = 6.6667
 * 2.2 resolved D1..D4: allotted 5+5+10+10 = 30 d, actual 3+10+10+9 = 32 d → 30/32 = 0.9375 × 10 = 9.375
 *                                                                           timeliness 16.0417 → 16.04
 * 3.1 online P1 P2 P4 = 3/5 = 0.6, T 0.8 → 0.75 × 6                       = 4.5
 * 3.3 online D1 D2 D3 D6 D7 D9 D10 = 7/10 ≥ 0.5                            = 6         online 10.5
 * 3.5 fee P1 P2 P3; P1 flag, P2 via D3 paid online → 2/3, T 0.8 → 0.8333 × 5 = 4.1667
 * 3.6 handled with fee D1 D2 D3 D4 D5 D10 = 6, paid D1 D3 = 2 → 1/3 × 5   = 1.6667    payment 5.8333 → 5.83
 * 4.1 e-results D1 D2 D4 of resolved 4 = 0.75, T 0.8 → 0.9375 × 11        = 10.3125
 * 4.2 digitised D1 D2 D3 D4 D6 D7 D10 = 7/9 = 0.7778, T 0.8 → 35/36 × 11  = 10.6944   digitisation 21.0069 → 21.01
 * 5.4 overdue D2 D5 D6 = 3/9; not satisfied (100×10 + 300×5)/100 / 400 = 25/400 = 0.0625
 *     R = 1 − 1/3 − 1/16 = 29/48 = 0.6042, T 0.9 → 29/48 / 0.9 × 18 = 145/12 = 12.0833
 * Total = 13.95 + 385/24 + 10.5 + 35/6 + 145/12 + 165/16 + 385/36 = 24.45 + 7915/144 = 79.4153 → 79.42
 */
function handChecked(): KpiInput {
  const to = Q1.to.getTime();
  return {
    agency: { code: '000.00.00.H30', name: 'UBND tỉnh Hậu Giang' },
    period: Q1,
    now: NOW,
    procedures: [
      { code: 'P1', online: 'full', hasFee: true, onlinePayment: true },
      { code: 'P2', online: 'partial', hasFee: true },
      { code: 'P3', online: 'none', hasFee: true, published: false },
      { code: 'P4', online: 'full', hasFee: false },
      { code: 'P5', online: 'none', hasFee: false },
    ],
    dossiers: [
      dossier('D1', { procedureCode: 'P1', online: true, receivedAt: vn('2024-01-01 00:00'), dueAt: vn('2024-01-06 00:00'), finishedAt: vn('2024-01-04 00:00'), status: 10, feeRequired: true, paidOnline: true, digitised: true, electronicResult: true }),
      dossier('D2', { procedureCode: 'P1', online: true, receivedAt: vn('2024-01-15 08:00'), dueAt: vn('2024-01-20 08:00'), finishedAt: vn('2024-01-25 08:00'), status: 10, feeRequired: true, digitised: true, electronicResult: true }),
      dossier('D3', { procedureCode: 'P2', online: true, receivedAt: vn('2024-02-01 08:00'), dueAt: vn('2024-02-11 08:00'), finishedAt: vn('2024-02-11 08:00'), status: 9, feeRequired: true, paidOnline: true, digitised: true }),
      dossier('D4', { procedureCode: 'P2', receivedAt: vn('2024-02-05 08:00'), dueAt: vn('2024-02-15 08:00'), finishedAt: vn('2024-02-14 08:00'), status: 10, feeRequired: true, digitised: true, electronicResult: true }),
      dossier('D5', { procedureCode: 'P3', receivedAt: vn('2024-02-20 08:00'), dueAt: vn('2024-03-01 08:00'), finishedAt: vn('2024-03-05 08:00'), status: 8, syncedToPortal: false, feeRequired: true }),
      dossier('D6', { procedureCode: 'P4', online: true, receivedAt: vn('2024-03-01 08:00'), dueAt: vn('2024-03-20 08:00'), status: 4, digitised: true }),
      dossier('D7', { procedureCode: 'P4', online: true, receivedAt: vn('2024-03-10 08:00'), dueAt: vn('2024-04-15 08:00'), status: 5, digitised: true }),
      dossier('D8', { procedureCode: 'P5', receivedAt: vn('2024-03-15 08:00'), status: 2 }),
      dossier('D9', { procedureCode: 'P4', online: true, receivedAt: vn('2024-03-20 08:00'), dueAt: vn('2024-03-25 08:00'), finishedAt: vn('2024-03-21 08:00'), status: 3 }),
      dossier('D10', { procedureCode: 'P1', online: true, receivedAt: new Date(to - 1), dueAt: new Date(to - 1 + 5 * 86_400_000), finishedAt: new Date(to - 1 + 3 * 86_400_000), status: 7, feeRequired: true, digitised: true }),
      // Outside the period: they would change every ratio if counted (late, unsynced, offline, unpaid).
      dossier('X1', { procedureCode: 'P3', receivedAt: new Date(to), dueAt: new Date(to + 1000), finishedAt: new Date(to + 5000), status: 10, syncedToPortal: false, feeRequired: true }),
      dossier('X2', { procedureCode: 'P3', receivedAt: new Date(Q1.from.getTime() - 1), dueAt: Q1.from, status: 4, syncedToPortal: false, feeRequired: true }),
    ],
    ratings: [
      { month: '1-2024', total: 100, veryPct: 60, satPct: 30, notPct: 10 },
      { month: '03-2024', procedureCode: 'P4', total: 300, veryPct: 50, satPct: 45, notPct: 5 },
      { month: '4-2024', total: 50, veryPct: 0, satPct: 0, notPct: 100 },
      { month: '12-2023', total: 50, veryPct: 0, satPct: 0, notPct: 100 },
    ],
    provincialDossierTotal: 12,
  };
}

describe('the split table', () => {
  it('adds up to each group maximum and to 100 (18/20/12/10/18/22, [C] §A11)', () => {
    expect(GROUPS.map((g) => [g.id, g.maxPoints])).toEqual([
      ['transparency', 18],
      ['dvc-progress-tree', 20],
      ['provide-online-tree', 12],
      ['formality-online-payment-tree', 10],
      ['handling-satisfaction', 18],
      ['dossier-digitized', 22],
    ]);
    for (const g of GROUPS) {
      expect(INDICATORS.filter((i) => i.group === g.id).reduce((a, i) => a + i.maxPoints, 0), g.id).toBe(g.maxPoints);
    }
    expect(new Set(INDICATORS.map((i) => i.id)).size).toBe(INDICATORS.length);
  });
});

describe('scoreRatio (§A11: Pmax when R ≥ T, else R / T × Pmax)', () => {
  it('gives full points at and above the target, proportional below', () => {
    expect(scoreRatio(0.8, 0.8, 6)).toBe(6);
    expect(scoreRatio(0.95, 0.8, 6)).toBe(6);
    expect(scoreRatio(0.4, 0.8, 6)).toBe(3);
    expect(scoreRatio(0, 0.8, 6)).toBe(0);
    expect(scoreRatio(1 - 0.05 - 0.05, 0.9, 18)).toBe(18); // 0.8999999999999999 in binary
  });
  it('refuses a target outside (0, 1]', () => {
    expect(() => scoreRatio(0.5, 0, 6)).toThrow(RangeError);
    expect(() => scoreRatio(0.5, 1.2, 6)).toThrow(RangeError);
  });
});

describe('computeKpi on the hand-checked data set', () => {
  const r = computeKpi(handChecked());
  const row = (id: IndicatorId) => {
    const i = indicator(r, id);
    return [i.numerator, i.denominator, i.ratio, i.points];
  };

  it('computes every indicator', () => {
    expect(row('1.1')).toEqual([4, 5, 0.8, 7.2]);
    expect(row('1.4')).toEqual([9, 12, 0.75, 6.75]);
    expect(row('2.1')).toEqual([6, 9, 0.6667, 6.67]);
    expect(row('2.2')).toEqual([30, 32, 0.9375, 9.38]);
    expect(indicator(r, '2.2').measure).toEqual({ label: 'Average processing time (Thời gian giải quyết trung bình)', value: 8, unit: 'day' });
    expect(row('3.1')).toEqual([3, 5, 0.6, 4.5]);
    expect(row('3.3')).toEqual([7, 10, 0.7, 6]);
    expect(row('3.5')).toEqual([2, 3, 0.6667, 4.17]);
    expect(row('3.6')).toEqual([2, 6, 0.3333, 1.67]);
    expect(row('4.1')).toEqual([3, 4, 0.75, 10.31]);
    expect(row('4.2')).toEqual([7, 9, 0.7778, 10.69]);
    expect(row('5.4')).toEqual([60.4167, 100, 0.6042, 12.08]);
    expect(indicator(r, '5.4').parts).toEqual([
      { label: 'Overdue dossiers (Hồ sơ trễ hạn)', numerator: 3, denominator: 9, ratio: 0.3333 },
      { label: 'Not satisfied (Chưa hài lòng)', numerator: 25, denominator: 400, ratio: 0.0625 },
    ]);
    expect(r.groups.flatMap((g) => g.indicators).every((i) => i.applicable)).toBe(true);
  });

  it('sums groups and the total from unrounded points', () => {
    expect(r.groups.map((g) => [g.id, g.points])).toEqual([
      ['transparency', 13.95],
      ['dvc-progress-tree', 16.04],
      ['provide-online-tree', 10.5],
      ['formality-online-payment-tree', 5.83],
      ['handling-satisfaction', 12.08],
      ['dossier-digitized', 21.01],
    ]);
    expect(r.total).toBe(79.42);
    expect(r.scoredMaxPoints).toBe(100);
    expect(r.agency).toEqual({ code: '000.00.00.H30', name: 'UBND tỉnh Hậu Giang' });
    expect(group(r, 'transparency').label).toBe('Transparency (Công khai, minh bạch)');
    expect(indicator(r, '3.3').label).toBe('Online dossiers (Hồ sơ trực tuyến)');
  });
});

describe('period membership (received in [from, to))', () => {
  const base = (receivedAt: Date): KpiInput => ({
    agency: { code: 'A', name: 'A' },
    period: Q1,
    now: NOW,
    procedures: [],
    dossiers: [dossier('D', { receivedAt, online: true })],
    ratings: [],
  });
  it('counts a dossier received exactly at `from`, not one received exactly at `to`', () => {
    expect(indicator(computeKpi(base(Q1.from)), '3.3').denominator).toBe(1);
    expect(indicator(computeKpi(base(new Date(Q1.to.getTime() - 1))), '3.3').denominator).toBe(1);
    expect(indicator(computeKpi(base(Q1.to)), '3.3').denominator).toBe(0);
    expect(indicator(computeKpi(base(new Date(Q1.from.getTime() - 1))), '3.3').denominator).toBe(0);
  });
  it('takes a rating month when it starts in the period (Vietnam calendar)', () => {
    const withRating = (month: string) => ({ ...base(Q1.from), ratings: [{ month, total: 10, veryPct: 0, satPct: 0, notPct: 100 }] });
    expect(indicator(computeKpi(withRating('1-2024')), '5.4').parts?.[1]?.denominator).toBe(10);
    expect(indicator(computeKpi(withRating('3-2024')), '5.4').parts?.[1]?.denominator).toBe(10);
    expect(indicator(computeKpi(withRating('4-2024')), '5.4').parts?.[1]?.denominator).toBe(0);
    expect(indicator(computeKpi(withRating('12-2023')), '5.4').parts?.[1]?.denominator).toBe(0);
  });
  it('refuses an empty period and a malformed rating month', () => {
    expect(() => computeKpi({ ...base(Q1.from), period: { from: Q1.to, to: Q1.to } })).toThrow(RangeError);
    expect(() => computeKpi({ ...base(Q1.from), ratings: [{ month: '13-2024', total: 1, veryPct: 0, satPct: 0, notPct: 0 }] })).toThrow(RangeError);
  });
});

describe('open dossiers are judged at `now`', () => {
  const due = vn('2024-03-20 08:00');
  const at = (now: Date, over: Partial<KpiDossier> = {}) =>
    computeKpi({
      agency: { code: 'A', name: 'A' },
      period: Q1,
      now,
      procedures: [],
      dossiers: [dossier('D', { receivedAt: vn('2024-03-01 08:00'), dueAt: due, status: 4, ...over })],
      ratings: [],
    });
  it('is on time until the due instant and overdue after it', () => {
    expect(indicator(at(due), '2.1').numerator).toBe(1);
    expect(indicator(at(new Date(due.getTime() + 1)), '2.1').numerator).toBe(0);
    // 5.4 then loses the whole overdue share: R = 0 → 0 points.
    expect(indicator(at(new Date(due.getTime() + 1)), '5.4').points).toBe(0);
    expect(indicator(at(due), '5.4').points).toBe(18);
  });
  it('judges a finished dossier by its finish, whatever `now` is', () => {
    expect(indicator(at(vn('2024-12-31 00:00'), { finishedAt: due, status: 10 }), '2.1').numerator).toBe(1);
    expect(indicator(at(vn('2024-03-02 00:00'), { finishedAt: new Date(due.getTime() + 1), status: 10 }), '2.1').numerator).toBe(0);
  });
});

describe('denominator 0: not applicable, excluded and renormalised', () => {
  // No fee anywhere: 3.5 and 3.6 have nothing to measure, so the payment group drops out and the total is
  // scaled over the other 90 points. Everything else is perfect, so the total is 100.
  const perfect: KpiInput = {
    agency: { code: 'A', name: 'A' },
    period: Q1,
    now: NOW,
    procedures: [{ code: 'P', online: 'full', hasFee: false }],
    dossiers: [
      dossier('D', { procedureCode: 'P', online: true, dueAt: vn('2024-02-05 08:00'), finishedAt: vn('2024-02-03 08:00'), status: 10, digitised: true, electronicResult: true }),
    ],
    ratings: [{ month: '2-2024', total: 10, veryPct: 100, satPct: 0, notPct: 0 }],
  };

  it('drops a whole group and scales the total to 100 over the rest', () => {
    const r = computeKpi(perfect);
    const pay = group(r, 'formality-online-payment-tree');
    expect(pay.applicable).toBe(false);
    expect(pay.points).toBeNull();
    expect(pay.maxPoints).toBe(10);
    expect(indicator(r, '3.5')).toMatchObject({ numerator: 0, denominator: 0, ratio: null, points: null, applicable: false });
    expect(indicator(r, '3.5').note).toMatch(/^not applicable: no fee-charging procedures; excluded/);
    expect(r.scoredMaxPoints).toBe(90);
    expect(r.total).toBe(100);
  });

  it('scales a group up over its applicable indicators', () => {
    // A fee procedure offered with online payment (3.5 = 1 → 5 of 5) but no dossier needing a fee (3.6
    // excluded): the group is 5 / 5 × 10 = 10. With 3.5 at 0.4 (T 0.8 → 2.5 of 5) it is 2.5 / 5 × 10 = 5.
    const one = computeKpi({ ...perfect, procedures: [...perfect.procedures, { code: 'F', online: 'full', hasFee: true, onlinePayment: true }] });
    expect(indicator(one, '3.6').applicable).toBe(false);
    expect(group(one, 'formality-online-payment-tree').points).toBe(10);
    const fees = Array.from({ length: 5 }, (_, i) => ({ code: `F${i}`, online: 'full' as const, hasFee: true, onlinePayment: i < 2 }));
    const partial = computeKpi({ ...perfect, procedures: [...perfect.procedures, ...fees] });
    expect(indicator(partial, '3.5').points).toBe(2.5);
    expect(group(partial, 'formality-online-payment-tree').points).toBe(5);
    // 1.1 and 3.1 now count 6 procedures, all published and online: still perfect. Total = 95 / 100.
    expect(partial.total).toBe(95);
  });

  it('gives 0 when nothing at all can be measured', () => {
    const r = computeKpi({ agency: { code: 'A', name: 'A' }, period: Q1, now: NOW, procedures: [], dossiers: [], ratings: [] });
    expect(r.total).toBe(0);
    expect(r.scoredMaxPoints).toBe(0);
    expect(r.groups.every((g) => !g.applicable && g.points === null)).toBe(true);
  });

  it('keeps 5.4 applicable with only one of its two components', () => {
    const noRatings = computeKpi({ ...perfect, ratings: [] });
    expect(indicator(noRatings, '5.4')).toMatchObject({ ratio: 1, points: 18, applicable: true });
    const onlyRatings = computeKpi({ ...perfect, dossiers: [], ratings: [{ month: '2-2024', total: 4, veryPct: 25, satPct: 25, notPct: 50 }] });
    // R = 1 − 0.5 = 0.5, T 0.9 → 0.5 / 0.9 × 18 = 10.
    expect(indicator(onlyRatings, '5.4')).toMatchObject({ ratio: 0.5, points: 10 });
  });
});

describe('2.2 average processing time', () => {
  it('caps at 1 when faster than allotted, and takes instant resolution as 1', () => {
    const run = (finishedAt: Date) =>
      indicator(
        computeKpi({
          agency: { code: 'A', name: 'A' },
          period: Q1,
          now: NOW,
          procedures: [],
          dossiers: [dossier('D', { receivedAt: vn('2024-02-01 08:00'), dueAt: vn('2024-02-05 08:00'), finishedAt, status: 10 })],
          ratings: [],
        }),
        '2.2',
      );
    expect(run(vn('2024-02-02 08:00'))).toMatchObject({ numerator: 4, denominator: 1, ratio: 1, points: 10, measure: { value: 1 } });
    expect(run(vn('2024-02-01 08:00'))).toMatchObject({ numerator: 4, denominator: 0, ratio: 1, points: 10 });
    // Twice the allotted time: 4 / 8 = 0.5 → 5 points.
    expect(run(vn('2024-02-09 08:00'))).toMatchObject({ numerator: 4, denominator: 8, ratio: 0.5, points: 5 });
  });
});

describe('1.4 synced dossiers', () => {
  it('uses the larger of the provincial and portal totals', () => {
    const input = (provincialDossierTotal?: number): KpiInput => ({
      agency: { code: 'A', name: 'A' },
      period: Q1,
      now: NOW,
      procedures: [],
      dossiers: [dossier('D1', {}), dossier('D2', { syncedToPortal: false })],
      ratings: [],
      ...(provincialDossierTotal === undefined ? {} : { provincialDossierTotal }),
    });
    expect(indicator(computeKpi(input()), '1.4')).toMatchObject({ numerator: 1, denominator: 2, points: 4.5 });
    expect(indicator(computeKpi(input(1)), '1.4')).toMatchObject({ denominator: 2 });
    expect(indicator(computeKpi(input(4)), '1.4')).toMatchObject({ denominator: 4, ratio: 0.25, points: 2.25 });
    expect(() => computeKpi(input(-1))).toThrow(RangeError);
  });
});
