/**
 * VDXP status messages (specs/vdxp.md §1.5, §2, §5 checks 8–11) sent through sendEdoc with messagetype
 * status: unknown or missing status codes, missing or unroutable ResponseFor, the reason 02 and 13 need, and
 * (strict, signed) statuses about documents never exchanged or from the wrong party, plus repeated new
 * documents and changes of documents that do not exist.
 */
import { documentPackage, statusPackage } from '../../../emulator/platforms/vdxp/packages.js';
import { signEdxml } from '../../../emulator/platforms/vdxp/wire/signature.js';
import { elementText, insertBeside, removeElement, setText } from './edxml-text.js';
import type { Fixture } from './fixture.js';
import { seeded } from './rng.js';
import { CaseList, type BadCase } from './types.js';
import { sendRequest } from './vdxp-wire.js';

export function vdxpStatusCases(fx: Fixture, seed = 8002): BadCase[] {
  const rng = seeded(seed);
  const L = new CaseList('vdxp-status', 'vdxp');
  const { lenient, strict, recipient } = fx.vdxp;
  const code = () => rng.helpers.arrayElement(['01', '02', '03', '04', '05', '06', '13', '15', '16']);
  const docId = () => `${recipient.agency},2026/11/${String(rng.number.int({ min: 10, max: 23 }))},${rng.number.int({ min: 1, max: 999 })}/UBND-VP`;
  const status = (from = lenient.agency, over: Partial<Parameters<typeof statusPackage>[0]> = {}) =>
    statusPackage({ from, to: recipient.agency, documentId: docId(), code: code(), description: rng.lorem.sentence(), ...over }).toString('utf8');
  const send = (family: string, who: typeof lenient, text: string, expect: string[], messagetype = 'status') =>
    L.add(family, sendRequest(who, Buffer.from(text, 'utf8'), { messagetype }), expect);

  // ---- routing errors: refused in lenient mode too ----
  const badCodes = ['00', '07', '12', '14', '17', '99', '1', '001', ' 01', '01 ', '０１', 'done', 'OK', '-1', '1e1', '0x01', 'null'];
  for (const c of badCodes) for (let i = 0; i < 6; i++) send('status-code', lenient, setText(status(), 'StatusCode', c), ['VDXP_EDXML_BAD_STATUS_CODE']);
  for (let i = 0; i < 40; i++) send('status-code', lenient, setText(status(), 'StatusCode', rng.lorem.word()), ['VDXP_EDXML_BAD_STATUS_CODE']);
  for (let i = 0; i < 30; i++) {
    send('status-code', lenient, setText(status(), 'StatusCode', rng.helpers.arrayElement(['', ' ', '\t'])), ['VDXP_EDXML_MISSING_FIELD']);
    send('status-code', lenient, removeElement(status(), 'StatusCode'), ['VDXP_EDXML_MISSING_FIELD']);
    send('response-for', lenient, removeElement(status(), 'ResponseFor'), ['VDXP_EDXML_MISSING_FIELD']);
    send('response-for', lenient, setText(status(), 'OrganId', '', 1), ['VDXP_EDXML_MISSING_FIELD']);
    send('response-for', lenient, setText(status(), 'DocumentId', rng.helpers.arrayElement(['', '  '])), ['VDXP_EDXML_MISSING_FIELD']);
    const unknown = `${rng.string.numeric(3)}.${rng.string.numeric(2)}.${rng.string.numeric(2)}.Q${rng.string.numeric(2)}`;
    send('response-for', lenient, setText(status(), 'OrganId', unknown, 1), ['VDXP_RECIPIENT_UNKNOWN']);
    send('sender', lenient, status(rng.helpers.arrayElement([recipient.agency, strict.agency, fx.vdxp.unowned])), ['VDXP_SENDER_UNREGISTERED']);
    send('messagetype', lenient, status(), ['VDXP_EDXML_MESSAGETYPE_MISMATCH'], 'edoc');
    send('messagetype', lenient, documentPackage({ from: lenient.agency, to: [recipient.agency], number: String(i + 100) }).toString('utf8'), ['VDXP_EDXML_MESSAGETYPE_MISMATCH'], 'status');
  }

  // ---- checks strict mode turns into errors (unsigned: validation comes first) ----
  for (let i = 0; i < 30; i++) {
    const from = strict.agency;
    send('strict-field', strict, status(from, { code: rng.helpers.arrayElement(['02', '13']), description: '' }), ['VDXP_EDXML_REASON_REQUIRED']);
    send('strict-field', strict, removeElement(status(from, { code: '02' }), 'Description'), ['VDXP_EDXML_REASON_REQUIRED']);
    send('strict-field', strict, setText(status(from), 'Timestamp', rng.helpers.arrayElement(['2026/11/24', '24/11/2026 09:00:00', '2026-11-24T09:00:00', rng.lorem.word()])), ['VDXP_EDXML_BAD_DATE']);
    send('strict-field', strict, removeElement(status(from), 'Code'), ['VDXP_EDXML_MISSING_FIELD']);
    send('strict-field', strict, setText(status(from), 'PromulgationDate', rng.helpers.arrayElement(['2026/02/31', '11/24/2026', 'hôm nay'])), ['VDXP_EDXML_BAD_DATE']);
    send('strict-field', strict, setText(status(from), 'OrganId', rng.helpers.arrayElement(['G06', '28.22.H17', '000.00.00.g06']), 0), ['VDXP_EDXML_BAD_ORGAN_ID']);
    const t = status(from);
    send('duplicate-element', strict, insertBeside(t, rng.helpers.arrayElement(['StatusCode', 'ResponseFor', 'From', 'Description', 'StaffInfo', 'Timestamp']), elementText(t, 'StatusCode').replace(/>\d+</, `>${code()}<`), 'after'), ['VDXP_EDXML_DUPLICATE_ELEMENT']);
  }

  // ---- business rules on signed packages (strict) ----
  const signed = (text: string) => signEdxml(text, strict);
  for (let i = 0; i < 12; i++) {
    // A status about a document never exchanged between the two agencies.
    send('business', strict, signed(statusPackage({ from: strict.agency, to: recipient.agency, documentId: docId(), code: code(), description: rng.lorem.sentence() }).toString('utf8')), ['VDXP_ORIGINAL_NOT_FOUND']);
    // The sender of the document reporting a recipient's progress on it.
    send('business', strict, signed(statusPackage({ from: strict.agency, to: recipient.agency, documentId: fx.vdxp.strictDocumentId, code: rng.helpers.arrayElement(['01', '02', '03', '04', '05', '06', '15', '16']), description: rng.lorem.sentence() }).toString('utf8')), ['VDXP_STATUS_WRONG_PARTY']);
    // A second new document under the DocumentId already sent (different bytes, so not a retry).
    send('business', strict, signed(documentPackage({ from: strict.agency, to: [recipient.agency], number: '9002', subject: `V/v ${rng.lorem.sentence()}` }).toString('utf8')), ['VDXP_DUPLICATE_DOCUMENT'], 'edoc');
    // Revoking, updating or replacing a document this agency never sent.
    const type = rng.helpers.arrayElement(['1', '2', '3'] as const);
    const target = docId();
    send('business', strict, signed(documentPackage({ from: strict.agency, to: [recipient.agency], number: String(7000 + i), type, changes: target, reason: rng.lorem.sentence(), replaces: [{ documentId: target, organIds: [recipient.agency] }] }).toString('utf8')), ['VDXP_ORIGINAL_NOT_FOUND'], 'edoc');
  }
  return L.cases;
}
