/**
 * `GET /_lienthong/snapshot` (the whole state as one gzip'd file) and `POST /_lienthong/restore` (replace
 * the whole state with such a file). Format: docs/snapshot.md; rationale: docs/decisions/020.
 */
import { createReadStream } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import type { EmulatorContext, PlatformModule } from '../context.js';
import { restoreSnapshot } from './restore.js';
import { snapshotFileName, snapshotToTempFile } from './take.js';

/** Largest snapshot POST /_lienthong/restore accepts (gzip'd); the rows themselves are streamed into the store. */
export const RESTORE_BODY_LIMIT = 1024 * 1024 * 1024;

export const snapshotRoutes: FastifyPluginAsync<{ ctx: EmulatorContext; platforms: readonly PlatformModule[] }> = async (app, { ctx, platforms }) => {
  app.get('/_lienthong/snapshot', async (_request, reply) => {
    const snap = await snapshotToTempFile(ctx);
    const file = createReadStream(snap.path);
    // The open file stays readable once its name is gone: nothing is left behind whatever the client does.
    file.once('open', () => void snap.dispose());
    file.once('error', () => void snap.dispose());
    return reply
      .header('content-type', 'application/gzip')
      .header('content-disposition', `attachment; filename="${snapshotFileName(snap.takenAt)}"`)
      .header('x-lienthong-snapshot-rows', String(snap.rows))
      .header('x-lienthong-snapshot-sha256', snap.sha256)
      .send(file);
  });

  await app.register(async (scope) => {
    // Any content type: the file is bytes (gzip'd or plain JSON lines), recognised by its content.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: RESTORE_BODY_LIMIT }, (_req, body, done) => done(null, body));
    scope.post('/_lienthong/restore', { bodyLimit: RESTORE_BODY_LIMIT }, async (request) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      // The evidence log keeps a line about the file, not its (binary, possibly huge) bytes.
      request.body = `[lienthong snapshot, ${body.length} bytes]`;
      const summary = await restoreSnapshot(ctx, platforms, body, { maxLineBytes: Math.max(256 * 1024 * 1024, (app.initialConfig.bodyLimit ?? 0) * 3) });
      return { status: 'ok', ...summary };
    });
  });
};
