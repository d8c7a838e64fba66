import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCa, issueCertificate, type CaMaterial, type IssuedCertificate } from '../core/test-ca.js';
import { verifyEdxmlSignature } from '../platforms/vdxp/wire/signature.js';
import { defaultOutPath, signFile } from './sign.js';

const NOW = new Date('2026-02-03T04:05:06Z');
const STATUS = new URL('../../../shared/specs/edxml-samples/status_inbox_01.edxml', import.meta.url);
let ca: CaMaterial;
let signer: IssuedCertificate;

beforeAll(async () => {
  ca = await createTestCa({ now: NOW });
  signer = await issueCertificate(ca, { commonName: 'cli', now: NOW });
});

describe('signFile', () => {
  it('writes <name>.signed.edxml next to the input and leaves the input alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lienthong-sign-'));
    const file = join(dir, 'status.edxml');
    const original = await readFile(STATUS, 'utf8');
    await writeFile(file, original);
    const out = await signFile({ file, privateKeyPem: signer.privateKeyPem, certificatePem: signer.certificatePem });
    expect(out).toBe(join(dir, 'status.signed.edxml'));
    expect(await readFile(file, 'utf8')).toBe(original);
    expect(verifyEdxmlSignature(await readFile(out, 'utf8'), { trustedCaPems: [ca.certificatePem] }).status).toBe('valid');
  });

  it('honours out and algorithm', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lienthong-sign-'));
    const out = join(dir, 'x.xml');
    const written = await signFile({ file: STATUS.pathname, out, algorithm: 'rsa-sha1', ...signer });
    expect(written).toBe(out);
    expect(await readFile(out, 'utf8')).toContain('xmldsig#rsa-sha1');
  });

  it('derives the default name', () => {
    expect(defaultOutPath('/a/edoc.edxml')).toBe('/a/edoc.signed.edxml');
    expect(defaultOutPath('pkg.XML')).toBe('pkg.signed.edxml');
    expect(defaultOutPath('pkg')).toBe('pkg.signed.edxml');
  });
});
