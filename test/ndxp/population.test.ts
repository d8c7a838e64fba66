/**
 * The National Population Database (CSDL quốc gia về dân cư) behind NDXP, called at its handler (§B2, §B3):
 * every operation (found, not found, name/date mismatch), XacThuc, the Faults, licences 004/005 through the
 * control routes, relatives' consistency, lenient vs strict verdicts and both XML content types.
 * Request shapes follow the public client CallApi037 (decision 011).
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorContext } from '../../emulator/core/context.js';
import { toEmulatorError } from '../../emulator/core/http-errors.js';
import { type Citizen, citizen, citizenById, householdOf } from '../../emulator/core/world/index.js';
import { populationPart } from '../../emulator/platforms/ndxp/population/index.js';
import type { UpstreamResponse } from '../../emulator/platforms/ndxp/upstream.js';
import { makeApp, type App } from '../vdxp/support/fixtures.js';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const DAN = 'http://dancuquocgia.bca';
const DANCU = 'http://www.mic.gov.vn/dancu/1.0';
const TODAY = '20261124'; // the test clock: 2026-11-24T03:00Z = 10:00 in Vietnam

type Fields = Record<string, string | undefined>;

const CALLER: Fields = {
  MaYeuCau: 'RANDOM123456789',
  MaDVC: 'VPCP',
  MaTichHop: '037',
  MaCanBo: '001090000123',
  MaDonVi: '000.00.01.H22',
  TaiKhoan: 'canbo1',
  SoDienThoai: '0',
};

/** Field elements with the `dan:` prefix; a value starting with `<` is written raw (nested elements). */
function fields(f: Fields, prefix = 'dan'): string {
  return Object.entries(f)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<${prefix}:${k}>${v}</${prefix}:${k}>`)
    .join('');
}

const dob = (date: string) => `<dan:NgayThangNam>${date}</dan:NgayThangNam>`;
const year = (y: string) => `<dan:Nam>${y}</dan:Nam>`;

/** A request as CallApi037 writes it. */
function soap(op: string, f: Fields, opts: { caller?: Fields; prefix?: string } = {}): string {
  const p = opts.prefix ?? 'dan';
  return `<soapenv:Envelope xmlns:soapenv="${SOAP}" xmlns:${p}="${DAN}"><soapenv:Header/><soapenv:Body><${p}:${op}>${fields({ ...CALLER, ...opts.caller, ...f }, p)}</${p}:${op}></soapenv:Body></soapenv:Envelope>`;
}

function lookup(c: Citizen, extra: Fields = {}): Fields {
  return { SoDinhDanh: c.SoDinhDanh, HoVaTen: c.HoVaTenKhongDau, NgayThangNamSinh: dob(c.NgayThangNamSinh), ...extra };
}

interface Harness {
  app: App;
  ctx: EmulatorContext;
  send(body: string | Buffer, opts?: { contentType?: string | null; method?: string; clientId?: string; resource?: string }): Promise<UpstreamResponse>;
  control: FastifyInstance;
}

/** The handler on an app; the licence table and control routes are set up here until the part is wired into NDXP. */
async function harness(mode: 'lenient' | 'strict' = 'lenient'): Promise<Harness> {
  const app = await makeApp({ mode });
  const ctx = app.lienthong;
  try {
    await populationPart.migrations['ndxp-population-001-licences']!.up(ctx.store.db());
  } catch (e) {
    if (!/already exists/.test(String(e))) throw e;
  }
  let control: FastifyInstance = app;
  if (!app.hasRoute({ method: 'PUT', url: '/_lienthong/ndxp/population/licences/:clientId' })) {
    control = Fastify();
    control.setErrorHandler((err, _req, reply) => {
      const e = toEmulatorError(err);
      void reply.status(e.httpStatus).send({ error: { code: e.code, message: e.message, ...e.details } });
    });
    await populationPart.registerControl!(control, ctx);
    await control.ready();
  }
  const api = populationPart.apis(ctx)[0]!;
  return {
    app,
    ctx,
    control,
    send: (body, o = {}) =>
      api.handle({
        method: o.method ?? 'POST',
        resource: o.resource ?? '',
        query: new URLSearchParams(),
        headers: o.contentType === null ? {} : { 'content-type': o.contentType ?? 'application/xml', soapaction: '""' },
        body: Buffer.isBuffer(body) ? body : Buffer.from(body),
        caller: { clientId: o.clientId ?? 'c1', agency: '000.00.01.H22' },
      }),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Reading replies by namespace, as the clients do (//soapenv:Envelope/soapenv:Body/ns1:CongdanCollection/ns1:CongDan)

function parse(body: string) {
  const doc = new DOMParser({ onError: (level, msg) => { if (level !== 'warning') throw new Error(msg); } }).parseFromString(body, 'text/xml');
  const root = doc.documentElement!;
  expect(root.namespaceURI).toBe(SOAP);
  expect(root.localName).toBe('Envelope');
  return root;
}

function kids(e: Element, ns?: string): Element[] {
  const out: Element[] = [];
  for (let n = e.firstChild; n; n = n.nextSibling) if (n.nodeType === 1 && (ns === undefined || (n as Element).namespaceURI === ns)) out.push(n as Element);
  return out;
}

function kid(e: Element, name: string, ns = DANCU): Element {
  const k = kids(e, ns).find((x) => x.localName === name);
  if (!k) throw new Error(`no ${name} in ${e.localName}`);
  return k;
}

const txt = (e: Element, path: string) => path.split('/').reduce((x, n) => kid(x, n), e).textContent ?? '';

function bodyOf(res: UpstreamResponse): Element {
  return kid(parse(res.body), 'Body', SOAP);
}

/** The CongDan elements of a successful reply (the collection must be there, possibly empty). */
function congDans(res: UpstreamResponse): Element[] {
  expect(res.status, res.body).toBe(200);
  expect(res.contentType).toMatch(/^text\/xml/);
  const coll = kid(bodyOf(res), 'CongdanCollection');
  return kids(coll, DANCU).filter((e) => e.localName === 'CongDan');
}

function collectionAttrs(res: UpstreamResponse): Record<string, string> {
  const coll = kid(bodyOf(res), 'CongdanCollection');
  return Object.fromEntries(['SoCongDan', 'TrangSo', 'SoBanGhi', 'CoTrangTiep', 'GhiChu'].map((a) => [a, coll.getAttribute(a) ?? '']));
}

function fault(res: UpstreamResponse) {
  expect(res.contentType).toMatch(/^text\/xml/);
  const f = kid(bodyOf(res), 'Fault', SOAP);
  const detail = kids(f).find((e) => e.localName === 'detail')!;
  const d = (n: string) => kids(detail, DAN).find((e) => e.localName === n)?.textContent ?? '';
  return {
    status: res.status,
    faultcode: kids(f).find((e) => e.localName === 'faultcode')!.textContent,
    faultstring: kids(f).find((e) => e.localName === 'faultstring')!.textContent ?? '',
    errorCode: d('errorCode'),
    errorMessage: d('errorMessage'),
    code: d('code'),
    field: d('field'),
  };
}

const codes = (res: UpstreamResponse) => (res.verdicts ?? []).map((v) => v.code);

/** The first citizen (by index) matching `pred`. */
function find(ctx: EmulatorContext, pred: (c: Citizen) => boolean, from = 0): Citizen {
  for (let i = from; i < ctx.world.population; i++) {
    const c = citizen(ctx.world, i);
    if (pred(c)) return c;
  }
  throw new Error('no such citizen');
}

const age = (c: Citizen) => Math.floor((Number(TODAY) - Number(c.NgayThangNamSinh)) / 10_000);

// =========================================================================================================

describe('population database: lookups (lenient)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(async () => {
    await h.control.close();
    await h.app.close();
  });

  it('TraCuuThongTinCongDan answers the CongDan the public clients parse, in the real reply shape', async () => {
    const c = find(h.ctx, (x) => x.SoCMND !== '' && x.VoChong !== null);
    const res = await h.send(soap('TraCuuThongTinCongDan', lookup(c)));
    const [cd, ...rest] = congDans(res);
    expect(rest).toHaveLength(0);
    expect(res.operation).toBe('TraCuuThongTinCongDan');
    expect(res.verdicts ?? []).toEqual([]);
    // Header and Body declare dan, as the real service's reply does.
    expect(res.body).toContain(`<soapenv:Header xmlns:dan="${DAN}"/><soapenv:Body xmlns:dan="${DAN}"><ns1:CongdanCollection xmlns:ns1="${DANCU}"><ns1:CongDan>`);
    expect(txt(cd!, 'SoDinhDanh')).toBe(c.SoDinhDanh);
    expect(txt(cd!, 'SoCMND')).toBe(c.SoCMND);
    expect(txt(cd!, 'HoVaTen/Ten')).toBe(c.HoVaTen.toUpperCase());
    expect(txt(cd!, 'HoVaTen/Ho')).toBe('');
    expect(txt(cd!, 'HoVaTen/ChuDem')).toBe('');
    expect(txt(cd!, 'GioiTinh')).toBe(String(c.GioiTinh));
    expect(txt(cd!, 'DanToc')).toBe(c.DanToc);
    expect(txt(cd!, 'TonGiao')).toBe(c.TonGiao);
    expect(txt(cd!, 'TinhTrangHonNhan')).toBe(String(c.TinhTrangHonNhan));
    expect(txt(cd!, 'NhomMau')).toBe(c.NhomMau);
    expect(txt(cd!, 'NgayThangNamSinh/NgayThangNam')).toBe(c.NgayThangNamSinh);
    expect(txt(cd!, 'NgayThangNamSinh/Nam')).toBe(c.NgayThangNamSinh.slice(0, 4));
    expect(txt(cd!, 'QuocTich')).toBe('VN');
    expect(txt(cd!, 'ThuongTru/MaTinhThanh')).toBe(c.ThuongTru.MaTinhThanh);
    expect(txt(cd!, 'ThuongTru/MaQuanHuyen')).toBe(c.ThuongTru.MaQuanHuyen);
    expect(txt(cd!, 'ThuongTru/MaPhuongXa')).toBe(c.ThuongTru.MaPhuongXa);
    expect(txt(cd!, 'ThuongTru/ChiTiet')).toBe(txt(cd!, 'ThuongTru/ChiTiet').toUpperCase());
    expect(txt(cd!, 'ThuongTru/ChiTiet').startsWith(c.ThuongTru.ChiTiet.toUpperCase())).toBe(true);
    expect(txt(cd!, 'NoiOHienTai/MaPhuongXa')).toBe(c.NoiOHienTai.MaPhuongXa);
    // NoiDangKyKhaiSinh is in the province the ID encodes (PPP, §B3): GSO code = CCCD code without its 0.
    expect(txt(cd!, 'NoiDangKyKhaiSinh/MaTinhThanh')).toBe(c.SoDinhDanh.slice(1, 3));
    expect(txt(cd!, 'NoiDangKyKhaiSinh/MaQuanHuyen')).toMatch(/^\d{3}$/);
    expect(txt(cd!, 'NoiDangKyKhaiSinh/MaPhuongXa')).toMatch(/^\d{5}$/);
    expect(txt(cd!, 'QueQuan/QuocGia')).toBe('VN');
    expect(txt(cd!, 'VoChong/SoDinhDanh')).toBe(c.VoChong!.SoDinhDanh);
    expect(txt(cd!, 'Cha/HoVaTen')).toBe(c.Cha!.HoVaTen.toUpperCase());
    expect(txt(cd!, 'ChuHo/SoDinhDanh')).toBe(c.ChuHo.SoDinhDanh);
    expect(txt(cd!, 'ChuHo/QuanHe')).toBe(c.ChuHo.QuanHe);
    expect(txt(cd!, 'SoSoHoKhau')).toBe(c.SoSoHoKhau);
    // The order of the real reply.
    expect(kids(cd!).map((e) => e.localName)).toEqual([
      'SoDinhDanh', 'SoCMND', 'HoVaTen', 'GioiTinh', 'DanToc', 'TonGiao', 'TinhTrangHonNhan', 'NhomMau', 'NgayThangNamSinh',
      'NoiDangKyKhaiSinh', 'QuocTich', 'QueQuan', 'ThuongTru', 'NoiOHienTai', 'Cha', 'Me', 'VoChong', 'NguoiDaiDien', 'ChuHo', 'SoSoHoKhau',
    ]);
  });

  it('matches HoVaTen with diacritics, lower case and extra spaces, and NgayThangNamSinh by Nam, in lenient mode without a warning', async () => {
    const c = find(h.ctx, (x) => /[ĐđƯưƠơÂâ]/.test(x.HoVaTen));
    const sloppy = `  ${c.HoVaTen.toLowerCase().replace(/ /g, '   ')} `;
    const res = await h.send(soap('TraCuuThongTinCongDan', lookup(c, { HoVaTen: sloppy, NgayThangNamSinh: year(c.NgayThangNamSinh.slice(0, 4)) })));
    expect(congDans(res).map((e) => txt(e, 'SoDinhDanh'))).toEqual([c.SoDinhDanh]);
    expect(codes(res)).not.toContain('NDXP_POP_NAME_FORM');
  });

  it('looks up by SoCMND (9 digits), and refuses a SoCMND that belongs to someone else than the SoDinhDanh', async () => {
    const c = find(h.ctx, (x) => x.SoCMND !== '');
    const byCmnd = await h.send(soap('TraCuuThongTinCongDan', lookup(c, { SoDinhDanh: undefined, SoCMND: c.SoCMND })));
    expect(congDans(byCmnd).map((e) => txt(e, 'SoDinhDanh'))).toEqual([c.SoDinhDanh]);
    const other = find(h.ctx, (x) => x.SoCMND !== '' && x.SoCMND !== c.SoCMND);
    const both = await h.send(soap('TraCuuThongTinCongDan', lookup(c, { SoCMND: other.SoCMND })));
    expect(congDans(both)).toHaveLength(0);
  });

  it('answers an empty CongdanCollection for a well-formed ID that is nobody (not a Fault), with an info verdict', async () => {
    const c = citizen(h.ctx.world, 3);
    let ghost = '';
    for (let s = 1; s < 1000 && !ghost; s++) {
      const id = `${c.SoDinhDanh.slice(0, 6)}${String(s).padStart(6, '0')}`;
      if (!citizenById(h.ctx.world, id)) ghost = id;
    }
    const res = await h.send(soap('TraCuuThongTinCongDan', lookup(c, { SoDinhDanh: ghost })));
    expect(congDans(res)).toHaveLength(0);
    expect(res.verdicts).toContainEqual(expect.objectContaining({ code: 'NDXP_POP_NOT_FOUND', severity: 'info', field: 'SoDinhDanh' }));
  });

  it('answers the empty collection when the name or the birth date does not match the ID', async () => {
    const c = citizen(h.ctx.world, 10);
    const other = citizen(h.ctx.world, 20);
    const wrongName = await h.send(soap('TraCuuThongTinCongDan', lookup(c, { HoVaTen: other.HoVaTenKhongDau === c.HoVaTenKhongDau ? 'NGUYEN VAN X' : other.HoVaTenKhongDau })));
    expect(congDans(wrongName)).toHaveLength(0);
    expect(codes(wrongName)).toContain('NDXP_POP_NAME_MISMATCH');

    const d = c.NgayThangNamSinh;
    const nextDay = d.endsWith('01') ? `${d.slice(0, 6)}02` : `${d.slice(0, 6)}01`;
    const wrongDate = await h.send(soap('TraCuuThongTinCongDan', lookup(c, { NgayThangNamSinh: dob(nextDay) })));
    expect(congDans(wrongDate)).toHaveLength(0);
    expect(codes(wrongDate)).toContain('NDXP_POP_BIRTH_DATE_MISMATCH');

    const wrongYear = await h.send(soap('TraCuuThongTinCongDan', lookup(c, { NgayThangNamSinh: year(String(Number(d.slice(0, 4)) - 1)) })));
    expect(congDans(wrongYear)).toHaveLength(0);
  });

  it('XacThucThongTinCongDan answers KetQuaXacThuc/TonTai true or false', async () => {
    const c = citizen(h.ctx.world, 42);
    const tonTai = async (f: Fields) => {
      const res = await h.send(soap('XacThucThongTinCongDan', f));
      expect(res.status, res.body).toBe(200);
      const k = kid(bodyOf(res), 'KetQuaXacThuc', DAN);
      return kid(k, 'TonTai', DAN).textContent;
    };
    expect(await tonTai(lookup(c))).toBe('true');
    expect(await tonTai(lookup(c, { HoVaTen: 'TRAN THI KHONG CO' }))).toBe('false');
    expect(await tonTai(lookup(c, { NgayThangNamSinh: year('1901') }))).toBe('false');
    // One client names the procedure MaDichVu: read as MaDVC.
    const res = await h.send(soap('XacThucThongTinCongDan', lookup(c), { caller: { MaDVC: undefined, MaDichVu: 'VPCP' } }));
    expect(res.status).toBe(200);
    expect(codes(res)).toContain('NDXP_POP_MADICHVU');
  });

  it('CungCapThongTinCongDan needs only the ID; the name, when given, must still match', async () => {
    const c = citizen(h.ctx.world, 77);
    const res = await h.send(soap('CungCapThongTinCongDan', { SoDinhDanh: c.SoDinhDanh }));
    const [cd] = congDans(res);
    expect(txt(cd!, 'SoSoHoKhau')).toBe(c.SoSoHoKhau);
    expect(kids(cd!)).toHaveLength(20);
    const wrong = await h.send(soap('CungCapThongTinCongDan', { SoDinhDanh: c.SoDinhDanh, HoVaTen: 'AI DO' }));
    expect(congDans(wrong)).toHaveLength(0);
  });

  it('each XacMinh… answers the CongDan restricted to what it verifies, and the empty collection on a mismatch', async () => {
    const c = find(h.ctx, (x) => x.VoChong !== null);
    const identity = ['SoDinhDanh', 'SoCMND', 'HoVaTen', 'GioiTinh', 'NgayThangNamSinh'];
    const expected: Record<string, string[]> = {
      XacMinhThongTinNhanThan: ['SoDinhDanh', 'SoCMND', 'HoVaTen', 'GioiTinh', 'DanToc', 'TonGiao', 'NgayThangNamSinh', 'NoiDangKyKhaiSinh', 'QuocTich', 'QueQuan'],
      XacMinhThongTinNguoiGiamHo: [...identity, 'Cha', 'Me', 'NguoiDaiDien'],
      XacMinhThongTinChuHo: [...identity, 'ChuHo', 'SoSoHoKhau'],
      XacMinhThongTinNoiOHienTai: [...identity, 'ThuongTru', 'NoiOHienTai'],
      XacMinhTinhTrangHonNhan: ['SoDinhDanh', 'SoCMND', 'HoVaTen', 'GioiTinh', 'TinhTrangHonNhan', 'NgayThangNamSinh', 'VoChong'],
      XacMinhTinhTrangChetMatTich: [...identity, 'TinhTrangChetMatTich'],
    };
    for (const [op, names] of Object.entries(expected)) {
      const res = await h.send(soap(op, lookup(c)));
      const [cd, ...rest] = congDans(res);
      expect(rest, op).toHaveLength(0);
      expect(res.operation).toBe(op);
      expect(kids(cd!).map((e) => e.localName), op).toEqual(names);
      const miss = await h.send(soap(op, lookup(c, { NgayThangNamSinh: year('1900') })));
      expect(congDans(miss), op).toHaveLength(0);
    }
    const honNhan = congDans(await h.send(soap('XacMinhTinhTrangHonNhan', lookup(c))))[0]!;
    expect(txt(honNhan, 'TinhTrangHonNhan')).toBe('2');
    expect(txt(honNhan, 'VoChong/SoDinhDanh')).toBe(c.VoChong!.SoDinhDanh);
    const chet = congDans(await h.send(soap('XacMinhTinhTrangChetMatTich', lookup(c))))[0]!;
    expect(txt(chet, 'TinhTrangChetMatTich')).toBe('0');
  });

  it('XacMinhThongTinNguoiGiamHo gives a minor a parent as NguoiDaiDien, an adult none', async () => {
    const minor = find(h.ctx, (x) => age(x) < 18 && !!x.Cha?.SoDinhDanh);
    const cd = congDans(await h.send(soap('XacMinhThongTinNguoiGiamHo', lookup(minor))))[0]!;
    expect(txt(cd, 'NguoiDaiDien/SoDinhDanh')).toBe(minor.Cha!.SoDinhDanh);
    expect(txt(cd, 'Cha/SoDinhDanh')).toBe(minor.Cha!.SoDinhDanh);
    const adult = find(h.ctx, (x) => age(x) >= 30);
    const ad = congDans(await h.send(soap('XacMinhThongTinNguoiGiamHo', lookup(adult))))[0]!;
    expect(txt(ad, 'NguoiDaiDien/SoDinhDanh')).toBe('');
    expect(txt(ad, 'NguoiDaiDien/HoVaTen')).toBe('');
  });

  it('CungCapThongTinHoGiaDinh lists the household head first, every member with the same SoSoHoKhau and ChuHo', async () => {
    const c = find(h.ctx, (x) => x.role === 'child');
    const hh = householdOf(h.ctx.world, c.index);
    const list = congDans(await h.send(soap('CungCapThongTinHoGiaDinh', { SoDinhDanh: c.SoDinhDanh })));
    expect(list.map((e) => txt(e, 'SoDinhDanh'))).toEqual(hh.memberIndices.map((i) => citizen(h.ctx.world, i).SoDinhDanh));
    expect(txt(list[0]!, 'ChuHo/QuanHe')).toBe('Chủ hộ');
    for (const e of list) {
      expect(txt(e, 'SoSoHoKhau')).toBe(hh.SoSoHoKhau);
      expect(txt(e, 'ChuHo/SoDinhDanh')).toBe(txt(list[0]!, 'SoDinhDanh'));
      expect(txt(e, 'ThuongTru/MaPhuongXa')).toBe(hh.ThuongTru.MaPhuongXa);
    }
  });

  it('CungCapThongTinNhomMau answers the blood group', async () => {
    const c = citizen(h.ctx.world, 99);
    const cd = congDans(await h.send(soap('CungCapThongTinNhomMau', { SoDinhDanh: c.SoDinhDanh })))[0]!;
    expect(kids(cd).map((e) => e.localName)).toEqual(['SoDinhDanh', 'SoCMND', 'HoVaTen', 'GioiTinh', 'NhomMau', 'NgayThangNamSinh']);
    expect(txt(cd, 'NhomMau')).toBe(c.NhomMau);
  });

  it('relatives agree: the ChuHo looked up has the same SoSoHoKhau, a spouse\'s VoChong points back, a child\'s Cha has them as child', async () => {
    const c = find(h.ctx, (x) => x.role === 'child' && x.Cha?.SoDinhDanh !== '' && x.Cha !== null, 500);
    const get = async (id: string) => congDans(await h.send(soap('CungCapThongTinCongDan', { SoDinhDanh: id })))[0]!;
    const me = await get(c.SoDinhDanh);
    const head = await get(txt(me, 'ChuHo/SoDinhDanh'));
    expect(txt(head, 'SoSoHoKhau')).toBe(txt(me, 'SoSoHoKhau'));
    expect(txt(head, 'ChuHo/SoDinhDanh')).toBe(txt(head, 'SoDinhDanh'));
    const father = await get(txt(me, 'Cha/SoDinhDanh'));
    expect(txt(father, 'GioiTinh')).toBe('1');
    expect(txt(father, 'HoVaTen/Ten')).toBe(txt(me, 'Cha/HoVaTen'));
    // Quê quán follows the father's line.
    expect(txt(me, 'QueQuan/MaPhuongXa')).toBe(txt(father, 'QueQuan/MaPhuongXa'));
    const spouseId = txt(father, 'VoChong/SoDinhDanh');
    if (spouseId) {
      const spouse = await get(spouseId);
      expect(txt(spouse, 'VoChong/SoDinhDanh')).toBe(txt(father, 'SoDinhDanh'));
      expect(txt(spouse, 'TinhTrangHonNhan')).toBe('2');
    }
    const married = find(h.ctx, (x) => x.VoChong !== null && x.VoChong.SoDinhDanh !== '', 700);
    const a = await get(married.SoDinhDanh);
    const b = await get(txt(a, 'VoChong/SoDinhDanh'));
    expect(txt(b, 'VoChong/SoDinhDanh')).toBe(married.SoDinhDanh);
    expect(txt(b, 'SoSoHoKhau')).toBe(txt(a, 'SoSoHoKhau'));
  });

  it('accepts the qldc: prefix, an inner xmlns redeclaration, text/xml, any resource and any SOAPAction', async () => {
    const c = citizen(h.ctx.world, 5);
    const qldcFields = lookup(c, { NgayThangNamSinh: `<qldc:NgayThangNam>${c.NgayThangNamSinh}</qldc:NgayThangNam>` });
    const qldc = await h.send(soap('TraCuuThongTinCongDan', qldcFields, { prefix: 'qldc' }), { contentType: 'text/xml; charset=utf-8', resource: '/TraCuuThongTinCongDan' });
    expect(congDans(qldc)).toHaveLength(1);
    expect(qldc.verdicts ?? []).toEqual([]);
    // The operation redeclares the default namespace; its fields have no prefix.
    const plain = Object.entries({ ...CALLER, SoDinhDanh: c.SoDinhDanh, HoVaTen: c.HoVaTenKhongDau }).map(([k, v]) => `<${k}>${v}</${k}>`).join('');
    const redeclared = `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="${SOAP}"><s:Body><TraCuuThongTinCongDan xmlns="${DAN}">${plain}<NgayThangNamSinh><NgayThangNam>${c.NgayThangNamSinh}</NgayThangNam></NgayThangNamSinh></TraCuuThongTinCongDan></s:Body></s:Envelope>`;
    const res = await h.send(redeclared, { contentType: 'application/xml; charset=UTF-8' });
    expect(congDans(res)).toHaveLength(1);
    expect(res.verdicts ?? []).toEqual([]);
  });

  it('reads fields in no namespace with a warning in lenient mode', async () => {
    const c = citizen(h.ctx.world, 6);
    const body = `<soapenv:Envelope xmlns:soapenv="${SOAP}" xmlns:dan="${DAN}"><soapenv:Body><dan:TraCuuThongTinCongDan>${fields({ ...CALLER, SoDinhDanh: c.SoDinhDanh, HoVaTen: c.HoVaTenKhongDau }, 'dan')}<NgayThangNamSinh><NgayThangNam>${c.NgayThangNamSinh}</NgayThangNam></NgayThangNamSinh></dan:TraCuuThongTinCongDan></soapenv:Body></soapenv:Envelope>`;
    const res = await h.send(body);
    expect(congDans(res)).toHaveLength(1);
    expect(res.verdicts).toContainEqual(expect.objectContaining({ code: 'NDXP_POP_FIELD_NAMESPACE', severity: 'warning', field: 'NgayThangNamSinh' }));
  });

  it('lenient mode: a missing MaTichHop, a date written as text and a non-XML Content-Type are warnings', async () => {
    const c = citizen(h.ctx.world, 8);
    const res = await h.send(soap('TraCuuThongTinCongDan', lookup(c, { NgayThangNamSinh: c.NgayThangNamSinh }), { caller: { MaTichHop: undefined } }), { contentType: 'application/json' });
    expect(congDans(res)).toHaveLength(1);
    expect(codes(res)).toEqual(expect.arrayContaining(['NDXP_POP_MISSING_MATICHHOP', 'NDXP_POP_DATE_AS_TEXT', 'NDXP_POP_CONTENT_TYPE']));
  });
});

// =========================================================================================================

describe('population database: paged lists', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(async () => {
    await h.control.close();
    await h.app.close();
  });
  const list = (op: string, f: Fields) => h.send(soap(op, f));

  it('CungCapDanhSachTheoDiaPhuong pages through the residents of a province, then a ward, with CoTrangTiep', async () => {
    const c = citizen(h.ctx.world, 0);
    const p1 = await list('CungCapDanhSachTheoDiaPhuong', { MaTinhThanh: c.ThuongTru.MaTinhThanh, SoBanGhi: '5' });
    const p2 = await list('CungCapDanhSachTheoDiaPhuong', { MaTinhThanh: c.ThuongTru.MaTinhThanh, SoBanGhi: '5', TrangSo: '2' });
    const ids1 = congDans(p1).map((e) => txt(e, 'SoDinhDanh'));
    const ids2 = congDans(p2).map((e) => txt(e, 'SoDinhDanh'));
    expect(ids1).toHaveLength(5);
    expect(ids2).toHaveLength(5);
    expect(ids1[0]).toBe(c.SoDinhDanh);
    expect(ids1.filter((x) => ids2.includes(x))).toEqual([]);
    expect(collectionAttrs(p1)).toMatchObject({ SoCongDan: '5', TrangSo: '1', SoBanGhi: '5', CoTrangTiep: 'true', GhiChu: '' });
    for (const e of [...congDans(p1), ...congDans(p2)]) expect(txt(e, 'ThuongTru/MaTinhThanh')).toBe(c.ThuongTru.MaTinhThanh);

    const ward = await list('CungCapDanhSachTheoDiaPhuong', { MaTinhThanh: c.ThuongTru.MaTinhThanh, MaPhuongXa: c.ThuongTru.MaPhuongXa, SoBanGhi: '100' });
    const residents = congDans(ward);
    expect(residents.length).toBeGreaterThan(0);
    for (const e of residents) expect(txt(e, 'ThuongTru/MaPhuongXa')).toBe(c.ThuongTru.MaPhuongXa);
    // A page beyond the end is empty, with no next page.
    const far = await list('CungCapDanhSachTheoDiaPhuong', { MaTinhThanh: c.ThuongTru.MaTinhThanh, MaPhuongXa: c.ThuongTru.MaPhuongXa, SoBanGhi: '100', TrangSo: '500' });
    expect(congDans(far)).toHaveLength(0);
    expect(collectionAttrs(far).CoTrangTiep).toBe('false');
    // A well-formed code nobody lives in is an empty list, not a Fault.
    expect(congDans(await list('CungCapDanhSachTheoDiaPhuong', { MaTinhThanh: '99' }))).toHaveLength(0);
  });

  it('CungCapDanhSachTheoDoTuoi keeps ages (on the emulator clock) within TuTuoi–DenTuoi', async () => {
    const res = await list('CungCapDanhSachTheoDoTuoi', { TuTuoi: '18', DenTuoi: '20', SoBanGhi: '40' });
    const people = congDans(res);
    expect(people).toHaveLength(40);
    for (const e of people) {
      const a = Math.floor((Number(TODAY) - Number(txt(e, 'NgayThangNamSinh/NgayThangNam'))) / 10_000);
      expect(a).toBeGreaterThanOrEqual(18);
      expect(a).toBeLessThanOrEqual(20);
    }
  });

  it('lists by blood group, sex, ethnic group and religion (a rare one too), each entry matching the filter', async () => {
    const cases: [string, string, string][] = [
      ['CungCapDanhSachTheoNhomMau', 'NhomMau', '03'],
      ['CungCapDanhSachTheoGioiTinh', 'GioiTinh', '2'],
      ['CungCapDanhSachTheoDanToc', 'DanToc', '02'],
      ['CungCapDanhSachTheoTonGiao', 'TonGiao', '06'],
    ];
    for (const [op, field, value] of cases) {
      const res = await list(op, { [field]: value, SoBanGhi: '20' });
      const people = congDans(res);
      expect(people.length, op).toBeGreaterThan(0);
      for (const e of people) expect(txt(e, field), op).toBe(value);
    }
    // Narrowed to a province as well.
    const c = citizen(h.ctx.world, 1);
    const women = congDans(await list('CungCapDanhSachTheoGioiTinh', { GioiTinh: '2', MaTinhThanh: c.ThuongTru.MaTinhThanh, SoBanGhi: '10' }));
    for (const e of women) expect(txt(e, 'ThuongTru/MaTinhThanh')).toBe(c.ThuongTru.MaTinhThanh);
  });

  it('clamps SoBanGhi above 100 with a warning in lenient mode, and refuses bad paging or filters', async () => {
    const big = await list('CungCapDanhSachTheoGioiTinh', { GioiTinh: '1', SoBanGhi: '500' });
    expect(congDans(big)).toHaveLength(100);
    expect(codes(big)).toContain('NDXP_POP_PAGE_SIZE');
    const short = await list('CungCapDanhSachTheoDanToc', { DanToc: '2', SoBanGhi: '3' });
    for (const e of congDans(short)) expect(txt(e, 'DanToc')).toBe('02');
    expect(codes(short)).toContain('NDXP_POP_CODE_WIDTH');
    const bad: [string, Fields, string, string][] = [
      ['CungCapDanhSachTheoDoTuoi', { TuTuoi: '30', DenTuoi: '20' }, '012', 'TuTuoi'],
      ['CungCapDanhSachTheoDoTuoi', {}, '008', 'TuTuoi'],
      ['CungCapDanhSachTheoDiaPhuong', {}, '008', 'MaTinhThanh'],
      ['CungCapDanhSachTheoDiaPhuong', { MaTinhThanh: 'HN' }, '012', 'MaTinhThanh'],
      ['CungCapDanhSachTheoNhomMau', { NhomMau: '07' }, '012', 'NhomMau'],
      ['CungCapDanhSachTheoGioiTinh', { GioiTinh: '3' }, '012', 'GioiTinh'],
      ['CungCapDanhSachTheoGioiTinh', { GioiTinh: '1', TrangSo: '0' }, '012', 'TrangSo'],
      ['CungCapDanhSachTheoGioiTinh', { GioiTinh: '1', SoBanGhi: 'abc' }, '012', 'SoBanGhi'],
    ];
    for (const [op, f, code, field] of bad) {
      const x = fault(await list(op, f));
      expect([x.status, x.errorCode, x.field], `${op} ${JSON.stringify(f)}`).toEqual([500, code, field]);
    }
  });
});

// =========================================================================================================

describe('population database: Faults', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(async () => {
    await h.control.close();
    await h.app.close();
  });
  const c = () => citizen(h.ctx.world, 12);

  it('refuses what is not a SOAP 1.1 envelope as a soapenv:Client Fault with errorCode in <detail>', async () => {
    const cases: [string | Buffer, string, string][] = [
      ['', '001', 'NDXP_POP_XML_MALFORMED'],
      ['hello', '001', 'NDXP_POP_XML_MALFORMED'],
      [`<soapenv:Envelope xmlns:soapenv="${SOAP}"><soapenv:Body><a></soapenv:Body></soapenv:Envelope>`, '001', 'NDXP_POP_XML_MALFORMED'],
      [Buffer.from([0x3c, 0x61, 0xff, 0x3e]), '001', 'NDXP_POP_XML_MALFORMED'],
      [`<!DOCTYPE x [<!ENTITY e "boom">]><soapenv:Envelope xmlns:soapenv="${SOAP}"><soapenv:Body>&e;</soapenv:Body></soapenv:Envelope>`, '002', 'NDXP_POP_XML_DTD_FORBIDDEN'],
      [`<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>`, '002', 'NDXP_POP_XML_DTD_FORBIDDEN'],
      [`<soapenv:Envelope xmlns:soapenv="${SOAP}"><!DOCTYPE y><soapenv:Body/></soapenv:Envelope>`, '002', 'NDXP_POP_XML_DTD_FORBIDDEN'],
      [`<soapenv:Envelope xmlns:soapenv="${SOAP}"><soapenv:Body>&undefined;</soapenv:Body></soapenv:Envelope>`, '001', 'NDXP_POP_XML_MALFORMED'],
      ['<TraCuuThongTinCongDan xmlns="http://dancuquocgia.bca"/>', '003', 'NDXP_POP_NOT_SOAP'],
      [`<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body/></env:Envelope>`, '003', 'NDXP_POP_NOT_SOAP'],
      [`<soapenv:Envelope xmlns:soapenv="${SOAP}"><soapenv:Header/></soapenv:Envelope>`, '003', 'NDXP_POP_NOT_SOAP'],
      [`<soapenv:Envelope xmlns:soapenv="${SOAP}"><soapenv:Body> </soapenv:Body></soapenv:Envelope>`, '003', 'NDXP_POP_NOT_SOAP'],
    ];
    for (const [body, wire, code] of cases) {
      const res = await h.send(body);
      const f = fault(res);
      expect([f.status, f.faultcode, f.errorCode, f.code], String(body)).toEqual([500, 'soapenv:Client', wire, code]);
      expect(f.errorMessage.length).toBeGreaterThan(10);
      expect(res.verdicts).toContainEqual(expect.objectContaining({ code, severity: 'error' }));
    }
  });

  it('names the operation that is unknown, in the wrong namespace, or part of the batch API', async () => {
    const wrongNs = fault(await h.send(soap('TraCuuThongTinCongDan', lookup(c())).replace(`xmlns:dan="${DAN}"`, 'xmlns:dan="http://dancuquocgia.bca/"')));
    expect([wrongNs.errorCode, wrongNs.code]).toEqual(['007', 'NDXP_POP_WRONG_NAMESPACE']);
    expect(wrongNs.faultstring).toContain('http://dancuquocgia.bca');
    const unknown = fault(await h.send(soap('TraCuuCongDan', lookup(c()))));
    expect([unknown.errorCode, unknown.code, unknown.field]).toEqual(['006', 'NDXP_POP_UNKNOWN_OPERATION', 'TraCuuCongDan']);
    const batch = fault(await h.send(soap('GetRequests', {})));
    expect(batch.errorCode).toBe('006');
    expect(batch.faultstring).toMatch(/asynchronous batch API/);
  });

  it('names each missing or malformed field with its own code', async () => {
    const x = c();
    const cases: [Fields, Fields, string, string][] = [
      [{}, { MaYeuCau: undefined }, '008', 'MaYeuCau'],
      [{}, { MaDVC: undefined }, '008', 'MaDVC'],
      [{}, { MaCanBo: '' }, '008', 'MaCanBo'],
      [{}, { MaYeuCau: 'x'.repeat(101) }, '012', 'MaYeuCau'],
      [{ SoDinhDanh: undefined }, {}, '009', 'SoDinhDanh'],
      [{ HoVaTen: undefined }, {}, '008', 'HoVaTen'],
      [{ NgayThangNamSinh: undefined }, {}, '008', 'NgayThangNamSinh'],
      [{ SoDinhDanh: '12345678901' }, {}, '010', 'SoDinhDanh'],
      [{ SoDinhDanh: '003092008262' }, {}, '010', 'SoDinhDanh'],
      [{ SoDinhDanh: '026092000000' }, {}, '010', 'SoDinhDanh'],
      [{ SoDinhDanh: undefined, SoCMND: '12345678' }, {}, '010', 'SoCMND'],
      [{ NgayThangNamSinh: dob('19921345') }, {}, '011', 'NgayThangNamSinh/NgayThangNam'],
      [{ NgayThangNamSinh: dob('1992-11-22') }, {}, '011', 'NgayThangNamSinh/NgayThangNam'],
      [{ NgayThangNamSinh: dob('20261125') }, {}, '011', 'NgayThangNamSinh/NgayThangNam'],
      [{ NgayThangNamSinh: year('92') }, {}, '011', 'NgayThangNamSinh/Nam'],
      [{ NgayThangNamSinh: dob('19921122') + year('1993') }, {}, '011', 'NgayThangNamSinh/Nam'],
      [{ NgayThangNamSinh: '<dan:Ngay>22</dan:Ngay>' }, {}, '011', 'NgayThangNamSinh'],
    ];
    for (const [f, caller, wire, field] of cases) {
      const res = await h.send(soap('TraCuuThongTinCongDan', lookup(x, f), { caller }));
      const got = fault(res);
      expect([got.status, got.faultcode, got.errorCode, got.field], JSON.stringify({ f, caller })).toEqual([500, 'soapenv:Client', wire, field]);
      expect(got.faultstring).toContain(field.split('/').at(-1)!);
      expect(res.operation).toBe('TraCuuThongTinCongDan');
    }
  });

  it('answers GET with 405 and a Fault', async () => {
    const res = await h.send('', { method: 'GET', contentType: null });
    expect(res.status).toBe(405);
    expect(res.headers?.allow).toBe('POST');
    expect(fault(res).errorCode).toBe('014');
  });
});

// =========================================================================================================

describe('population database: strict mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness('strict');
  });
  afterAll(async () => {
    await h.control.close();
    await h.app.close();
  });

  it('accepts a name with diacritics but notes it is not the upper-case ASCII form; the canonical form has no verdict', async () => {
    const c = citizen(h.ctx.world, 30);
    const accented = await h.send(soap('TraCuuThongTinCongDan', lookup(c, { HoVaTen: c.HoVaTen })));
    expect(congDans(accented)).toHaveLength(1);
    expect(accented.verdicts).toContainEqual(expect.objectContaining({ code: 'NDXP_POP_NAME_FORM', severity: 'warning', field: 'HoVaTen' }));
    const canonical = await h.send(soap('TraCuuThongTinCongDan', lookup(c)));
    expect(congDans(canonical)).toHaveLength(1);
    expect(canonical.verdicts ?? []).toEqual([]);
  });

  it('turns lenient warnings into Faults: MaTichHop, fields out of namespace, the date as text, the Content-Type, SoBanGhi > 100, a short code', async () => {
    const c = citizen(h.ctx.world, 31);
    const noTichHop = fault(await h.send(soap('TraCuuThongTinCongDan', lookup(c), { caller: { MaTichHop: undefined } })));
    expect([noTichHop.errorCode, noTichHop.field]).toEqual(['008', 'MaTichHop']);
    const body = soap('TraCuuThongTinCongDan', lookup(c)).replace('<dan:HoVaTen>', '<HoVaTen>').replace('</dan:HoVaTen>', '</HoVaTen>');
    const unqualified = fault(await h.send(body));
    expect([unqualified.errorCode, unqualified.field]).toEqual(['007', 'HoVaTen']);
    const asText = fault(await h.send(soap('TraCuuThongTinCongDan', lookup(c, { NgayThangNamSinh: c.NgayThangNamSinh }))));
    expect([asText.errorCode, asText.field]).toEqual(['011', 'NgayThangNamSinh']);
    const json = fault(await h.send(soap('TraCuuThongTinCongDan', lookup(c)), { contentType: 'application/json' }));
    expect([json.errorCode, json.field]).toEqual(['013', 'Content-Type']);
    const big = fault(await h.send(soap('CungCapDanhSachTheoGioiTinh', { GioiTinh: '1', SoBanGhi: '500' })));
    expect([big.errorCode, big.field]).toEqual(['012', 'SoBanGhi']);
    const short = fault(await h.send(soap('CungCapDanhSachTheoDanToc', { DanToc: '2' })));
    expect([short.errorCode, short.field]).toEqual(['012', 'DanToc']);
  });

  it('takes both application/xml and text/xml without a verdict', async () => {
    const c = citizen(h.ctx.world, 32);
    for (const type of ['application/xml', 'text/xml; charset=utf-8']) {
      const res = await h.send(soap('TraCuuThongTinCongDan', lookup(c)), { contentType: type });
      expect(congDans(res)).toHaveLength(1);
      expect(res.verdicts ?? []).toEqual([]);
    }
  });
});

// =========================================================================================================

describe('population database: licences (giấy phép khai thác) through the control routes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(async () => {
    await h.control.close();
    await h.app.close();
  });
  const url = (id = '') => `/_lienthong/ndxp/population/licences${id ? `/${id}` : ''}`;

  it('allows everything to a consumer without a licence', async () => {
    const res = await h.control.inject({ method: 'GET', url: url('nobody') });
    expect(res.json()).toMatchObject({ clientId: 'nobody', procedures: ['*'], officials: ['*'], default: true });
    const c = citizen(h.ctx.world, 50);
    expect(congDans(await h.send(soap('TraCuuThongTinCongDan', lookup(c)), { clientId: 'nobody' }))).toHaveLength(1);
  });

  it('answers 004 for a procedure not licensed and 005 for an official not authorised, with the real messages', async () => {
    const put = await h.control.inject({ method: 'PUT', url: url('hcm'), payload: { procedures: ['G15-TP110'], officials: ['tthieu.stttt'] } });
    expect(put.statusCode).toBe(201);
    expect(put.json()).toMatchObject({ clientId: 'hcm', procedures: ['G15-TP110'], officials: ['tthieu.stttt'], default: false });
    const c = citizen(h.ctx.world, 51);
    const as = (caller: Fields) => h.send(soap('TraCuuThongTinCongDan', lookup(c), { caller }), { clientId: 'hcm' });

    const e004 = fault(await as({ MaDVC: 'VPCP', MaCanBo: 'tthieu.stttt' }));
    expect([e004.status, e004.errorCode, e004.code, e004.field]).toEqual([500, '004', 'NDXP_POP_PROCEDURE_NOT_LICENSED', 'MaDVC']);
    expect(e004.errorMessage).toBe('Thủ tục chưa được cấp phép khai thác CSDL dân cư');
    expect(e004.faultstring).toContain('VPCP');

    const e005 = fault(await as({ MaDVC: 'G15-TP110', MaCanBo: '001090000123' }));
    expect([e005.errorCode, e005.code, e005.field]).toEqual(['005', 'NDXP_POP_OFFICIAL_NOT_AUTHORISED', 'MaCanBo']);
    expect(e005.errorMessage).toBe('Tài khoản cán bộ không có quyền thao tác');

    expect(congDans(await as({ MaDVC: 'G15-TP110', MaTichHop: '003', MaCanBo: 'tthieu.stttt' }))).toHaveLength(1);
    // Another consumer is not affected.
    expect(congDans(await h.send(soap('TraCuuThongTinCongDan', lookup(c))))).toHaveLength(1);

    // "*" opens a list; an update answers 200.
    const upd = await h.control.inject({ method: 'PUT', url: url('hcm'), payload: { procedures: ['G15-TP110'], officials: ['*'] } });
    expect(upd.statusCode).toBe(200);
    expect(congDans(await as({ MaDVC: 'G15-TP110', MaCanBo: 'anyone' }))).toHaveLength(1);
    expect(fault(await as({ MaDVC: 'VPCP', MaCanBo: 'anyone' })).errorCode).toBe('004');

    const all = await h.control.inject({ method: 'GET', url: url() });
    expect(all.json().licences.map((l: { clientId: string }) => l.clientId)).toContain('hcm');
    const del = await h.control.inject({ method: 'DELETE', url: url('hcm') });
    expect(del.json()).toMatchObject({ deleted: true, licence: { default: true } });
    expect(congDans(await as({ MaDVC: 'VPCP', MaCanBo: 'anyone' }))).toHaveLength(1);
  });

  it('validates the licence body against lienthong:ndxp/population-licence', async () => {
    const bad = [{ procedures: ['VPCP'] }, { procedures: 'VPCP', officials: [] }, { procedures: [''], officials: [] }, { procedures: [], officials: [], extra: 1 }];
    for (const payload of bad) {
      const res = await h.control.inject({ method: 'PUT', url: url('x'), payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('BAD_REQUEST');
      expect(res.json().error.message).toContain('lienthong:ndxp/population-licence');
    }
    // An empty list licenses nothing.
    await h.control.inject({ method: 'PUT', url: url('none'), payload: { procedures: [], officials: [] } });
    const c = citizen(h.ctx.world, 52);
    expect(fault(await h.send(soap('TraCuuThongTinCongDan', lookup(c)), { clientId: 'none' })).errorCode).toBe('004');
  });

  it('clear() drops licences unless systems are kept', async () => {
    await h.control.inject({ method: 'PUT', url: url('keep'), payload: { procedures: ['A'], officials: ['B'] } });
    await populationPart.clear(h.ctx, { keepSystems: true });
    expect((await h.control.inject({ method: 'GET', url: url('keep') })).json().default).toBe(false);
    await populationPart.clear(h.ctx, { keepSystems: false });
    expect((await h.control.inject({ method: 'GET', url: url('keep') })).json().default).toBe(true);
  });
});
