/**
 * The result document of a dossier on the axis: where a package names the dossier code (decision 017:
 * OtherInfo/ReferenceCodes, as OpenCPS writes it, or the Subject), and when the dossier was reported
 * finished on DVCQG, so the document can be judged to come after it.
 */
import type { EdocPackage } from '../../../emulator/platforms/vdxp/wire/edxml-model.js';
import type { PortalCall } from '../dvcqg/portal.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * True when `text` holds `code` as a whole code: not inside a longer one (`…-0001` is not `…-00012`, nor
 * `1000.00.00.H49-…`). A sentence's full stop after it is fine.
 */
export function holdsCode(text: string | undefined, code: string): boolean {
  if (!text || !code) return false;
  return new RegExp(`(?<![0-9A-Za-z.-])${escape(code)}(?![0-9A-Za-z-]|\\.[0-9A-Za-z])`).test(text);
}

/** Where the package names the dossier code: ReferenceCodes first (machine-readable), then the Subject. */
export function dossierReference(edoc: EdocPackage, maHoSo: string): 'OtherInfo/ReferenceCodes' | 'Subject' | null {
  if (holdsCode(edoc.header.otherInfo?.referenceCodes, maHoSo)) return 'OtherInfo/ReferenceCodes';
  if (holdsCode(edoc.header.subject, maHoSo)) return 'Subject';
  return null;
}

/** The status a DVCQG call reported for the dossier (DongBoHoSoMC TrangThaiHoSo, CapNhatTienDoHoSoMC TrangThai). */
const statusOf = (c: PortalCall): number => Number(c.item.TrangThaiHoSo ?? c.item.TrangThai);

/** The first accepted call that reported the dossier finished (9 đã xử lý xong, or 10 đã trả kết quả). */
export function finishReport(calls: readonly PortalCall[]): PortalCall | undefined {
  return calls.find((c) => c.accepted && (statusOf(c) === 9 || statusOf(c) === 10));
}
