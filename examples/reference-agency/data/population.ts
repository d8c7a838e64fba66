/**
 * The citizen lookup (TraCuuThongTinCongDan) against the National Population Database through the gateway,
 * as the public clients of specs/dvcqg-ndxp.md §B2 send it: SOAP 1.1, every element in
 * http://dancuquocgia.bca, Content-Type application/xml, the caller fields (MaYeuCau, MaDVC, MaTichHop
 * 037, MaCanBo, MaDonVi, TaiKhoan), the name upper case without diacritics (S2), the date as
 * NgayThangNam/Nam. The reply is read as OpenCPS reads it: CongdanCollection/CongDan, empty = not found; a
 * Fault's detail/errorCode (004, 005, …) is the database's reason.
 */
import { randomUUID } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { foldName } from '../../../emulator/platforms/ndxp/population/identity.js';
import { DAN_NS, DANCU_NS, SOAP11_NS } from '../../../emulator/platforms/ndxp/population/wire/envelope.js';
import { childNamed, el, elementChildren, parseXml, serialize } from '../../../emulator/platforms/ndxp/population/wire/xml.js';
import { firstText, type GatewayReply } from './gateway-client.js';

/** What the system is configured with for its lookups (a one-stop office of UBND tỉnh Quảng Ninh). */
export interface CallerConfig {
  maDVC: string;
  maCanBo: string;
  maDonVi: string;
  taiKhoan: string;
}

export interface CitizenQuery {
  soDinhDanh: string;
  hoVaTen: string;
  /** yyyyMMdd or yyyy. */
  ngaySinh: string;
}

export interface CitizenFound {
  SoDinhDanh: string;
  SoCMND: string;
  HoVaTen: string;
  NgayThangNamSinh: string;
  GioiTinh: string;
  QuocTich: string;
  ThuongTru: string;
}

export type PopulationAnswer =
  | { kind: 'found'; citizen: CitizenFound }
  | { kind: 'not-found' }
  | { kind: 'fault'; clientFault: boolean; code: string; message: string }
  | { kind: 'other' };

/** The SOAP request; `qualified: false` writes the fields without their namespace (defect ndxp-bad-soap). */
export function lookupRequest(q: CitizenQuery, caller: CallerConfig, qualified = true): string {
  const f = (name: string, ...children: (ReturnType<typeof el> | string)[]) => el(qualified ? `dan:${name}` : name, {}, ...children);
  const date = q.ngaySinh.length === 8 ? f('NgayThangNam', q.ngaySinh) : f('Nam', q.ngaySinh);
  return serialize(
    el(
      'soapenv:Envelope',
      { 'xmlns:soapenv': SOAP11_NS, 'xmlns:dan': DAN_NS },
      el('soapenv:Header'),
      el(
        'soapenv:Body',
        {},
        el(
          'dan:TraCuuThongTinCongDan',
          {},
          f('MaYeuCau', randomUUID()),
          f('MaDVC', caller.maDVC),
          f('MaTichHop', '037'),
          f('MaCanBo', caller.maCanBo),
          f('MaDonVi', caller.maDonVi),
          f('TaiKhoan', caller.taiKhoan),
          f('SoDinhDanh', q.soDinhDanh),
          f('HoVaTen', foldName(q.hoVaTen)),
          f('NgayThangNamSinh', date),
        ),
      ),
    ),
  );
}

function text(parent: Element, name: string): string {
  return childNamed(parent, name, DANCU_NS)?.textContent?.trim() ?? '';
}

function readCongDan(c: Element): CitizenFound {
  const ten = childNamed(c, 'HoVaTen', DANCU_NS);
  const name = ten ? ['Ho', 'ChuDem', 'Ten'].map((n) => text(ten, n)).filter(Boolean).join(' ') : '';
  const born = childNamed(c, 'NgayThangNamSinh', DANCU_NS);
  const thuongTru = childNamed(c, 'ThuongTru', DANCU_NS);
  return {
    SoDinhDanh: text(c, 'SoDinhDanh'),
    SoCMND: text(c, 'SoCMND'),
    HoVaTen: name,
    NgayThangNamSinh: born ? text(born, 'NgayThangNam') || text(born, 'Nam') : '',
    GioiTinh: text(c, 'GioiTinh'),
    QuocTich: text(c, 'QuocTich'),
    ThuongTru: thuongTru ? text(thuongTru, 'ChiTiet') : '',
  };
}

/** Reads the database's answer (a 200 with a collection, or a SOAP Fault); `other` when it is neither. */
export function readAnswer(reply: GatewayReply): PopulationAnswer {
  if (!/xml/i.test(reply.contentType)) return { kind: 'other' };
  let root: Element | null;
  try {
    root = parseXml(Buffer.from(reply.text, 'utf8')).documentElement;
  } catch {
    return { kind: 'other' };
  }
  if (!root || root.namespaceURI !== SOAP11_NS || root.localName !== 'Envelope') return { kind: 'other' };
  const body = childNamed(root, 'Body', SOAP11_NS);
  const first = body ? elementChildren(body)[0] : undefined;
  if (!first) return { kind: 'other' };
  if (first.localName === 'Fault' && first.namespaceURI === SOAP11_NS) {
    const faultcode = childNamed(first, 'faultcode')?.textContent?.trim() ?? '';
    const detail = childNamed(first, 'detail');
    const code = detail ? (firstText(detail, 'errorCode', DAN_NS) ?? '') : '';
    const message = (detail && firstText(detail, 'errorMessage', DAN_NS)) || childNamed(first, 'faultstring')?.textContent?.trim() || 'SOAP Fault';
    return { kind: 'fault', clientFault: /Client$/.test(faultcode), code: code || faultcode, message };
  }
  if (first.localName === 'CongdanCollection' && first.namespaceURI === DANCU_NS) {
    const people = elementChildren(first).filter((c) => c.localName === 'CongDan' && c.namespaceURI === DANCU_NS);
    return people[0] ? { kind: 'found', citizen: readCongDan(people[0]) } : { kind: 'not-found' };
  }
  return { kind: 'other' };
}
