/**
 * Signed reports: a detached signature over the report's canonical JSON (RFC 8785, JCS), with the signer's
 * certificate, so an agency verifies a report offline. The report file *is* its canonical JSON, so any
 * change of any byte — even reformatting — is detected: either the canonical form changes and the digest
 * no longer matches, or the file is no longer canonical.
 */
import { createHash, createPrivateKey, sign as rawSign, verify as rawVerify, X509Certificate } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import { isIssuedBy, rfc4514Subject } from '../emulator/core/test-ca.js';
import { assertValidReport, InvalidReport, type ComplianceReport } from './model.js';

// The package is CommonJS typed as an ES default export: at runtime the default import is the function.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

export const SIGNATURE_FORMAT = 'lienthong-signature/1';

export interface ReportSignature {
  format: typeof SIGNATURE_FORMAT;
  reportId: string;
  /** sha256 of the canonical JSON, `sha256:<hex>`. */
  digest: string;
  algorithm: 'RSA-SHA256' | 'ECDSA-SHA256';
  /** base64 signature over the canonical JSON bytes. */
  signature: string;
  certificatePem: string;
  /** The issuer chain as the signer supplied it (informative; trust comes from --ca). */
  chainPems: string[];
  signedAt: string;
}

export interface SigningKey {
  privateKeyPem: string;
  certificatePem: string;
  chainPems?: string[];
}

/** The canonical JSON of a value (RFC 8785): the exact bytes that are signed and written. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('canonical JSON: the value cannot be serialised');
  return text;
}

const digestOf = (bytes: string | Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

export function signReport(report: ComplianceReport, key: SigningKey, now = new Date()): { json: string; signature: ReportSignature } {
  assertValidReport(report);
  const json = canonicalJson(report);
  const privateKey = createPrivateKey(key.privateKeyPem);
  const cert = new X509Certificate(key.certificatePem);
  if (!cert.checkPrivateKey(privateKey)) throw new Error('the signing key does not belong to the certificate');
  const algorithm = privateKey.asymmetricKeyType === 'rsa' ? 'RSA-SHA256' : privateKey.asymmetricKeyType === 'ec' ? 'ECDSA-SHA256' : undefined;
  if (!algorithm) throw new Error(`signing key type ${privateKey.asymmetricKeyType} is not supported (RSA or EC)`);
  const signature = rawSign('sha256', Buffer.from(json, 'utf8'), privateKey).toString('base64');
  return {
    json,
    signature: { format: SIGNATURE_FORMAT, reportId: report.id, digest: digestOf(json), algorithm, signature, certificatePem: key.certificatePem, chainPems: key.chainPems ?? [], signedAt: now.toISOString() },
  };
}

export interface Verification {
  valid: boolean;
  /** Why not, one line each; empty when valid. */
  problems: string[];
  signer?: string;
  issuer?: string;
  /** true: chains to a CA given with --ca; false: it does not; null: no CA was given. */
  trusted: boolean | null;
  report?: ComplianceReport;
}

/** Checks the report bytes against the detached signature; never throws for bad input, says why instead. */
export function verifyReport(reportBytes: Buffer | string, signatureBytes: Buffer | string, opts: { trustedCaPems?: string[] } = {}): Verification {
  const problems: string[] = [];
  const text = Buffer.isBuffer(reportBytes) ? reportBytes.toString('utf8') : reportBytes;
  let sig: ReportSignature;
  try {
    sig = JSON.parse(Buffer.isBuffer(signatureBytes) ? signatureBytes.toString('utf8') : signatureBytes) as ReportSignature;
    if (sig.format !== SIGNATURE_FORMAT || typeof sig.signature !== 'string' || typeof sig.certificatePem !== 'string') throw new Error(`format must be ${SIGNATURE_FORMAT} with signature and certificatePem`);
  } catch (err) {
    return { valid: false, problems: [`the signature file is not a ${SIGNATURE_FORMAT} document: ${(err as Error).message}`], trusted: null };
  }
  let report: ComplianceReport | undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    assertValidReport(parsed);
    report = parsed;
    if (canonicalJson(parsed) !== text) problems.push('the report file is not in canonical JSON form: it was reformatted or edited after signing');
    if (parsed.id !== sig.reportId) problems.push(`the signature is for report ${sig.reportId}, not ${parsed.id}`);
  } catch (err) {
    problems.push(err instanceof InvalidReport ? err.message : `the report is not JSON: ${(err as Error).message}`);
  }
  const digest = digestOf(text);
  if (digest !== sig.digest) problems.push(`the report's digest ${digest} differs from the signed digest ${sig.digest}: the report was changed after signing`);
  let cert: X509Certificate | undefined;
  try {
    cert = new X509Certificate(sig.certificatePem);
  } catch (err) {
    problems.push(`the signer's certificate cannot be read: ${(err as Error).message}`);
  }
  if (cert) {
    let ok = false;
    try {
      ok = rawVerify('sha256', Buffer.from(text, 'utf8'), cert.publicKey, Buffer.from(sig.signature, 'base64'));
    } catch {
      ok = false;
    }
    if (!ok) problems.push('the signature value does not verify with the signer\'s certificate over the report bytes');
    const at = new Date(sig.signedAt);
    if (Number.isNaN(at.getTime()) || at < new Date(cert.validFrom) || at > new Date(cert.validTo)) {
      problems.push(`the signer's certificate was not valid when the report was signed (${sig.signedAt}; valid ${cert.validFrom} – ${cert.validTo})`);
    }
  }
  let trusted: boolean | null = null;
  if (cert && opts.trustedCaPems?.length) {
    trusted = opts.trustedCaPems.some((ca) => isIssuedBy(sig.certificatePem, ca));
    if (!trusted) problems.push('the signer\'s certificate is not issued by any of the trusted CAs given');
  }
  return {
    valid: problems.length === 0,
    problems,
    ...(cert ? { signer: rfc4514Subject(cert), issuer: cert.issuer.split('\n').filter(Boolean).reverse().join(', ') } : {}),
    trusted,
    ...(report ? { report } : {}),
  };
}
