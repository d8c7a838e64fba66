import type { Kysely, Migration } from 'kysely';
import type { Clock } from './clock.js';
import type { Store } from './store/store.js';
import { createTestCa, issueCertificate, type CaMaterial, type IssuedCertificate } from './test-ca.js';

/** Certificates start a little in the past so a virtual clock set back (to replay a morning, say) still trusts them. */
const LEAF_BACKDATE_DAYS = 30;
const CA_BACKDATE_DAYS = 31;

interface Tables {
  test_ca: { id: number; certificate_pem: string; private_key_pem: string; created_at: string };
}

export const testCaMigrations: Record<string, Migration> = {
  'core-002-test-ca': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('test_ca')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('certificate_pem', 'text', (c) => c.notNull())
        .addColumn('private_key_pem', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
};

/**
 * The emulator's test CA, created on first use and kept in the store so certificates issued earlier stay
 * trusted across restarts of a file-backed emulator and across resets. Never for production: the subject says so.
 */
export class TestCaService {
  private material: Promise<CaMaterial> | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  private get db() {
    return this.store.db<Tables>();
  }

  ca(): Promise<CaMaterial> {
    this.material ??= this.loadOrCreate();
    this.material.catch(() => (this.material = undefined));
    return this.material;
  }

  /** Drops the CA held in memory: after a snapshot restore the stored one may be another. */
  forget(): void {
    this.material = undefined;
  }

  async certificatePem(): Promise<string> {
    return (await this.ca()).certificatePem;
  }

  async issue(commonName: string, organization?: string, opts: { uris?: string[] } = {}): Promise<IssuedCertificate> {
    return issueCertificate(await this.ca(), { commonName, organization, uris: opts.uris, now: this.clock.now(), backdateDays: LEAF_BACKDATE_DAYS });
  }

  private async loadOrCreate(): Promise<CaMaterial> {
    const row = await this.db.selectFrom('test_ca').selectAll().where('id', '=', 1).executeTakeFirst();
    if (row) return { certificatePem: row.certificate_pem, privateKeyPem: row.private_key_pem };
    const created = await createTestCa({ now: this.clock.now(), backdateDays: CA_BACKDATE_DAYS });
    await this.db
      .insertInto('test_ca')
      .values({ id: 1, certificate_pem: created.certificatePem, private_key_pem: created.privateKeyPem, created_at: this.clock.now().toISOString() })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    // Another process sharing the store may have created its CA first: the stored one is the CA.
    const stored = await this.db.selectFrom('test_ca').selectAll().where('id', '=', 1).executeTakeFirst();
    return stored ? { certificatePem: stored.certificate_pem, privateKeyPem: stored.private_key_pem } : created;
  }
}
