import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DeskConfigSchema, type DeskConfig } from './desk-config.js';

export class DeskConfigError extends Error {
  override readonly name = 'DeskConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

/** Replaces ${VAR} references in string values with the environment; a missing one is an error. */
function expandEnv(value: unknown, env: Env): unknown {
  if (typeof value === 'string') {
    return expandString(value, env);
  }
  if (Array.isArray(value)) {
    return value.map((item) => expandEnv(item, env));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandEnv(v, env)]));
  }
  return value;
}

function expandString(text: string, env: Env): string {
  return text.replace(/\$\{([A-Z_][A-Z0-9_]*)\}/g, (_match, name: string) => {
    const value = env[name];
    if (value === undefined) {
      throw new DeskConfigError(`desk config references \${${name}} but ${name} is not set`);
    }
    return value;
  });
}

/** Reads and validates the desk YAML; every problem names its path in the file. */
export function loadDeskConfig(path: string, env: Env = process.env): DeskConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DeskConfigError(`cannot read desk config ${path} (DESK_CONFIG): ${String(error)}`);
  }
  return parseDeskConfig(text, path, env);
}

export function parseDeskConfig(
  yamlText: string,
  origin = 'desk config',
  env: Env = process.env,
): DeskConfig {
  const raw: unknown = parse(yamlText);
  const result = DeskConfigSchema.safeParse(expandEnv(raw, env));
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new DeskConfigError(`${origin} is invalid: ${problems}`);
  }
  const plainKeys = plainTextKeyHolders(raw);
  if (result.data.connectors.some((c) => c.backend !== 'sim') && plainKeys.length > 0) {
    throw new DeskConfigError(
      `${origin}: plain-text API keys for ${plainKeys.join(', ')}; a desk with a real connector needs sha256:<hex> keys or \${ENV_VAR} references`,
    );
  }
  return result.data;
}

/** Ids of strategies and users whose apiKey is written in clear in the file itself. */
function plainTextKeyHolders(raw: unknown): string[] {
  const holders: string[] = [];
  const sections = raw !== null && typeof raw === 'object' ? Object.entries(raw) : [];
  for (const [section, list] of sections) {
    if ((section !== 'strategies' && section !== 'users') || !Array.isArray(list)) {
      continue;
    }
    for (const item of list as unknown[]) {
      if (item === null || typeof item !== 'object') {
        continue;
      }
      const principal = item as { id?: unknown; apiKey?: unknown; previousApiKeys?: unknown };
      const previous: unknown[] = Array.isArray(principal.previousApiKeys)
        ? (principal.previousApiKeys as unknown[])
        : [];
      const keys = [principal.apiKey, ...previous];
      const plain = keys.some(
        (key) =>
          typeof key === 'string' &&
          !/^sha256:[0-9a-f]{64}$/.test(key) &&
          !/^\$\{[A-Z_][A-Z0-9_]*\}$/.test(key),
      );
      if (plain) {
        holders.push(String(principal.id));
      }
    }
  }
  return holders;
}
