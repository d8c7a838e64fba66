/**
 * The authorisation matrix: operation × credential mix-up → what the platform answered (an error code, or
 * the observable outcome when the platform's answer to "not yours" is to show nothing). Recorded as the
 * tests run, printed as one table per platform.
 */
export class Matrix {
  private readonly rows = new Map<string, Map<string, string>>();
  private readonly columns: string[] = [];

  constructor(readonly platform: string) {}

  record(operation: string, mixup: string, outcome: string): void {
    if (!this.columns.includes(mixup)) this.columns.push(mixup);
    let row = this.rows.get(operation);
    if (!row) this.rows.set(operation, (row = new Map()));
    row.set(mixup, outcome);
  }

  get size(): number {
    let n = 0;
    for (const row of this.rows.values()) n += row.size;
    return n;
  }

  /** A Markdown table (it reads as plain text in a terminal too). */
  render(): string {
    const head = ['operation', ...this.columns];
    const lines = [`authorisation matrix — ${this.platform} (${this.size} cells)`, `| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
    for (const [op, row] of this.rows) lines.push(`| ${[op, ...this.columns.map((c) => row.get(c) ?? '—')].join(' | ')} |`);
    return lines.join('\n');
  }
}

/** The code a refusal carries in any of the emulator's dialects (VDXP, DVCQG, WSO2, RFC 6749, SOAP Fault). */
export function codeOf(body: string): string | undefined {
  try {
    const j = JSON.parse(body) as Record<string, any>;
    return j.code ?? j.lienthong?.code ?? j.ErrorCode ?? j.error?.code;
  } catch {
    return /<(?:\w+:)?code>([A-Z_]+)<\/(?:\w+:)?code>/.exec(body)?.[1];
  }
}
