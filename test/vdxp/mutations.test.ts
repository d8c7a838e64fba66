/**
 * Robustness: corrupted variants of real packages (truncated, bytes flipped, elements dropped, duplicated
 * or renamed, namespaces changed, entities injected) sent through sendEdoc. Whatever arrives, the answer is
 * a specific VDXP code or an acceptance — never a 5xx, never a crash — and the emulator keeps serving.
 * Seeded, so a failure replays exactly.
 */
import { Faker, base } from '@faker-js/faker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VDXP_ERRORS } from '../../emulator/platforms/vdxp/errors.js';
import { signEdxml } from '../../emulator/platforms/vdxp/wire/signature.js';
import { connect, edoc, makeApp, sample, statusPkg, type App, type Connected } from './support/fixtures.js';

const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';
const SEED = 1020;
const CASES = 400;

type Mutation = (text: string, f: Faker) => string;

const elementAt = (text: string, f: Faker): [number, number] | null => {
  const tags = [...text.matchAll(/<(edXML:)?([A-Za-z]+)[^>]*>[^<]*<\/\1?\2>/g)];
  const m = tags.length ? f.helpers.arrayElement(tags) : undefined;
  return m?.index === undefined ? null : [m.index, m.index + m[0].length];
};

const MUTATIONS: Record<string, Mutation> = {
  truncate: (t, f) => t.slice(0, f.number.int({ min: 0, max: t.length - 1 })),
  flipByte: (t, f) => {
    const i = f.number.int({ min: 0, max: t.length - 1 });
    return t.slice(0, i) + String.fromCharCode(f.number.int({ min: 0, max: 0x7f })) + t.slice(i + 1);
  },
  dropElement: (t, f) => {
    const r = elementAt(t, f);
    return r ? t.slice(0, r[0]) + t.slice(r[1]) : t;
  },
  duplicateElement: (t, f) => {
    const r = elementAt(t, f);
    return r ? t.slice(0, r[1]) + t.slice(r[0], r[1]) + t.slice(r[1]) : t;
  },
  emptyElement: (t, f) => {
    const r = elementAt(t, f);
    return r ? t.slice(0, r[0]) + t.slice(r[0], r[1]).replace(/>[^<]*</, '><') + t.slice(r[1]) : t;
  },
  renameElement: (t, f) => t.replace(/<edXML:([A-Za-z]+)/, `<edXML:${f.string.alpha(6)}`),
  changeNamespace: (t) => t.replace(/http:\/\/www\.mic\.gov\.vn\/TBT\/QCVN_102_2016/g, 'http://www.go.vn/eDoc'),
  injectEntity: (t, f) => t.replace(/>([^<]{3,})</, `>&${f.helpers.arrayElement(['lol', 'xxe', '#x0', '#99999999', 'amp'])};<`),
  injectDoctype: (t) => t.replace('<edXML ', '<!DOCTYPE edXML [<!ENTITY a "b">]><edXML '),
  badBase64: (t, f) => t.replace(/<ContentTransferEncoded>[^<]{4}/, `<ContentTransferEncoded>${f.helpers.arrayElement(['%%%%', '====', '\u00e9\u00e9', '<!--'])}`),
  invalidUtf8: (t) => t, // replaced at byte level below
  hugeText: (t, f) => t.replace(/<edXML:Subject>/, `<edXML:Subject>${'A'.repeat(f.number.int({ min: 1000, max: 200_000 }))}`),
  deepNesting: (t) => t.replace('<edXML:Subject>', `<edXML:Subject>${'<x>'.repeat(2000)}${'</x>'.repeat(2000)}`),
};

describe(`sendEdoc survives ${CASES} corrupted packages (seed ${SEED})`, () => {
  let app: App;
  let vpcp: Connected;
  let nghean: Connected;
  let bnv: Connected;
  const originals: { kind: 'edoc' | 'status'; from: string; client: () => Connected; text: string }[] = [];

  beforeAll(async () => {
    app = await makeApp();
    vpcp = await connect(app, 'vpcp', [G22]);
    nghean = await connect(app, 'nghean', [H41]);
    // Strict mode turns the same damage into the specific validation codes of specs/vdxp.md §5.
    bnv = await connect(app, 'bnv', ['000.00.00.G09'], { mode: 'strict' });
    originals.push(
      { kind: 'edoc', from: G22, client: () => vpcp, text: edoc({ from: G22, to: [H41] }).toString('utf8') },
      { kind: 'status', from: H41, client: () => nghean, text: statusPkg({ from: H41, to: G22, documentId: `${G22},2026/11/24,101/VPCP-TTĐT`, code: '01' }).toString('utf8') },
      { kind: 'edoc', from: G22, client: () => vpcp, text: sample('edoc_update.edxml').toString('utf8') },
      // Signed, then damaged: what survives validation must still fail the signature check.
      { kind: 'edoc', from: '000.00.00.G09', client: () => bnv, text: signEdxml(edoc({ from: '000.00.00.G09', to: [H41] }).toString('utf8'), bnv) },
      { kind: 'edoc', from: '000.00.00.G09', client: () => bnv, text: signEdxml(edoc({ from: '000.00.00.G09', to: [H41, G22], number: '55' }).toString('utf8'), bnv) },
    );
  });
  afterAll(() => app.close());

  it('answers every case with OK or a catalogued VDXP code, never 5xx', async () => {
    const f = new Faker({ locale: [base], seed: SEED });
    const names = Object.keys(MUTATIONS);
    const seen = new Map<string, number>();
    for (let i = 0; i < CASES; i++) {
      const o = f.helpers.arrayElement(originals);
      const name = f.helpers.arrayElement(names);
      let bytes = Buffer.from(MUTATIONS[name]!(o.text, f), 'utf8');
      if (name === 'invalidUtf8') {
        bytes = Buffer.from(bytes);
        bytes[f.number.int({ min: 100, max: bytes.length - 1 })] = 0xff;
      }
      const res = await o.client().client.sendEdoc(bytes, { from: o.from, messagetype: o.kind });
      const label = `case ${i} (${name} of a ${o.kind})`;
      expect(res.httpStatus, `${label}: ${JSON.stringify(res.json)}`).toBeLessThan(500);
      expect(res.json, label).toBeDefined();
      if (res.json.status === 'OK') {
        expect(res.json.ErrorCode).toBe('0');
      } else {
        expect(Object.keys(VDXP_ERRORS), `${label}: ${res.json.code}`).toContain(res.json.code);
        expect(res.json.ErrorDesc.length, label).toBeGreaterThan(10);
      }
      const key = res.json.code ?? 'OK';
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    // The corpus reaches many distinct outcomes, not one catch-all.
    expect(seen.size).toBeGreaterThanOrEqual(10);
    expect(seen.has('VDXP_INTERNAL')).toBe(false);
  }, 120_000);

  it('still serves normal traffic afterwards', async () => {
    const res = await vpcp.client.sendEdoc(edoc({ from: G22, to: [H41], number: '999' }), { from: G22, messagetype: 'edoc' });
    expect(res.json.status).toBe('OK');
    expect((await app.inject({ method: 'GET', url: '/_lienthong/events/verify' })).json()).toEqual({ intact: true, brokenAt: null });
  });
});
