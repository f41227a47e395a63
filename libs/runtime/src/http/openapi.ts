import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document of the app's HTTP routes, with its UI at /docs (no key needed). */
export function setupOpenApi(app: INestApplication, title: string): void {
  const config = new DocumentBuilder()
    .setTitle(title)
    .setDescription(
      'qmt-gateway: orders, risk and the desk view in front of miniQMT. Every route but ' +
        '/health/*, /metrics and /docs needs Authorization: Bearer <API key>. Errors are ' +
        '{ error: { code, message, fields? } }.',
    )
    .setVersion('v1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A desk API key' })
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}
