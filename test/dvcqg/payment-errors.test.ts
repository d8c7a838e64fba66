/**
 * Every refusal of the payment platform and PayGov: its own code, its wire code (MaLoi / error_code), a real
 * HTTP status, and a message naming the field and the rule. Lenient mode turns the "expected" rules into
 * warnings; strict mode refuses them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceEvent } from '../../emulator/core/evidence.js';
import { PAYMENT_ERRORS } from '../../emulator/platforms/dvcqg/payment/index.js';
import {
  AGENCY,
  complete,
  get,
  init,
  initBody,
  INIT_ORDER,
  LGSP_HEADERS,
  makeApp,
  paygovCreateBody,
  paygovPartner,
  post,
  ppPartner,
  queryBody,
  refOf,
  sha256,
  signPp,
  type App,
  type PaygovPartner,
  type PpPartner,
} from './support/payment-kit.js';

const seen = new Set<string>();

interface Refusal {
  status: number;
  body: Record<string, unknown>;
}

async function refused(app: App, url: string, payload: unknown, headers: Record<string, string> = {}): Promise<Refusal> {
  const res = await post(app, url, payload, headers);
  const body = res.json() as Record<string, unknown>;
  if (typeof body.code === 'string') seen.add(body.code);
  return { status: res.statusCode, body };
}

/** Re-signs an init body after a change, so only the intended rule is broken. */
function resign(p: PpPartner, body: Record<string, unknown>): Record<string, unknown> {
  return { ...body, MaXacThuc: signPp(body, INIT_ORDER, p.hashKey) };
}

describe('PP DVCQG refusals', () => {
  let app: App;
  let p: PpPartner;
  let strict: PpPartner;

  beforeAll(async () => {
    app = await makeApp();
    p = await ppPartner(app, null);
    strict = await ppPartner(app, null, { maDoiTac: 'DVC-STRICT', hashKey: 'strict-key-0001', mode: 'strict' });
  });
  afterAll(() => app.close());

  it('a wrong MaXacThuc on init → 401 DVCQG_PAY_CHECKSUM, MaLoi 03, naming the signed fields', async () => {
    const body = initBody(p, { MaThamChieu: 'E-CK-1' });
    const r = await refused(app, '/dvcqg/payment/init', { ...body, SoTien: '150001' });
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ MaLoi: '03', code: 'DVCQG_PAY_CHECKSUM', field: 'MaXacThuc', MaDoiTac: 'DVC-H30', MaThamChieu: 'E-CK-1' });
    expect(r.body.MoTaLoi).toContain('LoaiBanTin|PhienBan|MaDoiTac|MaThamChieu|SoTien');
    expect(r.body.MoTaLoi).toContain('|150001|');
    expect(r.body.MoTaLoi).not.toContain(p.hashKey);
    // Upper-case hex is the same digest.
    const upper = await post(app, '/dvcqg/payment/init', { ...body, MaXacThuc: String(body.MaXacThuc).toUpperCase() });
    expect(upper.statusCode).toBe(200);
  });

  it('the refusal is recorded as an error verdict of the exchange', async () => {
    const events = (await get(app, '/_lienthong/events?platform=dvcqg&limit=1000')).json().events as EvidenceEvent[];
    const e = events.find((x) => x.operation === 'payment.init' && x.status === 401)!;
    expect(e.verdicts).toContainEqual(expect.objectContaining({ code: 'DVCQG_PAY_CHECKSUM', severity: 'error', field: 'MaXacThuc' }));
    expect(e.agency).toBe(AGENCY);
  });

  it('a wrong MaXacThuc on the receipt and bill queries → 401 DVCQG_PAY_CHECKSUM', async () => {
    await init(app, p, { MaThamChieu: 'E-Q-1' });
    for (const [url, kind] of [['/dvcqg/payment/receipt', 'RECEIPT'], ['/dvcqg/payment/bill', 'BILL']] as const) {
      const q = queryBody(p, kind, 'E-Q-1', '20261124100000');
      const r = await refused(app, url, { ...q, MaXacThuc: sha256('not it') });
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ MaLoi: '03', code: 'DVCQG_PAY_CHECKSUM', field: 'MaXacThuc' });
      expect(r.body.MoTaLoi).toContain('LoaiBanTin|PhienBan|MaDoiTac|MaThamChieu|ThoiGianGD');
    }
  });

  it('a body that is not a JSON object → 400 DVCQG_PAY_BAD_BODY; malformed JSON → 400 in the same dialect', async () => {
    const r = await refused(app, '/dvcqg/payment/init', [1, 2]);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ MaLoi: '02', code: 'DVCQG_PAY_BAD_BODY', field: 'body' });
    const res = await app.inject({ method: 'POST', url: '/dvcqg/payment/init', payload: '{"MaDoiTac":', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ MaLoi: '02', code: 'DVCQG_PAY_BAD_BODY', field: 'body' });
  });

  it('a missing required field → 400 DVCQG_PAY_MISSING_FIELD naming it', async () => {
    for (const field of ['MaThamChieu', 'SoTien', 'ThoiGianGD', 'MaXacThuc']) {
      const body = initBody(p, { MaThamChieu: `E-M-${field.length}` });
      delete body[field];
      const r = await refused(app, '/dvcqg/payment/init', field === 'MaXacThuc' ? body : resign(p, body));
      expect(r.status, field).toBe(400);
      expect(r.body, field).toMatchObject({ MaLoi: '01', code: 'DVCQG_PAY_MISSING_FIELD', field, rule: 'required' });
      expect(String(r.body.MoTaLoi)).toContain(field);
    }
    const noMaDoiTac = initBody(p);
    delete noMaDoiTac.MaDoiTac;
    expect((await refused(app, '/dvcqg/payment/init', noMaDoiTac)).body).toMatchObject({ code: 'DVCQG_PAY_MISSING_FIELD', field: 'MaDoiTac' });
    const noReceipt = initBody(p, { MaThamChieu: 'E-M-R' });
    delete noReceipt.ThongTinBienLai;
    expect((await refused(app, '/dvcqg/payment/init', noReceipt)).body).toMatchObject({ code: 'DVCQG_PAY_MISSING_FIELD', field: 'ThongTinBienLai' });
    const noDossier = initBody(p, { MaThamChieu: 'E-M-H' }, { MaHoSo: '' });
    expect((await refused(app, '/dvcqg/payment/init', noDossier)).body).toMatchObject({ code: 'DVCQG_PAY_MISSING_FIELD', field: 'ThongTinBienLai.MaHoSo', rule: 'non-empty' });
  });

  it('ill-typed and ill-formed fields → 400 DVCQG_PAY_BAD_FIELD with the rule', async () => {
    const cases: [Record<string, unknown>, Record<string, unknown>, string, string][] = [
      [{ SoTien: '-5' }, {}, 'SoTien', 'positive integer (VND)'],
      [{ SoTien: '12.5' }, {}, 'SoTien', 'positive integer (VND)'],
      [{ SoTien: '0' }, {}, 'SoTien', 'positive integer (VND)'],
      [{ ThoiGianGD: '2026-11-24 10:00' }, {}, 'ThoiGianGD', 'yyyyMMddHHmmss'],
      [{ ThoiGianGD: '20261332100000' }, {}, 'ThoiGianGD', 'yyyyMMddHHmmss'],
      [{ MaThamChieu: 'X'.repeat(21) }, {}, 'MaThamChieu', 'at most 20 characters'],
      [{ PhienBan: { v: 1 } }, {}, 'PhienBan', 'string'],
      [{ ThongTinBienLai: 'receipt' }, {}, 'ThongTinBienLai', 'object'],
      [{}, { MaDichVu: 3 }, 'ThongTinBienLai.MaDichVu', '1 | 2'],
      [{}, { MaHoSo: ['x'] }, 'ThongTinBienLai.MaHoSo', 'string'],
    ];
    let i = 0;
    for (const [over, receipt, field, rule] of cases) {
      const body = initBody(p, { MaThamChieu: `E-B-${i}`, ...over }, receipt);
      const r = await refused(app, '/dvcqg/payment/init', body);
      expect(r.status, field).toBe(400);
      expect(r.body, `${field} ${JSON.stringify(over)}`).toMatchObject({ MaLoi: '02', code: 'DVCQG_PAY_BAD_FIELD', field, rule });
      i++;
    }
    // Lenient mode takes a numeric SoTien with a warning (clients differ)…
    const numeric = initBody(p, { MaThamChieu: 'E-B-num', SoTien: 150000 });
    expect((await post(app, '/dvcqg/payment/init', numeric)).statusCode).toBe(200);
    // …strict mode does not.
    const r = await refused(app, '/dvcqg/payment/init', initBody(strict, { MaThamChieu: 'E-B-num', SoTien: 150000 }));
    expect(r.body).toMatchObject({ code: 'DVCQG_PAY_BAD_FIELD', field: 'SoTien', rule: 'string' });
  });

  it('a penalty (MaDichVu 1) needs its decision number SoQD', async () => {
    const r = await refused(app, '/dvcqg/payment/init', initBody(p, { MaThamChieu: 'E-P-1' }, { MaDichVu: 1, SoQD: '' }));
    expect(r.body).toMatchObject({ code: 'DVCQG_PAY_MISSING_FIELD', field: 'ThongTinBienLai.SoQD' });
    const ok = await post(app, '/dvcqg/payment/init', initBody(p, { MaThamChieu: 'E-P-2' }, { MaDichVu: '1', SoQD: '123/QĐ-XPVPHC', MaLoaiHinhThuPhat: '01', TenLoaiHinhThuPhat: 'Phạt giao thông', NgayQD: '20261120', TenNguoiViPham: 'Trần B' }));
    expect(ok.statusCode).toBe(200);
  });

  it('LoaiBanTin: lenient takes any value with a warning, strict wants the documented one', async () => {
    const body = initBody(p, { MaThamChieu: 'E-L-1', LoaiBanTin: 'PP_INIT' });
    expect((await post(app, '/dvcqg/payment/init', body)).statusCode).toBe(200);
    const events = (await get(app, '/_lienthong/events?platform=dvcqg&limit=1000')).json().events as EvidenceEvent[];
    const warned = events.filter((e) => e.operation === 'payment.init' && e.status === 200).at(-1)!;
    expect(warned.verdicts).toContainEqual(expect.objectContaining({ code: 'DVCQG_PAY_BAD_MESSAGE_TYPE', severity: 'warning', field: 'LoaiBanTin' }));
    const r = await refused(app, '/dvcqg/payment/init', initBody(strict, { MaThamChieu: 'E-L-1', LoaiBanTin: 'PP_INIT' }));
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ MaLoi: '07', code: 'DVCQG_PAY_BAD_MESSAGE_TYPE', field: 'LoaiBanTin', rule: '"INIT"' });
    expect((await post(app, '/dvcqg/payment/init', initBody(strict, { MaThamChieu: 'E-L-2' }))).statusCode).toBe(200);
  });

  it('strict mode refuses a currency other than VND and an empty expected receipt field; lenient warns', async () => {
    expect((await refused(app, '/dvcqg/payment/init', initBody(strict, { MaThamChieu: 'E-S-1', MaTienTe: 'USD' }))).body).toMatchObject({ code: 'DVCQG_PAY_BAD_FIELD', field: 'MaTienTe' });
    expect((await refused(app, '/dvcqg/payment/init', initBody(strict, { MaThamChieu: 'E-S-2' }, { HoTenNguoiNop: '' }))).body).toMatchObject({ code: 'DVCQG_PAY_MISSING_FIELD', field: 'ThongTinBienLai.HoTenNguoiNop' });
    expect((await post(app, '/dvcqg/payment/init', initBody(p, { MaThamChieu: 'E-S-2' }, { HoTenNguoiNop: '' }))).statusCode).toBe(200);
  });

  it('an unknown MaDoiTac → 401 DVCQG_PAY_UNKNOWN_PARTNER (init and queries)', async () => {
    const r = await refused(app, '/dvcqg/payment/init', initBody({ maDoiTac: 'NOBODY', hashKey: 'x' }));
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ MaLoi: '04', code: 'DVCQG_PAY_UNKNOWN_PARTNER', field: 'MaDoiTac' });
    const q = await refused(app, '/dvcqg/payment/receipt', queryBody({ maDoiTac: 'NOBODY', hashKey: 'x' }, 'RECEIPT', 'E-Q-1', '20261124100000'));
    expect(q.body).toMatchObject({ code: 'DVCQG_PAY_UNKNOWN_PARTNER' });
  });

  it('a MaThamChieu used twice by a partner → 409 DVCQG_PAY_DUPLICATE_REF; another partner may use it', async () => {
    await init(app, p, { MaThamChieu: 'E-D-1' });
    const r = await refused(app, '/dvcqg/payment/init', initBody(p, { MaThamChieu: 'E-D-1', SoTien: '9000' }));
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ MaLoi: '05', code: 'DVCQG_PAY_DUPLICATE_REF', field: 'MaThamChieu' });
    expect((await post(app, '/dvcqg/payment/init', initBody(strict, { MaThamChieu: 'E-D-1' }))).statusCode).toBe(200);
  });

  it('an unknown reference → 404 DVCQG_PAY_UNKNOWN_REF (queries, page, control)', async () => {
    const r = await refused(app, '/dvcqg/payment/receipt', queryBody(p, 'RECEIPT', 'NEVER-SEEN', '20261124100000'));
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ MaLoi: '06', code: 'DVCQG_PAY_UNKNOWN_REF', field: 'MaThamChieu' });
    const page = await get(app, '/dvcqg/payment/pay/0123456789abcdef01234567');
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const ctl = await post(app, '/_lienthong/dvcqg/payment/transactions/0123456789abcdef01234567/complete', { outcome: 'paid' });
    expect(ctl.statusCode).toBe(404);
    expect(ctl.json().error).toMatchObject({ code: 'DVCQG_PAY_UNKNOWN_REF' });
  });

  it('the bill of an unpaid transaction → 409 DVCQG_PAY_NOT_PAID; completing twice → 409 DVCQG_PAY_ALREADY_COMPLETED', async () => {
    const { ref } = await init(app, p, { MaThamChieu: 'E-N-1' });
    const r = await refused(app, '/dvcqg/payment/bill', queryBody(p, 'BILL', 'E-N-1', '20261124100000'));
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ MaLoi: '08', code: 'DVCQG_PAY_NOT_PAID' });
    await complete(app, ref, 'paid');
    const again = await post(app, `/_lienthong/dvcqg/payment/transactions/${ref}/complete`, { outcome: 'failed' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'DVCQG_PAY_ALREADY_COMPLETED' });
    seen.add('DVCQG_PAY_ALREADY_COMPLETED');
  });

  it('control bodies are checked against their schemas', async () => {
    const bad = await post(app, '/_lienthong/dvcqg/payment/partners', { maDoiTac: 'X', agency: AGENCY, callbackUrl: 'ftp://nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'BAD_REQUEST', field: '/callbackUrl' });
    const outcome = await post(app, '/_lienthong/dvcqg/payment/transactions/x/complete', { outcome: 'maybe' });
    expect(outcome.statusCode).toBe(400);
    const settings = await app.inject({ method: 'PUT', url: '/_lienthong/dvcqg/payment/settings', payload: { retrySchedule: ['soon'] } });
    expect(settings.statusCode).toBe(400);
    expect(settings.json().error).toMatchObject({ code: 'BAD_DURATION', field: 'retrySchedule/0' });
  });
});

describe('PayGov refusals', () => {
  let app: App;
  let p: PaygovPartner;
  let strict: PaygovPartner;

  beforeAll(async () => {
    app = await makeApp();
    p = await paygovPartner(app, null);
    strict = await paygovPartner(app, null, { partnerCode: 'PAYGOV-STRICT', accessKey: 'access-strict', secretKey: 'secret-strict-01', mode: 'strict' });
  });
  afterAll(() => app.close());

  const create = (body: unknown, headers: Record<string, string> = LGSP_HEADERS) => refused(app, '/dvcqg/paygov/create', body, headers);

  it('no LGSP tokens → 401 DVCQG_PAY_PAYGOV_UNAUTHORIZED; any token is taken with a warning', async () => {
    const none = await create(paygovCreateBody(p), {});
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ error_code: 'UNAUTHORIZED', code: 'DVCQG_PAY_PAYGOV_UNAUTHORIZED', field: 'Authorization' });
    const noLgsp = await create(paygovCreateBody(p), { authorization: 'Bearer t' });
    expect(noLgsp.body).toMatchObject({ code: 'DVCQG_PAY_PAYGOV_UNAUTHORIZED', field: 'lgspaccesstoken' });
    const ok = await create(paygovCreateBody(p, { requestCode: 'RC-T-1' }));
    expect(ok.status).toBe(200);
    const events = (await get(app, '/_lienthong/events?platform=dvcqg&limit=1000')).json().events as EvidenceEvent[];
    expect(events.filter((e) => e.operation === 'paygov.create' && e.status === 200).at(-1)!.verdicts).toContainEqual(expect.objectContaining({ code: 'DVCQG_PAY_TOKEN_UNVERIFIED', severity: 'warning' }));
    // The tokens are credentials: never in the evidence log.
    expect(JSON.stringify(events)).not.toContain('lgsp-access-xyz');
  });

  it('a wrong checksum → 401 DVCQG_PAY_PAYGOV_CHECKSUM; a wrong accessKey → 401 DVCQG_PAY_PAYGOV_ACCESS_KEY', async () => {
    const r = await create(paygovCreateBody(p, { requestCode: 'RC-C-1', checksum: sha256('wrong') }));
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ error_code: 'INVALID_CHECKSUM', code: 'DVCQG_PAY_PAYGOV_CHECKSUM', field: 'checksum' });
    // Amount changed after signing: the checksum covers it.
    const signed = paygovCreateBody(p, { requestCode: 'RC-C-2' });
    expect((await create({ ...signed, amount: '200001' })).body).toMatchObject({ code: 'DVCQG_PAY_PAYGOV_CHECKSUM' });
    const key = await create(paygovCreateBody({ ...p, accessKey: 'someone-else' }, { requestCode: 'RC-C-3' }));
    expect(key.body).toMatchObject({ error_code: 'INVALID_ACCESS_KEY', code: 'DVCQG_PAY_PAYGOV_ACCESS_KEY', field: 'accessKey' });
  });

  it('unknown partner, bad body, missing and ill-formed fields', async () => {
    expect((await create(paygovCreateBody({ ...p, partnerCode: 'PAYGOV-NONE' }))).body).toMatchObject({ error_code: 'INVALID_PARTNER', code: 'DVCQG_PAY_PAYGOV_UNKNOWN_PARTNER', field: 'partnerCode' });
    expect((await create('"text"', { ...LGSP_HEADERS, 'content-type': 'application/json' })).body).toMatchObject({ code: 'DVCQG_PAY_PAYGOV_BAD_BODY' });
    const missing = paygovCreateBody(p);
    delete missing.orderId;
    const m = await create(missing);
    expect(m.status).toBe(400);
    expect(m.body).toMatchObject({ error_code: 'INVALID_PARAMETER', code: 'DVCQG_PAY_PAYGOV_MISSING_FIELD', field: 'orderId' });
    const amount = await create(paygovCreateBody(p, { amount: 'abc', requestCode: 'RC-F-1' }));
    expect(amount.body).toMatchObject({ code: 'DVCQG_PAY_PAYGOV_BAD_FIELD', field: 'amount', rule: 'positive integer (VND)' });
    const diacritics = await create(paygovCreateBody(strict, { orderInfo: 'Lệ phí cấp giấy', requestCode: 'RC-F-2' }));
    expect(diacritics.body).toMatchObject({ code: 'DVCQG_PAY_PAYGOV_BAD_FIELD', field: 'orderInfo' });
  });

  it('orderId not <agency>-<MaHoSo>-01: refused in strict mode, a warning in lenient mode', async () => {
    const r = await create(paygovCreateBody(strict, { orderId: 'HS-0001', requestCode: 'RC-O-1' }));
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error_code: 'INVALID_ORDER_ID', code: 'DVCQG_PAY_PAYGOV_ORDER_ID', field: 'orderId', rule: '<agency code>-<MaHoSo>-01' });
    const lenient = await create(paygovCreateBody(p, { orderId: 'HS-0001-01', requestCode: 'RC-O-2' }));
    expect(lenient.status).toBe(200);
    const txns = (await get(app, '/_lienthong/dvcqg/payment/transactions?partner=PAYGOV-HAUGIANG')).json().transactions as { requestCode: string; maHoSo: string; agency: string; warnings: { code: string }[] }[];
    const t = txns.find((x) => x.requestCode === 'RC-O-2')!;
    expect(t).toMatchObject({ maHoSo: 'HS-0001', agency: AGENCY });
    expect(t.warnings).toContainEqual(expect.objectContaining({ code: 'DVCQG_PAY_PAYGOV_ORDER_ID' }));
  });

  it('requestCode reused → 409 DUPLICATE_REQUEST; an order already paid → 409 ORDER_ALREADY_PAID', async () => {
    const first = await post(app, '/dvcqg/paygov/create', paygovCreateBody(p, { requestCode: 'RC-D-1', orderId: `${AGENCY}-DUP-0001-01` }), LGSP_HEADERS);
    expect(first.statusCode).toBe(200);
    const dup = await create(paygovCreateBody(p, { requestCode: 'RC-D-1', orderId: `${AGENCY}-DUP-0001-01` }));
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ error_code: 'DUPLICATE_REQUEST', code: 'DVCQG_PAY_PAYGOV_DUPLICATE', field: 'requestCode' });
    await complete(app, refOf(first.json().data.url), 'paid');
    const paid = await create(paygovCreateBody(p, { requestCode: 'RC-D-2', orderId: `${AGENCY}-DUP-0001-01` }));
    expect(paid.status).toBe(409);
    expect(paid.body).toMatchObject({ error_code: 'ORDER_ALREADY_PAID', code: 'DVCQG_PAY_PAYGOV_ALREADY_PAID' });
  });

  it('a receipt for an unknown dossier → 404 ORDER_NOT_FOUND; for an unpaid one → 409 ORDER_NOT_PAID', async () => {
    const receipt = (docCode: string) => {
      const b: Record<string, string> = {
        partnerCode: p.partnerCode, accessKey: p.accessKey, payerId: '093201000123', payerName: 'Nguyen Van An', payerAddress: '12 Tran Hung Dao',
        payerDistrict: 'Vi Thanh', payerProvince: 'Hau Giang', docCode, procedureName: 'Cap giay phep', paids: Buffer.from('[]').toString('base64'),
        otherInfo: Buffer.from('{}').toString('base64'), decisionDate: '20261124',
      };
      b.checksum = sha256(p.secretKey + Object.values(b).join(''));
      return b;
    };
    const none = await refused(app, '/dvcqg/paygov/receipt', receipt('NO-SUCH-DOSSIER'), LGSP_HEADERS);
    expect(none.status).toBe(404);
    expect(none.body).toMatchObject({ error_code: 'ORDER_NOT_FOUND', code: 'DVCQG_PAY_PAYGOV_NOT_FOUND', field: 'docCode' });
    await post(app, '/dvcqg/paygov/create', paygovCreateBody(p, { requestCode: 'RC-R-1', orderId: `${AGENCY}-UNPAID-0001-01` }), LGSP_HEADERS);
    const unpaid = await refused(app, '/dvcqg/paygov/receipt', receipt('UNPAID-0001'), LGSP_HEADERS);
    expect(unpaid.status).toBe(409);
    expect(unpaid.body).toMatchObject({ error_code: 'ORDER_NOT_PAID', code: 'DVCQG_PAY_PAYGOV_NOT_PAID' });
  });

  it('every error code of the catalog that a request can meet was met by these tests', () => {
    const reachable = Object.entries(PAYMENT_ERRORS)
      .filter(([, spec]) => spec.http >= 400 && spec.http < 500)
      .map(([code]) => code);
    const missing = reachable.filter((c) => !seen.has(c));
    expect(missing).toEqual([]);
  });
});
