/**
 * What the renderers share: the bilingual labels (Vietnamese first, English beside it, as a certifier reads
 * them) and the small text transformations every format needs before its own escaping.
 */
import type { CoverageOutcome, Level, Outcome } from '../../scenarios/kit/types.js';
import type { ComplianceReport, LevelVerdict, ReportScenario } from '../model.js';

export const OUTCOMES: readonly Outcome[] = ['pass', 'fail', 'skip', 'omit', 'error', 'wait'];
export const LEVELS: readonly Level[] = ['MUST', 'SHOULD'];

/** `vi / en` for every outcome, verdict and coverage state. */
export const OUTCOME_LABEL: Record<CoverageOutcome | 'not-applicable', string> = {
  pass: 'Đạt / Pass',
  fail: 'Không đạt / Fail',
  skip: 'Bỏ qua / Skipped',
  omit: 'Không chạy / Omitted',
  error: 'Lỗi kiểm thử / Error',
  wait: 'Đang chờ / Waiting',
  untested: 'Chưa kiểm thử / Untested',
  unproven: 'Chưa chứng minh / Unproven',
  'not-applicable': 'Không áp dụng / Not applicable',
};

/** The column headings of the per-level counts (short forms, for tables). */
export const COUNT_LABEL: Record<Outcome, string> = {
  pass: 'Đạt / Pass',
  fail: 'Không đạt / Fail',
  skip: 'Bỏ qua / Skip',
  omit: 'Không chạy / Omit',
  error: 'Lỗi / Error',
  wait: 'Chờ / Wait',
};

export const LABEL = {
  title: 'Báo cáo tuân thủ / Compliance report',
  verdict: 'Kết quả / Verdict',
  suite: 'Bộ kiểm thử / Suite',
  digest: 'Mã băm / Digest',
  catalog: 'Danh mục yêu cầu / Requirement catalog',
  sut: 'Hệ thống được kiểm thử / System under test',
  agency: 'Cơ quan / Agency',
  driver: 'Cách điều khiển / Driver',
  emulator: 'Trình giả lập / Emulator',
  seed: 'Hạt giống / Seed',
  clock: 'Đồng hồ / Clock',
  started: 'Bắt đầu / Started',
  ended: 'Kết thúc / Ended',
  reportId: 'Mã báo cáo / Report id',
  generated: 'Lập lúc / Generated',
  level: 'Mức / Level',
  scenario: 'Kịch bản / Scenario',
  scenarios: 'Kịch bản / Scenarios',
  outcome: 'Kết quả / Outcome',
  requirement: 'Yêu cầu / Requirement',
  requirements: 'Yêu cầu / Requirements',
  coverage: 'Độ phủ yêu cầu / Requirement coverage',
  clause: 'Điều khoản / Clause',
  message: 'Mô tả / Message',
  expected: 'Mong đợi / Expected',
  actual: 'Thực tế / Actual',
  evidence: 'Bằng chứng / Evidence',
  replay: 'Chạy lại / Replay',
  failures: 'Không đạt / Failures',
  errors: 'Lỗi kiểm thử / Harness errors',
  reason: 'Lý do / Reason',
  messages: 'Ghi chép / Messages',
  duration: 'Thời gian / Duration',
  exchanges: 'Trao đổi / Exchanges',
  filter: 'Lọc / Filter',
  all: 'Tất cả / All',
  textVi: 'Nội dung (tiếng Việt)',
  textEn: 'Text (English)',
  source: 'Nguồn / Source',
  requestHeaders: 'Tiêu đề yêu cầu / Request headers',
  requestBody: 'Nội dung yêu cầu / Request body',
  responseBody: 'Nội dung trả lời / Response body',
  verdicts: 'Đánh giá của trình giả lập / Emulator verdicts',
  hash: 'Mã băm chuỗi bằng chứng / Evidence chain hash',
  omittedExchanges: 'trao đổi không đưa vào báo cáo / exchanges left out of the report',
  none: 'không có / none',
  description: 'Mô tả kịch bản / Description',
  note: 'Ghi chú / Note',
} as const;

/**
 * Characters that XML 1.0 cannot carry at all (not even as a character reference) and that make text
 * unreadable elsewhere: C0 controls other than tab, newline and carriage return, lone surrogates, U+FFFE
 * and U+FFFF. Shown as `\uXXXX` so the certifier still sees that something was there.
 */
const UNREPRESENTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const showControls = (s: string): string => s.replace(UNREPRESENTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);

/** A failure's expected/actual value as readable JSON (absent values say so rather than vanish). */
export function jsonOf(value: unknown): string {
  if (value === undefined) return '(none)';
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A body as the certifier wants to read it: JSON pretty-printed, anything else (XML, cut text) as is. */
export function readableBody(body: string | null): string {
  if (body === null || body === '') return `(${LABEL.none})`;
  const t = body.trim();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return JSON.stringify(JSON.parse(t), null, 2);
    } catch {
      // Not JSON after all (e.g. cut at the size limit): shown as it came.
    }
  }
  return body;
}

/** An instant as recorded (UTC) with the Vietnam wall time beside it (UTC+7, no daylight saving). */
export function withVietnamTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const v = new Date(d.getTime() + 7 * 3600_000).toISOString();
  return `${iso} (${v.slice(11, 19)} ${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)} giờ Việt Nam)`;
}

export const seconds = (ms: number): string => (ms / 1000).toFixed(3);

export const durationText = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

export function verdictLabel(v: ComplianceReport['verdict'] | LevelVerdict['verdict']): string {
  return OUTCOME_LABEL[v];
}

/** Scenarios that broke a rule first, then harness errors, then the rest, each group in run order. */
export function failuresFirst(scenarios: readonly ReportScenario[]): ReportScenario[] {
  const rank = (s: ReportScenario) => (s.outcome === 'fail' ? 0 : s.outcome === 'error' ? 1 : 2);
  return scenarios
    .map((s, i) => ({ s, i }))
    .sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i)
    .map(({ s }) => s);
}

/** The line a certifier reads first: suite, system and verdict. */
export function headline(r: ComplianceReport): string {
  return `${r.suite.id} ${r.suite.version} — ${r.sut.name} ${r.sut.version} (${r.sut.agency}): ${verdictLabel(r.verdict)}`;
}
