import type { FastifyInstance } from 'fastify';
import { checkBody } from '../../core/control.js';
import { coreError } from '../../core/errors.js';
import { citizen, enterprise, type World } from '../../core/world/index.js';
import type { ConsumerInput } from './consumers.js';
import { usageOf } from './limits.js';
import type { PublishInput } from './registry.js';
import type { NdxpService } from './service.js';

function intParam(name: string, value: string | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw coreError('BAD_REQUEST', `${name} "${value}" must be an integer from ${min} to ${max}`, { field: name, rule: `integer ${min}..${max}` });
  return n;
}

/** `limit` indices spread evenly over the world from `offset`, so a sample spans ages, provinces and households. */
function spread(total: number, limit: number, offset: number): number[] {
  const n = Math.min(limit, total);
  const step = Math.max(1, Math.floor(total / n));
  return Array.from({ length: n }, (_, k) => (offset + k * step) % total);
}

function citizenSample(world: World, i: number) {
  const c = citizen(world, i);
  return {
    index: c.index,
    SoDinhDanh: c.SoDinhDanh,
    SoCMND: c.SoCMND,
    // The DVCQG account id (TechID) of this person, as the portal's TraCuuTechID and SSO userinfo give it.
    techId: c.techId,
    HoVaTen: c.HoVaTen,
    HoVaTenKhongDau: c.HoVaTenKhongDau,
    NgayThangNamSinh: c.NgayThangNamSinh,
    GioiTinh: String(c.GioiTinh),
    SoSoHoKhau: c.SoSoHoKhau,
    MaTinhThanh: c.ThuongTru.MaTinhThanh,
    role: c.role,
  };
}

function enterpriseSample(world: World, i: number) {
  const e = enterprise(world, i);
  const m = e.MainInformation;
  return {
    index: e.index,
    msdn: m.ENTERPRISE_GDT_CODE,
    NAME: m.NAME,
    ENTERPRISE_TYPE_NAME: m.ENTERPRISE_TYPE_NAME,
    ENTERPRISE_STATUS: m.ENTERPRISE_STATUS,
    FOUNDING_DATE: m.FOUNDING_DATE,
    CityID: m.HOAddress.CityID,
    legalRepresentatives: e.legalRepresentatives.map((r) => ({ SoDinhDanh: r.SoDinhDanh, HoVaTen: r.HoVaTen })),
  };
}

/** `/_lienthong/ndxp/…`: consumers, the service registry, tokens and usage, and samples of the world. */
export function registerNdxpControl(app: FastifyInstance, svc: NdxpService): void {
  app.post('/_lienthong/ndxp/consumers', async (request, reply) => {
    const input = checkBody<ConsumerInput>('lienthong:ndxp/consumer-create', request.body);
    const { consumer, clientSecret } = await svc.consumers.create(input);
    return reply.status(201).send({ ...consumer, clientSecret, tokenEndpoint: '/ndxp/token' });
  });
  app.get<{ Querystring: { agency?: string } }>('/_lienthong/ndxp/consumers', async (request) => ({ consumers: await svc.consumers.list(request.query.agency) }));
  app.get<{ Params: { clientId: string } }>('/_lienthong/ndxp/consumers/:clientId', async (request) => svc.consumers.mustGet(request.params.clientId));
  app.patch<{ Params: { clientId: string } }>('/_lienthong/ndxp/consumers/:clientId', async (request) => {
    const patch = checkBody<Partial<ConsumerInput>>('lienthong:ndxp/consumer-update', request.body);
    return svc.consumers.update(request.params.clientId, patch);
  });
  app.delete<{ Params: { clientId: string } }>('/_lienthong/ndxp/consumers/:clientId', async (request, reply) => {
    await svc.consumers.remove(request.params.clientId);
    return reply.status(204).send();
  });

  app.post('/_lienthong/ndxp/apis', async (request, reply) => {
    const input = checkBody<PublishInput>('lienthong:ndxp/api-publish', request.body);
    for (const id of input.consumers ?? []) await svc.consumers.mustGet(id);
    const api = await svc.registry.publish(input);
    await svc.consumers.subscribe(input.consumers ?? [], api.context, api.version);
    return reply.status(201).send({ ...api, gatewayPath: `/ndxp/${api.context}/${api.version}` });
  });
  app.get('/_lienthong/ndxp/apis', async () => ({ apis: await svc.registry.list() }));
  app.delete<{ Params: { context: string; version: string } }>('/_lienthong/ndxp/apis/:context/:version', async (request, reply) => {
    await svc.registry.unpublish(request.params.context, request.params.version);
    return reply.status(204).send();
  });

  // Revoking a consumer's tokens without its secret (POST /ndxp/revoke needs it): an operator's action, so a
  // harness can check that a consumer obtains a new token when the gateway refuses the one it holds.
  app.post<{ Params: { clientId: string } }>('/_lienthong/ndxp/consumers/:clientId/revoke-tokens', async (request) => {
    const consumer = await svc.consumers.mustGet(request.params.clientId);
    return { clientId: consumer.clientId, revoked: await svc.tokens.revokeAll(consumer.clientId) };
  });
  app.get<{ Querystring: { clientId?: string } }>('/_lienthong/ndxp/tokens', async (request) => ({ tokens: await svc.tokens.list(request.query.clientId) }));
  app.get<{ Querystring: { clientId?: string } }>('/_lienthong/ndxp/usage', async (request) => ({ usage: await usageOf(svc.db, request.query.clientId) }));

  app.get<{ Querystring: { limit?: string; offset?: string } }>('/_lienthong/ndxp/citizens', async (request) => {
    const world = svc.ctx.world;
    const limit = intParam('limit', request.query.limit, 1, 1000, 20);
    const offset = intParam('offset', request.query.offset, 0, world.population - 1, 0);
    return { count: world.population, seed: world.seed, citizens: spread(world.population, limit, offset).map((i) => citizenSample(world, i)) };
  });
  app.get<{ Querystring: { limit?: string; offset?: string } }>('/_lienthong/ndxp/enterprises', async (request) => {
    const world = svc.ctx.world;
    if (world.enterprises === 0) return { count: 0, seed: world.seed, enterprises: [] };
    const limit = intParam('limit', request.query.limit, 1, 1000, 20);
    const offset = intParam('offset', request.query.offset, 0, world.enterprises - 1, 0);
    return { count: world.enterprises, seed: world.seed, enterprises: spread(world.enterprises, limit, offset).map((i) => enterpriseSample(world, i)) };
  });
}
