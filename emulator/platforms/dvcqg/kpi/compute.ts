/**
 * Computes the Decision 766/QĐ-TTg index for one agency and period (specs/dvcqg-ndxp.md §A11). Pure: no
 * clock, no store. Every choice not in the spec is explained in docs/decisions/008-qd766-index.md.
 */
import { GROUPS, INDICATORS, labelText, type IndicatorDef } from './indicators.js';
import type {
  GroupResult,
  IndicatorId,
  IndicatorPart,
  IndicatorResult,
  KpiDossier,
  KpiInput,
  KpiProcedure,
  KpiRating,
  KpiResult,
} from './model.js';

const DAY_MS = 86_400_000;
/** Vietnam is UTC+7 all year; rating months ("M-YYYY") are Vietnam calendar months (§A1 time zone). */
const VN_OFFSET_MS = 7 * 3600 * 1000;
/** So that 1 − 0.05 − 0.05 still meets a 90 % target despite binary fractions. */
const EPS = 1e-9;

/** §A5 codes that change which population a dossier belongs to. */
const REFUSED_AT_INTAKE = 3;
const WITHDRAWN = 7;
const STOPPED = 8;

/**
 * The §A11 scoring rule [I]: Pmax when R ≥ T, else R / T × Pmax. R below 0 counts as 0.
 */
export function scoreRatio(ratio: number, target: number, maxPoints: number): number {
  if (!(target > 0 && target <= 1)) throw new RangeError(`target must be in (0, 1], got ${target}`);
  const r = Math.max(0, ratio);
  return r >= target - EPS ? maxPoints : (r / target) * maxPoints;
}

/** Rounds for output only; sums are taken over unrounded values. */
export function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f * (1 + Number.EPSILON)) / f;
}

/** Whether the dossier is (so far) within its deadline: finished by it, or open and `now` not past it. */
export function isOnTime(d: KpiDossier, now: Date): boolean {
  if (d.dueAt === null) return true; // no deadline cannot be missed
  const end = d.finishedAt ?? now;
  return end.getTime() <= d.dueAt.getTime();
}

/** "M-YYYY" → the instant its Vietnam calendar month starts. */
export function ratingMonthStart(text: string): Date {
  const m = /^(\d{1,2})-(\d{4})$/.exec(text);
  const month = m ? Number(m[1]) : NaN;
  if (!m || !(month >= 1 && month <= 12)) throw new RangeError(`rating month "${text}" is not "M-YYYY"`);
  return new Date(Date.UTC(Number(m[2]), month - 1, 1) - VN_OFFSET_MS);
}

interface Populations {
  /** Received in [from, to). */
  inPeriod: KpiDossier[];
  /** inPeriod without the dossiers refused at intake: only these were ever in the agency's hands. */
  handled: KpiDossier[];
  /** handled, finished with a result: not withdrawn or stopped. */
  resolved: KpiDossier[];
  procedures: KpiProcedure[];
  ratings: KpiRating[];
}

interface Measured {
  numerator: number;
  denominator: number;
  ratio: number | null;
  note: string;
  measure?: IndicatorResult['measure'];
  parts?: IndicatorPart[];
}

const share = (n: number, d: number): number | null => (d === 0 ? null : n / d);
const count = <T>(xs: readonly T[], p: (x: T) => boolean): number => xs.reduce((a, x) => a + (p(x) ? 1 : 0), 0);

/** A count ratio, with a note in words. `what` names the denominator's items. */
function counted(n: number, d: number, what: string, verb: string): Measured {
  return {
    numerator: n,
    denominator: d,
    ratio: share(n, d),
    note: d === 0 ? `no ${what}` : `${n} of ${d} ${what} ${verb}`,
  };
}

type Measure = (p: Populations, input: KpiInput) => Measured;

/** One function per indicator; the Record type makes a missing one a compile error. */
const MEASURES: Record<IndicatorId, Measure> = {
  '1.1': (p) => counted(count(p.procedures, (x) => x.published !== false), p.procedures.length, 'procedures', 'are published'),

  '1.4': (p, input) => {
    const portal = p.inPeriod.length;
    const provincial = input.provincialDossierTotal ?? portal;
    const d = Math.max(provincial, portal);
    const n = count(p.inPeriod, (x) => x.syncedToPortal);
    return {
      numerator: n,
      denominator: d,
      ratio: share(n, d),
      note: d === 0 ? 'no dossiers received in the period' : `${n} synced of max(provincial ${provincial}, portal ${portal}) = ${d} dossiers`,
    };
  },

  '2.1': (p, input) => counted(count(p.handled, (x) => isOnTime(x, input.now)), p.handled.length, 'handled dossiers', 'are on time or not yet due'),

  '2.2': (p) => {
    // Calendar days: NgayHenTra already encodes the legal deadline in working days, so the ratio of the two
    // spans compares like with like.
    const measured = p.resolved.filter((x) => x.dueAt !== null);
    let allotted = 0;
    let actual = 0;
    for (const x of measured) {
      const t0 = x.receivedAt.getTime();
      allotted += Math.max(0, (x.dueAt as Date).getTime() - t0) / DAY_MS;
      actual += Math.max(0, (x.finishedAt as Date).getTime() - t0) / DAY_MS;
    }
    const n = measured.length;
    if (n === 0) return { numerator: 0, denominator: 0, ratio: null, note: 'no resolved dossiers with a due date' };
    // Everything resolved the instant it arrived: nothing could be faster, so R = 1 (the only case where the
    // denominator is 0 and the ratio is not null).
    const ratio = actual === 0 ? 1 : Math.min(1, allotted / actual);
    const avg = actual / n;
    return {
      numerator: round(allotted, 4),
      denominator: round(actual, 4),
      ratio,
      note: `${n} resolved dossiers took ${round(avg, 2)} days on average against ${round(allotted / n, 2)} allotted`,
      measure: { label: 'Average processing time (Thời gian giải quyết trung bình)', value: round(avg, 2), unit: 'day' },
    };
  },

  '3.1': (p) => counted(count(p.procedures, (x) => x.online !== 'none'), p.procedures.length, 'procedures', 'are offered fully or partly online'),

  // Sync coefficient × 1: the emulator only counts what DVCQG holds, so every dossier counted is synced.
  '3.3': (p) => counted(count(p.inPeriod, (x) => x.online), p.inPeriod.length, 'dossiers received in the period', 'were submitted online'),

  '3.5': (p) => {
    const paidOnline = new Set(p.inPeriod.filter((x) => x.paidOnline).map((x) => x.procedureCode));
    const fee = p.procedures.filter((x) => x.hasFee);
    return counted(count(fee, (x) => x.onlinePayment ?? paidOnline.has(x.code)), fee.length, 'fee-charging procedures', 'are offered with online payment');
  },

  '3.6': (p) => {
    const fee = p.handled.filter((x) => x.feeRequired);
    return counted(count(fee, (x) => x.paidOnline), fee.length, 'handled dossiers requiring a fee', 'were paid online');
  },

  '4.1': (p) => counted(count(p.resolved, (x) => x.electronicResult), p.resolved.length, 'resolved dossiers', 'have an electronic result'),

  '4.2': (p) => counted(count(p.handled, (x) => x.digitised), p.handled.length, 'handled dossiers', 'were digitised'),

  '5.4': (p, input) => {
    const overdue = count(p.handled, (x) => !isOnTime(x, input.now));
    const raters = p.ratings.reduce((a, r) => a + Math.max(0, r.total), 0);
    const notSatisfied = p.ratings.reduce((a, r) => a + (Math.max(0, r.total) * clampPct(r.notPct)) / 100, 0);
    const overdueRatio = share(overdue, p.handled.length);
    const notRatio = share(notSatisfied, raters);
    const parts: IndicatorPart[] = [
      { label: 'Overdue dossiers (Hồ sơ trễ hạn)', numerator: overdue, denominator: p.handled.length, ratio: overdueRatio === null ? null : round(overdueRatio, 4) },
      { label: 'Not satisfied (Chưa hài lòng)', numerator: round(notSatisfied, 2), denominator: raters, ratio: notRatio === null ? null : round(notRatio, 4) },
    ];
    if (overdueRatio === null && notRatio === null) {
      return { numerator: 0, denominator: 0, ratio: null, note: 'no handled dossiers and no ratings', parts };
    }
    // A missing component counts as 0 %: no dossiers cannot be late, no raters cannot be unhappy.
    const ratio = Math.max(0, 1 - (overdueRatio ?? 0) - (notRatio ?? 0));
    const pct = (r: number | null) => (r === null ? 'n/a' : `${round(r * 100, 2)} %`);
    return {
      numerator: round(ratio * 100, 4),
      denominator: 100,
      ratio,
      note: `100 % − overdue ${pct(overdueRatio)} − not satisfied ${pct(notRatio)}`,
      parts,
    };
  },
};

function clampPct(x: number): number {
  return Math.min(100, Math.max(0, x));
}

function validDate(d: Date, name: string): number {
  const t = d instanceof Date ? d.getTime() : NaN;
  if (!Number.isFinite(t)) throw new RangeError(`${name} is not a valid date`);
  return t;
}

function populations(input: KpiInput): Populations {
  const from = validDate(input.period.from, 'period.from');
  const to = validDate(input.period.to, 'period.to');
  validDate(input.now, 'now');
  if (from >= to) throw new RangeError('period.from must be before period.to');
  const ptot = input.provincialDossierTotal;
  if (ptot !== undefined && !(Number.isInteger(ptot) && ptot >= 0)) throw new RangeError('provincialDossierTotal must be an integer ≥ 0');

  // Membership by NgayTiepNhan, half-open: a dossier received exactly at `to` belongs to the next period.
  const inPeriod = input.dossiers.filter((d) => {
    const t = validDate(d.receivedAt, `dossier ${d.code} receivedAt`);
    return t >= from && t < to;
  });
  const handled = inPeriod.filter((d) => d.status !== REFUSED_AT_INTAKE);
  const resolved = handled.filter((d) => d.finishedAt !== null && d.status !== WITHDRAWN && d.status !== STOPPED);

  const byCode = new Map<string, KpiProcedure>();
  for (const p of input.procedures) if (!byCode.has(p.code)) byCode.set(p.code, p);

  // A rating month belongs to the period when it starts in it; periods from periodFromRequest are whole months.
  const ratings = input.ratings.filter((r) => {
    const t = ratingMonthStart(r.month).getTime();
    return t >= from && t < to;
  });
  return { inPeriod, handled, resolved, procedures: [...byCode.values()], ratings };
}

/** The result, and its unrounded points so group and total sums do not accumulate rounding. */
function indicator(def: IndicatorDef, m: Measured): { result: IndicatorResult; raw: number | null } {
  const raw = m.ratio === null ? null : scoreRatio(m.ratio, def.target, def.maxPoints);
  const result: IndicatorResult = {
    id: def.id,
    label: labelText(def.label),
    numerator: m.numerator,
    denominator: m.denominator,
    ratio: m.ratio === null ? null : round(m.ratio, 4),
    target: def.target,
    maxPoints: def.maxPoints,
    points: raw === null ? null : round(raw, 2),
    applicable: raw !== null,
    note: raw !== null ? m.note : `not applicable: ${m.note}; excluded, the group is renormalised over its other indicators`,
  };
  if (m.measure) result.measure = m.measure;
  if (m.parts) result.parts = m.parts;
  return { result, raw };
}

/** Σ points ÷ Σ max over the applicable items, scaled to `scale`; null when none applies. */
function renormalised(items: ReadonlyArray<{ raw: number | null; max: number }>, scale: number): { raw: number | null; scoredMax: number } {
  const scored = items.filter((i) => i.raw !== null);
  const scoredMax = scored.reduce((a, i) => a + i.max, 0);
  const got = scored.reduce((a, i) => a + (i.raw ?? 0), 0);
  return { raw: scoredMax === 0 ? null : (got / scoredMax) * scale, scoredMax };
}

/**
 * The index for one agency and period. Indicators with nothing to measure are excluded and the rest of
 * their group scaled up to the group's maximum; groups with nothing to measure are excluded and the total
 * scaled to 100 over the others (`scoredMaxPoints` says how much was scored).
 */
export function computeKpi(input: KpiInput): KpiResult {
  const pops = populations(input);
  const groups = GROUPS.map((g) => {
    const measured = INDICATORS.filter((d) => d.group === g.id).map((d) => ({ d, ...indicator(d, MEASURES[d.id](pops, input)) }));
    const { raw } = renormalised(measured.map((i) => ({ raw: i.raw, max: i.d.maxPoints })), g.maxPoints);
    const result: GroupResult = {
      id: g.id,
      label: labelText(g.label),
      maxPoints: g.maxPoints,
      points: raw === null ? null : round(raw, 2),
      applicable: raw !== null,
      indicators: measured.map((i) => i.result),
    };
    return { result, raw };
  });
  const total = renormalised(groups.map((g) => ({ raw: g.raw, max: g.result.maxPoints })), 100);
  return {
    agency: { code: input.agency.code, name: input.agency.name },
    period: { from: new Date(input.period.from.getTime()), to: new Date(input.period.to.getTime()) },
    total: total.raw === null ? 0 : round(total.raw, 2),
    scoredMaxPoints: total.scoredMax,
    groups: groups.map((g) => g.result),
  };
}
