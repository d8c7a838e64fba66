/**
 * The Decision 766/QĐ-TTg groups and sub-indicators as one table (specs/dvcqg-ndxp.md §A11).
 *
 * Group maxima and API ids are [C] (three independent trackers agree). The sub-indicator definitions are [I]
 * (one project's transcription of the official DOCX). The split of a group's points among its
 * sub-indicators is NOT public ([NF]): the `maxPoints` column below is our even split, kept in this one
 * table so it can be corrected in one place (docs/decisions/008-qd766-index.md).
 */
import type { GroupId, IndicatorId } from './model.js';

export interface Label {
  vi: string;
  en: string;
}

export interface GroupDef {
  id: GroupId;
  label: Label;
  maxPoints: number;
}

export interface IndicatorDef {
  id: IndicatorId;
  group: GroupId;
  label: Label;
  /** What is counted, in words (the counting itself is in compute.ts). */
  numerator: string;
  denominator: string;
  /** Target ratio T (0..1): points = Pmax when R ≥ T, else R / T × Pmax ([I] §A11). */
  target: number;
  /** Our share of the group's points ([NF] officially; an even split). */
  maxPoints: number;
  /** Where the definition comes from and how sure it is. */
  source: string;
}

/** [C] §A11: 18 + 20 + 12 + 10 + 18 + 22 = 100, in the order the trackers list them. */
export const GROUPS: readonly GroupDef[] = [
  { id: 'transparency', label: { vi: 'Công khai, minh bạch', en: 'Transparency' }, maxPoints: 18 },
  { id: 'dvc-progress-tree', label: { vi: 'Tiến độ giải quyết', en: 'Processing timeliness' }, maxPoints: 20 },
  { id: 'provide-online-tree', label: { vi: 'Dịch vụ công trực tuyến', en: 'Online public services' }, maxPoints: 12 },
  { id: 'formality-online-payment-tree', label: { vi: 'Thanh toán trực tuyến', en: 'Online payment' }, maxPoints: 10 },
  { id: 'handling-satisfaction', label: { vi: 'Mức độ hài lòng', en: 'Satisfaction' }, maxPoints: 18 },
  { id: 'dossier-digitized', label: { vi: 'Số hóa hồ sơ', en: 'Dossier digitisation' }, maxPoints: 22 },
];

/** The split table. Each group's rows must add up to the group's maximum (checked in compute.test.ts). */
export const INDICATORS: readonly IndicatorDef[] = [
  {
    id: '1.1',
    group: 'transparency',
    label: { vi: 'TTHC được công khai trên CSDL quốc gia về TTHC', en: 'Procedures published in the national procedure database' },
    numerator: 'procedures published (LayThuTuc TRANGTHAI = 1)',
    denominator: 'procedures the agency implements',
    target: 1,
    maxPoints: 9,
    source: '[I] chosen: the transparency group beyond 1.4 is not transcribed; publication is the part of it the emulator can see (§A7 TRANGTHAI)',
  },
  {
    id: '1.4',
    group: 'transparency',
    label: { vi: 'Hồ sơ được đồng bộ lên Cổng DVCQG', en: 'Dossiers synced to the national portal' },
    numerator: 'dossiers received in the period that DVCQG knows',
    denominator: 'max(dossiers on the provincial reporting system, dossiers on DVCQG) in the period',
    target: 1,
    maxPoints: 9,
    source: '[I] §A11 1.4; no target given, so full points need 100 %',
  },
  {
    id: '2.1',
    group: 'dvc-progress-tree',
    label: { vi: 'Hồ sơ giải quyết trước hạn, đúng hạn', en: 'Dossiers handled on time' },
    numerator: 'handled dossiers finished by their due date, or still open and not yet overdue at the clock',
    denominator: 'handled dossiers received in the period (all but status 3, refused at intake)',
    target: 1,
    maxPoints: 10,
    source: '[I] §A11 2.1; no target given, so full points need 100 %',
  },
  {
    id: '2.2',
    group: 'dvc-progress-tree',
    label: { vi: 'Thời gian giải quyết trung bình', en: 'Average processing time' },
    numerator: 'total allotted time (NgayHenTra − NgayTiepNhan), days',
    denominator: 'total actual time (finish − NgayTiepNhan), days, of resolved dossiers with a due date',
    target: 1,
    maxPoints: 10,
    source: '[I] §A11 2.2 names the measure only; scoring it as allotted ÷ actual time (capped at 1) is ours',
  },
  {
    id: '3.1',
    group: 'provide-online-tree',
    label: { vi: 'TTHC cung cấp dịch vụ công trực tuyến (toàn trình, một phần)', en: 'Procedures offered online (full or partial)' },
    numerator: 'procedures offered fully or partly online',
    denominator: 'procedures the agency implements',
    target: 0.8,
    maxPoints: 6,
    source: '[I] §A11 3.1, target 80 %',
  },
  {
    id: '3.3',
    group: 'provide-online-tree',
    label: { vi: 'Hồ sơ trực tuyến', en: 'Online dossiers' },
    numerator: 'dossiers received in the period that were submitted online × sync coefficient (1 in the emulator)',
    denominator: 'dossiers received in the period',
    target: 0.5,
    maxPoints: 6,
    source: '[I] §A11 3.3, target 50 %; the sync coefficient is 1 because everything the emulator counts is synced',
  },
  {
    id: '3.5',
    group: 'formality-online-payment-tree',
    label: { vi: 'TTHC có phí, lệ phí được thanh toán trực tuyến', en: 'Fee procedures offered with online payment' },
    numerator: 'fee procedures offered with online payment (flag, else at least one dossier paid online in the period)',
    denominator: 'procedures that charge a fee',
    target: 0.8,
    maxPoints: 5,
    source: '[I] §A11 3.5/3.5b, target 80 %',
  },
  {
    id: '3.6',
    group: 'formality-online-payment-tree',
    label: { vi: 'Hồ sơ thanh toán trực tuyến', en: 'Dossiers paid online' },
    numerator: 'handled dossiers of the period paid online',
    denominator: 'handled dossiers of the period that required a fee',
    target: 1,
    maxPoints: 5,
    source: '[I] §A11 3.6; no target given, so full points need 100 %',
  },
  {
    id: '4.1',
    group: 'dossier-digitized',
    label: { vi: 'Hồ sơ có kết quả điện tử', en: 'Dossiers with an electronic result' },
    numerator: 'resolved dossiers whose result carried a file (DanhSachGiayToKetQua)',
    denominator: 'resolved dossiers of the period (finished, not refused, withdrawn or stopped)',
    target: 0.8,
    maxPoints: 11,
    source: '[I] §A11 4.x (electronic results), target 80 %; the number 4.1 is ours',
  },
  {
    id: '4.2',
    group: 'dossier-digitized',
    label: { vi: 'Hồ sơ được số hóa', en: 'Digitised dossiers' },
    numerator: 'handled dossiers whose submission carried files (TaiLieuNop)',
    denominator: 'handled dossiers received in the period',
    target: 0.8,
    maxPoints: 11,
    source: '[I] §A11 4.x (digitisation), target 80 %; the number 4.2 is ours. Data reuse and population-database use are not measured',
  },
  {
    id: '5.4',
    group: 'handling-satisfaction',
    label: { vi: 'Mức độ hài lòng (100% − tỷ lệ trễ hạn − tỷ lệ chưa hài lòng)', en: 'Satisfaction (100 % − overdue % − not-satisfied %)' },
    numerator: '100 − overdue % of handled dossiers − not-satisfied % of ratings (weighted by raters)',
    denominator: '100',
    target: 0.9,
    maxPoints: 18,
    source: '[I] §A11 5.4, target 90 %; the complaint share is read from the DongBoDanhGia "not satisfied" level (§A8)',
  },
];

/** `Transparency (Công khai, minh bạch)`: English with the Vietnamese term. */
export function labelText(l: Label): string {
  return `${l.en} (${l.vi})`;
}
