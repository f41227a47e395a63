import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'qmt:public';

/** Routes anyone may call without a key (health, metrics, docs). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
