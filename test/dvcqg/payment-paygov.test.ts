/**
 * PayGov (specs/dvcqg-ndxp.md A10b): create with LGSP tokens and the no-separator checksum, pay on the page,
 * the signed callback (and the browser back to returnUrl with the same fields), retried like PP DVCQG, and
 * the Hậu Giang receipt call answered with a transactionReceipt URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatorFor } from '../../emulator/core/schemas.js';
import { paymentsOf } from '../../emulator/platforms/dvcqg/payment/index.js';
import {
  AGENCY,
  complete,
  get,
  LGSP_HEADERS,
  MA_HO_SO,
  makeApp,
  paygovCreateBody,
  paygovPartner,
  post,
  refOf,
  setDelivery,
  sha256,
  startAgency,
  txn,
  waitFor,
  type Agency,
  type App,
  type PaygovPartner,
} from './support/payment-kit.js';

const CALLBACK_FIELDS = ['amount', 'orderId', 'orderInfo', 'requestCode', 'transactionNo', 'transactionCode', 'payDate', 'errorCode', 'paygate', 'type'];
const verifyCallback = (secretKey: string, body: Record<string, string>) => sha256(secretKey + CALLBACK_FIELDS.map((k) => body[k] ?? '').join(''));

describe('PayGov', () => {
  let app: App;
  let agency: Agency;
  let p: PaygovPartner;

  beforeAll(async () => {
    app = await makeApp();
    agency = await startAgency([{ status: 200, body: { error_code: 'SUCCESSFUL', error_message: 'Confirm transaction' } }]);
    p = await paygovPartner(app, agency);
  });
  afterAll(async () => {
    await app.close();
    await agency.close();
  });

  it('create → data.url of the payment page, which shows the amount', async () => {
    const body = paygovCreateBody(p);
    expect(body.checksum).toBe(sha256(`secret-of-hau-giangaccess-hg-01PAYGOV-HAUGIANG${AGENCY}-${MA_HO_SO}-0142171700000000001200000`));
    const res = await post(app, '/dvcqg/paygov/create', body, LGSP_HEADERS);
    expect(res.statusCode, res.body).toBe(200);
    const reply = res.json();
    const validate = validatorFor('lienthong:dvcqg/payment-paygov-reply');
    expect(validate(reply), JSON.stringify(validate.errors)).toBe(true);
    expect(reply).toMatchObject({ error_code: 'SUCCESSFUL', data: { orderId: `${AGENCY}-${MA_HO_SO}-01`, requestCode: '42171700000000001' } });
    const page = await get(app, new URL(reply.data.url).pathname);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('200.000');
    expect(page.body).toContain(MA_HO_SO);
    const view = await txn(app, refOf(reply.data.url));
    expect(view).toMatchObject({ state: 'pending', agency: AGENCY, maHoSo: MA_HO_SO, amount: 200000 });
  });

  it('a client that sends amount as a number and no checksum (S1 for other provinces) is taken in lenient mode', async () => {
    const body = paygovCreateBody(p, { requestCode: 'RC-S1-1', amount: 200000, checksum: undefined });
    delete body.checksum;
    delete body.accessKey;
    const res = await post(app, '/dvcqg/paygov/create', body, LGSP_HEADERS);
    expect(res.statusCode, res.body).toBe(200);
  });

  it('pay in the browser → back to returnUrl with the signed fields, and the signed callback to the agency', async () => {
    const res = await post(app, '/dvcqg/paygov/create', paygovCreateBody(p, { requestCode: 'RC-PAY-1', orderId: `${AGENCY}-${MA_HO_SO}-01` }), LGSP_HEADERS);
    const ref = refOf(res.json().data.url);
    const before = agency.received.length;
    const form = await app.inject({ method: 'POST', url: `/dvcqg/payment/pay/${ref}`, payload: 'action=pay', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.statusCode).toBe(303);
    const back = new URL(form.headers.location as string);
    expect(`${back.origin}${back.pathname}`).toBe('http://onestop.example/thanh-toan/ket-qua');
    const q = Object.fromEntries(back.searchParams) as Record<string, string>;
    expect(q).toMatchObject({ orderId: `${AGENCY}-${MA_HO_SO}-01`, requestCode: 'RC-PAY-1', errorCode: '00', amount: '200000' });
    expect(q.checksum).toBe(verifyCallback(p.secretKey, q));

    await waitFor(() => agency.received.length > before, 5000, 'the PayGov callback');
    const cb = agency.received.at(-1)!;
    expect(cb.path).toBe('/o/pgi/paygov/dpnhankqthanhtoanhs');
    const validate = validatorFor('lienthong:dvcqg/payment-paygov-callback');
    expect(validate(cb.json), JSON.stringify(validate.errors)).toBe(true);
    expect(cb.json).toMatchObject({ orderId: `${AGENCY}-${MA_HO_SO}-01`, errorCode: '00', orderInfo: 'Le phi cap giay phep' });
    expect(cb.json.checksum).toBe(verifyCallback(p.secretKey, cb.json));
    expect(cb.json.checksum).not.toBe(verifyCallback('another-secret', cb.json));
    // S1 takes the dossier number as orderId minus "-01".
    expect(cb.json.orderId!.slice(0, -3)).toBe(`${AGENCY}-${MA_HO_SO}`);
    await waitFor(async () => (await txn(app, ref)).callback?.state === 'delivered', 5000, 'delivered');
  });

  it('the callback is retried until the agency answers SUCCESSFUL', async () => {
    const other = await startAgency([{ status: 200, body: { error_code: 'FAILED', error_message: 'Do action error' } }, { status: 200, body: { error_code: 'SUCCESSFUL' } }]);
    try {
      const p2 = await paygovPartner(app, other, { partnerCode: 'PAYGOV-DONGTHAP', agency: '000.00.00.H45' });
      await setDelivery(app, [30, 30], 1000);
      const res = await post(app, '/dvcqg/paygov/create', paygovCreateBody(p2, { orderId: '000.00.00.H45-000.00.12.H45-261124-0007-01' }), LGSP_HEADERS);
      expect(res.statusCode, res.body).toBe(200);
      const ref = refOf(res.json().data.url);
      const first = await complete(app, ref, 'paid');
      expect(first.callback).toMatchObject({ state: 'pending', attempts: 1 });
      expect(first.callback!.lastError).toContain('FAILED');
      const done = await waitFor(async () => {
        const v = await txn(app, ref);
        return v.callback?.state === 'delivered' ? v : undefined;
      }, 5000, 'delivery');
      expect(done.callback!.history.map((h) => h.outcome)).toEqual(['rejected', 'acknowledged']);
      expect(other.received).toHaveLength(2);
      expect(done.agency).toBe('000.00.00.H45');
    } finally {
      await other.close();
    }
  });

  it('receipt → data.transactionReceipt, an HTML receipt with the payer data; a wrong checksum is refused', async () => {
    const paids = Buffer.from(JSON.stringify([{ feeName: 'Le phi cap giay phep', amount: 200000 }])).toString('base64');
    const b: Record<string, string> = {
      partnerCode: p.partnerCode,
      accessKey: p.accessKey,
      payerId: '093201000123',
      payerName: 'Nguyen Van An',
      payerAddress: '12 Tran Hung Dao',
      payerDistrict: 'Vi Thanh',
      payerProvince: 'Hau Giang',
      docCode: MA_HO_SO,
      procedureName: 'Cap giay phep lai xe',
      paids,
      otherInfo: Buffer.from('{"note":"test"}').toString('base64'),
      decisionDate: '20261124',
    };
    const checksum = sha256(p.secretKey + Object.values(b).join(''));
    const bad = await post(app, '/dvcqg/paygov/receipt', { ...b, checksum: sha256('x') }, LGSP_HEADERS);
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toMatchObject({ error_code: 'INVALID_CHECKSUM', code: 'DVCQG_PAY_PAYGOV_CHECKSUM', field: 'checksum' });
    const res = await post(app, '/dvcqg/paygov/receipt', { ...b, checksum }, LGSP_HEADERS);
    expect(res.statusCode, res.body).toBe(200);
    const url = res.json().data.transactionReceipt as string;
    expect(url).toMatch(/\/dvcqg\/paygov\/receipts\/[0-9a-f]{24}$/);
    const page = await get(app, new URL(url).pathname);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Nguyen Van An');
    expect(page.body).toContain('Le phi cap giay phep');
    expect(page.body).toContain('200.000');
  });

  it('paymentsOf counts PayGov payments under the agency of the orderId', async () => {
    const list = await paymentsOf(app.lienthong, { agency: AGENCY, from: new Date('2026-11-24T00:00:00Z'), to: new Date('2026-11-25T00:00:00Z') });
    const paygov = list.filter((x) => x.channel === 'paygov');
    expect(paygov.filter((x) => x.paid)).toEqual([{ MaHoSo: MA_HO_SO, paid: true, paidAt: expect.any(String), amount: 200000, channel: 'paygov' }]);
    expect(paygov.filter((x) => !x.paid).length).toBe(2); // the first order and the S1-style one, never paid
    const h45 = await paymentsOf(app.lienthong, { agency: '000.00.00.H45' });
    expect(h45).toEqual([{ MaHoSo: '000.00.12.H45-261124-0007', paid: true, paidAt: expect.any(String), amount: 200000, channel: 'paygov' }]);
  });
});
