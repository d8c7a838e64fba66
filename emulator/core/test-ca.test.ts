import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createPublicKey, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCa, isIssuedBy, issueCertificate, type CaMaterial, type IssuedCertificate } from './test-ca.js';

// A date far from the wall clock: if anything read Date.now(), the validity would not start here.
const NOW = new Date('2031-03-04T05:06:07.890Z');
const NOW_S = new Date('2031-03-04T05:06:07.000Z');
const DAY = 24 * 3600 * 1000;

let ca: CaMaterial;
let otherCa: CaMaterial;
let leaf: IssuedCertificate;

beforeAll(async () => {
  [ca, otherCa] = await Promise.all([createTestCa({ now: NOW }), createTestCa({ now: NOW })]);
  leaf = await issueCertificate(ca, { commonName: 'Nguyễn Văn A', organization: 'UBND Tỉnh Nghệ An', now: NOW, validityDays: 30 });
});

describe('createTestCa', () => {
  it('is a self-signed RSA-2048 CA with keyCertSign, marked not for production', () => {
    const cert = new X509Certificate(ca.certificatePem);
    expect(cert.ca).toBe(true);
    expect(cert.subject.split('\n')).toEqual(['C=VN', 'O=lienthong (NOT FOR PRODUCTION)', 'CN=lienthong Test CA']);
    expect(cert.issuer).toBe(cert.subject);
    expect(isIssuedBy(ca.certificatePem, ca.certificatePem)).toBe(true);
    expect(cert.publicKey.asymmetricKeyType).toBe('rsa');
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);

    const p = new x509.X509Certificate(ca.certificatePem);
    const ku = p.getExtension(x509.KeyUsagesExtension);
    expect(ku?.critical).toBe(true);
    expect((ku!.usages & x509.KeyUsageFlags.keyCertSign) !== 0).toBe(true);
    expect(p.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(true);
  });

  it('returns the matching PKCS#8 private key', () => {
    expect(ca.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const fromKey = createPublicKey(ca.privateKeyPem).export({ type: 'spki', format: 'der' });
    expect(fromKey.equals(new X509Certificate(ca.certificatePem).publicKey.export({ type: 'spki', format: 'der' }))).toBe(true);
  });

  it('takes its validity from `now` (whole seconds) and validityDays, default ten years', async () => {
    const cert = new X509Certificate(ca.certificatePem);
    expect(new Date(cert.validFrom)).toEqual(NOW_S);
    expect(new Date(cert.validTo)).toEqual(new Date(NOW_S.getTime() + 3650 * DAY));
    const short = await createTestCa({ now: new Date('2001-01-01T00:00:00Z'), validityDays: 2, commonName: 'Short CA' });
    const s = new X509Certificate(short.certificatePem);
    expect(new Date(s.validFrom)).toEqual(new Date('2001-01-01T00:00:00Z'));
    expect(new Date(s.validTo)).toEqual(new Date('2001-01-03T00:00:00Z'));
    expect(s.subject).toContain('CN=Short CA');
  });
});

describe('issueCertificate', () => {
  it('issues an end-entity certificate that chains to its CA and not to another CA', () => {
    expect(isIssuedBy(leaf.certificatePem, ca.certificatePem)).toBe(true);
    expect(isIssuedBy(leaf.certificatePem, otherCa.certificatePem)).toBe(false);
    // otherCa is an impostor with the very same DN: only the key tells them apart.
    expect(new X509Certificate(otherCa.certificatePem).subject).toBe(new X509Certificate(ca.certificatePem).subject);
  });

  it('is not a CA, has digitalSignature + nonRepudiation, and is signed sha256WithRSA', () => {
    const cert = new X509Certificate(leaf.certificatePem);
    expect(cert.ca).toBe(false);
    const p = new x509.X509Certificate(leaf.certificatePem);
    const ku = p.getExtension(x509.KeyUsagesExtension)!;
    expect(ku.usages).toBe(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation);
    expect(p.signatureAlgorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } });
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it('reports subject, serial, validity and fingerprint that match the certificate', () => {
    const cert = new X509Certificate(leaf.certificatePem);
    expect(leaf.subject).toBe('CN=Nguyễn Văn A, O=UBND Tỉnh Nghệ An, C=VN');
    expect(leaf.serialNumber).toBe(cert.serialNumber);
    expect(leaf.fingerprint256).toBe(cert.fingerprint256);
    expect(leaf.notBefore).toEqual(NOW_S);
    expect(leaf.notAfter).toEqual(new Date(NOW_S.getTime() + 30 * DAY));
    const fromKey = createPublicKey(leaf.privateKeyPem).export({ type: 'spki', format: 'der' });
    expect(fromKey.equals(cert.publicKey.export({ type: 'spki', format: 'der' }))).toBe(true);
  });

  it('starts the validity backdateDays before now when asked (clock skew), still ending validityDays after now', async () => {
    const l = await issueCertificate(ca, { commonName: 'skew', now: NOW, validityDays: 30, backdateDays: 2 });
    expect(l.notBefore).toEqual(new Date(NOW_S.getTime() - 2 * DAY));
    expect(l.notAfter).toEqual(new Date(NOW_S.getTime() + 30 * DAY));
    await expect(issueCertificate(ca, { commonName: 'x', now: NOW, backdateDays: -1 })).rejects.toThrow(/backdateDays/);
  });

  it('uses the serial it is given, kept positive', async () => {
    const a = await issueCertificate(ca, { commonName: 'serial', serialHex: 'ff01', now: NOW });
    expect(a.serialNumber).toBe('FF01');
    const b = await issueCertificate(ca, { commonName: 'serial', serialHex: '1234abcd', now: NOW });
    expect(b.serialNumber).toBe('1234ABCD');
    await expect(issueCertificate(ca, { commonName: 'x', serialHex: 'xyz', now: NOW })).rejects.toThrow(/hex/);
  });

  it('never outlives the CA, and refuses once the CA has expired', async () => {
    const shortCa = await createTestCa({ now: NOW, validityDays: 10, commonName: 'Ten-day CA' });
    const l = await issueCertificate(shortCa, { commonName: 'long', now: NOW, validityDays: 365 });
    expect(l.notAfter).toEqual(new Date(NOW_S.getTime() + 10 * DAY));
    await expect(issueCertificate(shortCa, { commonName: 'late', now: new Date(NOW.getTime() + 11 * DAY) })).rejects.toThrow(/expired/);
  });

  it('refuses CA material whose key does not match the certificate', async () => {
    await expect(
      issueCertificate({ certificatePem: ca.certificatePem, privateKeyPem: otherCa.privateKeyPem }, { commonName: 'x', now: NOW }),
    ).rejects.toThrow(/does not match/);
  });
});

describe('isIssuedBy', () => {
  it('is false (never throws) for garbage', () => {
    expect(isIssuedBy('not a cert', ca.certificatePem)).toBe(false);
    expect(isIssuedBy(leaf.certificatePem, '')).toBe(false);
    expect(isIssuedBy(ca.certificatePem, leaf.certificatePem)).toBe(false);
  });
});
