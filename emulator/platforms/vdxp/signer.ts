import { X509Certificate } from 'node:crypto';
import type { SystemRow } from './directory.js';
import type { SignerInfo } from './wire/signature.js';

/**
 * Whose certificate signed a package (docs/decisions/025). The test CA issues one certificate per connected
 * system and names the system in its subjectAltName as `urn:lienthong:vdxp:system:<systemId>`; agencies join
 * a system after its certificate is issued, so the certificate names the system and the directory says which
 * agencies the system serves.
 */
export const SYSTEM_URI_PREFIX = 'urn:lienthong:vdxp:system:';

export const systemUri = (systemId: string): string => `${SYSTEM_URI_PREFIX}${systemId}`;

/** The systems a certificate names in its subjectAltName (one, for every certificate the emulator issues). */
export function namedSystems(signer: SignerInfo): string[] {
  return signer.uris.filter((u) => u.startsWith(SYSTEM_URI_PREFIX)).map((u) => u.slice(SYSTEM_URI_PREFIX.length));
}

function fingerprintOf(pem: string | null): string | undefined {
  if (!pem) return undefined;
  try {
    return new X509Certificate(pem).fingerprint256;
  } catch {
    return undefined;
  }
}

/**
 * True when the (already verified and trusted) certificate was issued to `system`: it names the system, or
 * it is the very certificate stored for the system (certificates issued before the name was written carry
 * the systemId only as CN, which anyone can choose through POST /_lienthong/ca/certificates).
 */
export function issuedTo(signer: SignerInfo, system: SystemRow): boolean {
  if (namedSystems(signer).includes(system.system_id)) return true;
  return fingerprintOf(system.certificate_pem) === signer.fingerprint256;
}

/** Who the certificate was issued to, for a message: a named system, a stored system certificate, or nobody. */
export function ownerOf(signer: SignerInfo, systems: SystemRow[]): string {
  const named = namedSystems(signer);
  if (named.length > 0) return `issued to system ${named.map((s) => `"${s}"`).join(', ')}`;
  const stored = systems.find((s) => fingerprintOf(s.certificate_pem) === signer.fingerprint256);
  if (stored) return `the certificate of system "${stored.system_id}"`;
  return 'issued by the test CA to no connected system, e.g. through POST /_lienthong/ca/certificates';
}
