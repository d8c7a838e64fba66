import type { EmulatorContext } from '../../core/context.js';
import { Consumers } from './consumers.js';
import { Registry } from './registry.js';
import type { NdxpTables } from './store.js';
import { Tokens } from './tokens.js';
import type { BuiltinApi } from './upstream.js';

/** The gateway's services over one store; routes and control routes are thin layers over this. */
export class NdxpService {
  readonly db;
  readonly consumers: Consumers;
  readonly tokens: Tokens;
  readonly registry: Registry;

  constructor(
    readonly ctx: EmulatorContext,
    builtins: readonly BuiltinApi[],
  ) {
    this.db = ctx.store.db<NdxpTables>();
    this.consumers = new Consumers(ctx, this.db);
    this.tokens = new Tokens(ctx, this.db);
    this.registry = new Registry(ctx, this.db, builtins);
  }
}
