/**
 * The reference agency's desk journey (hồ sơ liên thông): what the one-stop office of UBND tỉnh Quảng Ninh
 * does for one applicant from end to end, composed from the other parts' own work. The official checks the
 * applicant in the National Population Database through NDXP (data part), takes the dossier in with the
 * identity the database confirmed and syncs it to DVCQG, has it processed and finished (motcua part), then
 * issues the result document (văn bản kết quả) over VDXP to the agency named, with the dossier code in its
 * trích yếu (qlvb part). When the database does not confirm the person, nothing is taken in.
 */
import { MOTCUA_AGENCY } from './motcua.js';
import { ActionFailed, isString, param, type ActionHandler, type AgencyConfig, type AgencyPart, type DefectSpec } from './part.js';

export const JOURNEY_DEFECTS: DefectSpec[] = [
  { name: 'cross-no-applicant-check', part: 'journey', description: 'takes the dossier in without checking the applicant in the population database' },
  { name: 'cross-wrong-applicant', part: 'journey', description: 'syncs the dossier with the desk\'s default applicant instead of the person the population database confirmed' },
  { name: 'cross-no-result-document', part: 'journey', description: 'finishes the dossier but never sends the result document over VDXP' },
  { name: 'cross-result-before-finish', part: 'journey', description: 'sends the result document before reporting the dossier finished (9) to DVCQG' },
  { name: 'cross-result-no-dossier-code', part: 'journey', description: 'sends the result document without the dossier code (mã hồ sơ) in it' },
];

/** The other parts' action handlers, by name: how the journey reaches their work. */
export type ActionLookup = (action: string) => ActionHandler | undefined;

interface StatedApplicant {
  idNumber: string;
  fullName: string;
  birthDate: string;
}

const isStatedApplicant = (v: unknown): v is StatedApplicant => {
  const a = v as Partial<StatedApplicant> | null;
  return !!a && typeof a === 'object' && isString(a.idNumber) && isString(a.fullName) && isString(a.birthDate);
};

/** What the official tells an applicant the database did not confirm (or could not be asked about). */
function refusal(lookup: Record<string, unknown>): string {
  const said = [lookup.code ? `mã ${String(lookup.code)}` : '', typeof lookup.message === 'string' ? lookup.message : ''].filter(Boolean).join(': ');
  return lookup.outcome === 'not-found'
    ? `Không tiếp nhận: thông tin người nộp không khớp Cơ sở dữ liệu quốc gia về dân cư (${said || 'không tìm thấy'})`
    : `Không tiếp nhận: chưa xác thực được thông tin người nộp với Cơ sở dữ liệu quốc gia về dân cư (${String(lookup.outcome)}${said ? `, ${said}` : ''})`;
}

export function createJourney(config: AgencyConfig, actionOf: ActionLookup): AgencyPart {
  const has = (d: string) => config.defects.has(d);

  /** One step done by another part, as that part's own code path does it. */
  async function run(action: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
    const handler = actionOf(action);
    if (!handler) throw new ActionFailed(`the desk journey needs ${action}, which no part of this agency serves`);
    config.log(`journey: ${action} ${JSON.stringify(params)}`);
    return handler(params);
  }

  const actions: AgencyPart['actions'] = {
    async 'cross.handleDossier'(params) {
      const stated = param(params, 'applicant', isStatedApplicant, '{idNumber, fullName, birthDate}');
      const resultTo = param(params, 'resultTo', isString, 'the agency code the result goes to');
      let applicant = { idNumber: stated.idNumber, name: stated.fullName };
      if (!has('cross-no-applicant-check')) {
        const lookup = await run('ndxp.lookupCitizen', { soDinhDanh: stated.idNumber, hoVaTen: stated.fullName, ngaySinh: stated.birthDate });
        const citizen = lookup.citizen as { SoDinhDanh?: string; HoVaTen?: string } | undefined;
        if (lookup.outcome !== 'found' || !citizen?.SoDinhDanh || !citizen.HoVaTen) return { outcome: 'refused', reason: refusal(lookup) };
        // The dossier is written with the person as the database knows them (its spelling of the name).
        applicant = { idNumber: citizen.SoDinhDanh, name: citizen.HoVaTen };
      }
      // Defect: the intake form is not filled from the lookup, so the desk's default applicant goes in.
      const received = await run('dvcqg.receiveDossier', { ...(has('cross-wrong-applicant') ? {} : { applicant }), ...(isString(params.maTTHC) ? { maTTHC: params.maTTHC } : {}) });
      const maHoSo = param(received, 'maHoSo', isString, 'the MaHoSo of the dossier taken in');
      const maTTHC = isString(received.maTTHC) ? received.maTTHC : '';
      await run('dvcqg.processDossier', { maHoSo });

      const subject = has('cross-result-no-dossier-code')
        ? `V/v trả kết quả giải quyết thủ tục hành chính ${maTTHC} của ông/bà ${applicant.name}`
        : `V/v trả kết quả giải quyết hồ sơ ${maHoSo} (thủ tục ${maTTHC}) của ông/bà ${applicant.name}`;
      // The dossier code goes in ReferenceCodes too (decision 017), unless the defect drops it everywhere.
      const referenceCodes = has('cross-result-no-dossier-code') ? {} : { referenceCodes: [maHoSo] };
      const sendResult = () => run('vdxp.sendDocument', { to: [resultTo], subject, ...referenceCodes, signed: true });
      let sent: Record<string, unknown> | undefined;
      if (has('cross-result-before-finish')) sent = await sendResult();
      await run('dvcqg.finishDossier', { maHoSo, deliver: true });
      if (!sent && !has('cross-no-result-document')) sent = await sendResult();
      return { outcome: 'done', maHoSo, ...(maTTHC ? { maTTHC } : {}), ...(isString(sent?.documentId) ? { documentId: sent.documentId } : {}) };
    },
  };

  return {
    name: 'journey',
    roles: ['motcua'],
    actions,
    // Nothing of its own to connect: the parts it composes are connected by the agency.
    async start() {},
    async stop() {},
    info: () => ({ agencies: [MOTCUA_AGENCY] }),
  };
}
