/**
 * The population database's SOAP 1.1 endpoint behind the gateway (specs/dvcqg-ndxp.md §B2, §B3; decision
 * 011): XXE and entity expansion, nesting bombs, truncated and non-UTF-8 envelopes, characters XML forbids,
 * roots that are not a SOAP 1.1 Envelope, unknown or misplaced operations, and CallApi037-style requests
 * with one field missing, malformed or oversized. Faults are HTTP 500 with faultcode soapenv:Client, as
 * SOAP 1.1 §6.2 requires: the case is judged by the Fault's code, never by the status alone.
 */
import type { Fixture } from './fixture.js';
import { MAX_BODY } from './fixture.js';
import { boundaryIn, FORBIDDEN_XML, insertAt, INVALID_UTF8, textOffsets, utf16be } from './mutate.js';
import { chars, seeded, type Rng } from './rng.js';
import { CaseList, type BadCase, type Method } from './types.js';
import { nestingBomb, xmlAttacks, type Target } from './xml-attacks.js';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const DAN = 'http://dancuquocgia.bca';
const URLS = ['/ndxp/apiCSDLDC/1.0', '/ndxp/apiCSDLDC', '/ndxp/apiCSDLDC/1.0/TraCuuThongTinCongDan'];

type Person = Fixture['ndxp']['person'];

/** CallApi037's request (the public client): caller fields, the person's ID, name and birth date. */
export function callApi037(p: Person, over: Record<string, string | null> = {}, op = 'TraCuuThongTinCongDan'): string {
  const f: Record<string, string | null> = {
    MaYeuCau: 'RANDOM123456789', MaDVC: 'VPCP', MaTichHop: '037', MaCanBo: '001090000123', MaDonVi: '000.00.01.H22', TaiKhoan: 'canbo1', SoDienThoai: '0',
    SoDinhDanh: p.SoDinhDanh, HoVaTen: p.HoVaTen, ...over,
  };
  const fields = Object.entries(f).filter(([, v]) => v !== null).map(([k, v]) => `<dan:${k}>${v}</dan:${k}>`).join('');
  const birth = 'NgayThangNamSinh' in over ? (over.NgayThangNamSinh ?? '') : `<dan:NgayThangNamSinh><dan:NgayThangNam>${p.NgayThangNamSinh}</dan:NgayThangNam></dan:NgayThangNamSinh>`;
  return `<soapenv:Envelope xmlns:soapenv="${SOAP}" xmlns:dan="${DAN}"><soapenv:Header/><soapenv:Body><dan:${op}>${fields.replace(/<dan:NgayThangNamSinh>.*<\/dan:NgayThangNamSinh>/, '')}${birth}</dan:${op}></soapenv:Body></soapenv:Envelope>`;
}

function target(text: string): Target {
  return { text, rootName: 'soapenv:Envelope', withContent: (markup) => text.replace(/(<dan:SoDinhDanh>)[^<]*(<\/dan:SoDinhDanh>)/, `$1${markup}$2`) };
}

export function ndxpSoapCases(fx: Fixture, seed = 8203): BadCase[] {
  const rng = seeded(seed);
  const L = new CaseList('ndxp-soap', 'soap');
  const person = fx.ndxp.person;
  const post = (family: string, body: Buffer | string, expect: string[], o: { contentType?: string; method?: Method; url?: string; auth?: boolean } = {}) =>
    L.add(family, {
      method: o.method ?? 'POST',
      url: o.url ?? rng.helpers.arrayElement(URLS),
      headers: { ...(o.auth === false ? {} : { authorization: `Bearer ${fx.ndxp.token}` }), 'content-type': o.contentType ?? rng.helpers.arrayElement(['application/xml', 'text/xml; charset=utf-8']), soapaction: '""' },
      payload: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
    }, expect);
  const ops = ['TraCuuThongTinCongDan', 'XacThucThongTinCongDan', 'CungCapThongTinCongDan', 'XacMinhThongTinChuHo', 'CungCapThongTinNhomMau'];
  const bases = (r: Rng) => ops.map((op) => callApi037(person, { MaYeuCau: r.string.alphanumeric(15) }, op));

  // ---- XXE, entity expansion, DTDs ----
  for (let round = 0; round < 6; round++) {
    for (const text of bases(rng)) {
      for (const a of xmlAttacks(target(text), fx.marker, rng)) {
        const expect = a.kind === 'dtd' ? ['NDXP_POP_XML_DTD_FORBIDDEN'] : a.kind === 'malformed' ? ['NDXP_POP_XML_MALFORMED', 'NDXP_POP_XML_DTD_FORBIDDEN'] : ['NDXP_POP_ID_MISSING', 'NDXP_POP_ID_INVALID'];
        post('xxe', a.text, expect);
      }
    }
  }
  // ---- nesting bombs ----
  for (const depth of [65, 100, 1_000, 20_000, 40_000]) {
    for (let i = 0; i < 6; i++) post('deep-nesting', nestingBomb(target(rng.helpers.arrayElement(bases(rng))), depth, rng.helpers.arrayElement(['a', 'dan:x', 'soapenv:Body']), rng).text, ['NDXP_POP_XML_TOO_DEEP']);
  }
  // ---- bytes: truncated, not UTF-8, forbidden characters, UTF-16 ----
  for (const text of bases(rng)) {
    const bytes = Buffer.from(text, 'utf8');
    for (let i = 0; i < 30; i++) post('truncated', bytes.subarray(0, boundaryIn(bytes, rng, 1, bytes.length - 2)), ['NDXP_POP_XML_MALFORMED']);
    const offsets = textOffsets(text).map((o) => Buffer.byteLength(text.slice(0, o)));
    for (const [, seq] of INVALID_UTF8) post('invalid-utf8', insertAt(bytes, rng.helpers.arrayElement(offsets), seq), ['NDXP_POP_XML_MALFORMED']);
    for (const [, ch] of FORBIDDEN_XML) {
      const at = rng.helpers.arrayElement(textOffsets(text));
      post('forbidden-char', text.slice(0, at) + ch + text.slice(at), ['NDXP_POP_XML_MALFORMED']);
    }
    post('encoding', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), ['NDXP_POP_XML_MALFORMED']);
    post('encoding', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]), ['NDXP_POP_XML_MALFORMED']);
    post('encoding', Buffer.from(text, 'utf16le'), ['NDXP_POP_XML_MALFORMED']);
  }
  post('empty', Buffer.alloc(0), ['NDXP_POP_XML_MALFORMED']);
  for (const over of [1, 65_536, MAX_BODY]) post('oversize-body', Buffer.alloc(MAX_BODY + over, 0x3c), ['NDXP_BODY_TOO_LARGE']);

  // ---- not a SOAP 1.1 request ----
  for (let i = 0; i < 30; i++) {
    const text = rng.helpers.arrayElement(bases(rng));
    post('not-soap', text.split(SOAP).join('http://www.w3.org/2003/05/soap-envelope'), ['NDXP_POP_NOT_SOAP']);
    post('not-soap', text.split(SOAP).join(rng.internet.url()), ['NDXP_POP_NOT_SOAP']);
    post('not-soap', text.replace(/<soapenv:Body>.*<\/soapenv:Body>/, ''), ['NDXP_POP_NOT_SOAP']);
    post('not-soap', text.replace(/<soapenv:Body>.*<\/soapenv:Body>/, '<soapenv:Body></soapenv:Body>'), ['NDXP_POP_NOT_SOAP']);
    post('not-soap', `<${rng.lorem.word()}><SoDinhDanh>${person.SoDinhDanh}</SoDinhDanh></${rng.lorem.word() && 'x'}>`.replace(/<\/x>$/, (m) => m), ['NDXP_POP_NOT_SOAP', 'NDXP_POP_XML_MALFORMED']);
    post('not-soap', JSON.stringify({ SoDinhDanh: person.SoDinhDanh, HoVaTen: person.HoVaTen }), ['NDXP_POP_XML_MALFORMED'], { contentType: 'application/json' });
    post('not-soap', `SoDinhDanh=${person.SoDinhDanh}`, ['NDXP_POP_XML_MALFORMED'], { contentType: 'application/x-www-form-urlencoded' });
  }
  // ---- operations ----
  for (let i = 0; i < 30; i++) {
    const name = rng.helpers.arrayElement([rng.lorem.word().replace(/[^a-z]/gi, '') || 'x', 'TraCuuThongTinCongDanX', 'tracuuthongtincongdan', 'constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']);
    post('operation', callApi037(person, {}, name), ['NDXP_POP_UNKNOWN_OPERATION']);
    post('operation', callApi037(person, {}, 'TraCuuThongTinCongDan').replace(/dan:TraCuuThongTinCongDan/g, 'x:TraCuuThongTinCongDan').replace('<x:TraCuuThongTinCongDan>', `<x:TraCuuThongTinCongDan xmlns:x="${rng.internet.url()}">`), ['NDXP_POP_WRONG_NAMESPACE']);
    post('operation', callApi037(person, {}, rng.helpers.arrayElement(['CungCapDanhSachTheoLo', 'GuiYeuCauTheoLo', 'LayKetQuaTheoLo']).replace(/^/, '')), ['NDXP_POP_UNKNOWN_OPERATION']);
    post('method', callApi037(person), ['NDXP_POP_METHOD_NOT_ALLOWED'], { method: rng.helpers.arrayElement<Method>(['GET', 'PUT', 'DELETE', 'PATCH']) });
  }
  // ---- fields ----
  for (let i = 0; i < 30; i++) {
    const field = rng.helpers.arrayElement(['MaYeuCau', 'MaDVC', 'MaCanBo', 'HoVaTen']);
    post('field', callApi037(person, { [field]: null }), ['NDXP_POP_MISSING_FIELD']);
    post('field', callApi037(person, { [field]: rng.helpers.arrayElement(['', '   ']) }), ['NDXP_POP_MISSING_FIELD']);
    post('field', callApi037(person, { NgayThangNamSinh: null }), ['NDXP_POP_MISSING_FIELD', 'NDXP_POP_DATE_INVALID']);
    post('field', callApi037(person, { SoDinhDanh: null }), ['NDXP_POP_ID_MISSING']);
    post('field', callApi037(person, { SoDinhDanh: rng.helpers.arrayElement([rng.string.numeric(11), rng.string.numeric(13), rng.string.alpha(12), `999${rng.string.numeric(9)}`, '٠٠١٠٩٠٠٠٠١٢٣', `${person.SoDinhDanh} x`]) }), ['NDXP_POP_ID_INVALID']);
    post('field', callApi037(person, { SoDinhDanh: null, SoCMND: rng.helpers.arrayElement([rng.string.numeric(8), rng.string.numeric(10), rng.string.alpha(9)]) }), ['NDXP_POP_ID_INVALID']);
    const birth = rng.helpers.arrayElement(['<dan:NgayThangNamSinh><dan:NgayThangNam>20261301</dan:NgayThangNam></dan:NgayThangNamSinh>', '<dan:NgayThangNamSinh><dan:NgayThangNam>2099-01-01</dan:NgayThangNam></dan:NgayThangNamSinh>', '<dan:NgayThangNamSinh><dan:Nam>abcd</dan:Nam></dan:NgayThangNamSinh>', '<dan:NgayThangNamSinh><dan:NgayThangNam>20990101</dan:NgayThangNam></dan:NgayThangNamSinh>', '<dan:NgayThangNamSinh/>', '<dan:NgayThangNamSinh><dan:NgayThangNam>19900101</dan:NgayThangNam><dan:Nam>1991</dan:Nam></dan:NgayThangNamSinh>']);
    post('field', callApi037(person, { NgayThangNamSinh: birth }), ['NDXP_POP_DATE_INVALID', 'NDXP_POP_MISSING_FIELD']);
    post('field', callApi037(person, { [rng.helpers.arrayElement(['MaYeuCau', 'MaDVC', 'MaCanBo', 'MaDonVi', 'TaiKhoan'])]: chars(rng, rng.number.int({ min: 101, max: 200_000 }), 'ABC123') }), ['NDXP_POP_FIELD_INVALID']);
    post('field', callApi037(person, { HoVaTen: chars(rng, rng.number.int({ min: 151, max: 100_000 }), 'NGUYEN VAN ') }), ['NDXP_POP_FIELD_INVALID']);
  }
  // ---- the gateway in front of it, answered in WSO2's XML fault for XML callers ----
  for (let i = 0; i < 20; i++) {
    post('gateway', callApi037(person), ['NDXP_MISSING_CREDENTIALS'], { auth: false });
    L.add('gateway', { method: 'POST', url: rng.helpers.arrayElement(URLS), headers: { authorization: `Bearer ${rng.string.uuid()}`, 'content-type': 'text/xml' }, payload: Buffer.from(callApi037(person)) }, ['NDXP_INVALID_CREDENTIALS']);
  }
  return L.cases;
}
