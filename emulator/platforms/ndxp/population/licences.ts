/**
 * Licences to use the population database (giấy phép khai thác CSDL dân cư): per consumer, the procedures
 * (MaDVC) and officials (MaCanBo) it may look up for. A consumer without a licence row may do everything, so
 * a vendor on a laptop needs no set-up; errors 004 and 005 (§B2, S2) appear once a licence is stored.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely, Migration } from 'kysely';
import type { EmulatorContext } from '../../../core/context.js';
import { checkBody } from '../../../core/control.js';
import { coreError } from '../../../core/errors.js';
import { populationError } from './errors.js';
import { clip } from './wire/xml.js';

export interface PopulationTables {
  ndxp_population_licences: {
    client_id: string;
    /** JSON array of MaDVC values, `*` = all. */
    procedures: string;
    /** JSON array of MaCanBo values, `*` = all. */
    officials: string;
    updated_at: string;
  };
}

export const populationMigrations: Record<string, Migration> = {
  'ndxp-population-001-licences': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('ndxp_population_licences')
        .addColumn('client_id', 'text', (c) => c.primaryKey())
        .addColumn('procedures', 'text', (c) => c.notNull())
        .addColumn('officials', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
};

export interface Licence {
  clientId: string;
  procedures: string[];
  officials: string[];
  /** True when no licence is stored: everything is allowed. */
  default: boolean;
  updatedAt: string | null;
}

const db = (ctx: EmulatorContext) => ctx.store.db<PopulationTables>();

function view(row: PopulationTables['ndxp_population_licences']): Licence {
  return { clientId: row.client_id, procedures: JSON.parse(row.procedures) as string[], officials: JSON.parse(row.officials) as string[], default: false, updatedAt: row.updated_at };
}

export async function licenceOf(ctx: EmulatorContext, clientId: string): Promise<Licence> {
  const row = await db(ctx).selectFrom('ndxp_population_licences').selectAll().where('client_id', '=', clientId).executeTakeFirst();
  return row ? view(row) : { clientId, procedures: ['*'], officials: ['*'], default: true, updatedAt: null };
}

/** 004 when the procedure is not licensed, 005 when the official is not (checked in that order). */
export async function checkLicence(ctx: EmulatorContext, clientId: string, maDVC: string, maCanBo: string): Promise<void> {
  const l = await licenceOf(ctx, clientId);
  if (!l.procedures.includes('*') && !l.procedures.includes(maDVC)) {
    throw populationError(
      'NDXP_POP_PROCEDURE_NOT_LICENSED',
      `MaDVC "${clip(maDVC)}" is not among the procedures licensed to consumer ${clientId} (thủ tục chưa được cấp phép khai thác CSDL dân cư).`,
      { field: 'MaDVC', rule: 'licensed procedure' },
    );
  }
  if (!l.officials.includes('*') && !l.officials.includes(maCanBo)) {
    throw populationError(
      'NDXP_POP_OFFICIAL_NOT_AUTHORISED',
      `MaCanBo "${clip(maCanBo)}" is not among the officials authorised for consumer ${clientId} (tài khoản cán bộ không có quyền thao tác).`,
      { field: 'MaCanBo', rule: 'authorised official' },
    );
  }
}

export async function clearLicences(ctx: EmulatorContext, keepSystems: boolean): Promise<void> {
  // Licences are configuration, like credentials: kept when systems are kept.
  if (!keepSystems) await db(ctx).deleteFrom('ndxp_population_licences').execute();
}

const P = '/_lienthong/ndxp/population/licences';

function clientIdParam(value: string): string {
  if (!/^[\x21-\x7e]{1,200}$/.test(value)) {
    throw coreError('BAD_REQUEST', `clientId "${clip(value)}" must be 1–200 printable ASCII characters without spaces`, { field: 'clientId', rule: 'printable ASCII' });
  }
  return value;
}

/** `/_lienthong/ndxp/population/licences`: PUT/GET/DELETE one consumer's licence, GET all stored. */
export function registerLicenceControl(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get(P, async () => {
    const rows = await db(ctx).selectFrom('ndxp_population_licences').selectAll().orderBy('client_id').execute();
    return { licences: rows.map(view) };
  });

  app.get<{ Params: { clientId: string } }>(`${P}/:clientId`, async (request) => licenceOf(ctx, clientIdParam(request.params.clientId)));

  app.put<{ Params: { clientId: string } }>(`${P}/:clientId`, async (request, reply) => {
    const clientId = clientIdParam(request.params.clientId);
    const b = checkBody<{ procedures: string[]; officials: string[] }>('lienthong:ndxp/population-licence', request.body);
    const now = ctx.clock.now().toISOString();
    const existed = await db(ctx).selectFrom('ndxp_population_licences').select('client_id').where('client_id', '=', clientId).executeTakeFirst();
    const values = { procedures: JSON.stringify(b.procedures), officials: JSON.stringify(b.officials), updated_at: now };
    await db(ctx)
      .insertInto('ndxp_population_licences')
      .values({ client_id: clientId, ...values })
      .onConflict((oc) => oc.column('client_id').doUpdateSet(values))
      .execute();
    return reply.status(existed ? 200 : 201).send(await licenceOf(ctx, clientId));
  });

  app.delete<{ Params: { clientId: string } }>(`${P}/:clientId`, async (request) => {
    const clientId = clientIdParam(request.params.clientId);
    const r = await db(ctx).deleteFrom('ndxp_population_licences').where('client_id', '=', clientId).executeTakeFirst();
    return { deleted: Number(r.numDeletedRows) > 0, licence: await licenceOf(ctx, clientId) };
  });
}
