/**
 * Judging the SUT's lookups as sent, with the emulator's own readers in strict mode (decision 001): the
 * population SOAP request by the population service's envelope and field readers (decision 011), the
 * business-registration query by the registry's parameter reader (decision 012), plus the verdicts the
 * emulator itself recorded on the exchange. Answers what is wrong, in words for the certifier.
 */
import type { EvidenceEvent } from '../../../emulator/core/evidence.js';
import { EmulatorError } from '../../../emulator/core/errors.js';
import { parseTaxCode } from '../../../emulator/core/world/index.js';
import { Query } from '../../../emulator/platforms/ndxp/business/params.js';
import { foldName } from '../../../emulator/platforms/ndxp/population/identity.js';
import { OperationRequest, readBirthDate, readCallerFields, readName, readPersonKey } from '../../../emulator/platforms/ndxp/population/request.js';
import { DAN_NS, operationElement } from '../../../emulator/platforms/ndxp/population/wire/envelope.js';
import { parseXml } from '../../../emulator/platforms/ndxp/population/wire/xml.js';

/** Verdicts that say an answer, not a fault of the request (a well-formed lookup of nobody). */
const ANSWER_VERDICTS = new Set(['NDXP_DKDN_ENTERPRISE_NOT_FOUND', 'NDXP_DKDN_FILING_NOT_FOUND', 'NDXP_POP_NOT_FOUND', 'NDXP_POP_NAME_MISMATCH', 'NDXP_POP_BIRTH_DATE_MISMATCH']);

/** What the emulator flagged on the exchange: warnings (lenient acceptances) and errors (refusals). */
export function flagged(e: EvidenceEvent): string[] {
  return e.verdicts.filter((v) => v.severity !== 'info' && !ANSWER_VERDICTS.has(v.code)).map((v) => `${v.code}: ${v.message}`);
}

/** Problems for a failure message: the first few, then how many more (the full list goes in `actual`). */
export function listed(problems: string[], max = 4): string {
  return problems.length <= max ? problems.join('; ') : `${problems.slice(0, max).join('; ')}; and ${problems.length - max} more`;
}

const why = (err: unknown): string => (err instanceof EmulatorError ? `${err.code}: ${err.message}` : (err as Error).message);

export interface CitizenAsked {
  soDinhDanh: string;
  hoVaTen: string;
  /** yyyyMMdd or yyyy. */
  ngaySinh: string;
}

/**
 * Problems of one population call: the emulator's verdicts, the strict reading of the envelope, the
 * operation and its fields (a Fault in strict mode is a problem), and whether it asks for the person asked.
 * `notes` are strict-mode remarks that are not rules (S2's name form, optional caller fields).
 */
export function judgeCitizenLookup(e: EvidenceEvent, asked: CitizenAsked, today: string): { problems: string[]; notes: string[] } {
  const problems = flagged(e);
  const notes: string[] = [];
  if (e.method !== 'POST') problems.push(`sent with ${e.method}; the population database is a SOAP endpoint called with POST`);
  let r: OperationRequest;
  try {
    const op = operationElement(parseXml(Buffer.from(e.requestBody ?? '', 'utf8')));
    if (op.namespaceURI !== DAN_NS || op.localName !== 'TraCuuThongTinCongDan') {
      problems.push(`the Body holds {${op.namespaceURI ?? ''}}${op.localName ?? op.nodeName}, not TraCuuThongTinCongDan in ${DAN_NS}`);
      return { problems, notes };
    }
    r = new OperationRequest(op, 'strict');
  } catch (err) {
    problems.push(why(err));
    return { problems, notes };
  }
  try {
    readCallerFields(r);
    const key = readPersonKey(r);
    const name = readName(r, true);
    const born = readBirthDate(r, true, today);
    if (key?.SoDinhDanh !== asked.soDinhDanh) problems.push(`SoDinhDanh is ${JSON.stringify(key?.SoDinhDanh ?? key?.SoCMND ?? null)}, the lookup asked for ${asked.soDinhDanh}`);
    if (name !== undefined && foldName(name) !== foldName(asked.hoVaTen)) problems.push(`HoVaTen is "${name}", the lookup asked for "${asked.hoVaTen}"`);
    const wanted = asked.ngaySinh.length === 8 ? born?.date : String(born?.year);
    if (wanted !== asked.ngaySinh) problems.push(`NgayThangNamSinh says ${born?.date ?? born?.year}, the lookup asked for ${asked.ngaySinh}`);
  } catch (err) {
    problems.push(why(err));
  }
  for (const v of r.verdicts) notes.push(`${v.code}: ${v.message}`);
  return { problems, notes };
}

/** Problems of one chiTietDoanhNghiep call: verdicts, method, and `msdn` as the registry reads it strictly. */
export function judgeEnterpriseLookup(e: EvidenceEvent, msdn: string): string[] {
  const problems = flagged(e);
  if (e.method !== 'GET') problems.push(`sent with ${e.method}; chiTietDoanhNghiep is a GET resource`);
  const url = new URL(e.path, 'http://gateway');
  if (!/\/chiTietDoanhNghiep\/?$/.test(url.pathname)) problems.push(`called ${url.pathname}, not …/chiTietDoanhNghiep`);
  try {
    const q = new Query(url.searchParams, 'strict');
    const sent = q.required('msdn', 'mã số doanh nghiệp');
    if (sent !== msdn) problems.push(`msdn is "${sent}", the lookup asked for ${msdn}`);
    else if (!parseTaxCode(sent).ok) problems.push(`msdn "${sent}" is not a valid enterprise code`);
  } catch (err) {
    problems.push(why(err));
  }
  return [...new Set(problems)];
}
