/**
 * The procedures the agency handles, read from the national catalogue over the wire (LayDanhSachTTHC for the
 * agency's list, LayThuTuc for one procedure's documents, fees and processing time; specs §A2, §A7), as a
 * one-stop system fills its own procedure table from DVCQG.
 */
import type { PortalClient } from './portal-client.js';

type Json = Record<string, unknown>;

export interface Fee {
  code: string;
  name: string;
  amount: number;
  /** A10 LoaiPhiLePhi: 1 = phí (fee), 2 = lệ phí (charge). */
  type: '1' | '2';
}

export interface Procedure {
  code: string;
  name: string;
  fieldCode: string;
  fieldName: string;
  /** THOIGIANGIAIQUYET, in working days. */
  processingDays: number;
  fees: Fee[];
  documents: Array<{ code: string; name: string }>;
  results: Array<{ code: string; name: string }>;
}

const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

function fromThuTuc(t: Json): Procedure {
  const field = arr(t.LINHVUCTHUCHIEN)[0] ?? {};
  const time = arr(arr(t.CACHTHUCTHUCHIEN)[0]?.THOIGIAN)[0] ?? {};
  return {
    code: String(t.MATTHC),
    name: String(t.TENTTHC),
    fieldCode: String(field.MALINHVUC ?? ''),
    fieldName: String(field.TENLINHVUC ?? ''),
    processingDays: Number(time.THOIGIANGIAIQUYET ?? 0),
    fees: arr(time.PHILEPHI).map((f) => {
      const name = String(f.MOTA ?? '');
      return { code: String(f.MAPHILEPHI), name, amount: Number(f.SOTIEN), type: /^phí\b/i.test(name) ? '1' : '2' };
    }),
    documents: arr(t.THANHPHANHOSO).flatMap((g) => arr(g.GIAYTO)).map((d) => ({ code: String(d.MAGIAYTO), name: String(d.TENGIAYTO) })),
    results: arr(t.KETQUATHUCHIEN).map((r) => ({ code: String(r.MAKETQUA), name: String(r.TENKETQUA) })),
  };
}

export class ProcedureTable {
  private codes: string[] = [];
  private readonly details = new Map<string, Procedure>();

  constructor(
    private readonly portal: PortalClient,
    private readonly madonvi: string,
  ) {}

  /** Loads the first page of the agency's procedures (enough for a desk; a real system pages through all). */
  async load(): Promise<void> {
    const r = await this.portal.call('LayDanhSachTTHC', { maCoQuan: this.madonvi, pageSize: 100 });
    this.codes = arr(r.result).map((p) => String(p.MATTHC));
    if (this.codes.length === 0) throw new Error(`the national catalogue lists no procedure for agency ${this.madonvi}`);
  }

  async get(code: string): Promise<Procedure> {
    const cached = this.details.get(code);
    if (cached) return cached;
    const r = await this.portal.call('LayThuTuc', { maTTHC: code });
    const p = fromThuTuc(arr(r.result)[0] ?? {});
    this.details.set(code, p);
    return p;
  }

  /** The first procedure of the agency's list that fits (with a fee, when asked). */
  async pick(opts: { withFee?: boolean }): Promise<Procedure> {
    for (const code of this.codes) {
      const p = await this.get(code);
      if (p.processingDays < 1) continue;
      if (opts.withFee && p.fees.length === 0) continue;
      return p;
    }
    throw new Error(`no procedure of ${this.madonvi} fits ${JSON.stringify(opts)}`);
  }
}
