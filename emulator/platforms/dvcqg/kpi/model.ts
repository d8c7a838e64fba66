/**
 * Input and output of the Decision 766/QĐ-TTg service-quality index (Bộ chỉ số phục vụ người dân, doanh
 * nghiệp), specs/dvcqg-ndxp.md §A11. Pure data: the caller (a route, a report) reads the store and builds a
 * `KpiInput`; `computeKpi` turns it into a `KpiResult`. The choices behind every rule are in
 * docs/decisions/008-qd766-index.md.
 */

/** The six groups and their API ids, as the public reporting API names them ([C] §A11). */
export type GroupId =
  | 'transparency'
  | 'dvc-progress-tree'
  | 'provide-online-tree'
  | 'formality-online-payment-tree'
  | 'handling-satisfaction'
  | 'dossier-digitized';

/**
 * The sub-indicators the emulator computes. 1.4, 2.x, 3.x, 5.4 follow the one transcription in §A11 [I];
 * 1.1 and the 4.x numbering are ours (§A11 only says "4.x") — see indicators.ts.
 */
export type IndicatorId = '1.1' | '1.4' | '2.1' | '2.2' | '3.1' | '3.3' | '3.5' | '3.6' | '4.1' | '4.2' | '5.4';

/** A procedure (thủ tục hành chính) the agency implements. */
export interface KpiProcedure {
  /** MaTTHC (§A6). Codes are taken as unique; a repeated code counts once (the first wins). */
  code: string;
  /** How it is offered online: 'full' = toàn trình, 'partial' = một phần, 'none' = not online (§A7, Decree 42/2022 [M]). */
  online: 'full' | 'partial' | 'none';
  /** Whether the procedure charges a fee (phí, lệ phí: PHILEPHI non-empty in LayThuTuc, §A7). */
  hasFee: boolean;
  /** Published in the national procedure database (LayThuTuc `TRANGTHAI` = 1, §A7). Default true: what the catalogue serves is published. */
  published?: boolean;
  /**
   * Offered with online payment on the portal (3.5). When absent it is taken from the evidence: at least
   * one dossier of the procedure received in the period was paid online (the "3.5b" reading of §A11).
   */
  onlinePayment?: boolean;
}

/** A dossier (hồ sơ) as DVCQG knows it from DongBoHoSoMC / CapNhatTienDoHoSoMC (§A3). */
export interface KpiDossier {
  /** MaHoSo. */
  code: string;
  /** MaTTHC of the procedure. */
  procedureCode: string;
  /** Submitted online (HinhThuc / status 1 at first sync). */
  online: boolean;
  /** NgayTiepNhan: decides which period the dossier belongs to. */
  receivedAt: Date;
  /** NgayHenTra (the latest one, after any rescheduling); null = no deadline (decided on the spot, or not given). */
  dueAt: Date | null;
  /** The first time a closing status (3, 7, 8, 9 or 10, §A5) was reached; null = still open. */
  finishedAt: Date | null;
  /** Current TrangThaiHoSo 1..10 (§A5). */
  status: number;
  /** Known to DVCQG. Always true for what the emulator holds; kept so 1.4 can be measured against a provincial total. */
  syncedToPortal: boolean;
  /** A fee is due for this dossier (DanhSachLePhi non-empty, or status 6 was reached). */
  feeRequired: boolean;
  /** The fee was paid through the portal's payment platform (§A10). */
  paidOnline: boolean;
  /** TaiLieuNop carried files (the submission was digitised). */
  digitised: boolean;
  /** DanhSachGiayToKetQua carried a result file (an electronic result). */
  electronicResult: boolean;
}

/** A DongBoDanhGia monthly aggregate (§A8): one row per month, procedure and question. */
export interface KpiRating {
  /** NgayTongHop, "M-YYYY" (a leading zero is accepted). */
  month: string;
  /** MaThuTuc, when the row is per procedure. Not used for filtering: the caller passes the agency's rows. */
  procedureCode?: string;
  /** TongSoNguoiDanhGia: the weight of the row. */
  total: number;
  /** Percentages 0..100: very satisfied, satisfied, not satisfied ("NN%" on the wire). */
  veryPct: number;
  satPct: number;
  notPct: number;
}

export interface KpiInput {
  /** The agency being scored (MADONVI / TENDONVI, §A2 LayDanhMucCoQuan). */
  agency: { code: string; name: string };
  /** [from, to) as UTC instants. The caller maps a year/quarter/month in Vietnam time (see render.ts periodFromRequest). */
  period: { from: Date; to: Date };
  /** The emulator clock: an open dossier is overdue when `now` is past its due date. */
  now: Date;
  /** Procedures the agency implements. */
  procedures: readonly KpiProcedure[];
  /** The agency's dossiers; only those received in the period are counted. */
  dossiers: readonly KpiDossier[];
  /** The agency's rating aggregates; only months that start in the period are counted. */
  ratings: readonly KpiRating[];
  /** For 1.4: dossiers of the period on the provincial reporting system. Default: the dossiers received in the period. */
  provincialDossierTotal?: number;
}

/** One component of a composite indicator (5.4). */
export interface IndicatorPart {
  label: string;
  numerator: number;
  denominator: number;
  /** 0..1, or null when there is nothing to measure. */
  ratio: number | null;
}

export interface IndicatorResult {
  id: IndicatorId;
  /** English with the Vietnamese term. */
  label: string;
  numerator: number;
  denominator: number;
  /** 0..1 (4 decimals); null when there is nothing to measure (the indicator is then not applicable). */
  ratio: number | null;
  /** The target ratio T, 0..1: the ratio that earns full points. */
  target: number;
  maxPoints: number;
  /** 0..maxPoints (2 decimals); null when not applicable (excluded, its group renormalised). */
  points: number | null;
  applicable: boolean;
  /** What was counted, in words, and why the indicator is not applicable when it is not. */
  note: string;
  /** A reported quantity that is not itself the ratio (2.2: the average processing time). */
  measure?: { label: string; value: number; unit: 'day' };
  /** The components of a composite ratio (5.4: overdue share, not-satisfied share). */
  parts?: IndicatorPart[];
}

export interface GroupResult {
  id: GroupId;
  label: string;
  /** The official maximum ([C] §A11), also when some indicators are excluded. */
  maxPoints: number;
  /** 0..maxPoints (2 decimals), renormalised over the applicable indicators; null when none applies. */
  points: number | null;
  applicable: boolean;
  indicators: IndicatorResult[];
}

export interface KpiResult {
  agency: { code: string; name: string };
  period: { from: Date; to: Date };
  /** 0..100 (2 decimals), renormalised over the applicable groups; 0 when no group applies. */
  total: number;
  /** The sum of the applicable groups' maximum points (100 when every group applies). */
  scoredMaxPoints: number;
  groups: GroupResult[];
}
