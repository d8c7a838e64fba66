/**
 * The legal due date of a dossier: the catalogue's processing time in working days counted from the day
 * after receipt, ending at 24:00 (Civil Code Điều 147–148), and the control plane showing it next to the
 * NgayHenTra the agency synced.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { legalDueDate } from '../../emulator/platforms/dvcqg/due-date.js';
import { dossier, get, makeApp, oneStop, type App } from './support/portal.js';

/** A Vietnam wall-clock time as the instant. */
const vn = (text: string) => new Date(`${text}+07:00`);

describe('legalDueDate', () => {
  it('counts working days from the day after receipt and ends at the last second of the last one', () => {
    // Tuesday 2026-11-24 10:00: 3 working days are Wed, Thu, Fri.
    expect(legalDueDate(vn('2026-11-24T10:00:00'), 3)).toEqual(vn('2026-11-27T23:59:59'));
    // 5 working days cross the weekend: Wed, Thu, Fri, Mon, Tue.
    expect(legalDueDate(vn('2026-11-24T10:00:00'), 5)).toEqual(vn('2026-12-01T23:59:59'));
  });

  it('takes the Vietnam calendar day of receipt, also late in the evening (UTC already the next day)', () => {
    expect(legalDueDate(vn('2026-11-27T23:30:00'), 1)).toEqual(vn('2026-11-30T23:59:59'));
  });

  it('counts from a weekend receipt as from any other day, and gives the receipt day itself for 0 days', () => {
    expect(legalDueDate(vn('2026-11-28T09:00:00'), 1)).toEqual(vn('2026-11-30T23:59:59'));
    expect(legalDueDate(vn('2026-11-24T10:00:00'), 0)).toEqual(vn('2026-11-24T23:59:59'));
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => legalDueDate(new Date(), -1)).toThrow(RangeError);
    expect(() => legalDueDate(new Date(), 1.5)).toThrow(RangeError);
  });
});

describe('GET /_lienthong/dvcqg/dossiers/:MaHoSo legalDue', () => {
  let app: App;
  beforeEach(async () => {
    app = await makeApp();
  });
  afterEach(async () => app.close());

  it('shows the procedure processing time and the due date it gives, next to the synced NgayHenTra', async () => {
    const s = await oneStop(app);
    const list = await s.call('LayDanhSachTTHC', { pageSize: 1 });
    const item = list.body.result[0];
    const thuTuc = (await s.call('LayThuTuc', { maTTHC: item.MATTHC })).body.result[0];
    const days = thuTuc.CACHTHUCTHUCHIEN[0].THOIGIAN[0].THOIGIANGIAIQUYET as number;
    const d = dossier(s.madonvi, { MaTTHC: item.MATTHC, TenTTHC: item.TENTTHC, MaLinhVuc: item.MALINHVUC, TenLinhVuc: item.TENLINHVUC }, 1);
    expect((await s.call('DongBoHoSoMC', { isUpdating: 'False', data: [d] })).body.error_code).toBe(0);

    const view = await get(app, `/_lienthong/dvcqg/dossiers/${d.MaHoSo as string}`);
    expect(view.status).toBe(200);
    expect(view.body.legalDue).toEqual({ processingDays: days, dueAt: legalDueDate(vn('2026-11-24T09:00:00'), days).toISOString() });
    expect(view.body.timeliness.dueAt).toBe(vn('2026-11-27T17:00:00').toISOString());
  });
});
