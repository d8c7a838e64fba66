/**
 * The hook action vdxp.sendDocument of the reference agency with `referenceCodes` (schemas/harness/
 * action-vdxp.sendDocument.json): the codes land in MessageHeader/OtherInfo/ReferenceCodes of the package the
 * axis accepted, where the cross suite looks for a dossier's MaHoSo first (decision 017 §5).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../emulator/app.js';
import { virtualClock } from '../../emulator/core/clock.js';
import { validatorFor } from '../../emulator/core/schemas.js';
import { parseEdxml } from '../../emulator/platforms/vdxp/wire/edxml-parse.js';
import { ActionFailed, createReferenceAgency, type ReferenceAgency } from '../../examples/reference-agency/agency.js';
import type { ActionOutcome } from '../../scenarios/kit/types.js';
import { TEST_INSTANT } from '../vdxp/support/fixtures.js';

const RECIPIENT = '000.00.00.H41';

describe('reference agency: vdxp.sendDocument with referenceCodes', () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let agency: ReferenceAgency;

  beforeAll(async () => {
    app = await buildApp({ data: ':memory:', clock: virtualClock(new Date(TEST_INSTANT)) });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    await app.inject({ method: 'POST', url: '/_lienthong/vdxp/systems', payload: { systemId: 'sys.refcodes.peer', agencies: [{ code: RECIPIENT }] } });
    agency = createReferenceAgency({ emulatorUrl: url, pollIntervalMs: 60_000 });
    await agency.start();
  });
  afterAll(async () => {
    await agency.stop();
    await app.close();
  });

  /** The result of a `done` outcome; anything else fails the test with the outcome shown. */
  const resultOf = (outcome: ActionOutcome): Record<string, unknown> => {
    if (outcome.status !== 'done') throw new Error(`vdxp.sendDocument answered ${JSON.stringify(outcome)}`);
    return outcome.result;
  };

  const edocOf = async (docId: string) => {
    const record = (await app.inject({ method: 'GET', url: `/_lienthong/vdxp/packages/${docId}` })).json() as { edxml: string; signatureStatus: string };
    const { pkg } = parseEdxml(Buffer.from(record.edxml, 'base64'), { mode: 'strict' });
    if (pkg.kind !== 'edoc') throw new Error('not a document package');
    return { header: pkg.header, signatureStatus: record.signatureStatus };
  };

  it('writes the codes into OtherInfo/ReferenceCodes, joined by "; ", and the params follow the action schema', async () => {
    const params = { to: [RECIPIENT], subject: 'V/v trả kết quả hồ sơ', referenceCodes: ['000.00.01.H22-261124-0001', 'G22-2026-7'], signed: true };
    const result = resultOf(await agency.perform('vdxp.sendDocument', params));
    expect(validatorFor('lienthong:harness/action-vdxp.sendDocument')({ params, result })).toBe(true);
    const sent = await edocOf((result.docIds as string[])[0]!);
    expect(sent.header.otherInfo?.referenceCodes).toBe('000.00.01.H22-261124-0001; G22-2026-7');
    // Signed with the agency's own system certificate: valid under decision 025.
    expect(sent.signatureStatus).toBe('valid');
  });

  it('leaves ReferenceCodes out when none are given', async () => {
    const result = resultOf(await agency.perform('vdxp.sendDocument', { to: [RECIPIENT], subject: 'V/v không có mã tham chiếu' }));
    const sent = await edocOf((result.docIds as string[])[0]!);
    expect(sent.header.otherInfo?.referenceCodes).toBeUndefined();
  });

  it('refuses codes that break the schema (empty list, a ";" inside a code) as the action failing', async () => {
    await expect(agency.perform('vdxp.sendDocument', { to: [RECIPIENT], subject: 'x', referenceCodes: [] })).rejects.toThrow(ActionFailed);
    await expect(agency.perform('vdxp.sendDocument', { to: [RECIPIENT], subject: 'x', referenceCodes: ['a;b'] })).rejects.toThrow(/referenceCodes/);
    const validate = validatorFor('lienthong:harness/action-vdxp.sendDocument');
    expect(validate({ params: { to: [RECIPIENT], subject: 'x', referenceCodes: ['a;b'] }, result: { documentId: 'd' } })).toBe(false);
  });
});
