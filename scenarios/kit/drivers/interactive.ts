import { createInterface } from 'node:readline/promises';
import type { ActionOutcome, SutDriver } from '../types.js';

/** What to tell a person for each action, in plain words (the params fill in the details). */
function instruction(action: string, params: Record<string, unknown>): string {
  const p = (k: string) => JSON.stringify(params[k] ?? '');
  switch (action) {
    case 'system.info':
      return 'Type the system name, version and agency code, separated by commas (e.g. "QLVB Sở X, 3.2.1, 000.00.01.H41")';
    case 'vdxp.sendDocument':
      return `In the SUT, send a document with subject ${p('subject')} to ${p('to')}${params.signed ? ', digitally signed' : ''}; then type its DocumentId`;
    case 'vdxp.receive':
      return 'In the SUT, fetch new documents from the axis (or wait for its scheduler) and let it acknowledge them';
    case 'vdxp.processDocument':
      return `In the SUT, take document ${p('documentId')} through accepted → assigned → processing → finished (up to ${p('through')})`;
    case 'vdxp.rejectDocument':
      return `In the SUT, refuse document ${p('documentId')} with the reason ${p('reason')}`;
    case 'vdxp.changeDocument':
      return `In the SUT, ${String(params.kind)} document ${p('documentId')} with the reason ${p('reason')}`;
    default:
      return `In the SUT, perform ${action} with ${JSON.stringify(params)}`;
  }
}

/**
 * The `interactive` driver: the CLI tells a person what to do in the SUT and waits for Enter (or an answer),
 * `s` to skip; the step's timeout ends the wait as a skip.
 */
export function interactiveDriver(io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } = { input: process.stdin, output: process.stdout }): SutDriver {
  const rl = createInterface({ input: io.input, output: io.output });
  return {
    kind: 'interactive',
    async perform(action, params, opts): Promise<ActionOutcome> {
      const signal = AbortSignal.timeout(opts.timeoutMs);
      let answer: string;
      try {
        answer = (await rl.question(`\n[${opts.scenarioId}] ${instruction(action, params)}.\n  Enter when done, "s" to skip > `, { signal })).trim();
      } catch {
        return { status: 'skipped', reason: `no answer within ${Math.round(opts.timeoutMs / 1000)} s` };
      }
      if (answer.toLowerCase() === 's') return { status: 'skipped', reason: 'skipped by the operator' };
      if (action === 'system.info') {
        const [name = '', version = '', agency = ''] = answer.split(',').map((x) => x.trim());
        return { status: 'done', result: { name, version, agencies: agency ? [agency] : [] } };
      }
      if (action === 'vdxp.sendDocument') return { status: 'done', result: { documentId: answer } };
      return { status: 'done', result: {} };
    },
    async close() {
      rl.close();
    },
  };
}
