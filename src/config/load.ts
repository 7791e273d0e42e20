// Reads gavel.yaml: YAML in, a checked GavelConfig out, or one error listing every problem by key path.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { foldCase } from '../irc/channels.js';
import { GAVEL_SCHEMA } from './gavel-schema.js';
import { validate } from './schema.js';
import type { ChannelOverrides, GavelConfig, IrcConfig } from './types.js';

export const SASL_PASSWORD_ENV = 'GAVEL_SASL_PASSWORD';

export type Env = Readonly<Record<string, string | undefined>>;

/** The config cannot be used; `problems` has one `key.path: what is wrong` per problem. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(problems.length === 1 ? `${file}: ${problems[0]}` : `${file}:\n  ${problems.join('\n  ')}`, options);
    this.name = 'ConfigError';
  }
}

export function loadConfig(file: string, env: Env): GavelConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    throw new ConfigError(file, [`cannot read the config file (${code ?? String(cause)})`], { cause });
  }
  return parseConfig(text, file, env);
}

interface Raw {
  irc?: Omit<IrcConfig, 'sasl' | 'rateLimit' | 'port' | 'network'> & {
    port?: number;
    network?: string;
    sasl?: { account: string; password?: string } | false;
    rateLimit?: { burst: number; linesPerSecond: number } | false;
  };
  storage: { db: string };
  output: GavelConfig['output'];
  meeting: GavelConfig['meeting'];
  channels: Record<string, ChannelOverrides>;
  log: GavelConfig['log'];
}

/**
 * `channels: [#a]` is the usual YAML error: an unquoted # starts a comment, and the parser only
 * says "Comments must be separated…" (or, for `["#a", #b]`, that the list is not closed). The
 * suspect line is one with an error and a #, or one where a # follows [ or , as in a list.
 */
function unquotedChannelHint(text: string, errorLines: readonly number[]): string | undefined {
  const lines = text.split('\n');
  const at = lines.findIndex((l, i) => (errorLines.includes(i + 1) && l.includes('#')) || /[[,]\s*#[^\s#]/.test(l));
  const line = lines[at];
  if (line === undefined) return undefined;
  // & channels too: unquoted, & starts a YAML anchor.
  const quoted = line.trim().replace(/(^|[[,\s])([#&][^\s,\]}]+)/g, '$1"$2"');
  const example = quoted !== line.trim() ? quoted : 'channels: ["#meetings"]';
  return `line ${at + 1} has a # outside quotes, which starts a YAML comment: channel names must be quoted, e.g. ${example}`;
}

/** As loadConfig, from the text; relative paths are taken from `file`'s folder. */
export function parseConfig(text: string, file: string, env: Env): GavelConfig {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => `YAML error: ${e.message.split('\n')[0]?.replace(/:$/, '')}`);
    const hint = unquotedChannelHint(text, doc.errors.map((e) => e.linePos?.[0].line ?? 0));
    if (hint !== undefined) problems.push(hint);
    throw new ConfigError(file, problems, { cause: doc.errors[0] });
  }
  const value: unknown = doc.toJS();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(file, [`expected a mapping of settings (irc:, storage:, …) at the top level, got ${value === null || value === undefined ? 'an empty file' : 'something else'}`]);
  }
  const problems: string[] = [];
  const raw = validate(GAVEL_SCHEMA, value, '', problems) as Raw;
  const irc = raw.irc;
  if (irc === undefined || problems.length > 0) throw new ConfigError(file, problems);

  let sasl: IrcConfig['sasl'];
  if (irc.sasl) {
    const password = env[SASL_PASSWORD_ENV] || irc.sasl.password;
    if (password === undefined || password === '') {
      problems.push(`irc.sasl.password: missing; expected a non-empty string, or the ${SASL_PASSWORD_ENV} environment variable`);
    } else {
      sasl = { account: irc.sasl.account, password };
    }
  }

  const folded = new Map<string, number>();
  irc.channels.forEach((c, i) => {
    const k = foldCase(c);
    if (folded.has(k)) problems.push(`irc.channels[${i}]: ${JSON.stringify(c)} is listed twice`);
    else folded.set(k, i);
  });
  for (const c of Object.keys(raw.channels)) {
    if (!folded.has(foldCase(c))) problems.push(`channels.${c}: not one of irc.channels (${irc.channels.join(', ')}); Gavel only joins those`);
  }
  if (problems.length > 0) throw new ConfigError(file, problems);

  const base = dirname(resolve(file));
  const abs = (p: string): string => resolve(base, p);
  const channels: Record<string, ChannelOverrides> = {};
  for (const [name, o] of Object.entries(raw.channels)) {
    const spelled = irc.channels[folded.get(foldCase(name)) ?? -1] ?? name;
    channels[spelled] = { ...o, ...(o.dir !== undefined ? { dir: abs(o.dir) } : {}) };
  }
  const rate = irc.rateLimit;
  return {
    file: resolve(file),
    irc: {
      host: irc.host,
      port: irc.port ?? (irc.tls ? 6697 : 6667),
      tls: irc.tls,
      tlsInsecure: irc.tlsInsecure,
      nick: irc.nick,
      ...(irc.username !== undefined ? { username: irc.username } : {}),
      ...(irc.realname !== undefined ? { realname: irc.realname } : {}),
      ...(sasl ? { sasl } : {}),
      channels: irc.channels,
      rateLimit: rate === false ? null : (rate ?? { burst: 5, linesPerSecond: 1 }),
      network: irc.network ?? irc.host,
    },
    storage: { db: abs(raw.storage.db) },
    output: { ...raw.output, dir: abs(raw.output.dir), ...(raw.output.site !== undefined ? { site: abs(raw.output.site) } : {}) },
    meeting: raw.meeting,
    channels,
    log: raw.log,
  };
}
