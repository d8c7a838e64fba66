/**
 * Online payment of a dossier's fees through the DVCQG Payment Platform (PP DVCQG, specs §A10a; choices in
 * docs/decisions/009-dvcqg-payments.md): the init message signed with the partner's hash key, and the check
 * of the result callback's MaXacThuc.
 */
import { randomBytes } from 'node:crypto';
import { CALLBACK_CHECKSUM_FIELDS, INIT_CHECKSUM_FIELDS, ppChecksum, ppChecksumOf, sameHex } from '../../../emulator/platforms/dvcqg/payment/wire.js';
import { formatVnStamp } from '../../../emulator/platforms/dvcqg/wire/dates.js';
import type { Dossier } from './dossiers.js';

export interface Partner {
  maDoiTac: string;
  hashKey: string;
}

export interface PendingPayment {
  maThamChieu: string;
  maHoSo: string;
  amount: number;
  requestedAt: string;
  state: 'pending' | 'paid' | 'failed' | 'cancelled';
  transactionId?: string;
}

/**
 * MaThamChieu: at most 20 characters (S1 cuts `<paymentFileId>_<uuid>` to 20); ours is `PF` + the dossier's
 * sequence + random hex, unique per attempt.
 */
export function merchantRef(maHoSo: string): string {
  const seq = maHoSo.split('-').at(-1) ?? '0';
  return `PF${seq}_${randomBytes(8).toString('hex')}`.slice(0, 20);
}

/** The init message (A10a) for a procedure fee (MaDichVu 2). `lean` leaves out the receipt's descriptive fields (a defect). */
export function initMessage(d: Dossier, p: { partner: Partner; madonvi: string; agencyName: string; now: Date; ref: string; payerIp: string; lean?: boolean }): Record<string, unknown> {
  const fees = d.procedure.fees;
  const amount = fees.reduce((s, f) => s + f.amount, 0);
  const receipt: Record<string, unknown> = {
    MaDichVu: '2',
    MaDonVi: p.madonvi,
    TenDonVi: p.agencyName,
    MaHoSo: d.maHoSo,
    MaDVC: `${d.procedure.code}-DVC`,
    TenDVC: d.procedure.name,
    MaTTHC: d.procedure.code,
    TenTTHC: d.procedure.name,
    TKThuHuong: '3511.0.1234567',
    MaNHThuHuong: '01201001',
    TenTKThuHuong: `${p.agencyName} - tài khoản thu phí, lệ phí`,
    PhiLePhi: fees.map((f) => ({ LoaiPhiLePhi: f.type, MaPhiLePhi: f.code, TenPhiLePhi: f.name, SoTien: String(f.amount) })),
    NoiDungThanhToan: `Nộp phí, lệ phí hồ sơ ${d.maHoSo}`,
    HoTenNguoiNop: d.applicant.name,
    SoCMNDNguoiNop: d.applicant.idNumber,
    DiaChiNguoiNop: d.applicant.address ?? '',
    HuyenNguoiNop: '',
    TinhNguoiNop: '',
    MaCoQuanQD: p.madonvi,
    TenCoQuanQD: p.agencyName,
    TaiKhoanThuNSNN: '7111',
  };
  if (p.lean) for (const k of ['TenDonVi', 'MaDVC', 'TenDVC', 'MaTTHC', 'TenTTHC']) delete receipt[k];
  const m: Record<string, string> = {
    LoaiBanTin: 'INIT',
    PhienBan: '1.0',
    MaDoiTac: p.partner.maDoiTac,
    MaThamChieu: p.ref,
    SoTien: String(amount),
    LoaiHinhThanhToan: 'PAY',
    MaKenhThanhToan: '1',
    MaThietBi: '1',
    NgonNgu: 'vi',
    MaTienTe: 'VND',
    MaNganHang: '',
    // Without diacritics, as payment gateways print it.
    ThongTinGiaoDich: `Thanh toan phi le phi ho so ${d.maHoSo}`,
    ThoiGianGD: formatVnStamp(p.now),
    Ip: p.payerIp,
  };
  const mac = ppChecksum(INIT_CHECKSUM_FIELDS.map((f) => m[f] ?? ''), p.partner.hashKey);
  return { ...m, ThongTinBienLai: receipt, MaXacThuc: mac };
}

/** True when the callback's MaXacThuc is the partner's signature of its fields (A10a, callback order). */
export function callbackSigned(body: Record<string, unknown>, partner: Partner): boolean {
  return sameHex(ppChecksumOf(body, CALLBACK_CHECKSUM_FIELDS, partner.hashKey), body.MaXacThuc);
}

/** Our reply to the callback: MaLoi "00" when taken, "99" otherwise, signed the same way. */
export function callbackReply(body: Record<string, unknown>, partner: Partner, ok: boolean, message: string): Record<string, string> {
  const r: Record<string, string> = {
    MaLoi: ok ? '00' : '99',
    MoTaLoi: message,
    MaDoiTac: partner.maDoiTac,
    MaThamChieu: String(body.MaThamChieu ?? ''),
    ThoiGianGD: String(body.ThoiGianGD ?? ''),
  };
  r.MaXacThuc = ppChecksum([r.MaLoi!, r.MaDoiTac!, r.MaThamChieu!, r.ThoiGianGD!], partner.hashKey);
  return r;
}
