import type { TransactionRow } from './store.js';
import { billPath, decodeBase64Json, pagePath, receiptNumber } from './service.js';
import { esc, htmlPage, row, stateBadge, vnd } from './render.js';
import { isObject, type Json } from './validate.js';

/** The payment page and receipts a payer's browser sees: vi + en labels, inline CSS, no network. */

function wall(compact: string | null): string {
  const m = compact ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(compact) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}:${m[6]}` : '';
}

function receiptOf(txn: TransactionRow): Json {
  if (!txn.receipt_json) return {};
  const v = JSON.parse(txn.receipt_json) as unknown;
  return isObject(v) ? v : {};
}

function str(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

/** The dossier and payer rows of a PP DVCQG ThongTinBienLai, or of a PayGov order. */
function detailRows(txn: TransactionRow): string {
  const r = txn.channel === 'ppdvcqg' ? receiptOf(txn) : {};
  const common = row('Mã tham chiếu', 'Merchant reference', txn.merchant_ref) + row('Đối tác', 'Partner', txn.partner_code) + row('Thông tin giao dịch', 'Transaction info', txn.description);
  if (txn.channel === 'paygov') return common + row('Mã hồ sơ', 'Dossier', txn.ma_ho_so) + row('Cơ quan', 'Agency', txn.agency);
  const procedure = [str(r.TenTTHC), str(r.MaTTHC) && `(${str(r.MaTTHC)})`].filter(Boolean).join(' ');
  return (
    common +
    row('Mã hồ sơ', 'Dossier', str(r.MaHoSo)) +
    row('Thủ tục hành chính', 'Procedure', procedure) +
    row('Dịch vụ công', 'Public service', str(r.TenDVC)) +
    row('Đơn vị', 'Agency', [str(r.TenDonVi), str(r.MaDonVi) && `(${str(r.MaDonVi)})`].filter(Boolean).join(' ')) +
    row('Số quyết định', 'Decision no.', str(r.SoQD)) +
    row('Người vi phạm', 'Offender', str(r.TenNguoiViPham)) +
    row('Người nộp', 'Payer', str(r.HoTenNguoiNop)) +
    row('Số CMND/CCCD', 'ID number', str(r.SoCMNDNguoiNop)) +
    row('Địa chỉ', 'Address', [str(r.DiaChiNguoiNop), str(r.HuyenNguoiNop), str(r.TinhNguoiNop)].filter(Boolean).join(', ')) +
    row('Nội dung thanh toán', 'Purpose', str(r.NoiDungThanhToan)) +
    row('Tài khoản thụ hưởng', 'Beneficiary account', [str(r.TenTKThuHuong), str(r.TKThuHuong), str(r.MaNHThuHuong)].filter(Boolean).join(' · '))
  );
}

function feeTable(txn: TransactionRow): string {
  const r = receiptOf(txn);
  const lines: string[] = [];
  if (Array.isArray(r.PhiLePhi)) {
    for (const f of r.PhiLePhi) {
      if (!isObject(f)) continue;
      const kind = str(f.LoaiPhiLePhi) === '2' ? 'Lệ phí / Charge' : 'Phí / Fee';
      const n = Number(str(f.SoTien));
      lines.push(`<tr><th>${esc(str(f.TenPhiLePhi) || kind)} <span class="en">${esc(kind)}</span></th><td>${Number.isFinite(n) && str(f.SoTien) ? esc(vnd(n)) : ''}</td></tr>`);
    }
  }
  if (Array.isArray(r.DSKhoanNop)) {
    for (const k of r.DSKhoanNop) {
      if (!isObject(k)) continue;
      const n = Number(str(k.SoTien));
      lines.push(`<tr><th>${esc(str(k.NoiDung) || 'Khoản nộp')} <span class="en">/ Item</span></th><td>${Number.isFinite(n) && str(k.SoTien) ? esc(vnd(n)) : ''}</td></tr>`);
    }
  }
  return lines.length ? `<div class="card"><h1>Chi tiết khoản nộp <span class="en">/ Breakdown</span></h1><table>${lines.join('')}</table></div>` : '';
}

export function payPage(txn: TransactionRow): string {
  const open = txn.state === 'pending';
  const actions = open
    ? `<form method="post" action="${esc(pagePath(txn.ref))}"><div class="actions">
<button class="pay" type="submit" name="action" value="pay">Thanh toán <span class="en" style="color:#d9f2e1">/ Pay</span></button>
<button class="cancel" type="submit" name="action" value="cancel">Hủy <span class="en">/ Cancel</span></button>
<button class="fail" type="submit" name="action" value="fail">Mô phỏng giao dịch lỗi / Simulate a failed payment</button>
</div></form><p class="note">Môi trường thử nghiệm: không có tiền thật được chuyển. <span class="en">Test environment: no real money moves; the result is sent to the agency's system.</span></p>`
    : `<p class="note">Giao dịch đã kết thúc. <span class="en">This transaction is closed.</span></p>`;
  return htmlPage(
    `Thanh toán ${txn.merchant_ref}`,
    `<div class="card"><h1>Thanh toán trực tuyến <span class="en">/ Online payment</span></h1>${stateBadge(txn.state)}
<div class="amount">${esc(vnd(txn.amount))}</div><table>${row('Số tiền', 'Amount', `${txn.amount} ${txn.currency}`)}${detailRows(txn)}</table>${actions}</div>${feeTable(txn)}`,
  );
}

export function resultPage(txn: TransactionRow): string {
  const title = txn.state === 'paid' ? 'Thanh toán thành công <span class="en">/ Payment successful</span>' : txn.state === 'cancelled' ? 'Đã hủy thanh toán <span class="en">/ Payment cancelled</span>' : 'Thanh toán không thành công <span class="en">/ Payment failed</span>';
  const bill = txn.state === 'paid' && txn.channel === 'ppdvcqg' ? `<p><a href="${esc(billPath(txn.ref))}">Xem biên lai / View the receipt</a></p>` : '';
  return htmlPage(
    'Kết quả thanh toán',
    `<div class="card"><h1>${title}</h1>${stateBadge(txn.state)}<div class="amount">${esc(vnd(txn.amount))}</div><table>${row('Mã giao dịch', 'Transaction no.', txn.bank_txn)}${row('Thời gian', 'Time', wall(txn.completed_time))}${row('Mã tham chiếu', 'Merchant reference', txn.merchant_ref)}</table>${bill}<p class="note">Kết quả đã được gửi tới hệ thống của cơ quan. <span class="en">The result is sent to the agency's system.</span></p></div>`,
  );
}

/** PP DVCQG e-receipt (biên lai điện tử), the UrlBienLai of the bill query. The real one is a PDF [C]. */
export function billPage(txn: TransactionRow): string {
  return htmlPage(
    `Biên lai ${receiptNumber(txn)}`,
    `<div class="card"><h1>Biên lai thu tiền điện tử <span class="en">/ Electronic receipt</span></h1>${stateBadge(txn.state)}
<div class="amount">${esc(vnd(txn.amount))}</div><table>${row('Số biên lai', 'Receipt no.', receiptNumber(txn))}${row('Mã giao dịch', 'Transaction no.', txn.bank_txn)}${row('Ngân hàng', 'Bank', txn.bank_code)}${row('Thời gian thanh toán', 'Paid at', wall(txn.completed_time))}${detailRows(txn)}</table>
<p class="note">Bản mô phỏng, không có giá trị pháp lý. <span class="en">Emulated receipt, no legal value.</span></p></div>${feeTable(txn)}`,
  );
}

/** PayGov `transactionReceipt`: the receipt data the agency sent (A10b), with the payment. */
export function paygovReceiptPage(txn: TransactionRow): string {
  const r = receiptOf(txn);
  const paids = typeof r.paids === 'string' ? decodeBase64Json(r.paids) : undefined;
  const lines = Array.isArray(paids)
    ? paids
        .filter(isObject)
        .map((p) => `<tr><td>${esc(Object.entries(p).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(' · '))}</td></tr>`)
        .join('')
    : '';
  return htmlPage(
    `Biên lai ${txn.merchant_ref}`,
    `<div class="card"><h1>Biên lai điện tử PayGov <span class="en">/ PayGov electronic receipt</span></h1>${stateBadge(txn.state)}
<div class="amount">${esc(vnd(txn.amount))}</div><table>${row('Mã đơn hàng', 'Order', txn.merchant_ref)}${row('Mã giao dịch', 'Transaction no.', txn.bank_txn)}${row('Thời gian thanh toán', 'Paid at', wall(txn.completed_time))}${row('Mã hồ sơ', 'Document', str(r.docCode))}${row('Thủ tục', 'Procedure', str(r.procedureName))}${row('Người nộp', 'Payer', str(r.payerName))}${row('Mã người nộp', 'Payer id', str(r.payerId))}${row('Địa chỉ', 'Address', [str(r.payerAddress), str(r.payerDistrict), str(r.payerProvince)].filter(Boolean).join(', '))}${row('Ngày quyết định', 'Decision date', str(r.decisionDate))}</table>
${lines ? `<h1 style="margin-top:16px">Khoản nộp <span class="en">/ Paid items</span></h1><table>${lines}</table>` : ''}<p class="note">Bản mô phỏng, không có giá trị pháp lý. <span class="en">Emulated receipt, no legal value.</span></p></div>`,
  );
}
