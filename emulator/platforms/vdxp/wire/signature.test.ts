import { readFileSync } from 'node:fs';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCa, issueCertificate, type CaMaterial, type IssuedCertificate } from '../../../core/test-ca.js';
import { QCVN_NS, XMLDSIG_NS } from './edxml-model.js';
import { signEdxml, verifyEdxmlSignature } from './signature.js';

const SAMPLES = new URL('../../../../../shared/specs/edxml-samples/', import.meta.url);
const sample = (name: string) => readFileSync(new URL(name, SAMPLES), 'utf8');

const NOW = new Date('2026-02-03T04:05:06Z');

let ca: CaMaterial;
let signer: IssuedCertificate;
let outsider: IssuedCertificate;
let trust: { trustedCaPems: string[]; now: Date };
/** edoc_update.edxml (370 KB, attachment inline) without its dummy QCVN-namespace Signature. */
let bigEdoc: string;
let signedBig: string;
let signedStatus: string;

beforeAll(async () => {
  const otherCa = await createTestCa({ now: NOW, commonName: 'Somebody Else CA' });
  ca = await createTestCa({ now: NOW });
  [signer, outsider] = await Promise.all([
    issueCertificate(ca, { commonName: 'Văn thư UBND Tỉnh Nghệ An', organization: 'UBND Tỉnh Nghệ An', now: NOW }),
    issueCertificate(otherCa, { commonName: 'Outsider', now: NOW }),
  ]);
  trust = { trustedCaPems: [ca.certificatePem], now: NOW };
  bigEdoc = sample('edoc_update.edxml').replace(/\s*<Signature>[\s\S]*?<\/Signature>/, '');
  signedBig = signEdxml(bigEdoc, signer);
  signedStatus = signEdxml(sample('status_inbox_01.edxml'), signer);
});

function headerOf(xml: string): Element {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  return doc.getElementsByTagNameNS(QCVN_NS, 'edXMLHeader')[0]!;
}

function lastElementChild(el: Element): Element {
  let last: Element | undefined;
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) last = n as Element;
  return last!;
}

describe('signEdxml + verifyEdxmlSignature', () => {
  it('sign then verify gives valid with the signer identity', () => {
    expect(bigEdoc).not.toMatch(/Signature/);
    const v = verifyEdxmlSignature(signedBig, trust);
    expect(v).toEqual({
      status: 'valid',
      signer: { subject: signer.subject, serialNumber: signer.serialNumber, fingerprint256: signer.fingerprint256, uris: [] },
    });
    expect(v.signer?.subject).toBe('CN=Văn thư UBND Tỉnh Nghệ An, O=UBND Tỉnh Nghệ An, C=VN');
  });

  it('reports the subjectAltName URIs of the signer (where the test CA names a VDXP system), a comma inside one included', async () => {
    const named = await issueCertificate(ca, { commonName: 'sys.a', uris: ['urn:lienthong:vdxp:system:sys.a', 'urn:example:a,b'], now: NOW });
    const v = verifyEdxmlSignature(signEdxml(bigEdoc, named), trust);
    expect(v.status).toBe('valid');
    expect(v.signer?.uris).toEqual(['urn:lienthong:vdxp:system:sys.a', 'urn:example:a,b']);
  });

  it('puts one xmldsig Signature as the last child of edXMLHeader, with the certificate as bare base64', () => {
    const sig = lastElementChild(headerOf(signedBig));
    expect(sig.localName).toBe('Signature');
    expect(sig.namespaceURI).toBe(XMLDSIG_NS);
    expect(signedBig.match(/<Signature\b/g)).toHaveLength(1);
    const certText = sig.getElementsByTagNameNS(XMLDSIG_NS, 'X509Certificate')[0]!.textContent!;
    expect(certText).not.toMatch(/BEGIN|\s/);
    expect(signer.certificatePem.replace(/-----[^-]+-----|\s/g, '')).toBe(certText);
    expect(sig.getElementsByTagNameNS(XMLDSIG_NS, 'X509SubjectName')[0]!.textContent).toBe(signer.subject);
    expect(sig.getElementsByTagNameNS(XMLDSIG_NS, 'Reference')[0]!.getAttribute('URI')).toBe('');
  });

  it('defaults to rsa-sha256 / sha256 with exc-c14n', () => {
    expect(signedBig).toContain('SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"');
    expect(signedBig).toContain('DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"');
    expect(signedBig).toContain('CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"');
    expect(signedBig).toContain('Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"');
  });

  it('rsa-sha1 reproduces the VNPT builder choices (c14n, rsa-sha1, sha1) and verifies', () => {
    const signed = signEdxml(bigEdoc, signer, { algorithm: 'rsa-sha1' });
    expect(signed).toContain('CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"');
    expect(signed).toContain('SignatureMethod Algorithm="http://www.w3.org/2000/09/xmldsig#rsa-sha1"');
    expect(signed).toContain('DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"');
    expect(signed).toContain('Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"');
    expect(verifyEdxmlSignature(signed, trust).status).toBe('valid');
  });

  it('one character changed in Subject after signing gives invalid with a digest reason', () => {
    const tampered = signedBig.replace(/(<edXML:Subject>)(.)/, (_m, tag: string, c: string) => tag + (c === 'X' ? 'Y' : 'X'));
    expect(tampered).not.toBe(signedBig);
    const v = verifyEdxmlSignature(tampered, trust);
    expect(v.status).toBe('invalid');
    expect(v.reason).toMatch(/^Reference digest does not match: the package was changed after signing/);
    expect(v.signer?.subject).toBe(signer.subject);
  });

  it('a forger who also fixes the DigestValue is caught by SignatureValue', () => {
    const tampered = signedBig.replace('<edXML:Subject>', '<edXML:Subject>X');
    const computed = /computed (\S+),/.exec(verifyEdxmlSignature(tampered, trust).reason ?? '')![1]!;
    const forged = tampered.replace(/<DigestValue>[^<]*</, `<DigestValue>${computed}<`);
    const v = verifyEdxmlSignature(forged, trust);
    expect(v.status).toBe('invalid');
    expect(v.reason).toMatch(/^SignatureValue does not verify/);
  });

  it('a certificate from another CA gives untrusted, with the signer named', () => {
    const v = verifyEdxmlSignature(signEdxml(bigEdoc, outsider), trust);
    expect(v.status).toBe('untrusted');
    expect(v.reason).toMatch(/not issued by a trusted CA/);
    expect(v.signer?.subject).toBe('CN=Outsider, C=VN');
  });

  it('signing with the CA key itself is untrusted (a CA certificate is not a signer)', () => {
    const v = verifyEdxmlSignature(signEdxml(bigEdoc, ca), trust);
    expect(v.status).toBe('untrusted');
    expect(v.reason).toMatch(/CA certificate/);
  });

  it('checks the certificate validity period against `now`', () => {
    const later = new Date(signer.notAfter.getTime() + 1000);
    expect(verifyEdxmlSignature(signedBig, { ...trust, now: later })).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/expired/) });
    const before = new Date(signer.notBefore.getTime() - 1000);
    expect(verifyEdxmlSignature(signedBig, { ...trust, now: before })).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/not valid before/) });
    expect(verifyEdxmlSignature(signedBig, { trustedCaPems: trust.trustedCaPems }).status).toBe('valid');
  });

  it('a signed status package verifies', () => {
    expect(lastElementChild(headerOf(signedStatus)).localName).toBe('Signature');
    expect(verifyEdxmlSignature(signedStatus, trust).status).toBe('valid');
  });

  it('replaces an existing Signature (the VNPT dummy) instead of adding a second one', () => {
    const resigned = signEdxml(sample('edoc_update.edxml'), signer);
    expect(resigned.match(/<Signature\b/g)).toHaveLength(1);
    expect(resigned).not.toContain('MIIFqTCCBJG');
    expect(verifyEdxmlSignature(resigned, trust).status).toBe('valid');
    // Signing a signed package again keeps one signature, and it is the new one.
    const twice = signEdxml(signedStatus, outsider);
    expect(twice.match(/<Signature\b/g)).toHaveLength(1);
    expect(verifyEdxmlSignature(twice, trust).status).toBe('untrusted');
  });

  it('refuses input it could only sign into something unverifiable', () => {
    expect(() => signEdxml('<edXML xmlns="' + QCVN_NS + '"/>', signer)).toThrow(/edXMLHeader/);
    expect(() => signEdxml('not xml', signer)).toThrow();
    expect(() => signEdxml(bigEdoc, { privateKeyPem: outsider.privateKeyPem, certificatePem: signer.certificatePem })).toThrow(/does not belong/);
  });
});

describe('verifyEdxmlSignature on the official samples', () => {
  it('edoc_update.edxml: the VNPT unprefixed Signature is in the QCVN namespace → invalid', () => {
    const v = verifyEdxmlSignature(sample('edoc_update.edxml'), trust);
    expect(v.status).toBe('invalid');
    expect(v.reason).toBe(
      'Signature element is in the QCVN namespace, not http://www.w3.org/2000/09/xmldsig# (VNPT builder form); it cannot be verified',
    );
  });

  it('edoc_update.edxml with its Signature moved to xmldsig: the VNPT exc-c14n URI is not an algorithm → invalid', () => {
    const v = verifyEdxmlSignature(sample('edoc_update.edxml').replace('<Signature>', `<Signature xmlns="${XMLDSIG_NS}">`), trust);
    expect(v.status).toBe('invalid');
    expect(v.reason).toMatch(/^Transform "http:\/\/www.w3.org\/TR\/xml-exc-c14n#" is not an algorithm URI/);
  });

  it('edoc_update.edxml moved to xmldsig and the transform URI corrected: the truncated certificate → invalid', () => {
    const v = verifyEdxmlSignature(
      sample('edoc_update.edxml')
        .replace('<Signature>', `<Signature xmlns="${XMLDSIG_NS}">`)
        .replace('http://www.w3.org/TR/xml-exc-c14n#', 'http://www.w3.org/2001/10/xml-exc-c14n#'),
      trust,
    );
    expect(v.status).toBe('invalid');
    expect(v.reason).toMatch(/^X509Certificate is not a parseable certificate/);
    expect(v.reason).toContain('MIIFqTCCBJG');
  });

  it('edoc.edxml: unbound prefixes (xlink:, edXML: outside the envelope) make it not namespace-well-formed → invalid', () => {
    const v = verifyEdxmlSignature(sample('edoc.edxml'), trust);
    expect(v.status).toBe('invalid');
    expect(v.reason).toMatch(/not namespace-well-formed XML \(line 116\)/);
  });

  it('edoc.edxml with its prefixes declared: the dummy DigestValue does not match → invalid, signer is the VNPT certificate', () => {
    const fixed = sample('edoc.edxml').replace(
      '<edXML xmlns=',
      `<edXML xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:edXML="${QCVN_NS}" xmlns=`,
    );
    const v = verifyEdxmlSignature(fixed, trust);
    expect(v.status).toBe('invalid');
    expect(v.reason).toMatch(/^Reference digest does not match/);
    expect(v.signer?.subject).toContain('CN=TRẦN ANH TUẤN');
  });

  it('edoc_new.edxml: bytes before the XML declaration → invalid, not a crash', () => {
    const v = verifyEdxmlSignature(sample('edoc_new.edxml'), trust);
    expect(v.status).toBe('invalid');
    expect(v.reason).toMatch(/xml declaration/);
  });

  it('status_inbox_01.edxml carries no signature → absent', () => {
    expect(verifyEdxmlSignature(sample('status_inbox_01.edxml'), trust)).toMatchObject({ status: 'absent' });
  });
});

describe('signature-wrapping and malformed signatures', () => {
  const signatureXml = () => /<Signature[\s\S]*<\/Signature>/.exec(signedStatus)![0];

  it('a second Signature elsewhere → invalid', () => {
    const wrapped = signedStatus.replace('</edXML:MessageHeader>', `${signatureXml()}</edXML:MessageHeader>`);
    const v = verifyEdxmlSignature(wrapped, trust);
    expect(v.status).toBe('invalid');
    expect(v.reason).toMatch(/2 Signature elements/);
  });

  it('a Reference URI="#x" → invalid, even when the element exists', () => {
    const v = verifyEdxmlSignature(signedStatus.replace('URI=""', 'URI="#x"').replace('<edXML:StatusCode>', '<edXML:StatusCode Id="x">'), trust);
    expect(v.status).toBe('invalid');
    expect(v.reason).toMatch(/URI="#x"/);
  });

  it('a second Reference → invalid', () => {
    const ref = /<Reference[\s\S]*<\/Reference>/.exec(signedStatus)![0];
    const v = verifyEdxmlSignature(signedStatus.replace(ref, ref + ref), trust);
    expect(v).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/2 Reference elements/) });
  });

  it('a Signature outside edXMLHeader → invalid', () => {
    const moved = signedStatus.replace(signatureXml(), '').replace('</edXML:edXMLEnvelope>', `${signatureXml()}</edXML:edXMLEnvelope>`);
    expect(verifyEdxmlSignature(moved, trust)).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/not edXMLHeader/) });
  });

  it('an unsupported algorithm → invalid naming it', () => {
    const v = verifyEdxmlSignature(signedStatus.replace('xmldsig-more#rsa-sha256', 'xmldsig-more#hmac-sha256'), trust);
    expect(v).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/unsupported SignatureMethod .*hmac-sha256/) });
  });

  it('a truncated certificate in an otherwise good signature → invalid', () => {
    const v = verifyEdxmlSignature(signedStatus.replace(/<X509Certificate>[^<]*</, '<X509Certificate>MIIFqTCCBJG<'), trust);
    expect(v).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/^X509Certificate is not a parseable certificate/) });
  });

  it('swapping in another certificate → invalid (the key in KeyInfo is not trusted blindly)', () => {
    const otherB64 = outsider.certificatePem.replace(/-----[^-]+-----|\s/g, '');
    const v = verifyEdxmlSignature(signedStatus.replace(/<X509Certificate>[^<]*</, `<X509Certificate>${otherB64}<`), trust);
    expect(v.status).toBe('invalid');
    expect(v.reason).toMatch(/^SignatureValue does not verify/);
  });

  it('never throws on bad input', () => {
    for (const bad of ['', '<a', 'not xml', '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', null, undefined, 42] as unknown[]) {
      const v = verifyEdxmlSignature(bad as string, trust);
      expect(v.status).toBe('invalid');
      expect(v.reason).toBeTruthy();
    }
    expect(verifyEdxmlSignature(signedStatus, undefined as never).status).toBe('invalid');
  });
});

describe('timing (370 KB package)', () => {
  it('signs and verifies edoc_update.edxml well under a second', () => {
    const t0 = performance.now();
    const signed = signEdxml(bigEdoc, signer);
    const t1 = performance.now();
    const v = verifyEdxmlSignature(signed, trust);
    const t2 = performance.now();
    expect(v.status).toBe('valid');
    console.info(`[signature] ${bigEdoc.length} chars: sign ${(t1 - t0).toFixed(1)} ms, verify ${(t2 - t1).toFixed(1)} ms`);
    expect(t1 - t0).toBeLessThan(2000);
    expect(t2 - t1).toBeLessThan(2000);
  });
});
