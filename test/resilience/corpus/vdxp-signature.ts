/**
 * XML signature wrapping and tampering against the strict VDXP system (lenient mode relays invalid
 * signatures with a warning, as the real axis relays dummy ones: specs/vdxp.md §1.4). Each case starts
 * from a package signed with the system's own test-CA key, then moves, duplicates or edits what was signed
 * so that a verifier and a reader that looked at different elements would disagree: the axis must refuse
 * every one. The enveloped signature covers the whole package (Reference URI=""), so the element the
 * emulator reads is always the element the digest covered; these cases prove it. A package signed with
 * another connected system's valid certificate is refused too (the signer must be the sender: decision 025).
 */
import { signEdxml } from '../../../emulator/platforms/vdxp/wire/signature.js';
import { elementText, insertBeside, insertInto, setContent, setText } from './edxml-text.js';
import type { Fixture } from './fixture.js';
import { seeded, type Rng } from './rng.js';
import { CaseList, type BadCase } from './types.js';
import { variedPackage } from './vdxp-edxml.js';
import { sendRequest } from './vdxp-wire.js';

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const INVALID = ['VDXP_SIGNATURE_INVALID'];

/**
 * A flipped base64 character inside an element's text, away from the last quantum: there a character's low
 * bits may be padding, so a "flip" can decode to the same bytes (non-canonical base64, not a tamper).
 */
function flip(text: string, name: string, rng: Rng): string {
  const el = elementText(text, name);
  const gt = el.indexOf('>') + 1;
  const inner = el.slice(gt, el.lastIndexOf('<'));
  const i = rng.number.int({ min: 0, max: Math.max(0, inner.length - 5) });
  const c = inner[i] === 'A' ? 'B' : 'A';
  return text.replace(el, el.slice(0, gt) + inner.slice(0, i) + c + inner.slice(i + 1) + el.slice(el.lastIndexOf('<')));
}

/** The ways to wrap or tamper a signed package, each with the codes that are a correct refusal. */
export function wrappings(signed: string, fx: Fixture, rng: Rng): Array<[string, string, string[]]> {
  const mh = elementText(signed, 'MessageHeader');
  const sig = elementText(signed, 'Signature');
  const evilMh = setText(setText(mh, 'Subject', `V/v ${rng.lorem.sentence()}`), 'OrganId', fx.vdxp.lenient.agency, 1);
  const withoutSig = signed.replace(sig, '');
  const otherCert = Buffer.from(fx.vdxp.lenient.certificatePem.replace(/-----[^-]+-----|\s/g, ''), 'base64').toString('base64');
  return [
    ['subject edited', setText(signed, 'Subject', `V/v ${rng.lorem.sentence()}`), INVALID],
    ['recipient swapped', setText(signed, 'OrganId', fx.vdxp.lenient.agency, 1), INVALID],
    ['recipient added', insertBeside(signed, 'To', elementText(signed, 'To').replace(fx.vdxp.recipient.agency, fx.vdxp.lenient.agency), 'after'), INVALID],
    ['document id edited', setText(signed, 'DocumentId', `${fx.vdxp.strict.agency},2026/11/24,${rng.number.int({ min: 1, max: 99 })}/X`), INVALID],
    ['attachment replaced', setContent(signed, 'ContentTransferEncoded', Buffer.from(rng.lorem.paragraph()).toString('base64')), INVALID],
    ['axis-style TraceHeader appended', insertInto(signed, 'TraceHeaderList', `<edXML:TraceHeader><edXML:OrganId>000.00.00.G22</edXML:OrganId><edXML:Timestamp>2026/11/24 10:00:00</edXML:Timestamp></edXML:TraceHeader>`), INVALID],
    ['evil MessageHeader before the signed one', insertBeside(signed, 'MessageHeader', evilMh, 'before'), ['VDXP_EDXML_DUPLICATE_ELEMENT', ...INVALID]],
    ['evil MessageHeader after the signed one', insertBeside(signed, 'MessageHeader', evilMh, 'after'), ['VDXP_EDXML_DUPLICATE_ELEMENT', ...INVALID]],
    ['signed MessageHeader wrapped, evil one in its place', signed.replace(mh, `<edXML:Extension>${mh}</edXML:Extension>${evilMh}`), INVALID],
    ['signed MessageHeader moved into the Signature', signed.replace(mh, evilMh).replace('</SignedInfo>', `</SignedInfo>`).replace(/<\/Signature>/, `<Object>${mh}</Object></Signature>`), INVALID],
    ['whole signed package nested under a new root', signed.replace(/<edXML xmlns="[^"]*">/, (m) => `${m}${withoutSig.replace(/^<\?xml[^>]*>\s*/, '').replace(/<edXML xmlns="[^"]*">/, '<edXML:Hidden>').replace(/<\/edXML>\s*$/, '</edXML:Hidden>')}`), ['VDXP_EDXML_DUPLICATE_ELEMENT', 'VDXP_SIGNATURE_INVALID', 'VDXP_SIGNATURE_MISSING', 'VDXP_XML_UNBOUND_PREFIX']],
    ['Signature moved into MessageHeader', withoutSig.replace('</edXML:MessageHeader>', `${sig}</edXML:MessageHeader>`), ['VDXP_SIGNATURE_MISSING', ...INVALID]],
    ['second Signature', signed.replace(sig, `${sig}${sig}`), INVALID],
    ['Signature emptied', signed.replace(sig, `<Signature xmlns="${DSIG}"/>`), INVALID],
    ['Reference URI to an Id', signed.replace('<Reference URI="">', '<Reference URI="#mh">').replace('<edXML:MessageHeader>', '<edXML:MessageHeader Id="mh">'), INVALID],
    ['second Reference', signed.replace('</SignedInfo>', `${/<Reference[\s\S]*<\/Reference>/.exec(sig)![0].replace('URI=""', 'URI="#x"')}</SignedInfo>`), INVALID],
    ['SignatureValue tampered', flip(signed, 'SignatureValue', rng), INVALID],
    ['DigestValue tampered', flip(signed, 'DigestValue', rng), INVALID],
    ['SignatureMethod hmac-sha1', signed.replace(/SignatureMethod Algorithm="[^"]*"/, 'SignatureMethod Algorithm="http://www.w3.org/2000/09/xmldsig#hmac-sha1"'), INVALID],
    ['DigestMethod md5', signed.replace(/DigestMethod Algorithm="[^"]*"/, 'DigestMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#md5"'), INVALID],
    ['enveloped transform dropped', signed.replace(/<Transform Algorithm="http:\/\/www.w3.org\/2000\/09\/xmldsig#enveloped-signature"\/>/, ''), INVALID],
    ['XSLT transform added', signed.replace('</Transforms>', '<Transform Algorithm="http://www.w3.org/TR/1999/REC-xslt-19991116"/></Transforms>'), INVALID],
    ['certificate of another system', signed.replace(/<X509Certificate>[^<]*<\/X509Certificate>/, `<X509Certificate>${otherCert}</X509Certificate>`), INVALID],
    ['decoy certificate first', signed.replace('<X509Certificate>', `<X509Certificate>${otherCert}</X509Certificate><X509Certificate>`), INVALID],
    ['certificate not base64', signed.replace(/<X509Certificate>[^<]*<\/X509Certificate>/, '<X509Certificate>***</X509Certificate>'), INVALID],
    ['Signature in the QCVN namespace', signed.replace(`<Signature xmlns="${DSIG}">`, '<Signature xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">'), INVALID],
    ['prefix renamed', signed.replace(/edXML:/g, 'e:').replace('xmlns:edXML=', 'xmlns:e='), INVALID],
    ['Signature outside edXMLHeader', withoutSig.replace('</edXML:edXMLEnvelope>', `</edXML:edXMLEnvelope>${sig}`), ['VDXP_SIGNATURE_MISSING', ...INVALID]],
  ];
}

export function vdxpSignatureCases(fx: Fixture, seed = 8004): BadCase[] {
  const rng = seeded(seed);
  const L = new CaseList('vdxp-signature', 'vdxp');
  const { strict, recipient } = fx.vdxp;
  const send = (family: string, text: string, expect: string[]) => L.add(family, sendRequest(strict, Buffer.from(text, 'utf8')), expect);
  for (let i = 0; i < 14; i++) {
    const doc = variedPackage(rng, strict.agency, [recipient.agency], { number: String(20_000 + i) });
    const signed = signEdxml(doc, strict, { algorithm: i % 3 === 0 ? 'rsa-sha1' : 'rsa-sha256' });
    for (const [, text, expect] of wrappings(signed, fx, rng)) send('wrapping', text, expect);
  }
  for (let i = 0; i < 10; i++) {
    const doc = variedPackage(rng, strict.agency, [recipient.agency], { number: String(21_000 + i) });
    send('untrusted', signEdxml(doc, fx.vdxp.foreignKey), ['VDXP_SIGNATURE_UNTRUSTED']);
    // A valid test-CA signature, but another connected system's: not the sender's own (decision 025).
    send('signer-mismatch', signEdxml(doc, i % 2 ? fx.vdxp.lenient : fx.vdxp.recipient), ['VDXP_SIGNATURE_SIGNER_MISMATCH']);
    send('expired', signEdxml(doc, fx.vdxp.expiredKey), INVALID);
    // The VNPT builder's dummy signature (every official sample carries it): strict mode cannot verify it.
    send('dummy', doc.replace('</edXML:edXMLHeader>', `<Signature xmlns="${DSIG}"><SignedInfo/><SignatureValue>AAAA</SignatureValue><KeyInfo/></Signature></edXML:edXMLHeader>`), INVALID);
  }
  return L.cases;
}
