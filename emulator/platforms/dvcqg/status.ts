/**
 * TrangThaiHoSo / TrangThai codes 1–10 (specs dvcqg-ndxp.md §A5, [C]: the same list in several independent
 * one-stop frontends, labelled "defined by DVCQG") and the transitions the portal accepts. The portal's own
 * transition table is not public: this one follows the one-stop procedure of Decree 61/2018/NĐ-CP (intake,
 * processing, supplement, fees, result) and is written down with its reasons in
 * docs/decisions/007-dvcqg-integration-api.md.
 */
export const DOSSIER_STATUS: Readonly<Record<number, { vi: string; en: string }>> = {
  1: { vi: 'Mới đăng ký', en: 'submitted online' },
  2: { vi: 'Được tiếp nhận', en: 'accepted at the one-stop desk' },
  3: { vi: 'Không được tiếp nhận', en: 'rejected at intake' },
  4: { vi: 'Đang xử lý', en: 'in processing' },
  5: { vi: 'Yêu cầu bổ sung giấy tờ', en: 'supplement requested' },
  6: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'fee or tax payment requested' },
  7: { vi: 'Công dân yêu cầu rút hồ sơ', en: 'withdrawn by the applicant' },
  8: { vi: 'Dừng xử lý', en: 'processing stopped' },
  9: { vi: 'Đã xử lý xong', en: 'result ready' },
  10: { vi: 'Đã trả kết quả', en: 'result delivered' },
};

/** `status 4 (Đang xử lý)`: how every message names a status. */
export function statusName(code: number): string {
  const s = DOSSIER_STATUS[code];
  return s ? `status ${code} (${s.vi})` : `status ${code}`;
}

/** Statuses a dossier may be first synced with: received online (1), at the desk (2), or refused there (3). */
export const INITIAL_STATUSES: ReadonlySet<number> = new Set([1, 2, 3]);

/** Statuses after which nothing more happens to a dossier. */
export const FINAL_STATUSES: ReadonlySet<number> = new Set([3, 7, 8, 10]);

/** Statuses that end processing: the dossier's finish time is taken when one is first reached. */
export const CLOSING_STATUSES: ReadonlySet<number> = new Set([3, 7, 8, 9, 10]);

/** from → allowed next statuses. Re-syncing the current status is always allowed (no transition). */
export const TRANSITIONS: Readonly<Record<number, readonly number[]>> = {
  // An online submission is accepted or refused at the desk, or withdrawn before that.
  1: [2, 3, 7],
  // Accepted: into processing, or straight to a request (supplement, fees), a result (procedures decided
  // on the spot), a withdrawal or a stop.
  2: [4, 5, 6, 7, 8, 9],
  // Processing: a supplement or a fee may be requested, or it ends (result, withdrawal, stop).
  4: [5, 6, 7, 8, 9],
  // After a supplement request: the supplement arrives (processing resumes), or the applicant withdraws,
  // or processing stops when nothing comes.
  5: [2, 4, 7, 8],
  // After a fee request: paid (processing resumes, or the result is ready), or withdrawn, or stopped.
  6: [4, 9, 7, 8],
  // Result ready: delivered, or a fee collected on delivery (lệ phí khi trả kết quả).
  9: [10, 6],
  3: [],
  7: [],
  8: [],
  10: [],
};

export type TransitionCheck = { ok: true } | { ok: false; reason: string };

export function checkTransition(from: number | null, to: number): TransitionCheck {
  if (from === null) {
    return INITIAL_STATUSES.has(to)
      ? { ok: true }
      : { ok: false, reason: `a new dossier starts at status 1, 2 or 3; it was first synced with ${statusName(to)}` };
  }
  if (from === to) return { ok: true };
  const next = TRANSITIONS[from] ?? [];
  if (next.includes(to)) return { ok: true };
  return {
    ok: false,
    reason: FINAL_STATUSES.has(from)
      ? `${statusName(from)} is final; no status may follow it (got ${statusName(to)})`
      : `${statusName(to)} may not follow ${statusName(from)}; allowed next: ${next.map((s) => String(s)).join(', ')}`,
  };
}
