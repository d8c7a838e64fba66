import type { EmulatorContext } from '../../core/context.js';
import type { EmulatorError } from '../../core/errors.js';
import { toEmulatorError } from '../../core/http-errors.js';
import { Accounts } from './accounts.js';
import { CatalogueView } from './catalogue-view.js';
import { Dossiers } from './dossiers.js';
import { dvcqgError, dvcqgInternal } from './errors.js';
import { PortalCalls } from './portal-calls.js';
import { Ratings } from './ratings.js';
import type { DvcqgTables } from './store.js';
import { WorldView } from './world-view.js';

/** The portal's services over one store; routes and control routes are thin layers over this. */
export class DvcqgService {
  readonly db;
  readonly accounts: Accounts;
  readonly dossiers: Dossiers;
  readonly ratings: Ratings;
  readonly portal: PortalCalls;
  readonly world: WorldView;
  private view: CatalogueView | undefined;

  constructor(readonly ctx: EmulatorContext) {
    this.db = ctx.store.db<DvcqgTables>();
    this.accounts = new Accounts(ctx, this.db);
    this.world = new WorldView(ctx.world);
    this.dossiers = new Dossiers(ctx, this.db, (code) => this.catalogue.forValidation(code));
    this.ratings = new Ratings(ctx, this.db);
    this.portal = new PortalCalls(ctx, this.db);
  }

  /** Built on first use (a few hundred ms for ~6,790 procedures), then shared by every request. */
  get catalogue(): CatalogueView {
    this.view ??= new CatalogueView(this.ctx.seed);
    return this.view;
  }

  techIdOf(idOrTaxCode: string): string | null {
    return this.world.techIdOf(idOrTaxCode);
  }

  toError(err: unknown): EmulatorError {
    const e = toEmulatorError(err, dvcqgInternal);
    if (e.code === 'BODY_TOO_LARGE') return dvcqgError('DVCQG_BATCH_TOO_LARGE', e.message, { field: 'body', rule: e.details.rule ?? 'size limit' });
    return e;
  }
}
