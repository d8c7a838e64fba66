/**
 * The generated bad-input corpus (test/resilience/corpus/, ≥ 10,000 cases over every wire surface) run through
 * `app.inject()` on one app: no crash, no 5xx (the population SOAP's Client Fault aside, which SOAP 1.1 sends
 * as HTTP 500), every refusal in the platform's dialect with a specific code from its catalog, the code the
 * case was built to provoke, no marker-file content in any reply, no request to the XXE listener, nothing
 * stored, no prototype polluted, and bounded memory. Prints cases/second, codes by count and memory growth.
 * test/vdxp/bad-input.test.ts keeps the hand-written VDXP cases (each refusal's evidence verdict, the mailbox
 * untouched); this file is their scale-up over every platform.
 *
 * CORPUS_SURFACE=vdxp-edxml,ndxp-soap narrows the run while developing; CORPUS_FAMILIES=1 prints time per family.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEdxml } from '../../emulator/platforms/vdxp/wire/edxml-parse.js';
import { signEdxml } from '../../emulator/platforms/vdxp/wire/signature.js';
import { elementText, setContent } from './corpus/edxml-text.js';
import { buildCorpus, type BadCase } from './corpus/index.js';
import { setUpFixture, type Fixture } from './corpus/fixture.js';
import { judge } from './corpus/judge.js';
import { seeded } from './corpus/rng.js';
import { variedPackage } from './corpus/vdxp-edxml.js';
import { sendRequest } from './corpus/vdxp-wire.js';

const only = (process.env.CORPUS_SURFACE ?? '').split(',').filter(Boolean);
const MB = 1024 * 1024;

/** Row counts of every table but the evidence log: a refused request must leave all of them as they were. */
async function tableCounts(fx: Fixture): Promise<Record<string, number>> {
  const db = fx.app.lienthong.store.db<Record<string, never>>();
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(db);
  const out: Record<string, number> = {};
  for (const { name } of tables.rows) {
    if (name === 'events') continue;
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(db);
    out[name] = Number(r.rows[0]?.n ?? 0);
  }
  return out;
}

describe('bad-input corpus', () => {
  let fx: Fixture;
  let corpus: BadCase[];
  beforeAll(async () => {
    fx = await setUpFixture();
    const t0 = performance.now();
    corpus = buildCorpus(fx, only);
    console.log(`corpus generated: ${corpus.length} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }, 180_000);
  afterAll(async () => fx?.close());

  it('refuses every case with a specific code, in the platform dialect, storing and leaking nothing', async () => {
    const failures: string[] = [];
    const codes = new Map<string, number>();
    const bySurface = new Map<string, number>();
    const msBySurface = new Map<string, number>();
    let leaks = 0;
    const before = await tableCounts(fx);
    globalThis.gc?.();
    const mem0 = process.memoryUsage();
    const t0 = performance.now();
    for (const c of corpus) {
      const tc = performance.now();
      let status: number;
      let body: string;
      try {
        const res = await fx.app.inject({ method: c.request.method, url: c.request.url, headers: c.request.headers, ...(c.request.payload ? { payload: c.request.payload } : {}) });
        status = res.statusCode;
        body = res.body;
      } catch (err) {
        failures.push(`${c.id}: inject threw ${(err as Error).message}`);
        continue;
      }
      if (body.includes(fx.marker.content)) {
        leaks++;
        failures.push(`${c.id}: the reply carries the XXE marker file's content`);
      }
      const r = judge(c, status, body);
      const key = `${c.dialect}:${r.code ?? '(none)'}`;
      codes.set(key, (codes.get(key) ?? 0) + 1);
      bySurface.set(c.surface, (bySurface.get(c.surface) ?? 0) + 1);
      msBySurface.set(c.surface, (msBySurface.get(c.surface) ?? 0) + performance.now() - tc);
      if (process.env.CORPUS_FAMILIES) msBySurface.set(`${c.surface}/${c.family}`, (msBySurface.get(`${c.surface}/${c.family}`) ?? 0) + performance.now() - tc);
      if (r.problem) failures.push(`${c.id}: ${r.problem} — ${body.slice(0, 240).replace(/\s+/g, ' ')}`);
    }
    const seconds = (performance.now() - t0) / 1000;
    await fx.app.lienthong.evidence.flush();
    globalThis.gc?.();
    const mem1 = process.memoryUsage();
    const after = await tableCounts(fx);
    const mb = (n: number) => `${(n / MB).toFixed(1)} MB`;
    const generic = [...codes].filter(([k]) => /:(INTERNAL|\w+_INTERNAL|BAD_REQUEST|NOT_FOUND)$/.test(k)).reduce((a, [, n]) => a + n, 0);
    console.log(
      [
        `bad-input corpus: ${corpus.length} cases in ${seconds.toFixed(1)} s = ${Math.round(corpus.length / seconds)} cases/s`,
        `by surface: ${[...bySurface].map(([s, n]) => `${s} ${n} (${((msBySurface.get(s) ?? 0) / 1000).toFixed(1)} s)`).join(', ')}`,
        `memory: heapUsed ${mb(mem0.heapUsed)} → ${mb(mem1.heapUsed)} (${mb(mem1.heapUsed - mem0.heapUsed)}), rss ${mb(mem0.rss)} → ${mb(mem1.rss)} (${mb(mem1.rss - mem0.rss)})`,
        `XXE listener requests: ${fx.marker.hits()}, marker leaks: ${leaks}; generic codes (INTERNAL, *_INTERNAL, BAD_REQUEST, NOT_FOUND): ${generic}; distinct codes: ${codes.size}`,
        'codes (dialect:code count):',
        ...[...codes].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${k.padEnd(52)} ${n}`),
      ].join('\n'),
    );
    if (process.env.CORPUS_FAMILIES) console.log([...msBySurface].filter(([k]) => k.includes('/')).sort((a, b) => b[1] - a[1]).map(([k, ms]) => `${k} ${ms.toFixed(0)} ms`).join('\n'));
    if (failures.length) console.log(`${failures.length} failing cases, first 60:\n${failures.slice(0, 60).join('\n')}`);

    expect(failures.slice(0, 20)).toEqual([]);
    expect(generic).toBe(0);
    expect(fx.marker.hits()).toBe(0);
    // Nothing a refused request carried was stored: every table but the evidence log has the rows it had.
    expect(after).toEqual(before);
    // JSON bodies carried "__proto__" and "constructor" keys: no object prototype was touched.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Generous bounds: an expanded entity or a kept nesting bomb would show as gigabytes, not these.
    expect(mem1.heapUsed - mem0.heapUsed).toBeLessThan(512 * MB);
    expect(mem1.rss - mem0.rss).toBeLessThan(1536 * MB);
    expect(only.length > 0 || corpus.length >= 10_000).toBe(true);
  }, 600_000);

  it('reads exactly what the signature covers: additions that leave the digest valid change nothing the axis reads', async () => {
    const rng = seeded(8900);
    const { strict, recipient } = fx.vdxp;
    const read = async (docId: string) => {
      const res = await fx.app.inject({ method: 'GET', url: `/_lienthong/vdxp/packages/${docId}` });
      expect(res.statusCode, res.body).toBe(200);
      return parseEdxml(Buffer.from(res.json().edxml as string, 'base64'), { mode: 'lenient' }).pkg;
    };
    // The enveloped-signature transform removes the whole Signature, so an Object inside it is outside the
    // digest; c14n drops comments. Both verify: the axis must still read what was signed.
    const additions: Array<(signed: string) => string> = [
      (signed) => {
        const evil = setContent(elementText(signed, 'MessageHeader'), 'Subject', 'V/v giả mạo (forged)').replace(recipient.agency, fx.vdxp.lenient.agency);
        return signed.replace('</Signature>', `<Object>${evil}</Object></Signature>`);
      },
      (signed) => signed.replace(`<edXML:OrganId>${strict.agency}</edXML:OrganId>`, `<edXML:OrganId>${strict.agency.slice(0, 5)}<!-- x -->${strict.agency.slice(5)}</edXML:OrganId>`),
    ];
    let n = 30_000;
    for (let round = 0; round < 3; round++) {
      for (const add of additions) {
        const signed = signEdxml(variedPackage(rng, strict.agency, [recipient.agency], { number: String(n++) }), strict);
        const subject = /<edXML:Subject>([^<]*)</.exec(signed)![1]!;
        const res = await fx.app.inject(sendRequest(strict, Buffer.from(add(signed), 'utf8')));
        const json = res.json() as { status: string; DocId: string; ErrorDesc: string };
        expect(json, json.ErrorDesc).toMatchObject({ status: 'OK' });
        const pkg = await read(json.DocId);
        expect(pkg.kind).toBe('edoc');
        if (pkg.kind !== 'edoc') continue;
        expect(pkg.header.subject).toBe(subject);
        expect(pkg.header.from?.organId).toBe(strict.agency);
        expect(pkg.header.to.map((t) => t.organId)).toEqual([recipient.agency]);
      }
    }
    // The recipient's mailbox holds no package carrying the forged subject.
    const mailbox = await fx.app.inject({ method: 'GET', url: `/_lienthong/vdxp/systems/${fx.vdxp.lenient.systemId}/mailbox` });
    expect(JSON.stringify(mailbox.json())).not.toContain('giả mạo');
  });

  it('never echoes a header value that would break the reply (CR/LF in Origin reaches in-process callers)', async () => {
    const res = await fx.app.inject({ method: 'OPTIONS', url: '/ndxp/apiCSDLDC/1.0', headers: { origin: 'http://a.example\r\nSet-Cookie: x=1' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['set-cookie']).toBeUndefined();
    const ok = await fx.app.inject({ method: 'OPTIONS', url: '/ndxp/apiCSDLDC/1.0', headers: { origin: 'http://mc.example' } });
    expect(ok.headers['access-control-allow-origin']).toBe('http://mc.example');
  });
});
