import type { NestExpressApplication } from '@nestjs/platform-express';

/**
 * The largest request body any route takes: an order is a few hundred bytes, so 64 KiB leaves
 * room and refuses a flood early (413 PAYLOAD_TOO_LARGE, before auth or validation run).
 */
export const MAX_BODY_BYTES = 64 * 1024;

/** The largest gRPC message the public server takes (grpc-js answers RESOURCE_EXHAUSTED). */
export const MAX_GRPC_MESSAGE_BYTES = 64 * 1024;

/** JSON and form bodies up to MAX_BODY_BYTES; anything longer is a 413 with the error body. */
export function limitBodies(app: NestExpressApplication): void {
  app.useBodyParser('json', { limit: MAX_BODY_BYTES });
  app.useBodyParser('urlencoded', { limit: MAX_BODY_BYTES, extended: false });
}

/**
 * Express's per-response extras the API does not use: no ETag (a SHA-1 of every body; no
 * client revalidates an order or a submit answer), no X-Powered-By banner (it names the stack).
 */
export function trimExpressDefaults(app: NestExpressApplication): void {
  app.set('etag', false);
  app.disable('x-powered-by');
}
