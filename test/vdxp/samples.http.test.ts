/**
 * The 15 official sample packages (specs/edxml-samples/) sent through sendEdoc as their own agencies would,
 * in lenient mode: the real axis accepts them, so must the emulator — routed by their content, with their
 * quirks recorded as warnings. In strict mode the same packages are refused with specific codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, makeApp, sample, type App, type Connected } from './support/fixtures.js';

const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';

/** Sending agency, recipient agency and message type of each sample (read from its MessageHeader). */
const ROUTES: [file: string, from: string, to: string, type: 'edoc' | 'status'][] = [
  ['edoc_new.edxml', '002.00.20.H13', '28.22.H17', 'edoc'],
  ['edoc.edxml', '002.00.20.H13', '000.00.15.H51', 'edoc'],
  ['edoc_update.edxml', G22, H41, 'edoc'],
  ['status_inbox_01.edxml', H41, G22, 'status'],
  ['status_acceptance_03.edxml', H41, G22, 'status'],
  ['status_assignment_04.edxml', H41, G22, 'status'],
  ['status_processing_05.edxml', H41, G22, 'status'],
  ['status_finish_06.edxml', H41, G22, 'status'],
  ['status_cancellation_13.edxml', G22, H41, 'status'],
  ['status_change-acceptance_15.edxml', H41, G22, 'status'],
  ['edoc_replacement.edxml', G22, H41, 'edoc'],
  ['edoc_revocation.edxml', G22, H41, 'edoc'],
  ['status_change-rejection_16.edxml', H41, G22, 'status'],
  ['status.edxml', H41, G22, 'status'],
  ['status_rejection_02.edxml', H41, G22, 'status'],
];

describe('official samples through sendEdoc', () => {
  let app: App;
  const systems = new Map<string, Connected>();

  beforeAll(async () => {
    app = await makeApp();
    systems.set(G22, await connect(app, 'vpcp', [G22]));
    systems.set(H41, await connect(app, 'nghean', [H41]));
    systems.set('002.00.20.H13', await connect(app, 'h13', ['002.00.20.H13']));
    systems.set('28.22.H17', await connect(app, 'h17', ['28.22.H17']));
    systems.set('000.00.15.H51', await connect(app, 'h51', ['000.00.15.H51']));
    systems.set('000.00.00.H14', await connect(app, 'caobang', ['000.00.00.H14']));
    systems.set('000.00.00.G17', await connect(app, 'bxd', ['000.00.00.G17']));
  });
  afterAll(() => app.close());

  it('accepts all 15 in lenient mode and routes each by its content', async () => {
    expect(ROUTES).toHaveLength(15);
    for (const [file, from, to, type] of ROUTES) {
      const sender = systems.get(from) as Connected;
      const recipient = systems.get(to) as Connected;
      const before = (await recipient.client.getReceivedEdocList(type)).json.data.length as number;
      const res = await sender.client.sendEdoc(sample(file), { from, messagetype: type });
      expect(res.json, `${file}: ${JSON.stringify(res.json)}`).toMatchObject({ status: 'OK', ErrorCode: '0' });
      const after = (await recipient.client.getReceivedEdocList(type)).json.data as { from: string }[];
      expect(after, file).toHaveLength(before + 1);
      expect(after.at(-1)?.from).toBe(from);
    }
    // The three-recipient packages reached Cao Bằng (H14) and Bộ Xây dựng (G17) too.
    expect((await systems.get('000.00.00.H14')!.client.getReceivedEdocList('edoc')).json.data).toHaveLength(3);
    expect((await systems.get('000.00.00.G17')!.client.getReceivedEdocList('edoc')).json.data).toHaveLength(3);
  });

  it('records the samples\' quirks as warnings, never as errors', async () => {
    await app.lienthong.evidence.flush();
    const events = await app.lienthong.evidence.query({ platform: 'vdxp', limit: 1000 });
    const sends = events.filter((e) => e.operation === 'sendEdoc');
    expect(sends).toHaveLength(15);
    expect(sends.flatMap((e) => e.verdicts).filter((v) => v.severity === 'error')).toEqual([]);
    const codes = new Set(sends.flatMap((e) => e.verdicts.map((v) => v.code)));
    // `1212` before the XML declaration of edoc_new, the undeclared xlink prefix of edoc.edxml, the
    // dummy signatures, and statuses out of order (status.edxml repeats 01 after 06).
    for (const expected of ['VDXP_XML_PROLOG_CONTENT', 'VDXP_XML_UNBOUND_PREFIX', 'VDXP_SIGNATURE_INVALID', 'VDXP_STATUS_TRANSITION']) {
      expect(codes, expected).toContain(expected);
    }
  });

  it('refuses the same samples in strict mode, each with a specific code', async () => {
    const strict = await makeApp({ mode: 'strict' });
    try {
      const s = await connect(strict, 'h13', ['002.00.20.H13']);
      await connect(strict, 'h17', ['28.22.H17']);
      const res = await s.client.sendEdoc(sample('edoc_new.edxml'), { from: '002.00.20.H13', messagetype: 'edoc' });
      expect(res.httpStatus).toBe(400);
      expect(res.json).toMatchObject({ status: 'FAIL', code: 'VDXP_XML_PROLOG_CONTENT' });
      const v = await connect(strict, 'vpcp', [G22]);
      await connect(strict, 'nghean', [H41]);
      const update = await v.client.sendEdoc(sample('edoc_update.edxml'), { from: G22, messagetype: 'edoc' });
      expect(update.json.status).toBe('FAIL');
      expect(update.json.code).toMatch(/^VDXP_(SIGNATURE|EDXML)_/);
    } finally {
      await strict.close();
    }
  });
});
