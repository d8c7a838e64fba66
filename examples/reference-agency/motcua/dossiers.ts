/**
 * The one-stop system's dossier book (sổ theo dõi hồ sơ): how a dossier is numbered, when its result is
 * promised, and how it is written for DVCQG (the §A3 dossier object, every value a string, and the §A3
 * progress object).
 */
import { formatVnStamp, formatVnYymmdd } from '../../../emulator/platforms/dvcqg/wire/dates.js';
import type { Procedure } from './procedures.js';

export interface Applicant {
  idNumber: string;
  name: string;
  phone?: string;
  email?: string;
  address?: string;
  /** The applicant's DVCQG account (TraCuuTechID), when it has one. */
  techId?: string;
}

export interface Step {
  status: number;
  at: Date;
  officer: string;
  title: string;
  department: string;
  action: string;
  note: string;
}

export interface Dossier {
  maHoSo: string;
  procedure: Procedure;
  applicant: Applicant;
  receivedAt: Date;
  /** NgayHenTra as written on the receipt (Giấy tiếp nhận hồ sơ và hẹn ngày trả kết quả). */
  dueAt: Date;
  status: number;
  steps: Step[];
  /** When processing ended (status 9) and when the result was handed over (10). */
  finishedAt?: Date;
  deliveredAt?: Date;
  supplements: Array<{ id: string; requestedAt: Date; reason: string; receivedAt?: Date }>;
  files: Array<{ id: string; name: string; documentCode: string }>;
  results: Array<{ id: string; name: string; resultCode: string }>;
  /** Whether the portal already has it (isUpdating "True" from then on). */
  onPortal: boolean;
}

const DAY_MS = 24 * 3600 * 1000;
const VN_OFFSET_MS = 7 * 3600 * 1000;

/**
 * The appointment for the result: the end of office hours (17:00) of the `days`-th working day (Monday to
 * Friday) after the day of receipt, so the promise never exceeds the procedure's processing time.
 */
export function appointment(receivedAt: Date, days: number): Date {
  const vnMidnight = Math.floor((receivedAt.getTime() + VN_OFFSET_MS) / DAY_MS) * DAY_MS;
  let day = vnMidnight;
  let left = days;
  while (left > 0) {
    day += DAY_MS;
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return new Date(day + 17 * 3600 * 1000 - VN_OFFSET_MS);
}

/** MaHoSo `<madonvi>-yymmdd-NNNN` (§A6, Thông tư 01/2018/TT-VPCP); `igate` is the other form seen in use. */
export function dossierCode(madonvi: string, at: Date, seq: number, form: 'standard' | 'igate' = 'standard'): string {
  if (form === 'igate') return `${madonvi}-20${formatVnYymmdd(at)}-${String(seq).padStart(7, '0')}`;
  return `${madonvi}-${formatVnYymmdd(at)}-${String(seq).padStart(4, '0')}`;
}

const stamp = (d: Date | undefined) => (d ? formatVnStamp(d) : '');

/** The §A3 dossier object for DongBoHoSoMC. */
export function dossierObject(d: Dossier, ctx: { agencyName: string; fileUrl: (id: string) => string }): Record<string, unknown> {
  const p = d.procedure;
  return {
    MaHoSo: d.maHoSo,
    MaTTHC: p.code,
    TenTTHC: p.name,
    MaLinhVuc: p.fieldCode,
    TenLinhVuc: p.fieldName,
    LoaiDoiTuong: '1',
    NgayTiepNhan: stamp(d.receivedAt),
    NgayHenTra: stamp(d.dueAt),
    TrangThaiHoSo: String(d.status),
    // Received at the desk; the result is handed over there too (not by post).
    HinhThuc: '0',
    DonViXuLy: ctx.agencyName,
    SoBienNhan: d.maHoSo,
    ChuHoSo: d.applicant.name,
    MaDoiTuong: d.applicant.techId ?? '',
    SoDienThoai: d.applicant.phone ?? '',
    Email: d.applicant.email ?? '',
    ThongTinKhac: d.applicant.address ?? '',
    TrichYeuHoSo: `${p.name} - ${d.applicant.name}`,
    NgayTra: stamp(d.deliveredAt),
    ThongTinTra: d.deliveredAt ? 'Trả kết quả trực tiếp tại Bộ phận một cửa' : '',
    NgayKetThucXuLy: stamp(d.finishedAt),
    GhiChu: '',
    TaiLieuNop: d.files.map((f) => ({ TepDinhKemId: f.id, TenTepDinhKem: f.name, IsDeleted: 'False', MaThanhPhanHoSo: f.documentCode, DuongDanTaiTepTin: ctx.fileUrl(f.id) })),
    DanhSachGiayToKetQua: d.results.map((r) => ({ TenGiayTo: r.name, MaThanhPhanHoSo: r.resultCode, GiayToId: r.id, DuongDanTepTinKetQua: ctx.fileUrl(r.id) })),
    DanhSachLePhi: p.fees.map((f) => ({ TenPhiLePhi: f.name, MaPhiLePhi: f.code, HinhThucThu: '2', Gia: String(f.amount), LoaiPhiLePhi: f.type })),
    DanhSachTepDinhKemKhac: [],
    DanhSachHoSoBoSung: d.supplements.map((s) => ({
      HoSoBoSungId: s.id,
      NguoiYeuCauBoSung: 'Chuyên viên thụ lý',
      NoiDungBoSung: s.reason,
      NgayBoSung: stamp(s.requestedAt),
      NguoiTiepNhanBoSung: s.receivedAt ? 'Bộ phận một cửa' : '',
      ThongTinTiepNhan: s.receivedAt ? 'Đã nhận đủ giấy tờ bổ sung' : '',
      NgayTiepNhanBoSung: stamp(s.receivedAt),
      TrangThaiBoSung: s.receivedAt ? '1' : '0',
      DanhSachGiayToBoSung: [],
      DanhSachLePhiBoSung: [],
      NgayHenTraTruoc: '',
      NgayHenTraMoi: '',
    })),
  };
}

/** The §A3 progress object for CapNhatTienDoHoSoMC. */
export function progressObject(d: Dossier, s: Step, startedAt: Date): Record<string, unknown> {
  return {
    MaHoSo: d.maHoSo,
    NguoiXuLy: s.officer,
    ChucDanh: s.title,
    ThoiDiemXuLy: stamp(s.at),
    PhongBanXuLy: s.department,
    NoiDungXuLy: `${s.action} - ${s.note}`,
    TrangThai: String(s.status),
    NgayBatDau: stamp(startedAt),
    NgayKetThucTheoQuyDinh: stamp(d.dueAt),
  };
}
