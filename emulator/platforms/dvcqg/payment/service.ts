import { randomBytes, randomInt } from 'node:crypto';
import { isIP } from 'node:net';
import type { EmulatorContext, ValidationMode } from '../../../core/context.js';
import { coreError } from '../../../core/errors.js';
import { CallbackDispatcher, type AttemptResult } from './delivery.js';
import { paymentError } from './errors.js';
import type { Channel, PartnerRow, PaymentDb, PaymentTables, TransactionRow, TransactionState } from './store.js';
import { Findings, isObject, PAYGOV_CODES, positiveAmount, PP_CODES, Rules, type Json } from './validate.js';
import {
  CALLBACK_CHECKSUM_FIELDS,
  INIT_CHECKSUM_FIELDS,
  PAYGOV_CALLBACK_FIELDS,
  PAYGOV_RECEIPT_FIELDS,
  paygovCreateChecksum,
  paygovFieldsChecksum,
  parseVnCompact,
  ppChecksum,
  ppChecksumOf,
  QUERY_CHECKSUM_FIELDS,
  sameHex,
  vnCompact,
} from './wire.js';

/**
 * LoaiBanTin values are configuration strings in every client ([NF], A10a): these are ours
 * (docs/decisions/009-dvcqg-payments.md §1). Strict mode requires them; lenient mode takes any non-empty value with a warning.
 */
export const LOAI_BAN_TIN = { init: 'INIT', receipt: 'RECEIPT', bill: 'BILL', callback: 'CONFIRM' } as const;

/** MaLoi of the callback by outcome: 00 and 99 are known [C]; 01 for a payer's cancellation is ours [NF]. */
export const OUTCOME_MALOI = { paid: '00', cancelled: '01', failed: '99' } as const;
/** PayGov errorCode by outcome: 00 is known [C]; the others mirror PP DVCQG [NF]. */
export const OUTCOME_PAYGOV = { paid: '00', cancelled: '01', failed: '99' } as const;
/** TrangThaiGiaoDich in query replies [NF]. */
export const STATE_CODE: Record<TransactionState, string> = { pending: '0', paid: '1', failed: '2', cancelled: '3' };
const STATE_TEXT: Record<TransactionState, string> = {
  pending: 'Chờ thanh toán (awaiting payment)',
  paid: 'Đã thanh toán (paid)',
  failed: 'Giao dịch thất bại (failed)',
  cancelled: 'Đã hủy (cancelled by the payer)',
};

/** Bank code used when the init left MaNganHang empty (the payer "chose" on our page). */
const SIMULATED_BANK = 'SIMBANK';
/** PayGov callback fields whose real values are unknown [NF]. */
const PAYGOV_GATE = 'LIENTHONG';
const PAYGOV_TYPE = 'ATM';

export type Outcome = 'paid' | 'failed' | 'cancelled';

/** A receipt of who called, for the exchange note of the evidence log. */
export type Note = (agency: string | undefined, systemId: string | undefined) => void;

export interface PartnerInput {
  agency: string;
  /**
   * The one-stop system's base URL: the callbacks default to S1's paths under it,
   * `/o/pgi/ppdvcqg/dpnhankqthanhtoanhs` and `/o/pgi/paygov/dpnhankqthanhtoanhs` [C].
   */
  callbackBaseUrl?: string | null;
  maDoiTac?: string;
  hashKey?: string;
  callbackUrl?: string;
  receiptUrl?: string;
  partnerCode?: string;
  accessKey?: string;
  secretKey?: string;
  paygovCallbackUrl?: string;
  mode?: ValidationMode;
  account?: string;
}

export interface PpCredentials {
  channel: 'ppdvcqg';
  maDoiTac: string;
  hashKey: string;
  agency: string;
  callbackUrl: string | null;
  receiptUrl: string | null;
  mode: ValidationMode | null;
  account: string | null;
}

export interface PaygovCredentials {
  channel: 'paygov';
  partnerCode: string;
  accessKey: string;
  secretKey: string;
  agency: string;
  callbackUrl: string | null;
  mode: ValidationMode | null;
  account: string | null;
}

export interface PaymentRecord {
  MaHoSo: string;
  MaTTHC?: string;
  paid: boolean;
  paidAt: string | null;
  amount: number;
  channel: Channel;
}

const iso = (d: Date) => d.toISOString();

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === '23505' || /UNIQUE constraint/i.test(e.message ?? '');
}

function httpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

function appendQuery(url: string, fields: Record<string, string>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(fields)) u.searchParams.set(k, v);
  return u.toString();
}

export const pagePath = (ref: string) => `/dvcqg/payment/pay/${ref}`;
export const billPath = (ref: string) => `/dvcqg/payment/receipts/${ref}`;
export const paygovReceiptPath = (ref: string) => `/dvcqg/paygov/receipts/${ref}`;

export class PaymentService {
  readonly dispatcher: CallbackDispatcher;

  constructor(readonly ctx: EmulatorContext) {
    this.dispatcher = new CallbackDispatcher(ctx);
  }

  get db(): PaymentDb {
    return this.ctx.store.db<PaymentTables>();
  }

  // ---------------------------------------------------------------- partners

  async partner(channel: Channel, code: string): Promise<PartnerRow | undefined> {
    return this.db.selectFrom('dvcqg_pay_partners').selectAll().where('channel', '=', channel).where('code', '=', code).executeTakeFirst();
  }

  private async upsertPartner(row: Omit<PartnerRow, 'created_at' | 'updated_at'>): Promise<PartnerRow> {
    const now = iso(this.ctx.clock.now());
    const existing = await this.partner(row.channel, row.code);
    if (existing) {
      await this.db
        .updateTable('dvcqg_pay_partners')
        .set({ ...row, updated_at: now })
        .where('channel', '=', row.channel)
        .where('code', '=', row.code)
        .execute();
    } else {
      await this.db.insertInto('dvcqg_pay_partners').values({ ...row, created_at: now, updated_at: now }).execute();
    }
    return (await this.partner(row.channel, row.code)) as PartnerRow;
  }

  /** A PP DVCQG partner; what is not given keeps its stored value, or is generated. */
  async upsertPpPartner(input: { maDoiTac: string; hashKey?: string; agency: string; callbackUrl?: string | null; receiptUrl?: string | null; mode?: ValidationMode | null; account?: string | null }): Promise<PpCredentials> {
    const old = await this.partner('ppdvcqg', input.maDoiTac);
    const row = await this.upsertPartner({
      channel: 'ppdvcqg',
      code: input.maDoiTac,
      agency: input.agency,
      secret: input.hashKey ?? old?.secret ?? randomBytes(16).toString('hex'),
      access_key: null,
      callback_url: input.callbackUrl !== undefined ? input.callbackUrl : (old?.callback_url ?? null),
      return_url: input.receiptUrl !== undefined ? input.receiptUrl : (old?.return_url ?? null),
      mode: input.mode !== undefined ? input.mode : (old?.mode ?? null),
      account: input.account !== undefined ? input.account : (old?.account ?? null),
    });
    return ppCredentials(row);
  }

  async upsertPaygovPartner(input: { partnerCode: string; accessKey?: string; secretKey?: string; agency: string; callbackUrl?: string | null; mode?: ValidationMode | null; account?: string | null }): Promise<PaygovCredentials> {
    const old = await this.partner('paygov', input.partnerCode);
    const row = await this.upsertPartner({
      channel: 'paygov',
      code: input.partnerCode,
      agency: input.agency,
      secret: input.secretKey ?? old?.secret ?? randomBytes(16).toString('hex'),
      access_key: input.accessKey ?? old?.access_key ?? randomBytes(8).toString('hex'),
      callback_url: input.callbackUrl !== undefined ? input.callbackUrl : (old?.callback_url ?? null),
      return_url: null,
      mode: input.mode !== undefined ? input.mode : (old?.mode ?? null),
      account: input.account !== undefined ? input.account : (old?.account ?? null),
    });
    return paygovCredentials(row);
  }

  async partners(): Promise<(PpCredentials | PaygovCredentials)[]> {
    const rows = await this.db.selectFrom('dvcqg_pay_partners').selectAll().orderBy('channel').orderBy('code').execute();
    return rows.map((r) => (r.channel === 'ppdvcqg' ? ppCredentials(r) : paygovCredentials(r)));
  }

  private modeOf(p: PartnerRow): ValidationMode {
    return p.mode === 'strict' || p.mode === 'lenient' ? p.mode : this.ctx.mode;
  }

  // ---------------------------------------------------------------- PP DVCQG

  /** A10a init: checks the message, records a pending transaction, answers with the payment page URL. */
  async initPp(body: unknown, findings: Findings, baseUrl: string, note: Note): Promise<Json> {
    const pre = new Rules(this.ctx.mode, findings, PP_CODES);
    const b = pre.object(body, 'the init message');
    const maDoiTac = pre.scalar(b, 'MaDoiTac', 'required', 'MaDoiTac', 'mã đối tác') as string;
    note(undefined, maDoiTac);
    const partner = await this.partner('ppdvcqg', maDoiTac);
    if (!partner) throw paymentError('DVCQG_PAY_UNKNOWN_PARTNER', `MaDoiTac (mã đối tác) "${maDoiTac}" is not a payment partner; create it with POST /_lienthong/dvcqg/payment/partners`, { field: 'MaDoiTac', rule: 'known partner' });
    note(partner.agency, maDoiTac);
    const rules = new Rules(this.modeOf(partner), findings, PP_CODES);

    // Structure first (every checksum field a string), then the checksum, then the meaning of the values.
    const REQUIRED = new Set(['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'SoTien', 'MaTienTe', 'ThoiGianGD']);
    const f: Record<string, string> = {};
    for (const name of INIT_CHECKSUM_FIELDS) f[name] = rules.scalar(b, name, REQUIRED.has(name) ? 'required' : 'present') ?? '';
    const mac = rules.scalar(b, 'MaXacThuc', 'required', 'MaXacThuc', 'mã xác thực') as string;
    const signed = INIT_CHECKSUM_FIELDS.map((n) => f[n] ?? '');
    if (!sameHex(ppChecksum(signed, partner.secret), mac)) {
      throw paymentError(
        'DVCQG_PAY_CHECKSUM',
        `MaXacThuc (mã xác thực) is not the SHA-256 of ${INIT_CHECKSUM_FIELDS.join('|')}|<hash_key>; the text signed was "${[...signed, '<hash_key>'].join('|')}"`,
        { field: 'MaXacThuc', rule: 'sha256(LoaiBanTin|…|Ip|hash_key)' },
      );
    }

    const maThamChieu = f.MaThamChieu as string;
    if (maThamChieu.length > 20) {
      throw paymentError('DVCQG_PAY_BAD_FIELD', `MaThamChieu (mã tham chiếu) has ${maThamChieu.length} characters; at most 20 are allowed`, { field: 'MaThamChieu', rule: 'at most 20 characters' });
    }
    const amount = positiveAmount(f.SoTien as string);
    if (amount === undefined) {
      throw paymentError('DVCQG_PAY_BAD_FIELD', `SoTien (số tiền) must be a positive whole number of VND written in digits, got ${JSON.stringify(b.SoTien)}`, { field: 'SoTien', rule: 'positive integer (VND)' });
    }
    const requestTime = f.ThoiGianGD as string;
    if (!parseVnCompact(requestTime)) {
      throw paymentError('DVCQG_PAY_BAD_FIELD', `ThoiGianGD (thời gian giao dịch) must be a date-time yyyyMMddHHmmss (Vietnam time), got "${requestTime}"`, { field: 'ThoiGianGD', rule: 'yyyyMMddHHmmss' });
    }
    if (f.LoaiBanTin !== LOAI_BAN_TIN.init) {
      rules.soft(paymentError('DVCQG_PAY_BAD_MESSAGE_TYPE', `LoaiBanTin (loại bản tin) of an init message is "${LOAI_BAN_TIN.init}" in this emulator, got "${f.LoaiBanTin}" (the real value is not public)`, { field: 'LoaiBanTin', rule: `"${LOAI_BAN_TIN.init}"` }));
    }
    if (f.MaTienTe !== 'VND') {
      rules.soft(paymentError('DVCQG_PAY_BAD_FIELD', `MaTienTe (mã tiền tệ) must be "VND", got "${f.MaTienTe}"`, { field: 'MaTienTe', rule: '"VND"' }));
    }
    if (f.NgonNgu && f.NgonNgu !== 'vi' && f.NgonNgu !== 'en') {
      rules.soft(paymentError('DVCQG_PAY_BAD_FIELD', `NgonNgu (ngôn ngữ) must be "vi" or "en", got "${f.NgonNgu}"`, { field: 'NgonNgu', rule: '"vi" | "en"' }));
    }
    if (f.Ip && isIP(f.Ip) === 0) {
      rules.soft(paymentError('DVCQG_PAY_BAD_FIELD', `Ip must be the payer's IPv4 or IPv6 address, got "${f.Ip}"`, { field: 'Ip', rule: 'IP address' }));
    }
    const receipt = this.receiptInfo(b.ThongTinBienLai, rules);
    if (receipt.feeTotal !== undefined && receipt.feeTotal !== amount) {
      findings.warn('DVCQG_PAY_BAD_FIELD', `the PhiLePhi amounts add up to ${receipt.feeTotal}, SoTien is ${amount}`, 'ThongTinBienLai.PhiLePhi');
    }

    const dedup = `ppdvcqg|${maDoiTac}|${maThamChieu}`;
    const now = this.ctx.clock.now();
    const ref = this.ctx.ids.objectId(now);
    const agency = receipt.maDonVi || partner.agency;
    note(agency, maDoiTac);
    try {
      await this.db
        .insertInto('dvcqg_pay_transactions')
        .values({
          ref,
          channel: 'ppdvcqg',
          partner_code: maDoiTac,
          merchant_ref: maThamChieu,
          request_code: null,
          dedup_key: dedup,
          agency,
          ma_ho_so: receipt.maHoSo || null,
          ma_tthc: receipt.maTTHC || null,
          amount,
          currency: f.MaTienTe || 'VND',
          description: f.ThongTinGiaoDich ?? '',
          bank_code: f.MaNganHang ?? '',
          state: 'pending',
          request_time: requestTime,
          created_at: iso(now),
          completed_at: null,
          completed_time: null,
          bank_txn: null,
          return_url: null,
          request_json: JSON.stringify(b),
          receipt_json: JSON.stringify(b.ThongTinBienLai),
          receipt_issued_at: null,
          warnings: JSON.stringify(findings.verdicts),
        })
        .execute();
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      throw paymentError('DVCQG_PAY_DUPLICATE_REF', `MaThamChieu (mã tham chiếu) "${maThamChieu}" was already used by partner ${maDoiTac}; every init needs a new reference`, { field: 'MaThamChieu', rule: 'unique per partner' });
    }
    return { MaDoiTac: maDoiTac, MaThamChieu: maThamChieu, UrlThanhToan: `${baseUrl}${pagePath(ref)}`, ThoiGianGD: requestTime };
  }

  /** ThongTinBienLai (receipt data): MaDichVu 1 = penalty, 2 = procedure fee, each with its fields (A10a). */
  private receiptInfo(value: unknown, rules: Rules): { maHoSo?: string; maTTHC?: string; maDonVi?: string; feeTotal?: number } {
    const P = 'ThongTinBienLai';
    if (value === undefined || value === null) throw paymentError('DVCQG_PAY_MISSING_FIELD', `${P} (thông tin biên lai) is required but missing`, { field: P, rule: 'required' });
    if (!isObject(value)) throw paymentError('DVCQG_PAY_BAD_FIELD', `${P} (thông tin biên lai) must be a JSON object`, { field: P, rule: 'object' });
    const md = value.MaDichVu;
    if (md === undefined || md === null || md === '') throw paymentError('DVCQG_PAY_MISSING_FIELD', `${P}.MaDichVu (mã dịch vụ) is required but missing`, { field: `${P}.MaDichVu`, rule: 'required' });
    // S1 sends MaDichVu as a JSON number [C]; its string form is taken too.
    const service = md === 1 || md === '1' ? 1 : md === 2 || md === '2' ? 2 : undefined;
    if (service === undefined) {
      throw paymentError('DVCQG_PAY_BAD_FIELD', `${P}.MaDichVu (mã dịch vụ) must be 1 (penalty, thu phạt) or 2 (procedure fee, phí/lệ phí), got ${JSON.stringify(md)}`, { field: `${P}.MaDichVu`, rule: '1 | 2' });
    }
    const s = (name: string, need: 'required' | 'expected' | 'present' | 'optional', label = '') => rules.scalar(value, name, need, `${P}.${name}`, label);
    const out: { maHoSo?: string; maTTHC?: string; maDonVi?: string; feeTotal?: number } = {};
    if (service === 2) {
      out.maHoSo = s('MaHoSo', 'required', 'mã hồ sơ');
      out.maDonVi = s('MaDonVi', 'required', 'mã đơn vị');
      out.maTTHC = s('MaTTHC', 'expected', 'mã thủ tục hành chính');
      for (const n of ['TenDonVi', 'MaDVC', 'TenDVC', 'TenTTHC']) s(n, 'expected');
      for (const n of ['TKThuHuong', 'MaNHThuHuong', 'TenTKThuHuong']) s(n, 'present');
    } else {
      s('SoQD', 'required', 'số quyết định');
      for (const n of ['MaLoaiHinhThuPhat', 'TenLoaiHinhThuPhat', 'NgayQD', 'TenNguoiViPham']) s(n, 'expected');
      for (const n of ['KhoBac', 'ThoiGianViPham', 'DiaDiemViPham']) s(n, 'present');
    }
    s('NoiDungThanhToan', 'expected', 'nội dung thanh toán');
    s('HoTenNguoiNop', 'expected', 'họ tên người nộp');
    for (const n of ['SoCMNDNguoiNop', 'DiaChiNguoiNop', 'MaCoQuanQD', 'TenCoQuanQD']) s(n, 'present');
    for (const n of ['HuyenNguoiNop', 'TinhNguoiNop', 'TaiKhoanThuNSNN']) s(n, 'optional');
    const fees = value.PhiLePhi;
    if (fees !== undefined && fees !== null) {
      if (!Array.isArray(fees)) throw paymentError('DVCQG_PAY_BAD_FIELD', `${P}.PhiLePhi (phí, lệ phí) must be an array`, { field: `${P}.PhiLePhi`, rule: 'array' });
      let total = 0;
      fees.forEach((fee, i) => {
        const at = `${P}.PhiLePhi[${i}]`;
        if (!isObject(fee)) throw paymentError('DVCQG_PAY_BAD_FIELD', `${at} must be an object`, { field: at, rule: 'object' });
        const kind = fee.LoaiPhiLePhi;
        if (!(kind === 1 || kind === 2 || kind === '1' || kind === '2')) {
          rules.soft(paymentError('DVCQG_PAY_BAD_FIELD', `${at}.LoaiPhiLePhi must be 1 (phí, fee) or 2 (lệ phí, charge), got ${JSON.stringify(kind)}`, { field: `${at}.LoaiPhiLePhi`, rule: '1 | 2' }));
        }
        const amount = typeof fee.SoTien === 'number' ? (Number.isInteger(fee.SoTien) && fee.SoTien > 0 ? fee.SoTien : undefined) : typeof fee.SoTien === 'string' ? positiveAmount(fee.SoTien) : undefined;
        if (amount === undefined) {
          rules.soft(paymentError('DVCQG_PAY_BAD_FIELD', `${at}.SoTien must be a positive whole number of VND, got ${JSON.stringify(fee.SoTien)}`, { field: `${at}.SoTien`, rule: 'positive integer (VND)' }));
        } else total += amount;
      });
      if (fees.length > 0) out.feeTotal = total;
    }
    return out;
  }

  /**
   * A10a receipt ("receipt", S1 ppGetReceipt) and bill ("bill", S1 getBills, the e-receipt UrlBienLai)
   * queries: the same five signed fields.
   */
  async queryPp(kind: 'receipt' | 'bill', body: unknown, findings: Findings, baseUrl: string, note: Note): Promise<Json> {
    const pre = new Rules(this.ctx.mode, findings, PP_CODES);
    const b = pre.object(body, `the ${kind} query`);
    const maDoiTac = pre.scalar(b, 'MaDoiTac', 'required', 'MaDoiTac', 'mã đối tác') as string;
    note(undefined, maDoiTac);
    const partner = await this.partner('ppdvcqg', maDoiTac);
    if (!partner) throw paymentError('DVCQG_PAY_UNKNOWN_PARTNER', `MaDoiTac (mã đối tác) "${maDoiTac}" is not a payment partner`, { field: 'MaDoiTac', rule: 'known partner' });
    note(partner.agency, maDoiTac);
    const rules = new Rules(this.modeOf(partner), findings, PP_CODES);
    const f: Record<string, string> = {};
    for (const name of QUERY_CHECKSUM_FIELDS) f[name] = rules.scalar(b, name, 'required') ?? '';
    const mac = rules.scalar(b, 'MaXacThuc', 'required', 'MaXacThuc', 'mã xác thực') as string;
    if (!sameHex(ppChecksumOf(f, QUERY_CHECKSUM_FIELDS, partner.secret), mac)) {
      throw paymentError('DVCQG_PAY_CHECKSUM', `MaXacThuc (mã xác thực) is not the SHA-256 of ${QUERY_CHECKSUM_FIELDS.join('|')}|<hash_key>; the text signed was "${[...QUERY_CHECKSUM_FIELDS.map((n) => f[n]), '<hash_key>'].join('|')}"`, {
        field: 'MaXacThuc',
        rule: 'sha256(LoaiBanTin|PhienBan|MaDoiTac|MaThamChieu|ThoiGianGD|hash_key)',
      });
    }
    const expectedType = kind === 'receipt' ? LOAI_BAN_TIN.receipt : LOAI_BAN_TIN.bill;
    if (f.LoaiBanTin !== expectedType) {
      rules.soft(paymentError('DVCQG_PAY_BAD_MESSAGE_TYPE', `LoaiBanTin (loại bản tin) of a ${kind} query is "${expectedType}" in this emulator, got "${f.LoaiBanTin}"`, { field: 'LoaiBanTin', rule: `"${expectedType}"` }));
    }
    if (!parseVnCompact(f.ThoiGianGD as string)) {
      rules.soft(paymentError('DVCQG_PAY_BAD_FIELD', `ThoiGianGD (thời gian giao dịch) must be yyyyMMddHHmmss, got "${f.ThoiGianGD}"`, { field: 'ThoiGianGD', rule: 'yyyyMMddHHmmss' }));
    }
    const txn = await this.db
      .selectFrom('dvcqg_pay_transactions')
      .selectAll()
      .where('channel', '=', 'ppdvcqg')
      .where('partner_code', '=', maDoiTac)
      .where('merchant_ref', '=', f.MaThamChieu as string)
      .executeTakeFirst();
    if (!txn) throw paymentError('DVCQG_PAY_UNKNOWN_REF', `no transaction with MaThamChieu (mã tham chiếu) "${f.MaThamChieu}" for partner ${maDoiTac}`, { field: 'MaThamChieu', rule: 'known reference' });
    note(txn.agency, maDoiTac);
    // S1 signs the receipt query with the init time and the bill query with the callback's time [C].
    if (f.ThoiGianGD !== txn.request_time && f.ThoiGianGD !== txn.completed_time) {
      findings.warn('DVCQG_PAY_BAD_FIELD', `ThoiGianGD "${f.ThoiGianGD}" is neither the init time (${txn.request_time}) nor the payment time (${txn.completed_time ?? 'not paid'})`, 'ThoiGianGD');
    }
    const common = {
      MaDoiTac: maDoiTac,
      MaThamChieu: txn.merchant_ref,
      TrangThaiGiaoDich: STATE_CODE[txn.state],
      MoTaTrangThai: STATE_TEXT[txn.state],
      SoTien: String(txn.amount),
      MaTienTe: txn.currency,
      MaGiaoDich: txn.bank_txn ?? '',
      MaNganHang: txn.state === 'pending' ? txn.bank_code : txn.bank_code || SIMULATED_BANK,
      ThoiGianGD: f.ThoiGianGD,
      ThoiGianThanhToan: txn.completed_time ?? '',
      ...(txn.ma_ho_so ? { MaHoSo: txn.ma_ho_so } : {}),
    };
    if (kind === 'bill') {
      if (txn.state !== 'paid') {
        throw paymentError('DVCQG_PAY_NOT_PAID', `the transaction ${txn.merchant_ref} is ${txn.state} (${STATE_TEXT[txn.state]}); a bill (biên lai) exists only once it is paid`, { field: 'MaThamChieu', rule: 'paid transaction' });
      }
      if (!txn.receipt_issued_at) {
        await this.db.updateTable('dvcqg_pay_transactions').set({ receipt_issued_at: iso(this.ctx.clock.now()) }).where('ref', '=', txn.ref).execute();
      }
      return { ...common, SoBienLai: receiptNumber(txn), UrlBienLai: `${baseUrl}${billPath(txn.ref)}` };
    }
    return {
      ...common,
      ThongTinBienLai: txn.receipt_json ? (JSON.parse(txn.receipt_json) as unknown) : null,
      ...(txn.state === 'paid' ? { UrlBienLai: `${baseUrl}${billPath(txn.ref)}` } : {}),
    };
  }

  // ---------------------------------------------------------------- PayGov

  /** LGSP tokens (A10b): required, but not verifiable until the NDXP/LGSP token service exists. */
  private lgspTokens(headers: Record<string, string | string[] | undefined>, findings: Findings): void {
    const auth = headers.authorization;
    const lgsp = headers.lgspaccesstoken;
    if (typeof auth !== 'string' || !/^Bearer\s+\S+/i.test(auth)) {
      throw paymentError('DVCQG_PAY_PAYGOV_UNAUTHORIZED', 'the Authorization header must be "Bearer <LGSP token>"', { field: 'Authorization', rule: 'Bearer token' });
    }
    if (typeof lgsp !== 'string' || lgsp.trim() === '') {
      throw paymentError('DVCQG_PAY_PAYGOV_UNAUTHORIZED', 'the lgspaccesstoken header (LGSP access token) is required', { field: 'lgspaccesstoken', rule: 'non-empty token' });
    }
    findings.warn('DVCQG_PAY_TOKEN_UNVERIFIED', 'the LGSP tokens were accepted without verification: the emulator has no NDXP/LGSP token service yet', 'Authorization');
  }

  private async paygovPartner(b: Json, findings: Findings, note: Note): Promise<{ partner: PartnerRow; rules: Rules }> {
    const pre = new Rules(this.ctx.mode, findings, PAYGOV_CODES);
    const partnerCode = pre.scalar(b, 'partnerCode', 'required') as string;
    note(undefined, partnerCode);
    const partner = await this.partner('paygov', partnerCode);
    if (!partner) throw paymentError('DVCQG_PAY_PAYGOV_UNKNOWN_PARTNER', `partnerCode "${partnerCode}" is not a PayGov partner; create it with POST /_lienthong/dvcqg/payment/paygov-partners`, { field: 'partnerCode', rule: 'known partner' });
    note(partner.agency, partnerCode);
    const rules = new Rules(this.modeOf(partner), findings, PAYGOV_CODES);
    // S1 sends accessKey, serviceCode and checksum only for one province's partner (Hậu Giang) [C].
    const accessKey = rules.scalar(b, 'accessKey', 'expected');
    if (accessKey && accessKey !== partner.access_key) {
      throw paymentError('DVCQG_PAY_PAYGOV_ACCESS_KEY', `accessKey is not the one issued to partner ${partnerCode}`, { field: 'accessKey', rule: 'issued access key' });
    }
    return { partner, rules };
  }

  /** A10b create: answers with `data.url`, the payment page. */
  async createPaygov(headers: Record<string, string | string[] | undefined>, body: unknown, findings: Findings, baseUrl: string, note: Note): Promise<Json> {
    const pre = new Rules(this.ctx.mode, findings, PAYGOV_CODES);
    this.lgspTokens(headers, findings);
    const b = pre.object(body, 'the create request');
    const { partner, rules } = await this.paygovPartner(b, findings, note);
    const orderId = rules.scalar(b, 'orderId', 'required') as string;
    const amountText = rules.scalar(b, 'amount', 'required') as string;
    const requestCode = rules.scalar(b, 'requestCode', 'required') as string;
    const returnUrl = rules.scalar(b, 'returnUrl', 'expected') ?? '';
    const orderInfo = rules.scalar(b, 'orderInfo', 'expected') ?? '';
    rules.scalar(b, 'serviceCode', 'expected');
    const ipAddress = rules.scalar(b, 'ipAddress', 'optional');
    const checksum = rules.scalar(b, 'checksum', 'expected');
    if (checksum) {
      const expected = paygovCreateChecksum({ secretKey: partner.secret, accessKey: partner.access_key ?? '', partnerCode: partner.code, orderId, requestCode, amount: amountText });
      if (!sameHex(expected, checksum)) {
        throw paymentError('DVCQG_PAY_PAYGOV_CHECKSUM', 'checksum is not the SHA-256 of secretKey+accessKey+partnerCode+orderId+requestCode+amount (no separator)', { field: 'checksum', rule: 'sha256(secretKey+accessKey+partnerCode+orderId+requestCode+amount)' });
      }
    }
    const amount = positiveAmount(amountText);
    if (amount === undefined) throw paymentError('DVCQG_PAY_PAYGOV_BAD_FIELD', `amount must be a positive whole number of VND, got ${JSON.stringify(b.amount)}`, { field: 'amount', rule: 'positive integer (VND)' });
    if (returnUrl && !httpUrl(returnUrl)) {
      rules.soft(paymentError('DVCQG_PAY_PAYGOV_BAD_FIELD', `returnUrl must be an http(s) URL, got "${returnUrl}"`, { field: 'returnUrl', rule: 'http(s) URL' }));
    }
    if (/[^\x20-\x7e]/.test(orderInfo)) {
      rules.soft(paymentError('DVCQG_PAY_PAYGOV_BAD_FIELD', 'orderInfo must be written without diacritics (không dấu), printable ASCII only', { field: 'orderInfo', rule: 'ASCII, no diacritics' }));
    }
    if (ipAddress && isIP(ipAddress) === 0) {
      rules.soft(paymentError('DVCQG_PAY_PAYGOV_BAD_FIELD', `ipAddress must be an IPv4 or IPv6 address, got "${ipAddress}"`, { field: 'ipAddress', rule: 'IP address' }));
    }
    // orderId = <DVCQG agency code>-<MaHoSo>-01 [C, S1]; the agency code is xxx.yy.zz.Xnn (A6).
    const m = /^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(.+)-01$/.exec(orderId);
    if (!m) {
      rules.soft(paymentError('DVCQG_PAY_PAYGOV_ORDER_ID', `orderId "${orderId}" is not <agency code>-<MaHoSo>-01 (e.g. 000.00.00.H30-000.00.14.H30-240101-0001-01)`, { field: 'orderId', rule: '<agency code>-<MaHoSo>-01' }));
    }
    const agency = m?.[1] ?? partner.agency;
    // Without the pattern, do what S1 does on the callback: the dossier number is orderId minus "-01".
    const maHoSo = m?.[2] ?? (orderId.endsWith('-01') ? orderId.slice(0, -3) : orderId);
    note(agency, partner.code);

    const paid = await this.db
      .selectFrom('dvcqg_pay_transactions')
      .select('ref')
      .where('channel', '=', 'paygov')
      .where('partner_code', '=', partner.code)
      .where('merchant_ref', '=', orderId)
      .where('state', '=', 'paid')
      .executeTakeFirst();
    if (paid) throw paymentError('DVCQG_PAY_PAYGOV_ALREADY_PAID', `orderId "${orderId}" is already paid`, { field: 'orderId', rule: 'not paid yet' });
    const now = this.ctx.clock.now();
    const ref = this.ctx.ids.objectId(now);
    try {
      await this.db
        .insertInto('dvcqg_pay_transactions')
        .values({
          ref,
          channel: 'paygov',
          partner_code: partner.code,
          merchant_ref: orderId,
          request_code: requestCode,
          dedup_key: `paygov|${partner.code}|${requestCode}`,
          agency,
          ma_ho_so: maHoSo,
          ma_tthc: null,
          amount,
          currency: 'VND',
          description: orderInfo,
          bank_code: '',
          state: 'pending',
          request_time: null,
          created_at: iso(now),
          completed_at: null,
          completed_time: null,
          bank_txn: null,
          return_url: returnUrl && httpUrl(returnUrl) ? returnUrl : null,
          request_json: JSON.stringify(b),
          receipt_json: null,
          receipt_issued_at: null,
          warnings: JSON.stringify(findings.verdicts),
        })
        .execute();
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      throw paymentError('DVCQG_PAY_PAYGOV_DUPLICATE', `requestCode "${requestCode}" was already used by partner ${partner.code}`, { field: 'requestCode', rule: 'unique per partner' });
    }
    return { data: { url: `${baseUrl}${pagePath(ref)}`, orderId, requestCode } };
  }

  /** A10b receipt (Hậu Giang): records the receipt data, answers with `data.transactionReceipt`. */
  async receiptPaygov(headers: Record<string, string | string[] | undefined>, body: unknown, findings: Findings, baseUrl: string, note: Note): Promise<Json> {
    const pre = new Rules(this.ctx.mode, findings, PAYGOV_CODES);
    this.lgspTokens(headers, findings);
    const b = pre.object(body, 'the receipt request');
    const { partner, rules } = await this.paygovPartner(b, findings, note);
    const docCode = rules.scalar(b, 'docCode', 'required') as string;
    for (const n of PAYGOV_RECEIPT_FIELDS) if (n !== 'partnerCode' && n !== 'accessKey' && n !== 'docCode') rules.scalar(b, n, 'present');
    const checksum = rules.scalar(b, 'checksum', 'expected');
    if (checksum && !sameHex(paygovFieldsChecksum(partner.secret, b, PAYGOV_RECEIPT_FIELDS), checksum)) {
      throw paymentError('DVCQG_PAY_PAYGOV_CHECKSUM', `checksum is not the SHA-256 of secretKey+${PAYGOV_RECEIPT_FIELDS.join('+')} (no separator)`, { field: 'checksum', rule: `sha256(secretKey+${PAYGOV_RECEIPT_FIELDS.join('+')})` });
    }
    for (const n of ['paids', 'otherInfo'] as const) {
      const v = b[n];
      if (typeof v === 'string' && v !== '' && decodeBase64Json(v) === undefined) {
        rules.soft(paymentError('DVCQG_PAY_PAYGOV_BAD_FIELD', `${n} must be base64 of a JSON document`, { field: n, rule: 'base64(JSON)' }));
      }
    }
    const rows = await this.db
      .selectFrom('dvcqg_pay_transactions')
      .selectAll()
      .where('channel', '=', 'paygov')
      .where('partner_code', '=', partner.code)
      .where((eb) => eb.or([eb('ma_ho_so', '=', docCode), eb('merchant_ref', '=', docCode)]))
      .orderBy('created_at', 'desc')
      .execute();
    if (rows.length === 0) throw paymentError('DVCQG_PAY_PAYGOV_NOT_FOUND', `no PayGov payment of partner ${partner.code} for docCode "${docCode}" (the MaHoSo or orderId)`, { field: 'docCode', rule: 'known dossier' });
    const txn = rows.find((r) => r.state === 'paid');
    if (!txn) throw paymentError('DVCQG_PAY_PAYGOV_NOT_PAID', `the payment for docCode "${docCode}" is ${rows[0]?.state}; a receipt exists only once it is paid`, { field: 'docCode', rule: 'paid dossier' });
    note(txn.agency, partner.code);
    await this.db
      .updateTable('dvcqg_pay_transactions')
      .set({ receipt_json: JSON.stringify(b), receipt_issued_at: iso(this.ctx.clock.now()) })
      .where('ref', '=', txn.ref)
      .execute();
    return { data: { transactionReceipt: `${baseUrl}${paygovReceiptPath(txn.ref)}`, orderId: txn.merchant_ref, transactionNo: txn.bank_txn } };
  }

  // ---------------------------------------------------------------- completion and callbacks

  async transaction(ref: string): Promise<TransactionRow | undefined> {
    return this.db.selectFrom('dvcqg_pay_transactions').selectAll().where('ref', '=', ref).executeTakeFirst();
  }

  /**
   * The payer pays, fails or cancels (page or headless). The result goes to the agency through the outbox;
   * `wait` resolves after the first attempt. Returns where the payer's browser goes next, if anywhere.
   */
  async complete(ref: string, outcome: Outcome, opts: { wait: boolean; baseUrl: string }, findings?: Findings): Promise<{ txn: TransactionRow; redirect: string | null; attempt?: AttemptResult }> {
    const txn = await this.transaction(ref);
    if (!txn) throw paymentError('DVCQG_PAY_UNKNOWN_REF', `no payment transaction "${ref}"`, { field: 'ref', rule: 'known reference' });
    if (txn.state !== 'pending') {
      throw paymentError('DVCQG_PAY_ALREADY_COMPLETED', `the transaction ${txn.merchant_ref} is already ${txn.state}; a payment is completed once`, { field: 'ref', rule: 'pending transaction' });
    }
    const now = this.ctx.clock.now();
    const completedTime = vnCompact(now);
    const bankTxn = `${completedTime}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
    const state: TransactionState = outcome;
    const updated = await this.db
      .updateTable('dvcqg_pay_transactions')
      .set({ state, completed_at: iso(now), completed_time: completedTime, bank_txn: bankTxn, bank_code: txn.bank_code || SIMULATED_BANK })
      .where('ref', '=', ref)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw paymentError('DVCQG_PAY_ALREADY_COMPLETED', `the transaction ${txn.merchant_ref} was completed meanwhile`, { field: 'ref', rule: 'pending transaction' });
    }
    const done = (await this.transaction(ref)) as TransactionRow;
    const partner = await this.partner(done.channel, done.partner_code);
    const message = partner ? this.resultMessage(done, partner, opts.baseUrl) : undefined;
    let attempt: AttemptResult | undefined;
    if (partner && message && partner.callback_url) {
      const id = await this.dispatcher.enqueue(ref, partner.callback_url, JSON.stringify(message));
      const first = this.dispatcher.attempt(id, true);
      if (opts.wait) attempt = await first;
      else void first.catch(() => undefined);
    } else {
      findings?.warn('DVCQG_PAY_CALLBACK_NO_URL', `partner ${done.partner_code} has no callback URL: the agency is not told the result of ${done.merchant_ref}`, 'callbackUrl');
    }
    const back = done.channel === 'paygov' ? done.return_url : (partner?.return_url ?? null);
    const redirect = back && message ? appendQuery(back, Object.fromEntries(Object.entries(message).map(([k, v]) => [k, String(v)]))) : null;
    return { txn: done, redirect, ...(attempt ? { attempt } : {}) };
  }

  /** The callback body (A10a / A10b), signed with the partner's key. Also what the browser is sent back with. */
  resultMessage(txn: TransactionRow, partner: PartnerRow, baseUrl: string): Record<string, string> {
    const outcome = txn.state as Outcome;
    if (txn.channel === 'ppdvcqg') {
      const m: Record<string, string> = {
        LoaiBanTin: LOAI_BAN_TIN.callback,
        MaLoi: OUTCOME_MALOI[outcome],
        MaDoiTac: txn.partner_code,
        MaThamChieu: txn.merchant_ref,
        SoTien: String(txn.amount),
        MaTienTe: txn.currency,
        MaGiaoDich: txn.bank_txn ?? '',
        MaNganHang: txn.bank_code,
        ThoiGianGD: txn.completed_time ?? '',
        ThongTinGiaoDich: txn.description,
      };
      m.MaXacThuc = ppChecksumOf(m, CALLBACK_CHECKSUM_FIELDS, partner.secret);
      if (txn.ma_ho_so) m.MaHoSo = txn.ma_ho_so;
      // S1 reads UrlBienLai from the stored callback before asking for the bill [C].
      if (outcome === 'paid') m.UrlBienLai = `${baseUrl}${billPath(txn.ref)}`;
      return m;
    }
    const m: Record<string, string> = {
      amount: String(txn.amount),
      orderId: txn.merchant_ref,
      orderInfo: txn.description,
      requestCode: txn.request_code ?? '',
      transactionNo: txn.bank_txn ?? '',
      transactionCode: txn.ref,
      payDate: txn.completed_time ?? '',
      errorCode: OUTCOME_PAYGOV[outcome],
      paygate: PAYGOV_GATE,
      type: PAYGOV_TYPE,
    };
    m.checksum = paygovFieldsChecksum(partner.secret, m, PAYGOV_CALLBACK_FIELDS);
    return m;
  }

  /** Sends the result again (a new outbox row with a fresh schedule), e.g. after fixing the agency. */
  async resend(ref: string, baseUrl: string, wait: boolean): Promise<AttemptResult | undefined> {
    const txn = await this.transaction(ref);
    if (!txn) throw paymentError('DVCQG_PAY_UNKNOWN_REF', `no payment transaction "${ref}"`, { field: 'ref', rule: 'known reference' });
    if (txn.state === 'pending') throw coreError('BAD_REQUEST', `the transaction ${txn.merchant_ref} is still pending: there is no result to send`, { field: 'ref', rule: 'completed transaction' });
    const partner = await this.partner(txn.channel, txn.partner_code);
    if (!partner?.callback_url) throw coreError('BAD_REQUEST', `partner ${txn.partner_code} has no callback URL; set one on the partner first`, { field: 'callbackUrl', rule: 'configured' });
    const last = await this.db.selectFrom('dvcqg_pay_callbacks').select('body').where('ref', '=', ref).orderBy('id', 'desc').executeTakeFirst();
    const body = last?.body ?? JSON.stringify(this.resultMessage(txn, partner, baseUrl));
    const id = await this.dispatcher.enqueue(ref, partner.callback_url, body);
    const first = this.dispatcher.attempt(id, true);
    if (wait) return first;
    void first.catch(() => undefined);
    return undefined;
  }

  // ---------------------------------------------------------------- inspection

  async view(txn: TransactionRow) {
    const callbacks = await this.db.selectFrom('dvcqg_pay_callbacks').selectAll().where('ref', '=', txn.ref).orderBy('id').execute();
    const attempts = callbacks.length
      ? await this.db.selectFrom('dvcqg_pay_callback_attempts').selectAll().where('callback_id', 'in', callbacks.map((c) => c.id)).orderBy('id').execute()
      : [];
    const cbViews = callbacks.map((c) => ({
      id: c.id,
      url: c.url,
      state: c.state,
      attempts: c.attempts,
      nextAttemptAt: c.next_attempt_at,
      lastError: c.last_error,
      body: JSON.parse(c.body) as unknown,
      history: attempts
        .filter((a) => a.callback_id === c.id)
        .map((a) => ({ n: a.n, at: a.at, status: a.status, outcome: a.outcome, detail: a.detail, durationMs: a.duration_ms, reply: a.reply })),
    }));
    return {
      ref: txn.ref,
      channel: txn.channel,
      partner: txn.partner_code,
      merchantRef: txn.merchant_ref,
      requestCode: txn.request_code,
      agency: txn.agency,
      maHoSo: txn.ma_ho_so,
      maTTHC: txn.ma_tthc,
      amount: txn.amount,
      currency: txn.currency,
      description: txn.description,
      state: txn.state,
      createdAt: txn.created_at,
      completedAt: txn.completed_at,
      bankTransactionId: txn.bank_txn,
      paymentPage: pagePath(txn.ref),
      receipt: txn.receipt_json ? (JSON.parse(txn.receipt_json) as unknown) : null,
      receiptIssuedAt: txn.receipt_issued_at,
      warnings: JSON.parse(txn.warnings) as unknown,
      callback: cbViews.at(-1) ?? null,
      callbacks: cbViews,
    };
  }

  async list(q: { agency?: string; maHoSo?: string; partner?: string; state?: string; channel?: string }) {
    let query = this.db.selectFrom('dvcqg_pay_transactions').selectAll().orderBy('created_at').orderBy('ref');
    if (q.agency) query = query.where('agency', '=', q.agency);
    if (q.maHoSo) query = query.where('ma_ho_so', '=', q.maHoSo);
    if (q.partner) query = query.where('partner_code', '=', q.partner);
    if (q.state) query = query.where('state', '=', q.state as TransactionState);
    if (q.channel) query = query.where('channel', '=', q.channel as Channel);
    const rows = await query.limit(1000).execute();
    return Promise.all(rows.map((r) => this.view(r)));
  }

  async paymentsOf(q: { agency?: string; from?: Date | string; to?: Date | string }): Promise<PaymentRecord[]> {
    let query = this.db.selectFrom('dvcqg_pay_transactions').selectAll().where('ma_ho_so', 'is not', null).orderBy('created_at').orderBy('ref');
    if (q.agency) query = query.where('agency', '=', q.agency);
    if (q.from !== undefined) query = query.where('created_at', '>=', new Date(q.from).toISOString());
    if (q.to !== undefined) query = query.where('created_at', '<', new Date(q.to).toISOString());
    const rows = await query.execute();
    return rows.map((r) => ({
      MaHoSo: r.ma_ho_so as string,
      ...(r.ma_tthc ? { MaTTHC: r.ma_tthc } : {}),
      paid: r.state === 'paid',
      paidAt: r.state === 'paid' ? r.completed_at : null,
      amount: r.amount,
      channel: r.channel,
    }));
  }
}

function ppCredentials(r: PartnerRow): PpCredentials {
  return {
    channel: 'ppdvcqg',
    maDoiTac: r.code,
    hashKey: r.secret,
    agency: r.agency,
    callbackUrl: r.callback_url,
    receiptUrl: r.return_url,
    mode: (r.mode as ValidationMode | null) ?? null,
    account: r.account,
  };
}

function paygovCredentials(r: PartnerRow): PaygovCredentials {
  return {
    channel: 'paygov',
    partnerCode: r.code,
    accessKey: r.access_key ?? '',
    secretKey: r.secret,
    agency: r.agency,
    callbackUrl: r.callback_url,
    mode: (r.mode as ValidationMode | null) ?? null,
    account: r.account,
  };
}

/** Biên lai number shown on the bill: year + the transaction number (our form, [NF]). */
export function receiptNumber(txn: TransactionRow): string {
  return `BL${(txn.completed_time ?? '').slice(0, 4)}-${(txn.bank_txn ?? txn.ref).slice(-8)}`;
}

export function decodeBase64Json(text: string): unknown {
  if (!/^[A-Za-z0-9+/=\s_-]+$/.test(text)) return undefined;
  try {
    return JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
