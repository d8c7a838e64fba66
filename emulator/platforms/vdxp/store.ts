import type { Kysely, Migration } from 'kysely';

/** VDXP tables. Times are ISO 8601 UTC strings; bodies are the exact bytes exchanged. */
export interface VdxpTables {
  vdxp_systems: {
    system_id: string;
    secret: string;
    name: string | null;
    mode: string | null;
    certificate_pem: string | null;
    private_key_pem: string | null;
    created_at: string;
  };
  vdxp_agencies: {
    id: number | undefined;
    code: string;
    qd20_code: string | null;
    pid: number | null;
    pcode: string | null;
    name: string;
    mail: string | null;
    mobile: string | null;
    fax: string | null;
    level: number;
    system_id: string | null;
    seeded: number;
    deleted: number;
    version: number;
    modified_at: string;
  };
  /** One row per accepted sendEdoc: `doc_id` is the sender's DocId. */
  vdxp_packages: {
    doc_id: string;
    system_id: string;
    message_type: string;
    from_code: string;
    /** edoc: MessageHeader/DocumentId; status: ResponseFor/DocumentId. */
    document_id: string | null;
    business_type: string | null;
    status_code: string | null;
    subject: string | null;
    notation: string | null;
    sha256: string;
    size: number;
    body: Buffer;
    /** What recipients get (with the axis TraceHeader); null when identical to `body`. */
    delivered_body: Buffer | null;
    signature_status: string;
    warnings: string;
    created_at: string;
  };
  /** One mailbox item per recipient: `receiver_doc_id` is the DocId the recipient sees. */
  vdxp_deliveries: {
    receiver_doc_id: string;
    sender_doc_id: string;
    to_code: string;
    message_type: string;
    status: string;
    status_desc: string | null;
    created_at: string;
    updated_at: string;
    received_at: string | null;
  };
  /** Business state of one document between its sender and one recipient (specs/vdxp.md §2). */
  vdxp_exchanges: {
    sender_code: string;
    document_id: string;
    recipient_code: string;
    sender_doc_id: string;
    status_code: string | null;
    /** revoke | update | replace while a 15/16 answer is awaited. */
    change_pending: string | null;
    /** For a revoke/update/replace package: the DocumentId it changes. */
    change_of: string | null;
    revoked: number;
    updated_at: string;
  };
}

export type VdxpDb = Kysely<VdxpTables>;

export const vdxpMigrations: Record<string, Migration> = {
  'vdxp-001-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('vdxp_systems')
        .addColumn('system_id', 'text', (c) => c.primaryKey())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('mode', 'text')
        .addColumn('certificate_pem', 'text')
        .addColumn('private_key_pem', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('vdxp_agencies')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('qd20_code', 'text')
        .addColumn('pid', 'integer')
        .addColumn('pcode', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('mail', 'text')
        .addColumn('mobile', 'text')
        .addColumn('fax', 'text')
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('system_id', 'text')
        .addColumn('seeded', 'integer', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('modified_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('vdxp_agencies_system').on('vdxp_agencies').column('system_id').execute();
      await db.schema
        .createTable('vdxp_packages')
        .addColumn('doc_id', 'text', (c) => c.primaryKey())
        .addColumn('system_id', 'text', (c) => c.notNull())
        .addColumn('message_type', 'text', (c) => c.notNull())
        .addColumn('from_code', 'text', (c) => c.notNull())
        .addColumn('document_id', 'text')
        .addColumn('business_type', 'text')
        .addColumn('status_code', 'text')
        .addColumn('subject', 'text')
        .addColumn('notation', 'text')
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('body', 'blob', (c) => c.notNull())
        .addColumn('delivered_body', 'blob')
        .addColumn('signature_status', 'text', (c) => c.notNull())
        .addColumn('warnings', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('vdxp_packages_sender').on('vdxp_packages').columns(['system_id', 'sha256']).execute();
      await db.schema.createIndex('vdxp_packages_document').on('vdxp_packages').column('document_id').execute();
      await db.schema
        .createTable('vdxp_deliveries')
        .addColumn('receiver_doc_id', 'text', (c) => c.primaryKey())
        .addColumn('sender_doc_id', 'text', (c) => c.notNull().references('vdxp_packages.doc_id'))
        .addColumn('to_code', 'text', (c) => c.notNull())
        .addColumn('message_type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_desc', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text')
        .execute();
      await db.schema.createIndex('vdxp_deliveries_mailbox').on('vdxp_deliveries').columns(['to_code', 'message_type', 'status']).execute();
      await db.schema.createIndex('vdxp_deliveries_sender').on('vdxp_deliveries').column('sender_doc_id').execute();
      await db.schema
        .createTable('vdxp_exchanges')
        .addColumn('sender_code', 'text', (c) => c.notNull())
        .addColumn('document_id', 'text', (c) => c.notNull())
        .addColumn('recipient_code', 'text', (c) => c.notNull())
        .addColumn('sender_doc_id', 'text', (c) => c.notNull())
        .addColumn('status_code', 'text')
        .addColumn('change_pending', 'text')
        .addColumn('change_of', 'text')
        .addColumn('revoked', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('vdxp_exchanges_pk', ['sender_code', 'document_id', 'recipient_code'])
        .execute();
    },
  },
};

/** Delete order respects the foreign key from deliveries to packages. */
export async function clearVdxp(db: VdxpDb, keepSystems: boolean): Promise<void> {
  await db.deleteFrom('vdxp_exchanges').execute();
  await db.deleteFrom('vdxp_deliveries').execute();
  await db.deleteFrom('vdxp_packages').execute();
  if (keepSystems) {
    await db.deleteFrom('vdxp_agencies').where('system_id', 'is', null).execute();
    await db.updateTable('vdxp_agencies').set({ deleted: 0 }).execute();
  } else {
    await db.deleteFrom('vdxp_agencies').execute();
    await db.deleteFrom('vdxp_systems').execute();
  }
}
