/**
 * DVCQG payment JSON (specs/dvcqg-ndxp.md §A10): the PP DVCQG init/receipt/bill messages and PayGov's create
 * and receipt, with bodies that are not JSON objects, fields of the wrong type or missing, unknown
 * partners, checksums that do not match, and (under a valid checksum) values outside their form.
 */
import { INIT_CHECKSUM_FIELDS, ppChecksumOf, paygovCreateChecksum, QUERY_CHECKSUM_FIELDS } from '../../../emulator/platforms/dvcqg/payment/wire.js';
import { notJsonObjects } from './dvcqg-json.js';
import type { Fixture } from './fixture.js';
import { seeded, wrongJson } from './rng.js';
import { CaseList, type BadCase } from './types.js';

const json = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8');

export function dvcqgPaymentCases(fx: Fixture, seed = 8102): BadCase[] {
  const rng = seeded(seed);
  const L = new CaseList('dvcqg-payment', 'pay-pp');
  const { pp, paygov } = fx.dvcqg;
  const ppPost = (family: string, path: string, body: Buffer, expect: string[], contentType = 'application/json') =>
    L.add(family, { method: 'POST', url: `/dvcqg/payment/${path}`, headers: { 'content-type': contentType }, payload: body }, expect);
  const gov = (family: string, path: string, body: Buffer, expect: string[], headers: Record<string, string> = { authorization: `Bearer ${rng.string.alphanumeric(40)}`, lgspaccesstoken: rng.string.alphanumeric(60) }) =>
    L.add(family, { method: 'POST', url: `/dvcqg/paygov/${path}`, headers: { 'content-type': 'application/json', ...headers }, payload: body }, expect, 'pay-paygov');

  const init = (over: Record<string, unknown> = {}, sign = true) => {
    const b: Record<string, unknown> = {
      LoaiBanTin: 'INIT', PhienBan: '1.0', MaDoiTac: pp.maDoiTac, MaThamChieu: `C${rng.string.alphanumeric(10)}`, SoTien: String(rng.number.int({ min: 1000, max: 5_000_000 })),
      LoaiHinhThanhToan: 'PAY', MaKenhThanhToan: '1', MaThietBi: '1', NgonNgu: 'vi', MaTienTe: 'VND', MaNganHang: '', ThongTinGiaoDich: rng.lorem.sentence(), ThoiGianGD: '20261124100000', Ip: rng.internet.ipv4(), ...over,
    };
    if (sign) b.MaXacThuc = ppChecksumOf(b, INIT_CHECKSUM_FIELDS, pp.hashKey);
    return b;
  };

  for (const path of ['init', 'receipt', 'bill']) {
    for (const body of notJsonObjects(rng).filter((b) => b.length > 0)) ppPost('body', path, body, ['DVCQG_PAY_BAD_BODY']);
    ppPost('content-type', path, json(init()), ['UNSUPPORTED_MEDIA_TYPE', 'DVCQG_PAY_BAD_BODY'], rng.helpers.arrayElement(['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x']));
  }
  for (let i = 0; i < 30; i++) {
    const field = rng.helpers.arrayElement(['MaDoiTac', 'MaThamChieu', 'SoTien', 'ThoiGianGD', 'MaXacThuc']);
    const missing = init();
    delete missing[field];
    ppPost('field-missing', 'init', json(missing), ['DVCQG_PAY_MISSING_FIELD']);
    ppPost('field-type', 'init', json({ ...init(), [field]: rng.helpers.arrayElement<unknown>([[], {}, true, ['x']]) }), ['DVCQG_PAY_BAD_FIELD']);
    ppPost('partner', 'init', json(init({ MaDoiTac: `DT-${rng.string.alphanumeric(8)}` })), ['DVCQG_PAY_UNKNOWN_PARTNER']);
    ppPost('checksum', 'init', json({ ...init(), MaXacThuc: rng.string.hexadecimal({ length: 64, casing: 'lower', prefix: '' }) }), ['DVCQG_PAY_CHECKSUM']);
    ppPost('checksum', 'init', json({ ...init(), SoTien: '1' }), ['DVCQG_PAY_CHECKSUM']);
    ppPost('value', 'init', json(init({ MaThamChieu: rng.string.alphanumeric({ length: { min: 21, max: 500 } }) })), ['DVCQG_PAY_BAD_FIELD']);
    ppPost('value', 'init', json(init({ SoTien: rng.helpers.arrayElement(['0', '-100', '1.5', '1e6', 'một triệu', '100 000', '0x10']) })), ['DVCQG_PAY_BAD_FIELD']);
    ppPost('value', 'init', json(init({ ThoiGianGD: rng.helpers.arrayElement(['2026-11-24 10:00:00', '20261324100000', 'now', '2026112410']) })), ['DVCQG_PAY_BAD_FIELD']);
    for (const kind of ['receipt', 'bill'] as const) {
      const q: Record<string, unknown> = { LoaiBanTin: kind.toUpperCase(), PhienBan: '1.0', MaDoiTac: pp.maDoiTac, MaThamChieu: `Q${rng.string.alphanumeric(12)}`, ThoiGianGD: '20261124100000' };
      q.MaXacThuc = ppChecksumOf(q, QUERY_CHECKSUM_FIELDS, pp.hashKey);
      ppPost('query', kind, json(q), ['DVCQG_PAY_UNKNOWN_REF']);
      ppPost('query', kind, json({ ...q, MaXacThuc: wrongJson(rng) ?? 'x' }), ['DVCQG_PAY_BAD_FIELD', 'DVCQG_PAY_CHECKSUM']);
    }
  }

  // ---- PayGov ----
  const create = (over: Record<string, unknown> = {}) => {
    const b: Record<string, unknown> = {
      partnerCode: paygov.partnerCode, accessKey: paygov.accessKey, serviceCode: 'DVC', returnUrl: 'http://onestop.example/kq', orderId: `${fx.dvcqg.madonvi}-${fx.dvcqg.maHoSo}-01`,
      amount: String(rng.number.int({ min: 1000, max: 900_000 })), orderInfo: 'Le phi', requestCode: rng.string.numeric(17), ipAddress: rng.internet.ipv4(), ...over,
    };
    b.checksum = paygovCreateChecksum({ secretKey: paygov.secretKey, accessKey: String(b.accessKey), partnerCode: String(b.partnerCode), orderId: String(b.orderId), requestCode: String(b.requestCode), amount: String(b.amount) });
    return b;
  };
  for (const path of ['create', 'receipt']) {
    for (const body of notJsonObjects(rng).filter((b) => b.length > 0)) gov('body', path, body, ['DVCQG_PAY_PAYGOV_BAD_BODY']);
    gov('auth', path, json(create()), ['DVCQG_PAY_PAYGOV_UNAUTHORIZED'], {});
    gov('auth', path, json(create()), ['DVCQG_PAY_PAYGOV_UNAUTHORIZED'], { authorization: rng.helpers.arrayElement(['Basic eDp5', 'Bearer', 'Bearer ', 'token x', '']), lgspaccesstoken: 'x' });
    gov('auth', path, json(create()), ['DVCQG_PAY_PAYGOV_UNAUTHORIZED'], { authorization: `Bearer ${rng.string.alphanumeric(20)}`, lgspaccesstoken: rng.helpers.arrayElement(['', ' ']) });
  }
  for (let i = 0; i < 30; i++) {
    gov('partner', 'create', json(create({ partnerCode: `PAYGOV-${rng.string.alphanumeric(6)}` })), ['DVCQG_PAY_PAYGOV_UNKNOWN_PARTNER']);
    gov('partner', 'create', json(create({ accessKey: rng.string.alphanumeric(16) })), ['DVCQG_PAY_PAYGOV_ACCESS_KEY']);
    gov('checksum', 'create', json({ ...create(), checksum: rng.string.hexadecimal({ length: 64, casing: 'lower', prefix: '' }) }), ['DVCQG_PAY_PAYGOV_CHECKSUM']);
    gov('checksum', 'create', json({ ...create(), amount: '1' }), ['DVCQG_PAY_PAYGOV_CHECKSUM']);
    gov('value', 'create', json(create({ amount: rng.helpers.arrayElement(['0', '-1', '1.5', 'abc', '1e5']) })), ['DVCQG_PAY_PAYGOV_BAD_FIELD']);
    const field = rng.helpers.arrayElement(['partnerCode', 'orderId', 'amount', 'requestCode']);
    const missing = create();
    delete missing[field];
    gov('field-missing', 'create', json(missing), ['DVCQG_PAY_PAYGOV_MISSING_FIELD']);
    gov('field-type', 'create', json({ ...create(), [field]: rng.helpers.arrayElement<unknown>([[], {}, false]) }), ['DVCQG_PAY_PAYGOV_BAD_FIELD']);
    gov('field-missing', 'receipt', json({ partnerCode: paygov.partnerCode, accessKey: paygov.accessKey }), ['DVCQG_PAY_PAYGOV_MISSING_FIELD']);
    gov('checksum', 'receipt', json({ partnerCode: paygov.partnerCode, accessKey: paygov.accessKey, docCode: fx.dvcqg.maHoSo, checksum: rng.string.hexadecimal({ length: 64, casing: 'lower', prefix: '' }) }), ['DVCQG_PAY_PAYGOV_CHECKSUM']);
  }
  return L.cases;
}
