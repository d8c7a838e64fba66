import type { Generated, Kysely, Migration } from 'kysely';

export type Channel = 'ppdvcqg' | 'paygov';
export type TransactionState = 'pending' | 'paid' | 'failed' | 'cancelled';
export type CallbackState = 'pending' | 'delivered' | 'failed';

/** Payment tables. Times are ISO 8601 UTC strings (clock time); wire times are kept as sent. */
export interface PaymentTables {
  /** One row per partner and channel: PP DVCQG (MaDoiTac + hash_key) or PayGov (partnerCode + accessKey + secretKey). */
  dvcqg_pay_partners: {
    channel: Channel;
    code: string;
    agency: string;
    /** PP DVCQG hash_key, or PayGov secretKey. */
    secret: string;
    access_key: string | null;
    callback_url: string | null;
    /** Where the payer's browser goes after paying (PP DVCQG has no return URL in its init message). */
    return_url: string | null;
    mode: string | null;
    account: string | null;
    created_at: string;
    updated_at: string;
  };
  dvcqg_pay_transactions: {
    /** Our reference: the last segment of the payment-page URL. */
    ref: string;
    channel: Channel;
    partner_code: string;
    /** MaThamChieu (PP DVCQG) or orderId (PayGov). */
    merchant_ref: string;
    request_code: string | null;
    /** Uniqueness per partner: MaThamChieu (PP DVCQG) or requestCode (PayGov). */
    dedup_key: string;
    agency: string;
    ma_ho_so: string | null;
    ma_tthc: string | null;
    amount: number;
    currency: string;
    description: string;
    bank_code: string;
    state: TransactionState;
    /** ThoiGianGD of the init message, as sent. */
    request_time: string | null;
    created_at: string;
    completed_at: string | null;
    /** yyyyMMddHHmmss of the completion: ThoiGianGD of the callback, payDate of PayGov. */
    completed_time: string | null;
    /** MaGiaoDich / transactionNo issued at completion. */
    bank_txn: string | null;
    return_url: string | null;
    request_json: string;
    /** ThongTinBienLai (PP DVCQG) at init; the PayGov receipt request once asked for. */
    receipt_json: string | null;
    receipt_issued_at: string | null;
    warnings: string;
  };
  /** The outbox: one row per result to tell the agency, retried on the schedule until acknowledged. */
  dvcqg_pay_callbacks: {
    id: Generated<number>;
    ref: string;
    url: string;
    /** The exact JSON text sent on every attempt. */
    body: string;
    state: CallbackState;
    attempts: number;
    next_attempt_at: string | null;
    /** Lease of the process delivering it, so two emulator processes never send the same attempt. */
    locked_until: string | null;
    last_error: string | null;
    created_at: string;
    updated_at: string;
  };
  dvcqg_pay_callback_attempts: {
    id: Generated<number>;
    callback_id: number;
    n: number;
    at: string;
    status: number;
    outcome: 'acknowledged' | 'rejected' | 'unreachable';
    detail: string;
    duration_ms: number;
    reply: string | null;
  };
  dvcqg_pay_settings: {
    key: string;
    value: string;
  };
}

export type PaymentDb = Kysely<PaymentTables>;
export type PartnerRow = PaymentTables['dvcqg_pay_partners'];
export type TransactionRow = PaymentTables['dvcqg_pay_transactions'];

export const paymentMigrations: Record<string, Migration> = {
  'dvcqg-pay-001-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('dvcqg_pay_partners')
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('agency', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('access_key', 'text')
        .addColumn('callback_url', 'text')
        .addColumn('return_url', 'text')
        .addColumn('mode', 'text')
        .addColumn('account', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('dvcqg_pay_partners_pk', ['channel', 'code'])
        .execute();
      await db.schema
        .createTable('dvcqg_pay_transactions')
        .addColumn('ref', 'text', (c) => c.primaryKey())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('partner_code', 'text', (c) => c.notNull())
        .addColumn('merchant_ref', 'text', (c) => c.notNull())
        .addColumn('request_code', 'text')
        .addColumn('dedup_key', 'text', (c) => c.notNull().unique())
        .addColumn('agency', 'text', (c) => c.notNull())
        .addColumn('ma_ho_so', 'text')
        .addColumn('ma_tthc', 'text')
        .addColumn('amount', 'integer', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('bank_code', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('request_time', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('completed_at', 'text')
        .addColumn('completed_time', 'text')
        .addColumn('bank_txn', 'text')
        .addColumn('return_url', 'text')
        .addColumn('request_json', 'text', (c) => c.notNull())
        .addColumn('receipt_json', 'text')
        .addColumn('receipt_issued_at', 'text')
        .addColumn('warnings', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('dvcqg_pay_transactions_partner').on('dvcqg_pay_transactions').columns(['channel', 'partner_code', 'merchant_ref']).execute();
      await db.schema.createIndex('dvcqg_pay_transactions_agency').on('dvcqg_pay_transactions').columns(['agency', 'created_at']).execute();
      await db.schema.createIndex('dvcqg_pay_transactions_dossier').on('dvcqg_pay_transactions').column('ma_ho_so').execute();
      await db.schema
        .createTable('dvcqg_pay_callbacks')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('ref', 'text', (c) => c.notNull().references('dvcqg_pay_transactions.ref'))
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'text')
        .addColumn('locked_until', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('dvcqg_pay_callbacks_due').on('dvcqg_pay_callbacks').columns(['state', 'next_attempt_at']).execute();
      await db.schema.createIndex('dvcqg_pay_callbacks_ref').on('dvcqg_pay_callbacks').column('ref').execute();
      await db.schema
        .createTable('dvcqg_pay_callback_attempts')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('callback_id', 'integer', (c) => c.notNull().references('dvcqg_pay_callbacks.id'))
        .addColumn('n', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('duration_ms', 'real', (c) => c.notNull())
        .addColumn('reply', 'text')
        .execute();
      await db.schema.createIndex('dvcqg_pay_callback_attempts_cb').on('dvcqg_pay_callback_attempts').column('callback_id').execute();
      await db.schema
        .createTable('dvcqg_pay_settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
};

/** Delete order follows the foreign keys; `keepSystems` keeps partners (credentials) and settings. */
export async function clearPayments(db: PaymentDb, keepSystems: boolean): Promise<void> {
  await db.deleteFrom('dvcqg_pay_callback_attempts').execute();
  await db.deleteFrom('dvcqg_pay_callbacks').execute();
  await db.deleteFrom('dvcqg_pay_transactions').execute();
  if (!keepSystems) {
    await db.deleteFrom('dvcqg_pay_partners').execute();
    await db.deleteFrom('dvcqg_pay_settings').execute();
  }
}
