// What the code says a deployment must match: where each app's built entry point comes from,
// which variable its HTTP port is, which ports it opens, whether it needs Postgres or applies
// the migrations, which variables exist at all, and which paths the health controller serves.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GatewayEnvSchema, HealthModule, parseEnv } from '@qmt/runtime';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface AppFacts {
  /** The entry point as a command names it: apps/<app>/dist/main.js. */
  readonly main: string;
  /** The source it is compiled from (rootDir → outDir of the app's tsconfig). */
  readonly source: string;
  /** The variable app.listen() reads: /health and /metrics answer on it. */
  readonly httpPortVariable: string;
  /** Variables of the other ports it opens (gRPC servers). */
  readonly grpcPortVariables: readonly string[];
  readonly needsDatabase: boolean;
  /** Applies the migrations itself before serving (the OMS). */
  readonly migrates: boolean;
}

/** Every variable the apps read (libs/runtime/src/env.ts), and their defaults. */
export const ENV_VARIABLES: ReadonlySet<string> = new Set(Object.keys(GatewayEnvSchema.shape));
export const ENV_DEFAULTS = parseEnv({});

/** The paths HealthController serves on every app (/health/live, /health/ready, /metrics). */
export function healthPaths(): string[] {
  const controllers = (Reflect.getMetadata('controllers', HealthModule) ?? []) as (new (
    ...args: never[]
  ) => object)[];
  return controllers.flatMap((controller) => {
    const prototype = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(prototype).flatMap((name) => {
      const handler = prototype[name];
      const path: unknown =
        typeof handler === 'function' && name !== 'constructor'
          ? Reflect.getMetadata('path', handler)
          : undefined;
      return typeof path === 'string' ? [`/${path.replace(/^\//, '')}`] : [];
    });
  });
}

/** The facts of the app a `node <main>` command runs, or why there is none. */
export function appOfCommand(command: unknown): AppFacts | string {
  if (!Array.isArray(command) || command.length !== 2 || command[0] !== 'node') {
    return `command ${JSON.stringify(command)} is not ['node', 'apps/<app>/dist/main.js']`;
  }
  const main = String(command[1]);
  const match = /^apps\/([a-z-]+)\/(.+)\/main\.js$/.exec(main);
  if (match === null) {
    return `${main} is not an app's entry point`;
  }
  const [, app = '', out = ''] = match;
  const tsconfigPath = join(ROOT, 'apps', app, 'tsconfig.json');
  if (!existsSync(tsconfigPath)) {
    return `${main}: apps/${app} has no tsconfig.json`;
  }
  const options = (
    JSON.parse(readFileSync(tsconfigPath, 'utf8')) as {
      compilerOptions: { rootDir: string; outDir: string };
    }
  ).compilerOptions;
  if (options.outDir !== out) {
    return `${main}: apps/${app} compiles to ${options.outDir}, not ${out}`;
  }
  const source = `apps/${app}/${options.rootDir}/main.ts`;
  if (!existsSync(join(ROOT, source))) {
    return `${main}: ${source} does not exist`;
  }
  const text = readFileSync(join(ROOT, source), 'utf8');
  const listen = /\.listen\(\s*context\.env\.([A-Z_]+)/.exec(text)?.[1];
  if (listen === undefined) {
    return `${main}: ${source} does not listen on a port from context.env`;
  }
  return {
    main,
    source,
    httpPortVariable: listen,
    grpcPortVariables: [
      ...new Set([...text.matchAll(/context\.env\.([A-Z_]*GRPC_PORT)\b/g)].map((m) => m[1] ?? '')),
    ],
    needsDatabase: /serviceContext\([^)]*database:\s*true/.test(text),
    migrates: text.includes('runMigrations('),
  };
}

/** A port variable's value as the app would read it from this environment. */
export function portOf(
  variable: string,
  env: Readonly<Record<string, string | undefined>>,
): number {
  const parsed = parseEnv(env) as unknown as Record<string, unknown>;
  return Number(parsed[variable]);
}
