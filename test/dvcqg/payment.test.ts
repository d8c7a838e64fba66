/**
 * DVCQG Payment Platform (specs/dvcqg-ndxp.md A10a): a one-stop system initialises a payment, the payer
 * pays on the platform's page (or headlessly), the agency receives the signed result, and queries the
 * receipt and the bill. Checksums are computed in the test kit, independently of the emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceEvent } from '../../emulator/core/evidence.js';
import { validatorFor } from '../../emulator/core/schemas.js';
import { createPaymentPartner, paymentsOf } from '../../emulator/platforms/dvcqg/payment/index.js';
import {
  AGENCY,
  CALLBACK_ORDER,
  complete,
  get,
  init,
  initBody,
  MA_HO_SO,
  makeApp,
  post,
  ppPartner,
  queryBody,
  sha256,
  signPp,
  startAgency,
  txn,
  waitFor,
  type Agency,
  type App,
  type PpPartner,
} from './support/payment-kit.js';

describe('DVCQG Payment Platform: init, pay, callback, receipt', () => {
  let app: App;
  let agency: Agency;
  let partner: PpPartner;

  beforeAll(async () => {
    app = await makeApp();
    agency = await startAgency();
    partner = await ppPartner(app, agency, { receiptUrl: 'http://onestop.example/thanh-toan/ket-qua' });
  });
  afterAll(async () => {
    await app.close();
    await agency.close();
  });

  it('init with a checksum computed by the client → MaLoi 00 and UrlThanhToan on the emulator', async () => {
    const { url, body } = await init(app, partner);
    expect(url).toMatch(/^http:\/\/localhost(:\d+)?\/dvcqg\/payment\/pay\/[0-9a-f]{24}$/);
    // The checksum is the documented one: SHA-256 of the 14 fields joined by | then the hash_key.
    expect(body.MaXacThuc).toBe(sha256(`INIT|1.0|DVC-H30|PF1001_a1b2c3d4|150000|PAY|1|1|vi|VND||Thanh toan le phi ho so|20261124100000|10.0.0.7|hash-key-of-h30-0123`));
    const replay = await post(app, '/dvcqg/payment/init', { ...body });
    expect(replay.statusCode).toBe(409); // the reference is now taken
  });

  it('the reply has the PP DVCQG shape and the exchange is in the evidence log with its agency', async () => {
    const res = await post(app, '/dvcqg/payment/init', initBody(partner, { MaThamChieu: 'PF1002' }));
    expect(res.statusCode).toBe(200);
    const validate = validatorFor('lienthong:dvcqg/payment-reply');
    expect(validate(res.json()), JSON.stringify(validate.errors)).toBe(true);
    expect(res.json()).toMatchObject({ MaLoi: '00', MaDoiTac: 'DVC-H30', MaThamChieu: 'PF1002', ThoiGianGD: '20261124100000' });
    const events = (await get(app, '/_lienthong/events?platform=dvcqg&limit=1000')).json().events as EvidenceEvent[];
    const e = events.filter((x) => x.operation === 'payment.init').at(-1);
    expect(e).toMatchObject({ agency: AGENCY, systemId: 'DVC-H30', status: 200 });
  });

  it('the payment page renders the amount, the receipt data and the two buttons, with no network resource', async () => {
    const { ref } = await init(app, partner, { MaThamChieu: 'PF1003' });
    const res = await get(app, `/dvcqg/payment/pay/${ref}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const html = res.body;
    expect(html).toContain('150.000');
    expect(html).toContain(MA_HO_SO);
    expect(html).toContain('Nguyễn Văn An');
    expect(html).toContain('Phí thẩm định');
    expect(html).toMatch(/<button[^>]*value="pay"[^>]*>Thanh toán/);
    expect(html).toMatch(/<button[^>]*value="cancel"[^>]*>Hủy/);
    expect(html).toContain(`action="/dvcqg/payment/pay/${ref}"`);
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
  });

  it('headless payment → the agency receives the result with a checksum it can verify', async () => {
    const { ref } = await init(app, partner, { MaThamChieu: 'PF1004' });
    const before = agency.received.length;
    const view = await complete(app, ref, 'paid');
    expect(view.state).toBe('paid');
    expect(view.callback).toMatchObject({ state: 'delivered', attempts: 1 });
    expect(agency.received.length).toBe(before + 1);
    const cb = agency.received.at(-1)!;
    expect(cb.path).toBe('/o/pgi/ppdvcqg/dpnhankqthanhtoanhs');
    expect(cb.headers['content-type']).toMatch(/application\/json/);
    const validate = validatorFor('lienthong:dvcqg/payment-callback');
    expect(validate(cb.json), JSON.stringify(validate.errors)).toBe(true);
    expect(cb.json).toMatchObject({ LoaiBanTin: 'CONFIRM', MaLoi: '00', MaDoiTac: 'DVC-H30', MaThamChieu: 'PF1004', SoTien: '150000', MaTienTe: 'VND', MaHoSo: MA_HO_SO, ThongTinGiaoDich: 'Thanh toan le phi ho so' });
    expect(cb.json.ThoiGianGD).toMatch(/^2026112410\d{4}$/); // the payment time, Vietnam wall clock
    expect(cb.json.MaGiaoDich).toBe(view.bankTransactionId);
    // A10a: the callback order puts ThoiGianGD before ThongTinGiaoDich.
    expect(cb.json.MaXacThuc).toBe(signPp(cb.json, CALLBACK_ORDER, partner.hashKey));
    expect(cb.json.MaXacThuc).not.toBe(signPp(cb.json, ['LoaiBanTin', 'MaLoi', 'MaDoiTac', 'MaThamChieu', 'SoTien', 'MaTienTe', 'MaGiaoDich', 'MaNganHang', 'ThongTinGiaoDich', 'ThoiGianGD'], partner.hashKey));
  });

  it('receipt query → the transaction state and its receipt data; bill query → UrlBienLai, served as HTML', async () => {
    const { ref } = await init(app, partner, { MaThamChieu: 'PF1005' });
    const pending = await post(app, '/dvcqg/payment/receipt', queryBody(partner, 'RECEIPT', 'PF1005', '20261124100000'));
    expect(pending.statusCode).toBe(200);
    expect(pending.json()).toMatchObject({ MaLoi: '00', MaThamChieu: 'PF1005', TrangThaiGiaoDich: '0', SoTien: '150000', MaHoSo: MA_HO_SO, ThongTinBienLai: { MaDichVu: 2, MaHoSo: MA_HO_SO } });
    expect(pending.json().UrlBienLai).toBeUndefined();

    await complete(app, ref, 'paid');
    const paid = await post(app, '/dvcqg/payment/receipt', queryBody(partner, 'RECEIPT', 'PF1005', '20261124100000'));
    expect(paid.json()).toMatchObject({ MaLoi: '00', TrangThaiGiaoDich: '1' });
    const cb = agency.received.at(-1)!.json;
    const bill = await post(app, '/dvcqg/payment/bill', queryBody(partner, 'BILL', 'PF1005', cb.ThoiGianGD!));
    expect(bill.statusCode).toBe(200);
    const b = bill.json() as { UrlBienLai: string; MaGiaoDich: string; SoBienLai: string };
    expect(b.MaGiaoDich).toBe(cb.MaGiaoDich);
    expect(b.UrlBienLai).toBe(cb.UrlBienLai);
    const page = await get(app, new URL(b.UrlBienLai).pathname);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Biên lai');
    expect(page.body).toContain(b.SoBienLai);
    expect(page.body).toContain('150.000');
  });

  it('payment by the browser form → 303 back to the receipt URL with the signed result; the callback follows', async () => {
    const { ref } = await init(app, partner, { MaThamChieu: 'PF1006' });
    const before = agency.received.length;
    const res = await app.inject({ method: 'POST', url: `/dvcqg/payment/pay/${ref}`, payload: 'action=pay', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(303);
    const back = new URL(res.headers.location as string);
    expect(back.origin + back.pathname).toBe('http://onestop.example/thanh-toan/ket-qua');
    expect(back.searchParams.get('MaLoi')).toBe('00');
    expect(back.searchParams.get('MaThamChieu')).toBe('PF1006');
    const fields = Object.fromEntries(back.searchParams) as Record<string, string>;
    expect(fields.MaXacThuc).toBe(signPp(fields, CALLBACK_ORDER, partner.hashKey));
    await waitFor(() => agency.received.length > before, 5000, 'the callback');
    expect(agency.received.at(-1)!.json).toMatchObject({ MaThamChieu: 'PF1006', MaLoi: '00' });
    expect((await txn(app, ref)).state).toBe('paid');
    // A second submission of the form cannot pay twice.
    const again = await app.inject({ method: 'POST', url: `/dvcqg/payment/pay/${ref}`, payload: 'action=pay', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Đã thanh toán');
  });

  it('cancel on the page and a failed payment → MaLoi 01 and 99, and no bill', async () => {
    const a = await init(app, partner, { MaThamChieu: 'PF1007' });
    const res = await app.inject({ method: 'POST', url: `/dvcqg/payment/pay/${a.ref}`, payload: 'action=cancel', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(303);
    expect(new URL(res.headers.location as string).searchParams.get('MaLoi')).toBe('01');
    await waitFor(() => agency.received.find((r) => r.json.MaThamChieu === 'PF1007'), 5000, 'the cancel callback');
    expect((await txn(app, a.ref)).state).toBe('cancelled');

    const b = await init(app, partner, { MaThamChieu: 'PF1008' });
    await complete(app, b.ref, 'failed');
    const cb = agency.received.find((r) => r.json.MaThamChieu === 'PF1008')!.json;
    expect(cb.MaLoi).toBe('99');
    expect(cb.UrlBienLai).toBeUndefined();
    expect(cb.MaXacThuc).toBe(signPp(cb, CALLBACK_ORDER, partner.hashKey));
    const bill = await post(app, '/dvcqg/payment/bill', queryBody(partner, 'BILL', 'PF1008', cb.ThoiGianGD!));
    expect(bill.statusCode).toBe(409);
    expect(bill.json()).toMatchObject({ code: 'DVCQG_PAY_NOT_PAID', MaLoi: '08' });
  });

  it('inspection lists the transactions of an agency and a dossier, with the callback attempts', async () => {
    const res = await get(app, `/_lienthong/dvcqg/payment/transactions?agency=${AGENCY}&maHoSo=${encodeURIComponent(MA_HO_SO)}`);
    expect(res.statusCode).toBe(200);
    const list = res.json().transactions as { merchantRef: string; state: string; callback: { history: unknown[] } | null }[];
    expect(list.length).toBeGreaterThanOrEqual(7);
    const paid = list.find((t) => t.merchantRef === 'PF1004')!;
    expect(paid.state).toBe('paid');
    expect(paid.callback?.history).toHaveLength(1);
    expect((await get(app, '/_lienthong/dvcqg/payment/transactions?agency=000.00.00.H99')).json().transactions).toEqual([]);
  });

  it('paymentsOf gives the KPI index the dossier payments of an agency in a period', async () => {
    const all = await paymentsOf(app.lienthong, { agency: AGENCY, from: '2026-11-24T00:00:00Z', to: '2026-11-25T00:00:00Z' });
    const paidOnes = all.filter((p) => p.paid);
    expect(paidOnes.length).toBeGreaterThanOrEqual(3);
    for (const p of paidOnes) expect(p).toMatchObject({ MaHoSo: MA_HO_SO, MaTTHC: '1.004227', amount: 150000, channel: 'ppdvcqg', paidAt: expect.any(String) });
    expect(all.some((p) => !p.paid && p.paidAt === null)).toBe(true);
    expect(await paymentsOf(app.lienthong, { agency: AGENCY, from: '2026-11-25T00:00:00Z', to: '2026-11-26T00:00:00Z' })).toEqual([]);
  });

  it('createPaymentPartner gives a one-stop account credentials on both channels, callbacks under its base URL', async () => {
    const creds = await createPaymentPartner(app.lienthong, { agency: '000.00.00.H41', callbackBaseUrl: 'http://onestop-h41.example/' });
    expect(creds.ppdvcqg).toMatchObject({ maDoiTac: '000.00.00.H41', agency: '000.00.00.H41', callbackUrl: 'http://onestop-h41.example/o/pgi/ppdvcqg/dpnhankqthanhtoanhs' });
    expect(creds.ppdvcqg.hashKey).toMatch(/^[0-9a-f]{32}$/);
    expect(creds.paygov).toMatchObject({ partnerCode: 'PAYGOV-000.00.00.H41', callbackUrl: 'http://onestop-h41.example/o/pgi/paygov/dpnhankqthanhtoanhs' });
    // Called again: what is given changes, the keys stay.
    const again = await createPaymentPartner(app.lienthong, { agency: '000.00.00.H41', callbackUrl: 'http://other.example/cb' });
    expect(again.ppdvcqg.hashKey).toBe(creds.ppdvcqg.hashKey);
    expect(again.ppdvcqg.callbackUrl).toBe('http://other.example/cb');
    const list = (await get(app, '/_lienthong/dvcqg/payment/partners')).json().partners as { channel: string; maDoiTac?: string; partnerCode?: string }[];
    expect(list.some((p) => p.channel === 'ppdvcqg' && p.maDoiTac === '000.00.00.H41')).toBe(true);
    expect(list.some((p) => p.channel === 'paygov' && p.partnerCode === 'PAYGOV-000.00.00.H41')).toBe(true);
  });

  it('reset keeps partners with keepSystems and drops the transactions', async () => {
    const res = await post(app, '/_lienthong/reset', { keepSystems: true });
    expect(res.statusCode).toBe(200);
    expect((await get(app, '/_lienthong/dvcqg/payment/transactions')).json().transactions).toEqual([]);
    expect((await get(app, '/_lienthong/dvcqg/payment/partners')).json().partners.length).toBeGreaterThan(0);
    await init(app, partner, { MaThamChieu: 'PF1004' }); // the reference is free again
  });
});
