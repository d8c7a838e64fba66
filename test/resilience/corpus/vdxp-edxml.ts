/**
 * VDXP sendEdoc bodies (edXML document packages, specs/vdxp.md §1, §5): the 15 official samples and
 * faker-varied packages from the emulator's builder, mutated one way each: truncated, invalid UTF-8,
 * characters XML forbids, foreign encodings and byte-order marks, XXE and entity expansion, nesting bombs,
 * oversize bodies and fields, duplicated elements, broken structure, wrong field values, other formats.
 * Each case is signed correctly for its sending system, so the refusal is about the body.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { documentPackage, type EdocSpec } from '../../../emulator/platforms/vdxp/packages.js';
import { QCVN_NS } from '../../../emulator/platforms/vdxp/wire/edxml-model.js';
import { elementText, insertBeside, insertInto, removeAll, removeElement, setContent, setText } from './edxml-text.js';
import { MAX_BODY, type Fixture, type VdxpSystem } from './fixture.js';
import { BOMS, boundaryIn, FORBIDDEN_XML, insertAt, INVALID_UTF8, latin1Of, textOffsets, utf16be } from './mutate.js';
import { chars, seeded, type Rng } from './rng.js';
import { CaseList, type BadCase } from './types.js';
import { nestingBomb, xmlAttacks, type Target } from './xml-attacks.js';
import { sendRequest } from './vdxp-wire.js';

export const SAMPLES_DIR = fileURLToPath(new URL('../../../../shared/specs/edxml-samples/', import.meta.url));

export function samples(): Array<{ name: string; text: string }> {
  return readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith('.edxml'))
    .sort()
    .map((name) => ({ name, text: readFileSync(SAMPLES_DIR + name, 'utf8') }));
}

/** A plausible Vietnamese document package from `from` to `to`, its text varied by the seed. */
export function variedPackage(rng: Rng, from: string, to: string[], extra: Partial<EdocSpec> = {}): string {
  return documentPackage({
    from,
    to,
    number: String(rng.number.int({ min: 1, max: 9999 })),
    notation: rng.helpers.arrayElement(['UBND-VP', 'BTC-TCCB', 'VPCP-TTĐT', 'SNV-TCBC', 'BYT-KCB']),
    subject: `V/v ${rng.lorem.sentence({ min: 3, max: 12 })}`,
    ...extra,
  }).toString('utf8');
}

const SUBJECTISH = /(<(?:[\w.-]+:)?(?:Subject|Description)>)[^<]*(<\/(?:[\w.-]+:)?(?:Subject|Description)>)/;

export function edxmlTarget(text: string): Target {
  const root = /<((?:[\w.-]+:)?edXML)[\s>]/.exec(text)?.[1] ?? 'edXML';
  return {
    text,
    rootName: root,
    withContent: (markup) => (SUBJECTISH.test(text) ? text.replace(SUBJECTISH, (_m, a: string, b: string) => `${a}${markup}${b}`) : text),
  };
}

const XML = ['VDXP_XML_MALFORMED'];
const ANY_PARSE = ['VDXP_XML_MALFORMED', 'VDXP_XML_NOT_UTF8', 'VDXP_XML_BAD_CHARACTER', 'VDXP_XML_DTD_FORBIDDEN', 'VDXP_XML_TOO_DEEP', 'VDXP_EDXML_WRONG_ROOT', 'VDXP_EDXML_WRONG_NAMESPACE', 'VDXP_EDXML_MISSING_HEADER', 'VDXP_BODY_EMPTY'];

export function vdxpEdxmlCases(fx: Fixture, seed = 8001): BadCase[] {
  const rng = seeded(seed);
  const L = new CaseList('vdxp-edxml', 'vdxp');
  const { lenient, strict, recipient } = fx.vdxp;
  const to = [recipient.agency];
  const send = (family: string, s: VdxpSystem, bytes: Buffer, expect: readonly string[], o: Parameters<typeof sendRequest>[2] = {}) =>
    L.add(family, sendRequest(s, bytes, o), expect);

  const official = samples();
  const built = Array.from({ length: 8 }, () => variedPackage(rng, lenient.agency, to));
  const bases = [...official.map((s) => s.text), ...built];

  // ---- truncated at a character boundary somewhere before the root's end tag ----
  for (const text of bases) {
    const bytes = Buffer.from(text, 'utf8');
    const end = text.lastIndexOf('</');
    const endByte = Buffer.byteLength(text.slice(0, end));
    // The four 370 kB official packages cost the most per case: fewer cuts for them, more for the small ones.
    for (let i = 0, n = bytes.length > 64_000 ? 8 : 28; i < n; i++) {
      const at = boundaryIn(bytes, rng, 1, endByte);
      send('truncated', lenient, bytes.subarray(0, at), XML);
    }
  }

  // ---- invalid UTF-8 inside a text node or anywhere ----
  for (const text of bases) {
    const bytes = Buffer.from(text, 'utf8');
    const offsets = textOffsets(text).map((o) => Buffer.byteLength(text.slice(0, o)));
    for (const [, seq] of INVALID_UTF8) {
      send('invalid-utf8', lenient, insertAt(bytes, rng.helpers.arrayElement(offsets), seq), ['VDXP_XML_NOT_UTF8']);
      if (bytes.length < 64_000) send('invalid-utf8', lenient, insertAt(bytes, boundaryIn(bytes, rng, 0, bytes.length), seq), ['VDXP_XML_NOT_UTF8']);
    }
  }

  // ---- characters XML 1.0 forbids (NUL, controls, U+FFFE/FFFF), raw or as references ----
  for (const text of bases) {
    const offsets = textOffsets(text);
    for (const [, ch] of FORBIDDEN_XML) {
      const at = rng.helpers.arrayElement(offsets);
      send('forbidden-char', lenient, Buffer.from(text.slice(0, at) + ch + text.slice(at), 'utf8'), ['VDXP_XML_BAD_CHARACTER']);
    }
  }

  // ---- encodings other than UTF-8, byte-order marks ----
  for (const text of bases) {
    const body = text.replace(/^[^<]*/, '');
    send('encoding', lenient, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]), ['VDXP_XML_NOT_UTF8']);
    send('encoding', lenient, Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(body)]), ['VDXP_XML_NOT_UTF8']);
    // UTF-16 without a BOM: every ASCII character followed by NUL.
    send('encoding', lenient, Buffer.from(body, 'utf16le'), ['VDXP_XML_BAD_CHARACTER', 'VDXP_XML_NOT_UTF8']);
    for (const [, bom] of BOMS) send('bom', lenient, Buffer.concat([Buffer.from(bom as number[]), Buffer.from(body, 'utf8')]), ['VDXP_XML_NOT_UTF8', 'VDXP_XML_BAD_CHARACTER']);
    // Two UTF-8 BOMs: the second is a ZERO WIDTH NO-BREAK SPACE before <?xml, junk a strict reader refuses.
    send('bom', strict, Buffer.from(`\ufeff\ufeff${body}`, 'utf8'), ['VDXP_XML_PROLOG_CONTENT']);
    for (const enc of ['ISO-8859-1', 'UTF-16', 'windows-1258', 'TCVN3', 'US-ASCII', 'Shift_JIS']) {
      const declared = body.startsWith('<?xml') ? body.replace(/encoding="[^"]*"/, `encoding="${enc}"`) : `<?xml version="1.0" encoding="${enc}"?>\n${body}`;
      send('encoding', lenient, Buffer.from(declared.includes(`encoding="${enc}"`) ? declared : declared.replace('<?xml version="1.0"', `<?xml version="1.0" encoding="${enc}"`), 'utf8'), ['VDXP_XML_NOT_UTF8']);
    }
    send('encoding', lenient, latin1Of(body.replace(/encoding="[^"]*"/, 'encoding="ISO-8859-1"')), ['VDXP_XML_NOT_UTF8']);
  }

  // ---- XXE, entity expansion, DTD anywhere ----
  for (const text of bases) {
    for (const a of xmlAttacks(edxmlTarget(text), fx.marker, rng)) {
      if (a.kind === 'content') continue;
      const expect = a.kind === 'dtd' ? ['VDXP_XML_DTD_FORBIDDEN'] : ['VDXP_XML_DTD_FORBIDDEN', 'VDXP_XML_MALFORMED'];
      send('xxe', lenient, Buffer.from(a.text, 'utf8'), expect);
    }
  }
  // XInclude is never performed: in strict mode the Subject it would fill stays empty.
  for (let i = 0; i < 12; i++) {
    const text = variedPackage(rng, strict.agency, to);
    for (const a of xmlAttacks(edxmlTarget(text), fx.marker, rng).filter((x) => x.kind === 'content')) {
      send('xinclude', strict, Buffer.from(a.text, 'utf8'), ['VDXP_EDXML_MISSING_FIELD']);
    }
  }

  // ---- nesting bombs (balanced): only the depth is wrong ----
  for (const depth of [65, 80, 200, 1_000, 10_000, 50_000]) {
    for (let i = 0; i < 6; i++) {
      const text = rng.helpers.arrayElement(bases);
      // The depth check runs before the parser: a prefix bound or not, the name does not matter.
      const name = rng.helpers.arrayElement(['a', 'edXML:Subject', 'x:y', 'Bussiness', rng.string.alpha({ length: { min: 1, max: 12 } })]);
      send('deep-nesting', lenient, Buffer.from(nestingBomb(edxmlTarget(text), depth, name, rng).text, 'utf8'), ['VDXP_XML_TOO_DEEP']);
    }
  }
  // A nesting bomb whose tags never close: too deep is seen first.
  for (let i = 0; i < 10; i++) {
    const text = rng.helpers.arrayElement(built);
    send('deep-nesting', lenient, Buffer.from(edxmlTarget(text).withContent('<a>'.repeat(rng.number.int({ min: 100, max: 20_000 }))), 'utf8'), ['VDXP_XML_TOO_DEEP']);
  }

  // ---- bodies over the limit ----
  for (const over of [1, 2, 1024, 65_536, 512 * 1024, MAX_BODY]) {
    const base = Buffer.from(rng.helpers.arrayElement(built), 'utf8');
    const pad = MAX_BODY + over - base.length;
    send('oversize-body', lenient, Buffer.concat([base, Buffer.alloc(pad, 0x20)]), ['VDXP_BODY_TOO_LARGE']);
    const att = variedPackage(rng, lenient.agency, to, { attachment: Buffer.alloc(Math.ceil(((MAX_BODY + over) * 3) / 4), rng.number.int({ min: 0, max: 255 })).toString('base64') });
    send('oversize-body', lenient, Buffer.from(att, 'utf8'), ['VDXP_BODY_TOO_LARGE']);
  }

  // ---- oversize fields inside the limit: each breaks a rule, however long ----
  for (const n of [1_000, 50_000, 400_000]) {
    const long = chars(rng, n, '0123456789.ABCGH');
    const b = rng.helpers.arrayElement(built);
    send('oversize-field', lenient, Buffer.from(setText(b, 'OrganId', long, 1), 'utf8'), ['VDXP_RECIPIENT_UNKNOWN']);
    send('oversize-field', lenient, Buffer.from(setText(b, 'OrganId', long, 0), 'utf8'), ['VDXP_SENDER_UNREGISTERED']);
    send('oversize-field', strict, Buffer.from(setText(variedPackage(rng, strict.agency, to), 'PromulgationDate', long), 'utf8'), ['VDXP_EDXML_BAD_DATE']);
    send('oversize-field', strict, Buffer.from(setText(variedPackage(rng, strict.agency, to), 'Priority', long), 'utf8'), ['VDXP_EDXML_BAD_ENUM']);
    send('oversize-field', strict, Buffer.from(setText(variedPackage(rng, strict.agency, to), 'BussinessDocType', long), 'utf8'), ['VDXP_EDXML_BAD_ENUM']);
    send('oversize-field', strict, Buffer.from(setContent(variedPackage(rng, strict.agency, to), 'ContentTransferEncoded', `${'QUJD'.repeat(n / 4)}*`), 'utf8'), ['VDXP_EDXML_BAD_BASE64']);
  }
  for (const count of [200, 1_000, 2_500]) {
    const unknown = Array.from({ length: count }, (_, i) => `${String(100 + (i % 900)).padStart(3, '0')}.${String(i % 100).padStart(2, '0')}.99.Z${String(i % 100).padStart(2, '0')}`);
    send('oversize-field', lenient, Buffer.from(documentPackage({ from: lenient.agency, to: unknown }).toString('utf8'), 'utf8'), ['VDXP_RECIPIENT_UNKNOWN']);
    send('oversize-field', strict, Buffer.from(documentPackage({ from: strict.agency, to: Array.from({ length: count }, () => recipient.agency) }).toString('utf8'), 'utf8'), ['VDXP_EDXML_DUPLICATE_RECIPIENT']);
    send('oversize-field', lenient, Buffer.from(documentPackage({ from: lenient.agency, to: Array.from({ length: count }, () => '') }).toString('utf8'), 'utf8'), ['VDXP_EDXML_MISSING_FIELD']);
  }

  // ---- duplicated singletons (strict: which one counts would be a guess) ----
  const singletons = ['edXMLHeader', 'MessageHeader', 'From', 'Subject', 'Code', 'CodeNumber', 'CodeNotation', 'DocumentId', 'PromulgationInfo', 'PromulgationDate', 'DocumentType', 'SignerInfo', 'OtherInfo', 'Priority', 'SteeringType', 'Content', 'TraceHeaderList', 'Bussiness', 'BussinessDocType', 'edXMLBody', 'edXMLManifest', 'AttachmentEncoded', 'ContentId', 'OrganName', 'Place'];
  for (const name of singletons) {
    for (let i = 0; i < 4; i++) {
      const text = variedPackage(rng, strict.agency, to);
      const el = elementText(text, name);
      // The copy says something else (another sender, subject, date…): the ambiguity a reader must not resolve by position.
      const copy = el.replace(/>([^<]+)</g, (_m, v: string) => `>${/\d/.test(v) ? v.replace(/\d/g, () => String(rng.number.int({ min: 0, max: 9 }))) : rng.lorem.word()}<`);
      send('duplicate-element', strict, Buffer.from(insertBeside(text, name, copy, i % 2 ? 'before' : 'after'), 'utf8'), ['VDXP_EDXML_DUPLICATE_ELEMENT']);
    }
  }
  for (let i = 0; i < 20; i++) {
    const text = variedPackage(rng, strict.agency, [recipient.agency, fx.vdxp.lenient.agency]);
    send('duplicate-element', strict, Buffer.from(insertBeside(text, 'To', elementText(text, 'To'), 'after'), 'utf8'), ['VDXP_EDXML_DUPLICATE_RECIPIENT']);
  }
  for (let i = 0; i < 10; i++) {
    const text = variedPackage(rng, strict.agency, to);
    send('duplicate-attribute', lenient, Buffer.from(text.replace('<edXML:edXMLEnvelope', `<edXML:edXMLEnvelope v="${rng.lorem.word()}" v="${rng.lorem.word()}"`), 'utf8'), XML);
  }

  // ---- structure: not a package, or not routable ----
  for (let i = 0; i < 30; i++) {
    const text = variedPackage(rng, lenient.agency, to);
    const word = (rng.lorem.word().replace(/[^a-zA-Z]/g, '') || 'doc') + rng.string.alpha(3);
    send('structure', lenient, Buffer.from(text.replace(/<edXML xmlns/, `<${word} xmlns`).replace(/<\/edXML>\s*$/, `</${word}>`), 'utf8'), ['VDXP_EDXML_WRONG_ROOT']);
    send('structure', lenient, Buffer.from(text.split(QCVN_NS).join(rng.internet.url()), 'utf8'), ['VDXP_EDXML_WRONG_NAMESPACE']);
    send('structure', lenient, Buffer.from(text.split(QCVN_NS).join(''), 'utf8'), ['VDXP_EDXML_WRONG_NAMESPACE', 'VDXP_XML_MALFORMED']);
    send('structure', lenient, Buffer.from(removeElement(text, 'MessageHeader'), 'utf8'), ['VDXP_EDXML_MISSING_HEADER']);
    send('structure', lenient, Buffer.from(removeElement(text, 'edXMLHeader'), 'utf8'), ['VDXP_EDXML_MISSING_HEADER']);
    send('structure', lenient, Buffer.from(removeElement(text, 'edXMLEnvelope'), 'utf8'), ['VDXP_EDXML_MISSING_HEADER']);
    send('structure', lenient, Buffer.from(removeAll(text, 'To'), 'utf8'), ['VDXP_EDXML_MISSING_FIELD']);
    send('structure', lenient, Buffer.from(setText(text, 'OrganId', rng.helpers.arrayElement(['', '   ', '\n\t']), 1), 'utf8'), ['VDXP_EDXML_MISSING_FIELD']);
    const fakeTo = `${rng.string.numeric(3)}.${rng.string.numeric(2)}.${rng.string.numeric(2)}.${rng.helpers.arrayElement(['X', 'Y', 'Q'])}${rng.string.numeric(2)}`;
    send('routing', lenient, Buffer.from(setText(text, 'OrganId', fakeTo, 1), 'utf8'), ['VDXP_RECIPIENT_UNKNOWN']);
    send('routing', lenient, Buffer.from(setText(text, 'OrganId', rng.helpers.arrayElement([recipient.agency, fx.vdxp.unowned, strict.agency, fakeTo]), 0), 'utf8'), ['VDXP_SENDER_UNREGISTERED']);
    send('routing', lenient, Buffer.from(text, 'utf8'), ['VDXP_EDXML_MESSAGETYPE_MISMATCH'], { messagetype: 'status' });
    send('routing', lenient, Buffer.from(text, 'utf8'), ['VDXP_BAD_PARAMETER'], { messagetype: rng.helpers.arrayElement(['edocs', 'EDOC2', 'document', '', 'null', rng.lorem.word()]) || 'x' });
    send('routing', lenient, Buffer.from(text, 'utf8'), ['VDXP_BAD_PARAMETER'], { servicetype: rng.helpers.arrayElement(['eDocs', 'Doc', 'status', rng.lorem.word()]) });
    send('routing', lenient, Buffer.from(text, 'utf8'), ['VDXP_HASH_FILE_MISMATCH'], { hashFile: rng.string.hexadecimal({ length: 64, casing: 'lower', prefix: '' }) });
    send('routing', lenient, Buffer.from(text, 'utf8'), ['VDXP_HASH_FILE_MISMATCH'], { hashFile: rng.helpers.arrayElement(['', '0', 'null', 'sha256', chars(rng, 200, 'abcdef0123456789')]) || 'x' });
  }

  // ---- field values (strict: every finding is an error) ----
  const fieldCases: Array<[string, (t: string) => string, string]> = [
    ['Subject', (t) => removeElement(t, 'Subject'), 'VDXP_EDXML_MISSING_FIELD'],
    ['Subject', (t) => setText(t, 'Subject', ' '), 'VDXP_EDXML_MISSING_FIELD'],
    ['CodeNumber', (t) => removeElement(t, 'CodeNumber'), 'VDXP_EDXML_MISSING_FIELD'],
    ['CodeNotation', (t) => setText(t, 'CodeNotation', ''), 'VDXP_EDXML_MISSING_FIELD'],
    ['DocumentId', (t) => removeElement(t, 'DocumentId'), 'VDXP_EDXML_MISSING_FIELD'],
    ['From', (t) => removeElement(t, 'From'), 'VDXP_EDXML_MISSING_FIELD'],
    ['PromulgationDate', (t) => removeElement(t, 'PromulgationInfo'), 'VDXP_EDXML_MISSING_FIELD'],
    ['Bussiness', (t) => removeElement(t, 'Bussiness'), 'VDXP_EDXML_MISSING_FIELD'],
    ['BussinessDocType', (t) => setText(t, 'BussinessDocType', ''), 'VDXP_EDXML_MISSING_FIELD'],
    ['ContentId', (t) => setText(t, 'ContentId', ''), 'VDXP_EDXML_MISSING_FIELD'],
    ['Timestamp', (t) => setText(t, 'Timestamp', ''), 'VDXP_EDXML_MISSING_FIELD'],
  ];
  for (const [, mutate, code] of fieldCases) for (let i = 0; i < 8; i++) send('field', strict, Buffer.from(mutate(variedPackage(rng, strict.agency, to)), 'utf8'), [code]);
  const badDates = () => rng.helpers.arrayElement([
    rng.date.past().toISOString(), '24/11/2026', '2026-11-24', '2026/13/01', '2026/02/30', '2026/11/24 10:00', '20261124', rng.lorem.word(), `${rng.number.int({ min: 1, max: 99999 })}`, '2026/1/5', '٢٠٢٦/١١/٢٤',
  ]);
  for (let i = 0; i < 40; i++) {
    const t = () => variedPackage(rng, strict.agency, to);
    send('field', strict, Buffer.from(setText(t(), 'PromulgationDate', badDates()), 'utf8'), ['VDXP_EDXML_BAD_DATE']);
    send('field', strict, Buffer.from(insertBeside(t(), 'SteeringType', `<edXML:DueDate>${badDates()}</edXML:DueDate>`, 'after'), 'utf8'), ['VDXP_EDXML_BAD_DATE']);
    send('field', strict, Buffer.from(setText(t(), 'Timestamp', badDates()), 'utf8'), ['VDXP_EDXML_BAD_DATE']);
    const future = `${rng.number.int({ min: 2027, max: 2999 })}/0${rng.number.int({ min: 1, max: 9 })}/1${rng.number.int({ min: 0, max: 9 })}`;
    send('field', strict, Buffer.from(setText(t(), 'PromulgationDate', future), 'utf8'), ['VDXP_EDXML_FUTURE_DATE']);
    send('field', strict, Buffer.from(setText(t(), 'Priority', rng.helpers.arrayElement(['5', '9', '-1', 'khẩn', '1.0', '٣', rng.lorem.word()])), 'utf8'), ['VDXP_EDXML_BAD_ENUM']);
    send('field', strict, Buffer.from(setText(t(), 'SteeringType', rng.helpers.arrayElement(['4', '7', 'chỉ đạo', '01a'])), 'utf8'), ['VDXP_EDXML_BAD_ENUM']);
    send('field', strict, Buffer.from(setText(t(), 'BussinessDocType', rng.helpers.arrayElement(['4', '9', 'new', '0x1'])), 'utf8'), ['VDXP_EDXML_BAD_ENUM']);
    send('field', strict, Buffer.from(setText(t(), 'Type', rng.helpers.arrayElement(['CV', 'công văn', '1a', '-'])), 'utf8'), ['VDXP_EDXML_BAD_ENUM']);
    const badOrgan = rng.helpers.arrayElement(['28.22.H17', 'H41', '000.00.00.h41', '000-00-00-H41', `${rng.string.numeric(4)}.00.00.H41`, rng.company.name()]);
    send('field', strict, Buffer.from(setText(t(), 'OrganId', badOrgan, 1), 'utf8'), ['VDXP_EDXML_BAD_ORGAN_ID']);
    send('field', strict, Buffer.from(setContent(t(), 'ContentTransferEncoded', rng.helpers.arrayElement(['***', 'not base64!', 'QUJD=A', '====', rng.lorem.sentence()])), 'utf8'), ['VDXP_EDXML_BAD_BASE64']);
    send('field', strict, Buffer.from(setText(t(), 'ContentId', `cid:${rng.string.alphanumeric(6)}`, 0), 'utf8'), ['VDXP_EDXML_ATTACHMENT_MISSING']);
    const type = rng.helpers.arrayElement(['1', '2', '3']);
    send('field', strict, Buffer.from(variedPackage(rng, strict.agency, to, { type: type as '1' | '2' | '3' }), 'utf8'), ['VDXP_EDXML_BUSINESS_INCOMPLETE']);
  }
  // Repairs lenient mode makes, refused in strict mode.
  for (let i = 0; i < 20; i++) {
    const t = variedPackage(rng, strict.agency, to);
    send('strict-repair', strict, Buffer.from(`${rng.string.numeric(4)}${t}`, 'utf8'), ['VDXP_XML_PROLOG_CONTENT']);
    send('strict-repair', strict, Buffer.from(insertInto(t, 'Subject', `<zz:note>${rng.lorem.word()}</zz:note>`), 'utf8'), ['VDXP_XML_UNBOUND_PREFIX']);
    send('strict-repair', strict, Buffer.from(t.replace(/edXML:MessageHeader>/g, 'edXML:Status>'), 'utf8'), ['VDXP_EDXML_NONSTANDARD']);
  }

  // ---- other formats sent as the package ----
  for (let i = 0; i < 60; i++) {
    const person = rng.person.fullName();
    const bodies: Array<[Buffer, readonly string[]]> = [
      [Buffer.from(JSON.stringify({ Subject: person, From: lenient.agency, To: to }), 'utf8'), XML],
      [Buffer.from(`subject=${encodeURIComponent(person)}&from=${lenient.agency}`, 'utf8'), XML],
      [Buffer.from(`--b${i}\r\nContent-Disposition: form-data; name="file_doc"; filename="a.edxml"\r\nContent-Type: application/xml\r\n\r\n${rng.helpers.arrayElement(built)}\r\n--b${i}--\r\n`, 'utf8'), ['VDXP_XML_MALFORMED', 'VDXP_XML_PROLOG_CONTENT']],
      [Buffer.from(`<!doctype html><html><body><h1>${person}</h1></body></html>`, 'utf8'), ['VDXP_XML_DTD_FORBIDDEN']],
      [Buffer.from(`<html><body><h1>${person}</h1></body></html>`, 'utf8'), ['VDXP_EDXML_WRONG_ROOT']],
      [Buffer.from(rng.lorem.paragraphs(3), 'utf8'), XML],
      [Buffer.from(Array.from({ length: rng.number.int({ min: 1, max: 4096 }) }, () => rng.number.int({ min: 0, max: 255 }))), ANY_PARSE],
      [Buffer.from(' \t\r\n'.repeat(rng.number.int({ min: 1, max: 50 })), 'utf8'), ['VDXP_XML_MALFORMED', 'VDXP_BODY_EMPTY']],
      [Buffer.from('%PDF-1.4\n' + rng.string.alphanumeric(200), 'utf8'), XML],
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, ...Buffer.from(rng.string.alphanumeric(100))]), ANY_PARSE],
    ];
    const [body, expect] = bodies[i % bodies.length]!;
    send('wrong-format', lenient, body, expect, { contentType: rng.helpers.arrayElement(['application/octet-stream', 'application/json', 'text/plain', 'multipart/form-data; boundary=b', 'application/x-www-form-urlencoded', 'text/html']) });
  }
  send('empty', lenient, Buffer.alloc(0), ['VDXP_BODY_EMPTY']);
  send('empty', lenient, Buffer.alloc(0), ['VDXP_BODY_EMPTY'], { noFraming: true });
  return L.cases;
}

