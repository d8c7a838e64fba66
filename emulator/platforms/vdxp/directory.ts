import { randomBytes } from 'node:crypto';
import type { EmulatorContext, ValidationMode } from '../../core/context.js';
import { containsText } from '../../core/store/portable.js';
import { vdxpError } from './errors.js';
import { levelOf, seedDirectory, toQd20 } from './seed.js';
import { systemUri } from './signer.js';
import type { VdxpDb, VdxpTables } from './store.js';

export type SystemRow = VdxpTables['vdxp_systems'];
export type AgencyRow = VdxpTables['vdxp_agencies'];

export interface AgencyInput {
  code: string;
  name?: string;
  mail?: string | null;
  mobile?: string | null;
  fax?: string | null;
  pcode?: string | null;
}

export interface SystemInput {
  systemId: string;
  secret?: string;
  name?: string;
  mode?: ValidationMode;
  agencies?: AgencyInput[];
}

/** Systems (the SDK's systemId + secret) and the national agency directory. */
export class Directory {
  constructor(private readonly ctx: EmulatorContext) {}

  private get db(): VdxpDb {
    return this.ctx.store.db<VdxpTables>();
  }

  private now(): string {
    return this.ctx.clock.now().toISOString();
  }

  /** Loads the deterministic directory; existing codes (adopted by a system) are left as they are. */
  async seed(): Promise<void> {
    const now = this.now();
    const entries = seedDirectory(this.ctx.seed);
    await this.db.transaction().execute(async (trx) => {
      for (const a of entries) {
        await trx
          .insertInto('vdxp_agencies')
          .values({
            code: a.code, qd20_code: toQd20(a.code), pid: null, pcode: a.pcode, name: a.name, mail: a.mail,
            mobile: null, fax: null, level: a.level, system_id: null, seeded: 1, deleted: 0, version: 1, modified_at: now,
          })
          .onConflict((oc) => oc.column('code').doNothing())
          .execute();
      }
      await this.linkParents(trx);
    });
  }

  /** `pid` is the parent's numeric id, as getAgenciesList returns it. */
  private async linkParents(db: VdxpDb): Promise<void> {
    const rows = await db.selectFrom('vdxp_agencies').select(['id', 'code', 'pcode', 'pid']).execute();
    const ids = new Map(rows.map((r) => [r.code, r.id]));
    for (const r of rows) {
      const pid = r.pcode ? (ids.get(r.pcode) ?? null) : null;
      if (pid !== r.pid && r.id !== undefined) await db.updateTable('vdxp_agencies').set({ pid }).where('id', '=', r.id).execute();
    }
  }

  async system(systemId: string): Promise<SystemRow | undefined> {
    return this.db.selectFrom('vdxp_systems').selectAll().where('system_id', '=', systemId).executeTakeFirst();
  }

  async systems(): Promise<SystemRow[]> {
    return this.db.selectFrom('vdxp_systems').selectAll().orderBy('system_id').execute();
  }

  /**
   * Creates a connected system with its agencies and a key pair + certificate from the test CA. Agencies
   * already in the directory and not owned by another system are adopted (an agency joining the axis
   * keeps its national code).
   */
  async createSystem(input: SystemInput): Promise<{ system: SystemRow; agencies: AgencyRow[] }> {
    if (await this.system(input.systemId)) {
      throw vdxpError('VDXP_SYSTEM_EXISTS', `systemId "${input.systemId}" is already registered`, { field: 'systemId', rule: 'unique' });
    }
    for (const a of input.agencies ?? []) await this.assertAdoptable(input.systemId, a.code);
    // The certificate names its system where a verifier can read it (decision 025): the signer check of sendEdoc.
    const cert = await this.ctx.ca.issue(input.systemId, input.name ?? input.systemId, { uris: [systemUri(input.systemId)] });
    const system: SystemRow = {
      system_id: input.systemId,
      secret: input.secret ?? randomBytes(18).toString('base64url'),
      name: input.name ?? null,
      mode: input.mode ?? null,
      certificate_pem: cert.certificatePem,
      private_key_pem: cert.privateKeyPem,
      created_at: this.now(),
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('vdxp_systems').values(system).execute();
      for (const a of input.agencies ?? []) await this.upsertOwned(trx, input.systemId, a);
      await this.linkParents(trx);
    });
    return { system, agencies: await this.agenciesOf(input.systemId) };
  }

  private async assertAdoptable(systemId: string, code: string): Promise<void> {
    const existing = await this.agency(code);
    // A deleted agency left the axis: its code is free to join again through any system.
    if (existing?.system_id && existing.system_id !== systemId && !existing.deleted) {
      throw vdxpError('VDXP_AGENCY_EXISTS', `agency ${code} is already connected through system "${existing.system_id}"`, { field: 'code', rule: 'one system per agency' });
    }
  }

  private async upsertOwned(db: VdxpDb, systemId: string, a: AgencyInput): Promise<void> {
    const now = this.now();
    const existing = await db.selectFrom('vdxp_agencies').selectAll().where('code', '=', a.code).executeTakeFirst();
    if (existing) {
      await db
        .updateTable('vdxp_agencies')
        .set({
          system_id: systemId,
          deleted: 0,
          version: existing.version + 1,
          modified_at: now,
          name: a.name ?? existing.name,
          mail: a.mail ?? existing.mail,
          mobile: a.mobile ?? existing.mobile,
          fax: a.fax ?? existing.fax,
          pcode: a.pcode ?? existing.pcode,
        })
        .where('code', '=', a.code)
        .execute();
      return;
    }
    await db
      .insertInto('vdxp_agencies')
      .values({
        code: a.code, qd20_code: toQd20(a.code), pid: null, pcode: a.pcode ?? null, name: a.name ?? a.code, mail: a.mail ?? null,
        mobile: a.mobile ?? null, fax: a.fax ?? null, level: levelOf(a.code), system_id: systemId, seeded: 0, deleted: 0, version: 1, modified_at: now,
      })
      .execute();
  }

  /** registerAgency: the caller's system adds (or adopts) an agency. */
  async registerAgency(systemId: string, a: AgencyInput): Promise<AgencyRow> {
    await this.assertAdoptable(systemId, a.code);
    if (a.pcode && a.pcode === a.code) {
      // A unit that is its own parent makes pid a loop: clients walking up the tree would never stop.
      throw vdxpError('VDXP_BAD_PARAMETER', `pcode ${a.pcode} equals code: an agency cannot be its own parent`, { field: 'pcode', rule: 'pcode differs from code' });
    }
    // The parent must be listed, or getAgenciesList would carry a pid that points at nothing.
    if (a.pcode && !(await this.activeAgencies([a.pcode])).has(a.pcode)) {
      throw vdxpError('VDXP_AGENCY_NOT_FOUND', `pcode ${a.pcode} (parent agency, đơn vị cấp trên) is not in the directory`, { field: 'pcode', rule: 'parent must exist' });
    }
    await this.db.transaction().execute(async (trx) => {
      await this.upsertOwned(trx, systemId, a);
      await this.linkParents(trx);
    });
    return (await this.agency(a.code)) as AgencyRow;
  }

  /** deleteAgency: marks the agency deleted (getSynchronizeUnit still lists it with deleted=true). */
  async deleteAgency(systemId: string, code: string): Promise<void> {
    const existing = await this.agency(code);
    if (!existing || existing.deleted) {
      throw vdxpError('VDXP_AGENCY_NOT_FOUND', `AgencyCode ${code} is not in the directory`, { field: 'AgencyCode', rule: 'must exist' });
    }
    if (existing.system_id !== systemId) {
      throw vdxpError('VDXP_AGENCY_NOT_OWNED', `agency ${code} is not connected through system "${systemId}"`, { field: 'AgencyCode', rule: 'own agencies only' });
    }
    await this.db
      .updateTable('vdxp_agencies')
      .set({ deleted: 1, version: existing.version + 1, modified_at: this.now() })
      .where('code', '=', code)
      .execute();
  }

  async agency(code: string): Promise<AgencyRow | undefined> {
    return this.db.selectFrom('vdxp_agencies').selectAll().where('code', '=', code).executeTakeFirst();
  }

  /** Agencies in the directory (not deleted) among `codes`, keyed by code. */
  async activeAgencies(codes: string[], db: VdxpDb = this.db): Promise<Map<string, AgencyRow>> {
    if (codes.length === 0) return new Map();
    const rows = await db.selectFrom('vdxp_agencies').selectAll().where('code', 'in', codes).where('deleted', '=', 0).execute();
    return new Map(rows.map((r) => [r.code, r]));
  }

  async agenciesOf(systemId: string): Promise<AgencyRow[]> {
    return this.db.selectFrom('vdxp_agencies').selectAll().where('system_id', '=', systemId).where('deleted', '=', 0).orderBy('code').execute();
  }

  async list(opts: { includeDeleted?: boolean; level?: number; query?: string } = {}): Promise<AgencyRow[]> {
    let q = this.db.selectFrom('vdxp_agencies').selectAll().orderBy('id');
    if (!opts.includeDeleted) q = q.where('deleted', '=', 0);
    if (opts.level !== undefined) q = q.where('level', '=', opts.level);
    const text = opts.query;
    if (text) q = q.where((eb) => eb.or([containsText('code', text), containsText('name', text)]));
    return q.execute();
  }
}
