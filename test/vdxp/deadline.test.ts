/**
 * QĐ 28/2018/QĐ-TTg Điều 6: a document is sent on its signing day, at the latest the next working day
 * before 12:00 (specs/vdxp.md §5 check 12). Strict mode refuses a late new document; lenient mode relays
 * it with a warning. Revocations and updates carry the original's date and are not judged by it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendingDeadline } from '../../emulator/platforms/vdxp/rules.js';
import { signEdxml } from '../../emulator/platforms/vdxp/wire/signature.js';
import { connect, edoc, makeApp, type App, type Connected } from './support/fixtures.js';

const G09 = '000.00.00.G09';
const H41 = '000.00.00.H41';

describe('sendingDeadline', () => {
  it.each([
    ['2026/11/24', '2026-11-25T05:00:00.000Z'], // Tuesday → Wednesday 12:00 in Vietnam
    ['2026/11/20', '2026-11-23T05:00:00.000Z'], // Friday → Monday
    ['2026/11/21', '2026-11-23T05:00:00.000Z'], // signed on a Saturday → Monday
    ['2026/11/22', '2026-11-23T05:00:00.000Z'], // Sunday → Monday
    ['2026/12/31', '2027-01-01T05:00:00.000Z'], // across a year (public holidays are not modelled)
  ])('a document signed %s is due by %s', (date, due) => {
    expect(sendingDeadline(date)?.toISOString()).toBe(due);
  });

  it('has no deadline for a date it cannot read', () => {
    expect(sendingDeadline('24/11/2026')).toBeNull();
    expect(sendingDeadline('')).toBeNull();
  });
});

describe('sending deadline over HTTP', () => {
  let app: App;
  let strict: Connected;
  let lenient: Connected;

  beforeAll(async () => {
    app = await makeApp();
    strict = await connect(app, 'bnv', [G09], { mode: 'strict' });
    lenient = await connect(app, 'vpcp', ['000.00.00.G22']);
    await connect(app, 'nghean', [H41]);
  });
  afterAll(() => app.close());

  const at = (iso: string) => app.inject({ method: 'POST', url: '/_lienthong/clock', payload: { set: iso } });
  const sendSigned = (number: string, date: string, type: '0' | '1' = '0') =>
    strict.client.sendEdoc(
      Buffer.from(
        signEdxml(edoc({ from: G09, to: [H41], number, date, type, ...(type === '1' ? { changes: `${G09},${date},${number}/VPCP-TTĐT` } : {}) }).toString('utf8'), strict),
      ),
      { from: G09, messagetype: 'edoc' },
    );

  it('strict: accepts a Friday document on Monday 11:59 and refuses it at 12:01, naming the rule', async () => {
    await at('2026-11-23T04:59:00.000Z');
    expect((await sendSigned('501', '2026/11/20')).json).toMatchObject({ status: 'OK' });
    await at('2026-11-23T05:01:00.000Z');
    const late = await sendSigned('502', '2026/11/20');
    expect(late.httpStatus).toBe(400);
    expect(late.json).toMatchObject({ status: 'FAIL', code: 'VDXP_SEND_LATE', field: 'MessageHeader/PromulgationInfo/PromulgationDate' });
    expect(late.json.ErrorDesc).toContain('QĐ 28/2018 Điều 6');
    expect(late.json.ErrorDesc).toContain('2026/11/23 12:00:00');
  });

  it('strict: a revocation of an older document is not judged by its date', async () => {
    await at('2026-11-23T04:00:00.000Z');
    expect((await sendSigned('503', '2026/11/20')).json.status).toBe('OK');
    await at('2026-11-30T03:00:00.000Z');
    const revoke = await sendSigned('503', '2026/11/20', '1');
    expect(revoke.json, JSON.stringify(revoke.json)).toMatchObject({ status: 'OK' });
  });

  it('lenient: relays a late document and records a VDXP_SEND_LATE warning', async () => {
    await at('2026-11-30T03:00:00.000Z');
    const res = await lenient.client.sendEdoc(edoc({ from: '000.00.00.G22', to: [H41], number: '504', date: '2026/11/20' }), { from: '000.00.00.G22', messagetype: 'edoc' });
    expect(res.json.status).toBe('OK');
    const last = (await app.lienthong.evidence.query({ systemId: 'vpcp', limit: 1000 })).at(-1)!;
    expect(last.verdicts).toContainEqual(expect.objectContaining({ code: 'VDXP_SEND_LATE', severity: 'warning' }));
  });
});
