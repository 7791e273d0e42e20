// Structured logging: one JSON object a line ({time, level, msg, ...fields}) on an injected stream.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line (e.g. `{component: 'irc'}`). */
  child(fields: LogFields): Logger;
}

export interface LogStream {
  write(chunk: string): unknown;
}

export interface LoggerOptions {
  readonly stream: LogStream;
  readonly level?: LogLevel;
  /** Milliseconds since the epoch; injected so tests get fixed times. */
  readonly clock?: () => number;
  readonly fields?: LogFields;
}

const RESERVED = new Set(['time', 'level', 'msg']);

/** Errors become plain objects (JSON.stringify would print `{}`), keeping their cause chain. */
function plain(value: unknown, depth = 0): unknown {
  if (value instanceof Error) {
    const out: Record<string, unknown> = { name: value.name, message: value.message };
    const code = (value as { code?: unknown }).code;
    if (code !== undefined) out.code = code;
    if (value.cause !== undefined && depth < 5) out.cause = plain(value.cause, depth + 1);
    return out;
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}

export function createLogger(opts: LoggerOptions): Logger {
  const min = LOG_LEVELS.indexOf(opts.level ?? 'info');
  const clock = opts.clock ?? Date.now;
  const base = opts.fields ?? {};
  const emit = (level: LogLevel, msg: string, fields?: LogFields): void => {
    if (LOG_LEVELS.indexOf(level) < min) return;
    const line: Record<string, unknown> = { time: new Date(clock()).toISOString(), level, msg };
    for (const src of [base, fields ?? {}]) {
      // A field may not overwrite the three fixed keys: it is kept under `_key` instead.
      for (const [k, v] of Object.entries(src)) line[RESERVED.has(k) ? `_${k}` : k] = plain(v);
    }
    let text: string;
    try {
      text = JSON.stringify(line);
    } catch (cause) {
      text = JSON.stringify({ time: line.time, level, msg, logError: `unserialisable fields: ${String(cause)}` });
    }
    opts.stream.write(text + '\n');
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger({ ...opts, fields: { ...base, ...fields } }),
  };
}

/** Discards everything: the default where no logger is given. */
export const nullLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => nullLogger,
};
