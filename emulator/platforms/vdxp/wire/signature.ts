import { createPublicKey, X509Certificate } from 'node:crypto';
import { DOMParser, type Document, type Element, type Node as XNode } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { isIssuedBy, rfc4514Subject } from '../../../core/test-ca.js';
import { QCVN_NS, XMLDSIG_NS } from './edxml-model.js';

/**
 * XML-DSig of edXML packages (specs/vdxp.md §1.4). One enveloped signature over the whole document
 * (`Reference URI=""`), in the xmldsig namespace, as the last child of `edXMLHeader`. xml-crypto does the
 * canonicalization and the cryptography; this module decides which signature shapes it will even look at
 * (one Signature, one Reference, URI="", known algorithms) and who is trusted (the certificate in KeyInfo
 * is only a key until it chains to a trusted CA).
 */

export type SignatureAlgorithm = 'rsa-sha256' | 'rsa-sha1';

export interface SignerInfo {
  /** RFC 4514 order, e.g. `CN=alice, O=UBND Tỉnh Nghệ An, C=VN`. */
  subject: string;
  /** Upper-case hex. */
  serialNumber: string;
  fingerprint256: string;
  /** subjectAltName URIs: the emulator's test CA names the VDXP system a certificate is for there. */
  uris: string[];
}

export interface SignatureVerdict {
  status: 'absent' | 'valid' | 'invalid' | 'untrusted';
  /** Why it is not `valid` (absent: what was looked for). */
  reason?: string;
  /** Set whenever the embedded certificate could be parsed, whatever the status. */
  signer?: SignerInfo;
}

export interface VerifyOptions {
  /** PEM certificates of the CAs whose end-entity certificates count as trusted (the emulator test CA). */
  trustedCaPems: string[];
  /** Virtual-clock instant to check the certificate validity period against; omitted = not checked. */
  now?: Date;
}

const ALG = {
  c14n: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  c14nComments: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  excC14nComments: 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
  enveloped: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  rsaSha1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  rsaSha512: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha512: 'http://www.w3.org/2001/04/xmlenc#sha512',
} as const;

/** What the VNPT builder (and every official sample) writes for exc-c14n; no XML-DSig implementation knows it. */
const VNPT_EXC_C14N_TYPO = 'http://www.w3.org/TR/xml-exc-c14n#';

const C14N_ALGS: ReadonlySet<string> = new Set([ALG.c14n, ALG.c14nComments, ALG.excC14n, ALG.excC14nComments]);
// RSA only: the emulator CA issues RSA keys, and refusing HMAC closes the key-confusion hole by construction.
const SIGNATURE_ALGS: ReadonlySet<string> = new Set([ALG.rsaSha1, ALG.rsaSha256, ALG.rsaSha512]);
const DIGEST_ALGS: ReadonlySet<string> = new Set([ALG.sha1, ALG.sha256, ALG.sha512]);

const PROFILES: Record<SignatureAlgorithm, { canonicalization: string; signature: string; digest: string }> = {
  // The VNPT builder's choices (vdxp.md §1.4): inclusive c14n for SignedInfo, exc-c14n inside the Reference.
  'rsa-sha1': { canonicalization: ALG.c14n, signature: ALG.rsaSha1, digest: ALG.sha1 },
  'rsa-sha256': { canonicalization: ALG.excC14n, signature: ALG.rsaSha256, digest: ALG.sha256 },
};

const EDXML_HEADER_XPATH = `//*[local-name(.)='edXMLHeader' and namespace-uri(.)='${QCVN_NS}']`;

const ELEMENT_NODE = 1;
const DOCUMENT_TYPE_NODE = 10;

/**
 * Signs an edXML package (document or status) and returns the signed XML. An existing `Signature` in
 * `edXMLHeader` (xmldsig or the VNPT QCVN-namespace form, e.g. the samples' dummies) is replaced: it could
 * never verify next to a new one, and re-signing is what a tester wants. Throws on a package that is not
 * namespace-well-formed XML, has no (or two) edXMLHeader, has an xmldsig Signature elsewhere, or on a key
 * that does not match the certificate: signing those would only produce a package the verifier rejects.
 */
export function signEdxml(
  xml: string,
  key: { privateKeyPem: string; certificatePem: string },
  opts: { algorithm?: SignatureAlgorithm } = {},
): string {
  const profile = PROFILES[opts.algorithm ?? 'rsa-sha256'];
  if (!profile) throw new Error(`signEdxml: unknown algorithm "${String(opts.algorithm)}" (rsa-sha256 or rsa-sha1)`);

  const cert = new X509Certificate(key.certificatePem);
  const keySpki = createPublicKey(key.privateKeyPem).export({ type: 'spki', format: 'der' });
  if (!keySpki.equals(cert.publicKey.export({ type: 'spki', format: 'der' }))) {
    throw new Error('signEdxml: the private key does not belong to the certificate');
  }
  if (cert.publicKey.asymmetricKeyType !== 'rsa') throw new Error('signEdxml: only RSA keys are supported');

  const parsed = parseStrict(stripBom(xml));
  if ('error' in parsed) throw new Error(`signEdxml: ${parsed.error}`);
  const { doc } = parsed;
  const headers = elementsNS(doc, QCVN_NS, 'edXMLHeader');
  if (headers.length !== 1) throw new Error(`signEdxml: expected one edXML:edXMLHeader in ${QCVN_NS}, found ${headers.length}`);
  const header = headers[0]!;

  let source = stripBom(xml);
  const existing = signatureCandidates(doc);
  const elsewhere = existing.filter((s) => s.parentNode !== header);
  if (elsewhere.length > 0) {
    throw new Error(`signEdxml: a Signature element sits outside edXMLHeader (under ${describe(elsewhere[0]!.parentNode)}); refusing to sign around it`);
  }
  if (existing.length > 0) {
    for (const old of existing) {
      // Drop the indentation before it too, so re-signing does not accumulate blank lines.
      const prev = old.previousSibling;
      if (prev && prev.nodeType === 3 && !prev.nodeValue?.trim()) header.removeChild(prev);
      header.removeChild(old);
    }
    source = doc.toString();
  }

  const subject = rfc4514Subject(cert);
  const certB64 = cert.raw.toString('base64');
  const sig = new SignedXml({
    privateKey: key.privateKeyPem,
    publicCert: key.certificatePem,
    signatureAlgorithm: profile.signature,
    canonicalizationAlgorithm: profile.canonicalization,
    // X509SubjectName as the VNPT builder writes it, then the certificate (base64 DER, no PEM armour).
    getKeyInfoContent: () =>
      `<X509Data><X509SubjectName>${escapeText(subject)}</X509SubjectName><X509Certificate>${certB64}</X509Certificate></X509Data>`,
  });
  sig.addReference({
    xpath: '/*',
    isEmptyUri: true,
    transforms: [ALG.enveloped, ALG.excC14n],
    digestAlgorithm: profile.digest,
  });
  sig.computeSignature(source, { location: { reference: EDXML_HEADER_XPATH, action: 'append' } });
  return sig.getSignedXml();
}

/** Verifies the package's XML-DSig signature. Never throws: every outcome, bad input included, is a verdict. */
export function verifyEdxmlSignature(xml: string, opts: VerifyOptions): SignatureVerdict {
  try {
    return verify(xml, opts);
  } catch (err) {
    return { status: 'invalid', reason: `signature could not be checked: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function verify(xmlIn: string, opts: VerifyOptions): SignatureVerdict {
  if (typeof xmlIn !== 'string') return invalid('the package is not a string of XML');
  const xml = stripBom(xmlIn);
  const parsed = parseStrict(xml);
  if ('error' in parsed) return invalid(`${parsed.error}; a signature over it cannot be verified`);
  const { doc } = parsed;

  // ---- Which signature (signature-wrapping guards) ----
  const candidates = signatureCandidates(doc);
  if (candidates.length === 0) return { status: 'absent', reason: 'no Signature element in edXMLHeader' };
  if (candidates.length > 1) {
    return invalid(
      `${candidates.length} Signature elements (under ${candidates.map((c) => describe(c.parentNode)).join(', ')}); exactly one is allowed, a second one is a signature-wrapping pattern`,
    );
  }
  const sigEl = candidates[0]!;
  if (!isQcvn(sigEl.parentNode, 'edXMLHeader')) {
    return invalid(`the Signature element is under ${describe(sigEl.parentNode)}, not edXMLHeader`);
  }
  if (sigEl.namespaceURI !== XMLDSIG_NS) {
    return invalid(
      sigEl.namespaceURI === QCVN_NS
        ? `Signature element is in the QCVN namespace, not ${XMLDSIG_NS} (VNPT builder form); it cannot be verified`
        : `Signature element is in namespace "${sigEl.namespaceURI ?? ''}", not ${XMLDSIG_NS}; it cannot be verified`,
    );
  }

  // ---- Shape: only what we can vouch for reaches xml-crypto ----
  const shape = checkShape(sigEl);
  if ('error' in shape) return invalid(shape.error);

  // ---- The key: KeyInfo's certificate, parsed by us (xml-crypto is never told to trust KeyInfo) ----
  const certEls = childrenNS(shape.keyInfo, XMLDSIG_NS, 'X509Data').flatMap((d) => childrenNS(d, XMLDSIG_NS, 'X509Certificate'));
  if (certEls.length === 0) return invalid('KeyInfo has no X509Data/X509Certificate; the signer cannot be identified');
  const certText = (certEls[0]!.textContent ?? '').replace(/\s+/g, '');
  let cert: X509Certificate;
  try {
    if (!isBase64(certText)) throw new Error(`not valid base64 (${certText.length} characters: "${truncate(certText, 24)}")`);
    cert = new X509Certificate(Buffer.from(certText, 'base64'));
  } catch (err) {
    return invalid(`X509Certificate is not a parseable certificate: ${err instanceof Error ? err.message : String(err)}`);
  }
  const signer: SignerInfo = { subject: rfc4514Subject(cert), serialNumber: cert.serialNumber, fingerprint256: cert.fingerprint256, uris: subjectAltUris(cert) };
  if (cert.publicKey.asymmetricKeyType !== 'rsa') {
    return { status: 'invalid', signer, reason: `the certificate carries a ${cert.publicKey.asymmetricKeyType ?? 'non-RSA'} key; SignatureMethod needs RSA` };
  }

  // ---- Cryptography (xml-crypto): Reference digest, then SignatureValue over SignedInfo ----
  const sx = new SignedXml({ publicCert: cert.toString(), getCertFromKeyInfo: () => null });
  sx.loadSignature(sigEl as unknown as Node);
  let ok: boolean;
  try {
    ok = sx.checkSignature(xml);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (/signature value .* is incorrect/.test(msg)) {
      return {
        status: 'invalid',
        signer,
        reason: 'SignatureValue does not verify with the public key of the embedded certificate: SignedInfo was changed after signing, or the certificate is not the signer\'s',
      };
    }
    return { status: 'invalid', signer, reason: `xml-crypto refused the signature: ${msg}` };
  }
  if (!ok) {
    const refError = sx.getReferences()[0]?.validationError?.message ?? '';
    const m = /calculated digest is (\S+) but the xml to validate supplies digest (\S+)/.exec(refError);
    return {
      status: 'invalid',
      signer,
      reason: m
        ? `Reference digest does not match: the package was changed after signing (computed ${m[1]}, DigestValue ${m[2]})`
        : `Reference does not validate: ${refError || 'unknown reason'}`,
    };
  }

  // ---- Validity period on the virtual clock ----
  const notBefore = new Date(cert.validFrom);
  const notAfter = new Date(cert.validTo);
  if (opts.now) {
    if (opts.now < notBefore) return { status: 'invalid', signer, reason: `the certificate is not valid before ${notBefore.toISOString()} (now ${opts.now.toISOString()})` };
    if (opts.now > notAfter) return { status: 'invalid', signer, reason: `the certificate expired on ${notAfter.toISOString()} (now ${opts.now.toISOString()})` };
  }

  // ---- Trust: the embedded certificate is only believed if a trusted CA issued it ----
  if (cert.ca) {
    return { status: 'untrusted', signer, reason: 'the signer certificate is a CA certificate (basicConstraints CA:TRUE), not an end-entity certificate' };
  }
  const certPem = cert.toString();
  const trusted = (opts.trustedCaPems ?? []).filter((ca) => isIssuedBy(certPem, ca));
  if (trusted.length === 0) {
    return {
      status: 'untrusted',
      signer,
      reason: `the certificate (issuer ${rfc4514Issuer(cert)}) was not issued by a trusted CA (${(opts.trustedCaPems ?? []).length} configured)`,
    };
  }
  if (opts.now && !trusted.some((ca) => validAt(ca, opts.now!))) {
    return { status: 'untrusted', signer, reason: `the issuing CA is not valid at ${opts.now.toISOString()}` };
  }
  return { status: 'valid', signer };
}

type Shape = { keyInfo: Element } | { error: string };

/**
 * Accepts exactly: Signature{SignedInfo, SignatureValue, KeyInfo, Object*}; SignedInfo{CanonicalizationMethod,
 * SignatureMethod, one Reference URI=""}; Reference{Transforms{enveloped-signature[, c14n]}, DigestMethod,
 * DigestValue}. xml-crypto finds these parts by local name anywhere under Signature, so anything extra
 * (a second Reference, a decoy SignatureValue) is refused here rather than left to its document order.
 */
function checkShape(sig: Element): Shape {
  const kids = elementChildren(sig);
  const stray = kids.find((k) => k.namespaceURI !== XMLDSIG_NS || !['SignedInfo', 'SignatureValue', 'KeyInfo', 'Object'].includes(k.localName ?? ''));
  if (stray) return { error: `unexpected element ${describe(stray)} in Signature` };
  const signedInfo = only(sig, 'SignedInfo');
  if (typeof signedInfo === 'string') return { error: signedInfo };
  const sigValue = only(sig, 'SignatureValue');
  if (typeof sigValue === 'string') return { error: sigValue };
  if (!isBase64((sigValue.textContent ?? '').replace(/\s+/g, ''))) return { error: 'SignatureValue is not base64' };
  const keyInfo = only(sig, 'KeyInfo');
  if (typeof keyInfo === 'string') return { error: keyInfo };

  const siKids = elementChildren(signedInfo);
  const siStray = siKids.find((k) => k.namespaceURI !== XMLDSIG_NS || !['CanonicalizationMethod', 'SignatureMethod', 'Reference'].includes(k.localName ?? ''));
  if (siStray) return { error: `unexpected element ${describe(siStray)} in SignedInfo` };
  const c14n = only(signedInfo, 'CanonicalizationMethod');
  if (typeof c14n === 'string') return { error: c14n };
  if (!C14N_ALGS.has(c14n.getAttribute('Algorithm') ?? '')) {
    return { error: `unsupported CanonicalizationMethod "${c14n.getAttribute('Algorithm') ?? ''}"` };
  }
  const method = only(signedInfo, 'SignatureMethod');
  if (typeof method === 'string') return { error: method };
  if (!SIGNATURE_ALGS.has(method.getAttribute('Algorithm') ?? '')) {
    return { error: `unsupported SignatureMethod "${method.getAttribute('Algorithm') ?? ''}" (rsa-sha1, rsa-sha256 or rsa-sha512)` };
  }

  const refs = childrenNS(signedInfo, XMLDSIG_NS, 'Reference');
  if (refs.length !== 1) return { error: `SignedInfo has ${refs.length} Reference elements; exactly one, with URI="" (the whole package), is accepted` };
  const ref = refs[0]!;
  if (!ref.hasAttribute('URI')) return { error: 'the Reference has no URI attribute; only URI="" (the whole package) is accepted' };
  const uri = ref.getAttribute('URI');
  if (uri !== '') {
    return { error: `the Reference points at URI="${uri}", not URI="" (the whole package); a partial reference is a signature-wrapping risk and is refused` };
  }
  const refStray = elementChildren(ref).find((k) => k.namespaceURI !== XMLDSIG_NS || !['Transforms', 'DigestMethod', 'DigestValue'].includes(k.localName ?? ''));
  if (refStray) return { error: `unexpected element ${describe(refStray)} in Reference` };
  const transformsEl = only(ref, 'Transforms');
  if (typeof transformsEl === 'string') return { error: transformsEl };
  const transforms = childrenNS(transformsEl, XMLDSIG_NS, 'Transform').map((t) => t.getAttribute('Algorithm') ?? '');
  if (elementChildren(transformsEl).length !== transforms.length) return { error: 'Transforms holds something other than Transform elements' };
  if (transforms[0] !== ALG.enveloped) {
    return { error: `the first Transform is "${transforms[0] ?? '(none)'}", not enveloped-signature; an enveloped signature over URI="" needs it` };
  }
  if (transforms[1] === VNPT_EXC_C14N_TYPO) {
    return { error: `Transform "${VNPT_EXC_C14N_TYPO}" is not an algorithm URI (the VNPT builder's form of ${ALG.excC14n}); it cannot be verified` };
  }
  if (transforms.length > 2 || (transforms.length === 2 && !C14N_ALGS.has(transforms[1]!))) {
    return { error: `unsupported Transforms ${transforms.join(' + ')} (enveloped-signature, optionally followed by c14n or exc-c14n)` };
  }
  const digestMethod = only(ref, 'DigestMethod');
  if (typeof digestMethod === 'string') return { error: digestMethod };
  if (!DIGEST_ALGS.has(digestMethod.getAttribute('Algorithm') ?? '')) {
    return { error: `unsupported DigestMethod "${digestMethod.getAttribute('Algorithm') ?? ''}" (sha1, sha256 or sha512)` };
  }
  const digestValue = only(ref, 'DigestValue');
  if (typeof digestValue === 'string') return { error: digestValue };
  if (!isBase64((digestValue.textContent ?? '').replace(/\s+/g, ''))) return { error: 'DigestValue is not base64' };
  return { keyInfo };
}

/** The single xmldsig child `name` of `parent`, or the reason it is missing or repeated. */
function only(parent: Element, name: string): Element | string {
  const found = childrenNS(parent, XMLDSIG_NS, name);
  if (found.length === 1) return found[0]!;
  return found.length === 0 ? `${parent.localName} has no ${name}` : `${parent.localName} has ${found.length} ${name} elements; exactly one is allowed`;
}

/**
 * Parses with xmldom 0.9 and treats every `error` as fatal. xml-crypto re-parses with its own, more lenient
 * xmldom 0.8; requiring a clean parse by the stricter one keeps the two from seeing different documents.
 */
function parseStrict(xml: string): { doc: Document } | { error: string } {
  const problems: string[] = [];
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level, msg) => {
        if (level !== 'warning') problems.push(msg);
      },
    }).parseFromString(xml, 'text/xml');
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const where = (err as { locator?: { lineNumber?: number } }).locator?.lineNumber;
    return { error: `the package is not namespace-well-formed XML${where ? ` (line ${where})` : ''}: ${msg}` };
  }
  if (problems.length > 0) return { error: `the package is not well-formed XML: ${problems[0]}` };
  if (!doc.documentElement) return { error: 'the package has no root element' };
  for (let n = doc.firstChild; n; n = n.nextSibling) {
    // edXML never has a DOCTYPE; entity definitions would be one more place for the two parsers to disagree.
    if (n.nodeType === DOCUMENT_TYPE_NODE) return { error: 'the package has a DOCTYPE, which edXML never carries' };
  }
  return { doc };
}

/** Every element that is, or claims to be, a signature: xmldsig `Signature` anywhere, and the VNPT QCVN/no-namespace form. */
function signatureCandidates(doc: Document): Element[] {
  return Array.from(doc.getElementsByTagNameNS('*', 'Signature')).filter(
    (el) => el.namespaceURI === XMLDSIG_NS || el.namespaceURI === QCVN_NS || !el.namespaceURI,
  );
}

function elementsNS(doc: Document, ns: string, localName: string): Element[] {
  return Array.from(doc.getElementsByTagNameNS(ns, localName));
}

function elementChildren(el: Element): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === ELEMENT_NODE) out.push(n as Element);
  return out;
}

function childrenNS(el: Element, ns: string, localName: string): Element[] {
  return elementChildren(el).filter((c) => c.namespaceURI === ns && c.localName === localName);
}

function isQcvn(node: XNode | null, localName: string): boolean {
  return !!node && node.nodeType === ELEMENT_NODE && (node as Element).namespaceURI === QCVN_NS && (node as Element).localName === localName;
}

function describe(node: XNode | null): string {
  if (!node || node.nodeType !== ELEMENT_NODE) return 'the document';
  const el = node as Element;
  return `${el.nodeName}${el.namespaceURI ? ` {${el.namespaceURI}}` : ''}`;
}

function isBase64(s: string): boolean {
  return s.length > 0 && s.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(s);
}

/**
 * The URI entries of subjectAltName. Node prints them as `URI:value`, comma-separated, and JSON-quotes a
 * value that holds a comma or a quote (`URI:"urn:a\u002cb"`), so a comma inside a value cannot split it.
 */
export function subjectAltUris(cert: X509Certificate): string[] {
  const san = cert.subjectAltName;
  if (!san) return [];
  const out: string[] = [];
  for (const m of san.matchAll(/(?:^|, )URI:("(?:[^"\\]|\\.)*"|[^,]*)/g)) {
    const raw = m[1]!;
    try {
      out.push(raw.startsWith('"') ? (JSON.parse(raw) as string) : raw);
    } catch {
      /* an entry Node quoted in a way JSON does not read: not one of ours */
    }
  }
  return out;
}

function rfc4514Issuer(cert: X509Certificate): string {
  return cert.issuer.split('\n').filter(Boolean).reverse().join(', ');
}

function validAt(caPem: string, now: Date): boolean {
  try {
    const ca = new X509Certificate(caPem);
    return now >= new Date(ca.validFrom) && now <= new Date(ca.validTo);
  } catch {
    return false;
  }
}

function invalid(reason: string): SignatureVerdict {
  return { status: 'invalid', reason };
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
