// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata polyfill loaded first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createPrivateKey, createPublicKey, randomBytes, webcrypto, X509Certificate } from 'node:crypto';

/**
 * The emulator's test CA: every platform issues its test signing certificates here, so a package signed by an
 * emulator-issued certificate verifies as trusted and one signed by anything else does not. Nothing here reads
 * the wall clock: validity always starts at the caller's `now` (the emulator runs on a virtual clock).
 */

export interface CaMaterial {
  certificatePem: string;
  /** PKCS#8 PEM. */
  privateKeyPem: string;
}

export interface IssuedCertificate {
  certificatePem: string;
  /** PKCS#8 PEM. */
  privateKeyPem: string;
  /** Upper-case hex, as node:crypto X509Certificate reports it. */
  serialNumber: string;
  /** RFC 4514 order (most specific first), e.g. `CN=alice, O=UBND Tỉnh Nghệ An, C=VN`. */
  subject: string;
  notBefore: Date;
  notAfter: Date;
  /** Colon-separated upper-case hex SHA-256 of the DER certificate. */
  fingerprint256: string;
}

export const TEST_CA_DEFAULT_CN = 'lienthong Test CA';
/** Printed in every emulator certificate so nobody mistakes one for a real VNPT-CA/Ban Cơ yếu certificate. */
export const TEST_CA_ORGANIZATION = 'lienthong (NOT FOR PRODUCTION)';
const CA_DEFAULT_DAYS = 3650;
const LEAF_DEFAULT_DAYS = 730;
const DAY_MS = 24 * 3600 * 1000;

const RSA_ALG = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
} as const;

// Node's webcrypto and the DOM Crypto type describe the same object; @peculiar/x509 is typed against the DOM one.
const crypto = webcrypto as unknown as Crypto;

export async function createTestCa(opts: { commonName?: string; now: Date; validityDays?: number; backdateDays?: number }): Promise<CaMaterial> {
  const { notBefore, notAfter } = validity(opts.now, opts.validityDays ?? CA_DEFAULT_DAYS, opts.backdateDays ?? 0);
  const keys = (await crypto.subtle.generateKey(RSA_ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerial(),
      name: dn(opts.commonName ?? TEST_CA_DEFAULT_CN, TEST_CA_ORGANIZATION),
      notBefore,
      notAfter,
      keys,
      signingAlgorithm: RSA_ALG,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  return { certificatePem: cert.toString('pem') + '\n', privateKeyPem: await exportPkcs8Pem(keys.privateKey) };
}

export async function issueCertificate(
  ca: CaMaterial,
  opts: {
    commonName: string;
    organization?: string;
    /** subjectAltName URIs (RFC 5280 §4.2.1.6): a machine-readable identity, e.g. the VDXP system the certificate is for. */
    uris?: string[];
    serialHex?: string;
    now: Date;
    validityDays?: number;
    backdateDays?: number;
  },
): Promise<IssuedCertificate> {
  const caCert = new X509Certificate(ca.certificatePem);
  if (!caCert.ca) throw new Error('issueCertificate: the CA certificate has no basicConstraints CA:TRUE');
  if (!sameKey(caCert, ca.privateKeyPem)) throw new Error('issueCertificate: the CA private key does not match the CA certificate');
  if (opts.serialHex !== undefined && !/^[0-9a-fA-F]{1,40}$/.test(opts.serialHex)) {
    throw new Error(`issueCertificate: serialHex "${opts.serialHex}" is not 1 to 40 hex digits`);
  }

  let { notBefore, notAfter } = validity(opts.now, opts.validityDays ?? LEAF_DEFAULT_DAYS, opts.backdateDays ?? 0);
  // A certificate outliving its issuer would fail path validation at the end anyway; say so up front by clamping.
  const caNotAfter = new Date(caCert.validTo);
  if (notAfter > caNotAfter) notAfter = caNotAfter;
  if (notAfter <= notBefore) throw new Error(`issueCertificate: the CA expired on ${caNotAfter.toISOString()}, before now`);

  const caPeculiar = new x509.X509Certificate(ca.certificatePem);
  const signingKey = await crypto.subtle.importKey(
    'pkcs8',
    createPrivateKey(ca.privateKeyPem).export({ type: 'pkcs8', format: 'der' }),
    { name: RSA_ALG.name, hash: RSA_ALG.hash },
    false,
    ['sign'],
  );
  const keys = (await crypto.subtle.generateKey(RSA_ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: opts.serialHex ? positiveSerial(opts.serialHex) : randomSerial(),
      subject: dn(opts.commonName, opts.organization),
      // The CA's own encoded Name, so issuer and CA subject match byte for byte (what checkIssued compares).
      issuer: caPeculiar.subjectName,
      notBefore,
      notAfter,
      publicKey: keys.publicKey,
      signingKey,
      signingAlgorithm: RSA_ALG,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
        await x509.AuthorityKeyIdentifierExtension.create(caPeculiar.publicKey, false, crypto),
        ...(opts.uris?.length ? [new x509.SubjectAlternativeNameExtension(opts.uris.map((value) => ({ type: 'url' as const, value })), false)] : []),
      ],
    },
    crypto,
  );
  const certificatePem = cert.toString('pem') + '\n';
  const parsed = new X509Certificate(certificatePem);
  return {
    certificatePem,
    privateKeyPem: await exportPkcs8Pem(keys.privateKey),
    serialNumber: parsed.serialNumber,
    subject: rfc4514Subject(parsed),
    notBefore: new Date(parsed.validFrom),
    notAfter: new Date(parsed.validTo),
    fingerprint256: parsed.fingerprint256,
  };
}

/** True when `certPem` names `caPem` as issuer and carries a signature made by the CA's key. Never throws. */
export function isIssuedBy(certPem: string, caPem: string): boolean {
  try {
    const cert = new X509Certificate(certPem);
    const ca = new X509Certificate(caPem);
    return cert.checkIssued(ca) && cert.verify(ca.publicKey);
  } catch {
    return false;
  }
}

/**
 * Node prints a DN one RDN a line in encoding order (`C=VN\nO=…\nCN=…`, values already escaped); RFC 4514 (and
 * Java's X500Principal, which the VNPT builder uses for X509SubjectName) writes the reverse order, comma-joined.
 */
export function rfc4514Subject(cert: X509Certificate): string {
  return cert.subject.split('\n').filter(Boolean).reverse().join(', ');
}

/**
 * `backdateDays` starts the validity before `now`, as real CAs do for clock skew: a tester who moves the
 * emulator's virtual clock back a little must not find every certificate "not yet valid".
 */
function validity(now: Date, days: number, backdateDays: number): { notBefore: Date; notAfter: Date } {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new Error('test CA: `now` must be a valid Date');
  if (!Number.isFinite(days) || days <= 0) throw new Error(`test CA: validityDays must be positive, got ${days}`);
  if (!Number.isFinite(backdateDays) || backdateDays < 0) throw new Error(`test CA: backdateDays must be >= 0, got ${backdateDays}`);
  // X.509 times have one-second precision; truncating (not rounding) keeps `now` itself inside the validity.
  const start = Math.floor(now.getTime() / 1000) * 1000;
  return { notBefore: new Date(start - Math.round(backdateDays * DAY_MS)), notAfter: new Date(start + Math.round(days * DAY_MS)) };
}

/** Encoded most-general first (C, O, CN), the X.500 convention; displayed reversed (rfc4514Subject). */
function dn(commonName: string, organization?: string): x509.JsonName {
  if (!commonName.trim()) throw new Error('test CA: commonName must not be empty');
  const name: x509.JsonName = [{ C: ['VN'] }];
  if (organization) name.push({ O: [organization] });
  name.push({ CN: [commonName] });
  return name;
}

/** 16 random bytes, top bit clear (a positive INTEGER) and second bit set (no leading zero octet to strip). */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40;
  return bytes.toString('hex');
}

/** DER INTEGERs are signed: a serial whose first hex digit is 8-f needs a 00 octet in front to stay positive. */
function positiveSerial(hex: string): string {
  let h = hex.toLowerCase().replace(/^0+(?=.)/, '');
  if (h.length % 2) h = '0' + h;
  return /^[89a-f]/.test(h) ? '00' + h : h;
}

function sameKey(cert: X509Certificate, privateKeyPem: string): boolean {
  const fromKey = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'der' });
  return fromKey.equals(cert.publicKey.export({ type: 'spki', format: 'der' }));
}

async function exportPkcs8Pem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await crypto.subtle.exportKey('pkcs8', key));
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }).toString();
}
