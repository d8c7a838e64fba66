import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Stored credentials (one-stop passwords, gateway client secrets): `salt:sha256(salt+secret)`. The emulator
 * only ever compares, so it never keeps a secret it could leak in a snapshot or a reply.
 */
export function hashSecret(secret: string, salt = randomBytes(12).toString('hex')): string {
  return `${salt}:${createHash('sha256').update(salt + secret).digest('hex')}`;
}

export function secretMatches(stored: string, secret: string): boolean {
  const [salt = '', digest = ''] = stored.split(':');
  const expected = Buffer.from(digest, 'hex');
  const actual = Buffer.from(hashSecret(secret, salt).split(':')[1] ?? '', 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
