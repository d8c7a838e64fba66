/**
 * The XML guards added with decision 023, close to the readers: characters XML 1.0 forbids, nesting bombs and
 * duplicated singletons in edXML; the same guards in the population SOAP reader. The corpus exercises them
 * by the thousand over HTTP; these pin each rule and its lenient/strict behaviour.
 */
import { describe, expect, it } from 'vitest';
import type { EmulatorError } from '../../emulator/core/errors.js';
import { parseXml as parseSoap } from '../../emulator/platforms/ndxp/population/wire/xml.js';
import { documentPackage } from '../../emulator/platforms/vdxp/packages.js';
import { MAX_XML_DEPTH, parseEdxml } from '../../emulator/platforms/vdxp/wire/edxml-parse.js';

const doc = documentPackage({ from: '000.00.00.G22', to: ['000.00.00.H41'] }).toString('utf8');
const refused = (f: () => unknown): EmulatorError => {
  try {
    f();
  } catch (e) {
    return e as EmulatorError;
  }
  throw new Error('not refused');
};

describe('edXML reader guards', () => {
  it.each(['\u0000', '\u0001', '\u000b', '\ufffe', '&#0;', '&#x1F;', '&#xFFFF;', '&#x110000;', '&#99999999999;'])('refuses %j in content as VDXP_XML_BAD_CHARACTER', (ch) => {
    const e = refused(() => parseEdxml(doc.replace('V/v kiểm', `V/v${ch} kiểm`), { mode: 'lenient' }));
    expect({ code: e.code, field: e.details.field }).toEqual({ code: 'VDXP_XML_BAD_CHARACTER', field: 'document' });
    expect(e.message).toMatch(/line \d+/);
  });

  it('keeps the characters XML allows, raw and as references (tab, LF, CR, U+FFFD, astral)', () => {
    const ok = parseEdxml(doc.replace('V/v kiểm', 'V/v&#9;&#xA;&#xD;&#xFFFD;&#x1F600;\t😀 kiểm'), { mode: 'strict' });
    expect(ok.pkg.kind).toBe('edoc');
  });

  it(`refuses nesting deeper than ${MAX_XML_DEPTH} levels before parsing, and accepts ${MAX_XML_DEPTH}`, () => {
    const nest = (n: number) => doc.replace('Nội dung kiểm thử', '<x>'.repeat(n) + 'x' + '</x>'.repeat(n));
    // The Content element itself sits 5 levels down: 59 more reach exactly 64.
    expect(parseEdxml(nest(MAX_XML_DEPTH - 5), { mode: 'lenient' }).pkg.kind).toBe('edoc');
    expect(refused(() => parseEdxml(nest(MAX_XML_DEPTH - 4), { mode: 'lenient' })).code).toBe('VDXP_XML_TOO_DEEP');
    const bomb = refused(() => parseEdxml(nest(200_000), { mode: 'lenient' }));
    expect(bomb).toMatchObject({ code: 'VDXP_XML_TOO_DEEP', details: { field: 'document', rule: `nesting depth ≤ ${MAX_XML_DEPTH}` } });
  });

  it('reads the first of a duplicated singleton with a warning in lenient mode, refuses it in strict mode', () => {
    const twice = doc.replace(/(<edXML:Subject>[^<]*<\/edXML:Subject>)/, '$1<edXML:Subject>V/v khác</edXML:Subject>');
    const lenient = parseEdxml(twice, { mode: 'lenient' });
    expect(lenient.pkg.kind === 'edoc' && lenient.pkg.header.subject).toBe('V/v kiểm thử liên thông văn bản');
    expect(lenient.warnings).toContainEqual(expect.objectContaining({ code: 'VDXP_EDXML_DUPLICATE_ELEMENT', field: 'edXML/edXMLEnvelope/edXMLHeader/MessageHeader/Subject' }));
    expect(refused(() => parseEdxml(twice, { mode: 'strict' })).code).toBe('VDXP_EDXML_DUPLICATE_ELEMENT');
    // Repeatable elements are not duplicates: two recipients.
    const two = documentPackage({ from: '000.00.00.G22', to: ['000.00.00.H41', '000.00.00.H29'] }).toString('utf8');
    expect(parseEdxml(two, { mode: 'strict' }).warnings).toEqual([]);
  });
});

describe('population SOAP reader guards', () => {
  const soap = (inner: string) => Buffer.from(`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${inner}</soapenv:Body></soapenv:Envelope>`);
  it('refuses forbidden characters, nesting bombs, and DTD declarations xmldom cannot place', () => {
    expect(refused(() => parseSoap(soap('<a>x\u0000</a>'))).code).toBe('NDXP_POP_XML_MALFORMED');
    expect(refused(() => parseSoap(soap('<a>&#x0;</a>'))).code).toBe('NDXP_POP_XML_MALFORMED');
    expect(refused(() => parseSoap(soap('<a>'.repeat(100) + '</a>'.repeat(100)))).code).toBe('NDXP_POP_XML_TOO_DEEP');
    expect(parseSoap(soap('<a>'.repeat(50) + '</a>'.repeat(50))).documentElement?.localName).toBe('Envelope');
    expect(refused(() => parseSoap(Buffer.from(`<!doctype x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${soap('&e;')}`))).code).toBe('NDXP_POP_XML_DTD_FORBIDDEN');
    expect(refused(() => parseSoap(Buffer.from(`<!ENTITY e "x">${soap('&e;')}`))).code).toBe('NDXP_POP_XML_DTD_FORBIDDEN');
  });
});
