/**
 * Filings (hồ sơ đăng ký doanh nghiệp) received by the registry, generated on demand as a pure function of
 * (world seed, Vietnam-time day, sequence): nothing is stored, so the same seed and clock give the same
 * answers in every process.
 *
 * - Each day from 1 January 2025 (the world's "as of" date) has a count drawn from a hash of (seed, day):
 *   about `world.enterprises / 400` on working days (20–760), a tenth of that on days off (online only).
 * - Sequence s of n is received at warp((s − 1 + h) / n), h a hash in [0, 1) and warp the office hours
 *   (or 8:00–21:00 on days off): receipt times grow with the sequence, so "received between" and "received
 *   by now" are binary searches and the filing number (yyyyMMdd + 4-digit sequence) decodes in O(1).
 * - A filing is either a change to a world enterprise (its status decides which filings make sense) or the
 *   founding of a new one. New enterprise n° (day, s) is world-generator index
 *   `world.enterprises + (day − 2025-01-01) · 1000 + s − 1` in a world of MAX_ENTERPRISES: a valid tax code
 *   that no world enterprise has, and that decodes back to its filing (enterprise-lookup.ts).
 */
import {
  type Enterprise,
  type World,
  MAX_ENTERPRISES,
  citizen,
  enterprise,
  householdOf,
  provinceByGsoCode,
} from '../../../core/world/index.js';
import { asciiSlug, createRandomizer, hash2, hash3, seed32, unit } from '../../../core/world/internal.js';
import { compactDate, dayOfDate, formatTimestamp, instantOf, isWorkingDay, vnDayOf, vnSecondOfDay } from './calendar.js';
import { DOCUMENT_TYPES, type DocumentType, PROCESS_STATUSES, SUBMISSION_TYPES, type SubmissionType, siteOf } from './codes.js';
import { type Timeline, drawTimeline, viewAt, weighted } from './timeline.js';

/** The first day with filings: the world is "as of" 1 January 2025 (core/world/enterprises.ts). */
export const EPOCH_DAY = dayOfDate(2025, 1, 1) as number;
/** Most filings one day can have; also the stride of new-enterprise indices per day. */
export const DAILY_CAP = 1000;

/** A filing as the registry's lists and tinhTrangHoSo return it (§B4 field names; `…_NAME` and SITE_NAME are ours). */
export interface FilingRecord {
  IN_JOURNAL_NO: string;
  DOCUMENT_TYPE: DocumentType;
  DOCUMENT_TYPE_NAME: string;
  /** Enterprise code (mã số doanh nghiệp); empty for a founding filing until it is registered. */
  ENTERPRISE_CODE: string;
  /** Tax code: the same 10 digits since the codes were unified in 2010 [M]. */
  ENTERPRISE_GDT_CODE: string;
  NAME: string;
  SITE_ID: string;
  SITE_NAME: string;
  /** dd/MM/yyyy HH:mm:ss, Vietnam time. */
  RECEIPT_DATE: string;
  /** dd/MM/yyyy: 3 working days after intake, or after the amended filing arrived. */
  PLAN_DATE: string;
  PROCESS_STATUS: string;
  PROCESS_STATUS_NAME: string;
  /** dd/MM/yyyy, empty until registered. */
  REGISTRATION_DATE: string;
  /** dd/MM/yyyy the amended filing arrived, empty otherwise. */
  SUPPLEMENT_DATE: string;
  SUBMISSION_TYPE: SubmissionType;
  SUBMISSION_TYPE_NAME: string;
  CONTACT_NAME: string;
  CONTACT_PHONE: string;
  CONTACT_EMAIL: string;
}

export interface Filing {
  day: number;
  seq: number;
  journalNo: string;
  documentType: DocumentType;
  submission: SubmissionType;
  /** The enterprise the filing is about; for a founding, the new one as the generator makes it. */
  enterprise: Enterprise;
  /** World-generator index of the new enterprise (founding filings only). */
  newIndex: number | null;
  contact: { name: string; phone: string; email: string };
  timeline: Timeline;
}

interface Keys {
  seed: number;
  count: number;
  time: number;
  body: number;
}
let lastKeys: Keys | null = null;
function keysOf(seed: number): Keys {
  if (lastKeys?.seed === seed) return lastKeys;
  const s = seed32(seed);
  lastKeys = { seed, count: hash2(s, 0x4b01), time: hash2(s, 0x4b02), body: hash2(s, 0x4b03) };
  return lastKeys;
}

/** The same people and generator with room for the enterprises founded after the world's date. */
const wide = new WeakMap<World, World>();
export function widenedWorld(world: World): World {
  let w = wide.get(world);
  if (!w) wide.set(world, (w = Object.freeze({ seed: world.seed, population: world.population, enterprises: MAX_ENTERPRISES })));
  return w;
}

export function newEnterpriseIndex(world: World, day: number, seq: number): number {
  return world.enterprises + (day - EPOCH_DAY) * DAILY_CAP + (seq - 1);
}

/** Inverse of {@link newEnterpriseIndex}: the filing that founded a generator index, if the index is a new one. */
export function filingOfNewIndex(world: World, index: number): { day: number; seq: number } | null {
  const slot = index - world.enterprises;
  if (slot < 0) return null;
  return { day: EPOCH_DAY + Math.floor(slot / DAILY_CAP), seq: (slot % DAILY_CAP) + 1 };
}

export function meanPerWorkingDay(world: World): number {
  return Math.min(760, Math.max(20, Math.round(world.enterprises / 400)));
}

/** Number of filings received on `day` (the whole day). */
export function filingsOn(world: World, day: number): number {
  if (day < EPOCH_DAY) return 0;
  // A world with no enterprises has only foundings, and those need room in the generator's index space.
  if (world.enterprises === 0 && newEnterpriseIndex(world, day, DAILY_CAP) >= MAX_ENTERPRISES) return 0;
  const factor = isWorkingDay(day) ? 1 : 0.1;
  const n = Math.floor(meanPerWorkingDay(world) * factor * (0.7 + 0.6 * unit(hash2(keysOf(world.seed).count, day))));
  return Math.min(DAILY_CAP, n);
}

// Receipt-time density: office hours on working days (a busier morning), 8:00–21:00 online on days off.
type Segment = readonly [from: number, to: number, weight: number];
const WORKDAY: readonly Segment[] = [[7.5 * 3600, 11.5 * 3600, 0.55], [13 * 3600, 17 * 3600, 0.45]];
const DAY_OFF: readonly Segment[] = [[8 * 3600, 21 * 3600, 1]];

function warp(u: number, segments: readonly Segment[]): number {
  let x = u;
  for (const [from, to, w] of segments) {
    if (x < w) return Math.floor(from + (x / w) * (to - from));
    x -= w;
  }
  const last = segments[segments.length - 1] as Segment;
  return last[1] - 1;
}

/** Seconds after Vietnam midnight at which filing `seq` (1-based) of `n` on `day` is received; non-decreasing in seq. */
export function receiptSecond(world: World, day: number, seq: number, n: number): number {
  const u = (seq - 1 + unit(hash3(keysOf(world.seed).time, day, seq))) / n;
  return warp(u, isWorkingDay(day) ? WORKDAY : DAY_OFF);
}

/** How many of the day's filings were received at or before `second` (seconds after midnight, inclusive). */
export function receivedBy(world: World, day: number, second: number): number {
  const n = filingsOn(world, day);
  let lo = 0;
  let hi = n; // answer in [lo, hi]: the number of seqs with receiptSecond ≤ second
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (receiptSecond(world, day, mid, n) <= second) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Filings of `day` received by `now`: the whole day when it is over, none when it has not begun. */
export function receivedSoFar(world: World, day: number, now: number): number {
  const today = vnDayOf(now);
  if (day < today) return filingsOn(world, day);
  if (day > today) return 0;
  return receivedBy(world, day, vnSecondOfDay(now));
}

export function journalNo(day: number, seq: number): string {
  return `${compactDate(day)}${String(seq).padStart(4, '0')}`;
}

export type JournalParse = { ok: true; day: number; seq: number } | { ok: false; reason: string };

export function parseJournalNo(text: string): JournalParse {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{4})$/.exec(text);
  if (!m) return { ok: false, reason: 'not 12 digits (yyyyMMdd + 4-digit sequence)' };
  const day = dayOfDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (day === null) return { ok: false, reason: `${m[3]}/${m[2]}/${m[1]} is not a calendar date` };
  const seq = Number(m[4]);
  if (seq === 0) return { ok: false, reason: 'sequences start at 0001' };
  return { ok: true, day, seq };
}

// Which filings an enterprise in each registry status can make [I]; a dissolved one makes none.
const ACTIVE: ReadonlyArray<readonly [DocumentType, number]> = [['2', 45], ['3', 20], ['4', 10], ['6', 5]];
const ALLOWED: Record<string, ReadonlyArray<readonly [DocumentType, number]>> = {
  'Đang hoạt động': ACTIVE,
  'Đã giải thể, phá sản, chấm dứt tồn tại': [],
  'Tạm ngừng kinh doanh có thời hạn': [['5', 50], ['2', 20], ['3', 10], ['6', 20]],
  'Không hoạt động tại địa chỉ đã đăng ký': [['2', 70], ['6', 30]],
  'Đang làm thủ tục giải thể': [['6', 1]],
};
// New enterprises among all filings [I: about 650 are founded a working day [M] among a few thousand filings].
const FOUNDING_SHARE = 0.28;

const rnd = createRandomizer();

/** Filing `seq` of `day`; the caller checks 1 ≤ seq ≤ filingsOn(world, day). */
export function filing(world: World, day: number, seq: number): Filing {
  const k = keysOf(world.seed);
  const n = filingsOn(world, day);
  const receivedAt = instantOf(day, receiptSecond(world, day, seq, n));
  rnd.seed([k.body, day, seq]);
  // Everything is drawn up front, in a fixed order, from this filing's own stream.
  const u = Array.from({ length: 11 }, () => rnd.next());
  const timeline = drawTimeline(receivedAt, () => rnd.next());

  let documentType: DocumentType = '1';
  let target: Enterprise | null = null;
  let newIndex: number | null = null;
  const founding = world.enterprises === 0 || (u[0] as number) < FOUNDING_SHARE;
  if (founding && newEnterpriseIndex(world, day, seq) < MAX_ENTERPRISES) {
    newIndex = newEnterpriseIndex(world, day, seq);
    target = enterprise(widenedWorld(world), newIndex);
  } else {
    for (let attempt = 0; attempt < 4 && !target; attempt++) {
      const candidate = enterprise(world, Math.floor((u[1 + attempt] as number) * world.enterprises));
      const allowed = ALLOWED[candidate.MainInformation.ENTERPRISE_STATUS] ?? ACTIVE;
      if (allowed.length === 0) continue;
      documentType = weighted(u[5] as number, allowed);
      target = candidate;
    }
    if (!target && newEnterpriseIndex(world, day, seq) < MAX_ENTERPRISES) {
      // Four dissolved enterprises in a row (p ≈ 10⁻⁵): a founding instead.
      newIndex = newEnterpriseIndex(world, day, seq);
      target = enterprise(widenedWorld(world), newIndex);
    } else if (!target) {
      // No room left for new enterprises either (a world of MAX_ENTERPRISES): a change, however unlikely.
      target = enterprise(world, Math.floor((u[1] as number) * world.enterprises));
      documentType = '2';
    }
  }

  const submission: SubmissionType = !isWorkingDay(day) ? '1' : weighted(u[6] as number, [['1', 85], ['2', 12], ['3', 3]] as const);
  // The legal representative files most of the time; otherwise an authorised person (a service firm's clerk).
  const rep = target.legalRepresentatives[0];
  const contactIndex = rep && (u[7] as number) < 0.7 ? rep.citizenIndex : householdOf(world, Math.floor((u[8] as number) * world.population)).headIndex;
  const person = citizen(world, contactIndex);
  const email = `${asciiSlug(person.HoVaTen)}${Math.floor((u[9] as number) * 100)}@${weighted(u[10] as number, [['gmail.com', 80], ['yahoo.com', 10], ['outlook.com', 10]] as const)}`;

  return {
    day,
    seq,
    journalNo: journalNo(day, seq),
    documentType,
    submission,
    enterprise: target,
    newIndex,
    contact: { name: person.HoVaTen.toUpperCase(), phone: person.SoDienThoai, email },
    timeline,
  };
}

/** The filing as the registry shows it at `now` (status, dates, and the new code once registered). */
export function filingRecord(f: Filing, now: number): FilingRecord {
  const view = viewAt(f.timeline, now);
  const main = f.enterprise.MainInformation;
  const code = f.newIndex === null || view.registeredAt !== null ? main.ENTERPRISE_GDT_CODE : '';
  const province = provinceByGsoCode(main.HOAddress.CityID);
  const site = province ? siteOf(province, f.day) : { SITE_ID: main.HOAddress.CityID, SITE_NAME: '' };
  return {
    IN_JOURNAL_NO: f.journalNo,
    DOCUMENT_TYPE: f.documentType,
    DOCUMENT_TYPE_NAME: DOCUMENT_TYPES[f.documentType],
    ENTERPRISE_CODE: code,
    ENTERPRISE_GDT_CODE: code,
    NAME: main.NAME,
    ...site,
    RECEIPT_DATE: formatTimestamp(f.timeline.receivedAt),
    PLAN_DATE: view.PLAN_DATE,
    PROCESS_STATUS: view.PROCESS_STATUS,
    PROCESS_STATUS_NAME: PROCESS_STATUSES[view.PROCESS_STATUS],
    REGISTRATION_DATE: view.REGISTRATION_DATE,
    SUPPLEMENT_DATE: view.SUPPLEMENT_DATE,
    SUBMISSION_TYPE: f.submission,
    SUBMISSION_TYPE_NAME: SUBMISSION_TYPES[f.submission],
    CONTACT_NAME: f.contact.name,
    CONTACT_PHONE: f.contact.phone,
    CONTACT_EMAIL: f.contact.email,
  };
}
