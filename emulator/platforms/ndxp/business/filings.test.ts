import { describe, expect, it } from 'vitest';
import { createWorld, enterprise, enterpriseIndexByTaxCode, isValidTaxCode } from '../../../core/world/index.js';
import { AFTERNOON, MORNING, dayOfDate, isWorkingDay, parseDate, vnDayOf } from './calendar.js';
import { registeredEnterprise } from './enterprise-lookup.js';
import {
  DAILY_CAP,
  EPOCH_DAY,
  filing,
  filingOfNewIndex,
  filingRecord,
  filingsOn,
  newEnterpriseIndex,
  parseJournalNo,
  receiptSecond,
  receivedBy,
  widenedWorld,
} from './filings.js';
import { viewAt } from './timeline.js';

const world = createWorld({ seed: 7 });
const day = dayOfDate(2026, 11, 24) as number; // a Tuesday
const days = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
const dayOfText = (text: string) => {
  const p = parseDate(text);
  return p.ok ? p.day : Number.NaN;
};
const RANK: Record<string, number> = { '1': 0, '2': 1, '3': 2, '4': 3, '5': 3, '6': 3 };

describe('filings per day', () => {
  it('are more on working days than on days off, and none before 2025', () => {
    const span = days(dayOfDate(2026, 10, 1) as number, 56);
    const work = span.filter(isWorkingDay).map((x) => filingsOn(world, x));
    const off = span.filter((x) => !isWorkingDay(x)).map((x) => filingsOn(world, x));
    expect(Math.min(...work)).toBeGreaterThan(Math.max(...off));
    expect(Math.max(...work)).toBeLessThanOrEqual(DAILY_CAP);
    expect(filingsOn(world, EPOCH_DAY - 1)).toBe(0);
    expect(filingsOn(world, EPOCH_DAY)).toBeGreaterThan(0); // 1/1/2025 is a holiday: a few online ones
  });

  it('are received in sequence order, in office hours on working days', () => {
    const n = filingsOn(world, day);
    let previous = -1;
    for (let seq = 1; seq <= n; seq++) {
      const s = receiptSecond(world, day, seq, n);
      expect(s).toBeGreaterThanOrEqual(previous);
      const inOffice = (s >= MORNING.from && s < MORNING.to) || (s >= AFTERNOON.from && s < AFTERNOON.to);
      expect(inOffice, `${seq} at ${s}`).toBe(true);
      previous = s;
    }
    expect(receivedBy(world, day, 24 * 3600)).toBe(n);
    expect(receivedBy(world, day, MORNING.from - 1)).toBe(0);
  });

  it('depend only on the seed', () => {
    const again = createWorld({ seed: 7 });
    const other = createWorld({ seed: 8 });
    const now = Date.parse('2026-11-30T03:00:00Z');
    const list = (w: typeof world) => days(day - 4, 5).flatMap((x) => Array.from({ length: filingsOn(w, x) }, (_, i) => filingRecord(filing(w, x, i + 1), now)));
    expect(list(again)).toEqual(list(world));
    expect(list(other)).not.toEqual(list(world));
  });
});

describe('filing numbers', () => {
  it('decode back to day and sequence', () => {
    const f = filing(world, day, 3);
    expect(f.journalNo).toBe('202611240003');
    expect(parseJournalNo(f.journalNo)).toEqual({ ok: true, day, seq: 3 });
    expect(parseJournalNo('202602300001').ok).toBe(false); // 30/02
    expect(parseJournalNo('202611240000').ok).toBe(false);
    expect(parseJournalNo('2026112400011').ok).toBe(false);
  });
});

describe('a filing over time', () => {
  it('only moves forward, and is decided within days', () => {
    const n = filingsOn(world, day);
    const hours = [0, 2, 6, 24, 48, 72, 96, 168, 24 * 30, 24 * 90];
    for (let seq = 1; seq <= n; seq++) {
      const f = filing(world, day, seq);
      const ranks = hours.map((h) => RANK[viewAt(f.timeline, f.timeline.receivedAt + h * 3_600_000).PROCESS_STATUS] as number);
      // Status 3 → 2 happens once, when the amended filing arrives; otherwise the rank never drops.
      const drops = ranks.filter((r, i) => i > 0 && r < (ranks[i - 1] as number));
      expect(drops.length, `${f.journalNo}: ${ranks}`).toBeLessThanOrEqual(1);
      expect(viewAt(f.timeline, f.timeline.receivedAt).PROCESS_STATUS).toBe('1');
      expect(['4', '5', '6']).toContain(viewAt(f.timeline, f.timeline.receivedAt + 90 * 86_400_000).PROCESS_STATUS);
    }
  });

  it('has PLAN_DATE 3 working days after intake until an amended filing restarts the count', () => {
    const f = filing(world, day, 1);
    expect(viewAt(f.timeline, f.timeline.receivedAt).PLAN_DATE).toBe('27/11/2026');
    const amended = days(1, filingsOn(world, day)).map((s) => filing(world, day, s)).find((x) => x.timeline.resubmittedAt !== null);
    expect(amended).toBeDefined();
    const later = viewAt(amended!.timeline, amended!.timeline.resubmittedAt!);
    expect(later.SUPPLEMENT_DATE).not.toBe('');
    expect(dayOfText(later.PLAN_DATE)).toBeGreaterThan(dayOfText(later.SUPPLEMENT_DATE));
    expect(dayOfText(later.PLAN_DATE)).toBeGreaterThan(dayOfText(viewAt(amended!.timeline, amended!.timeline.receivedAt).PLAN_DATE));
  });
});

describe('enterprises founded by a filing', () => {
  it('get a valid code of their own that leads back to the filing once registered', () => {
    const start = dayOfDate(2026, 10, 5) as number;
    const foundings = days(start, 5).flatMap((x) => Array.from({ length: filingsOn(world, x) }, (_, i) => filing(world, x, i + 1))).filter((f) => f.newIndex !== null);
    expect(foundings.length).toBeGreaterThan(5);
    for (const f of foundings) {
      expect(f.documentType).toBe('1');
      expect(f.newIndex).toBe(newEnterpriseIndex(world, f.day, f.seq));
      expect(filingOfNewIndex(world, f.newIndex!)).toEqual({ day: f.day, seq: f.seq });
      const code = f.enterprise.MainInformation.ENTERPRISE_GDT_CODE;
      expect(isValidTaxCode(code)).toBe(true);
      expect(enterpriseIndexByTaxCode(world, code)).toBeNull(); // not one of the world's
      expect(enterpriseIndexByTaxCode(widenedWorld(world), code)).toBe(f.newIndex);
      const before = f.timeline.receivedAt;
      expect(filingRecord(f, before).ENTERPRISE_CODE).toBe('');
      expect(registeredEnterprise(world, code, before)).toBeNull();
      const registeredAt = viewAt(f.timeline, before + 120 * 86_400_000).registeredAt;
      const found = registeredEnterprise(world, code, before + 120 * 86_400_000);
      if (registeredAt === null) {
        expect(found).toBeNull(); // refused or cancelled: never founded
        continue;
      }
      expect(found?.MainInformation.FOUNDING_DATE).toBe(filingRecord(f, registeredAt).REGISTRATION_DATE);
      expect(found?.MainInformation.ENTERPRISE_STATUS).toBe('Đang hoạt động');
      expect(registeredEnterprise(world, code, registeredAt - 1)).toBeNull();
      expect(filingRecord(f, registeredAt).ENTERPRISE_CODE).toBe(code);
    }
  });

  it('are not invented for codes whose slot is a change filing or in the future', () => {
    const now = Date.parse('2026-11-24T03:00:00Z');
    const change = days(1, filingsOn(world, day)).map((s) => filing(world, day, s)).find((f) => f.newIndex === null)!;
    const lookUp = (index: number, at: number) => registeredEnterprise(world, enterprise(widenedWorld(world), index).MainInformation.ENTERPRISE_GDT_CODE, at);
    expect(lookUp(newEnterpriseIndex(world, day, change.seq), now + 400 * 86_400_000)).toBeNull();
    expect(lookUp(newEnterpriseIndex(world, vnDayOf(now) + 30, 1), now)).toBeNull();
    expect(lookUp(newEnterpriseIndex(world, day, filingsOn(world, day) + 1), now + 400 * 86_400_000)).toBeNull();
  });
});
