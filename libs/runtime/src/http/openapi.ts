import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { completeOpenApiDocument } from './openapi-document.js';
import { ErrorBodyDto } from './error-body.dto.js';

const TAGS: readonly (readonly [name: string, description: string])[] = [
  ['Orders', 'Submit, read, list and cancel orders; pause and resume algo parents'],
  ['Trades', 'Fills, newest first'],
  ['Positions', "Each strategy's book beside the broker's own position"],
  ['Reference', 'Accounts, instruments and the exchange clock'],
  ['Stream', 'Server-Sent Events of the updates the caller may see'],
  ['Audit', 'The hash-chained audit log (compliance, admin)'],
  ['Admin', 'Key rotation without a restart'],
  ['Simulator', 'Control of the simulated miniQMT (sim backend only)'],
  ['Health', 'Liveness, readiness and Prometheus metrics (no key)'],
];

/** The OpenAPI document of the app's HTTP routes, with its UI at /docs (no key needed). */
export function setupOpenApi(app: INestApplication, title: string): void {
  const builder = new DocumentBuilder()
    .setTitle(title)
    .setDescription(
      'qmt-gateway: orders, risk and the desk view in front of miniQMT. Every route but ' +
        '/health/*, /metrics and /docs needs Authorization: Bearer <API key>. Errors are ' +
        '{ error: { code, message, fields? } }. Prices and money are yuan; times are ISO-8601 UTC.',
    )
    .setVersion('v1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A desk API key' })
    .addSecurityRequirements('bearer');
  for (const [name, description] of TAGS) {
    builder.addTag(name, description);
  }
  const document = completeOpenApiDocument(
    SwaggerModule.createDocument(app, builder.build(), {
      extraModels: [ErrorBodyDto],
      autoTagControllers: false,
    }),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}
