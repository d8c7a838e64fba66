import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, edoc, makeApp, type App, type Connected } from './support/fixtures.js';

describe('VDXP smoke: one document from G22 to H41', () => {
  let app: App;
  let a: Connected;
  let b: Connected;
  beforeAll(async () => {
    app = await makeApp();
    a = await connect(app, 'sys.a', ['000.00.00.G22']);
    b = await connect(app, 'sys.b', ['000.00.00.H41']);
  });
  afterAll(() => app.close());

  it('sends, lists, fetches and acknowledges', async () => {
    const sent = await a.client.sendEdoc(edoc({ from: '000.00.00.G22', to: ['000.00.00.H41'] }), { from: '000.00.00.G22', messagetype: 'edoc' });
    expect(sent.json).toMatchObject({ status: 'OK', ErrorCode: '0' });
    const list = await b.client.getReceivedEdocList('edoc');
    expect(list.json.data).toHaveLength(1);
    const got = await b.client.getEdoc(list.json.data[0].docId);
    expect(got.edxml?.toString('utf8')).toContain('000.00.00.G22');
  });
});
