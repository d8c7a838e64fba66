/**
 * Reads a reply in its platform's own error dialect and judges it: a refusal (4xx, or the population
 * service's SOAP Fault, which SOAP 1.1 sends as HTTP 500 with faultcode Client), carrying a code that exists
 * in that platform's catalog and is one the case expects, never an internal failure.
 */
import { CORE_ERRORS } from '../../../emulator/core/errors.js';
import { DVCQG_ERRORS } from '../../../emulator/platforms/dvcqg/errors.js';
import { PAYMENT_ERRORS } from '../../../emulator/platforms/dvcqg/payment/errors.js';
import { BUSINESS_ERRORS } from '../../../emulator/platforms/ndxp/business/errors.js';
import { CATEGORY_ERRORS } from '../../../emulator/platforms/ndxp/categories/errors.js';
import { NDXP_ERRORS } from '../../../emulator/platforms/ndxp/errors.js';
import { POPULATION_ERRORS } from '../../../emulator/platforms/ndxp/population/errors.js';
import { VDXP_ERRORS } from '../../../emulator/platforms/vdxp/errors.js';
import type { BadCase, Dialect } from './types.js';

type Catalog = Readonly<Record<string, { http: number; wire?: string }>>;

/** The catalog each dialect's codes come from. Core codes (413, 415) are specific too, where a platform has none. */
export const CATALOGS: Record<Dialect, Catalog> = {
  vdxp: VDXP_ERRORS,
  dvcqg: DVCQG_ERRORS,
  'pay-pp': PAYMENT_ERRORS,
  'pay-paygov': PAYMENT_ERRORS,
  'ndxp-oauth': NDXP_ERRORS,
  'ndxp-gateway': NDXP_ERRORS,
  soap: POPULATION_ERRORS,
  dkdn: BUSINESS_ERRORS,
  dmdc: CATEGORY_ERRORS,
};

/** Codes that say "something failed" without saying what: a refusal with one of these is a finding. */
export function isGeneric(code: string, field: unknown): boolean {
  return code === 'INTERNAL' || /_INTERNAL$/.test(code) || (code === 'BAD_REQUEST' && (field === undefined || field === null || field === ''));
}

export interface Reading {
  status: number;
  code: string | undefined;
  field: unknown;
  /** Why the reply is not an acceptable refusal (undefined = acceptable). */
  problem?: string;
}

function parseJson(body: string): any {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

const tag = (xml: string, name: string) => new RegExp(`<(?:[\\w.-]+:)?${name}>([^<]*)</(?:[\\w.-]+:)?${name}>`).exec(xml)?.[1];

/** Finds the error code in the reply as the client of that platform would. */
export function read(dialect: Dialect, body: string): { code?: string; field?: unknown; dialectOk: boolean; why?: string } {
  const j = parseJson(body);
  switch (dialect) {
    case 'vdxp':
      return { code: j?.code, field: j?.field, dialectOk: j?.status === 'FAIL' && typeof j?.ErrorCode === 'string' && j.ErrorCode !== '0', why: 'VDXP {status:"FAIL", ErrorCode≠"0"}' };
    case 'dvcqg':
      return { code: j?.code, field: j?.field, dialectOk: typeof j?.error_code === 'number' && j.error_code !== 0, why: 'DVCQG {error_code≠0}' };
    case 'pay-pp':
      return { code: j?.code, field: j?.field, dialectOk: typeof j?.MaLoi === 'string' && j.MaLoi !== '00', why: 'PP DVCQG {MaLoi≠"00"}' };
    case 'pay-paygov':
      return { code: j?.code, field: j?.field, dialectOk: typeof j?.error_code === 'string' && j.error_code !== 'SUCCESSFUL', why: 'PayGov {error_code≠SUCCESSFUL}' };
    case 'ndxp-oauth':
      return { code: j?.lienthong?.code, field: j?.lienthong?.field, dialectOk: typeof j?.error === 'string', why: 'RFC 6749 {error}' };
    case 'ndxp-gateway': {
      if (j) return { code: j.lienthong?.code, field: j.lienthong?.field, dialectOk: j.fault?.code !== undefined, why: 'WSO2 {fault:{code}}' };
      // The XML form carries only WSO2's numeric code: map it back through the catalog's wire codes.
      const wire = tag(body, 'code');
      const code = Object.entries(NDXP_ERRORS).find(([, s]) => s.wire === wire)?.[0];
      return { code, field: undefined, dialectOk: /<ams:fault/.test(body), why: 'WSO2 <ams:fault>' };
    }
    case 'soap': {
      if (j?.fault) return { code: j.lienthong?.code, field: j.lienthong?.field, dialectOk: true };
      if (/<ams:fault/.test(body)) {
        const wire = tag(body, 'code');
        return { code: Object.entries(NDXP_ERRORS).find(([, s]) => s.wire === wire)?.[0], dialectOk: true };
      }
      return { code: tag(body, 'code'), field: tag(body, 'field'), dialectOk: /<faultcode>soapenv:Client<\/faultcode>/.test(body), why: 'SOAP Fault with faultcode soapenv:Client' };
    }
    case 'dkdn':
      if (j?.fault) return { code: j.lienthong?.code, field: j.lienthong?.field, dialectOk: true };
      return { code: j?.ErrorCode, field: undefined, dialectOk: j?.Status === '0', why: 'registry {Status:"0", ErrorCode}' };
    case 'dmdc':
      if (j?.fault) return { code: j.lienthong?.code, field: j.lienthong?.field, dialectOk: true };
      return { code: j?.ErrorCode, field: j?.Field, dialectOk: typeof j?.MSG === 'string', why: 'category {MSG, ErrorCode}' };
  }
}

/** Every catalog a reply on this dialect may legitimately draw from (gateway faults reach every NDXP API). */
function catalogsFor(dialect: Dialect): Catalog[] {
  const own = CATALOGS[dialect];
  if (dialect === 'soap' || dialect === 'dkdn' || dialect === 'dmdc') return [own, NDXP_ERRORS, CORE_ERRORS];
  return [own, CORE_ERRORS];
}

export function judge(c: BadCase, status: number, body: string): Reading {
  const r = read(c.dialect, body);
  const out: Reading = { status, code: r.code, field: r.field };
  const soapFault = c.dialect === 'soap' && status === 500 && /<faultcode>soapenv:Client<\/faultcode>/.test(body);
  if (status >= 500 && !soapFault) out.problem = `HTTP ${status}`;
  else if (status < 400 && !soapFault) out.problem = `not refused: HTTP ${status}`;
  else if (!r.code) out.problem = `no machine-readable code (${r.why ?? c.dialect})`;
  else if (!catalogsFor(c.dialect).some((cat) => Object.hasOwn(cat, r.code!))) out.problem = `code ${r.code} is in no catalog of ${c.dialect}`;
  else if (isGeneric(r.code, r.field)) out.problem = `generic code ${r.code}`;
  else if (!r.dialectOk) out.problem = `reply not in the platform dialect (${r.why})`;
  else if (!c.expect.includes(r.code)) out.problem = `code ${r.code}, expected ${c.expect.join(' | ')}`;
  return out;
}
