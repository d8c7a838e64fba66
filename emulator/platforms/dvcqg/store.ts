import type { Kysely, Migration } from 'kysely';

/** DVCQG integration tables. Times are ISO 8601 UTC strings; `data` columns hold the JSON as synced. */
export interface DvcqgTables {
  /** One one-stop system (hệ thống một cửa điện tử) account per row. */
  dvcqg_accounts: {
    username: string;
    /** salt:sha256(salt+password) — the emulator never needs the password back. */
    password_hash: string;
    madonvi: string;
    /** Base URL of the one-stop system, for the portal's calls to it (§A4). */
    callback_url: string | null;
    /** JSON: explicit URLs per portal call ({lookup, submission}); default from callback_url. */
    endpoints: string;
    /** Regular expression MaHoSo must match; `{madonvi}` is replaced by the escaped agency code. */
    dossier_code_pattern: string | null;
    mode: string | null;
    created_at: string;
  };
  dvcqg_sessions: {
    session: string;
    username: string;
    madonvi: string;
    created_at: string;
    expires_at: string;
  };
  dvcqg_dossiers: {
    ma_ho_so: string;
    madonvi: string;
    ma_tthc: string;
    trang_thai: number;
    hinh_thuc: string;
    loai_doi_tuong: string;
    received_at: string;
    due_at: string | null;
    /** First time a closing status (3, 7, 8, 9, 10) was reached: from NgayKetThucXuLy/NgayTra or the clock. */
    finished_at: string | null;
    /** `sync` (DongBoHoSoMC) or `portal` (submitted online on the portal and pushed to the agency). */
    origin: string;
    data: string;
    version: number;
    created_at: string;
    updated_at: string;
  };
  /** The dossier's history: every sync, progress event and status sync, in arrival order. */
  dvcqg_dossier_events: {
    id: number | undefined;
    ma_ho_so: string;
    kind: string;
    trang_thai: number | null;
    /** When it happened per the one-stop (ThoiDiemXuLy / NgayXuLy) or, for a sync, the emulator clock. */
    at: string;
    data: string;
    warnings: string;
    created_at: string;
  };
  /** DongBoDanhGia monthly aggregates (§A8), the latest sync per agency, month, procedure and question wins. */
  dvcqg_ratings: {
    madonvi: string;
    month: string;
    ma_thu_tuc: string;
    noi_dung: string;
    total: number;
    very_pct: number;
    sat_pct: number;
    not_pct: number;
    data: string;
    updated_at: string;
  };
}

export type DvcqgDb = Kysely<DvcqgTables>;

export const dvcqgMigrations: Record<string, Migration> = {
  'dvcqg-001-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('dvcqg_accounts')
        .addColumn('username', 'text', (c) => c.primaryKey())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('madonvi', 'text', (c) => c.notNull())
        .addColumn('callback_url', 'text')
        .addColumn('endpoints', 'text', (c) => c.notNull())
        .addColumn('dossier_code_pattern', 'text')
        .addColumn('mode', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('dvcqg_sessions')
        .addColumn('session', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('madonvi', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('dvcqg_dossiers')
        .addColumn('ma_ho_so', 'text', (c) => c.primaryKey())
        .addColumn('madonvi', 'text', (c) => c.notNull())
        .addColumn('ma_tthc', 'text', (c) => c.notNull())
        .addColumn('trang_thai', 'integer', (c) => c.notNull())
        .addColumn('hinh_thuc', 'text', (c) => c.notNull())
        .addColumn('loai_doi_tuong', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('dvcqg_dossiers_agency').on('dvcqg_dossiers').columns(['madonvi', 'received_at']).execute();
      await db.schema
        .createTable('dvcqg_dossier_events')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('ma_ho_so', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('trang_thai', 'integer')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('warnings', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('dvcqg_dossier_events_dossier').on('dvcqg_dossier_events').columns(['ma_ho_so', 'id']).execute();
      await db.schema
        .createTable('dvcqg_ratings')
        .addColumn('madonvi', 'text', (c) => c.notNull())
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('ma_thu_tuc', 'text', (c) => c.notNull())
        .addColumn('noi_dung', 'text', (c) => c.notNull())
        .addColumn('total', 'integer', (c) => c.notNull())
        .addColumn('very_pct', 'integer', (c) => c.notNull())
        .addColumn('sat_pct', 'integer', (c) => c.notNull())
        .addColumn('not_pct', 'integer', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('dvcqg_ratings_pk', ['madonvi', 'month', 'ma_thu_tuc', 'noi_dung'])
        .execute();
    },
  },
};

export async function clearDvcqg(db: DvcqgDb, keepSystems: boolean): Promise<void> {
  await db.deleteFrom('dvcqg_dossier_events').execute();
  await db.deleteFrom('dvcqg_dossiers').execute();
  await db.deleteFrom('dvcqg_ratings').execute();
  await db.deleteFrom('dvcqg_sessions').execute();
  if (!keepSystems) await db.deleteFrom('dvcqg_accounts').execute();
}
