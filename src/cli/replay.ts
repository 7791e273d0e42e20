// `gavel replay`: MeetBot logs in, the four MeetBot files out, one process for many files.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GAVEL_TEXTS, MEETBOT_TEXTS, meetingConfig, OUTPUT_FORMATS, type MeetingConfig, type OutputFormat } from '../core/config.js';
import { decodeLog, forEachLogLine, parseLogFileName } from '../core/logreader.js';
import { Replay, type MeetingSlice } from '../core/replay.js';
import type { Meeting } from '../core/state.js';
import { isValidZone } from '../core/time.js';
import { renderMeetingLater } from '../render/outputs.js';
import { writeMeetingAsRendered } from '../render/write.js';
import { parseCliArgs, UsageError, type CliIo } from './io.js';
import { channelOption, checkOutDir, parseDateOption, urlPrefixOption } from './options.js';

export interface ReplayOptions {
  readonly urlPrefix: string;
  readonly timezone: string;
  readonly date: { y: number; m: number; d: number } | undefined;
  readonly channel: string | undefined;
  readonly wording: 'gavel' | 'meetbot';
  /** Which files to write; undefined: all. */
  readonly formats?: readonly OutputFormat[];
}

export function parseFormats(value: string, option = '--formats'): OutputFormat[] {
  const list = value.split(',').map((f) => f.trim().replace(/^\./, '')).filter((f) => f !== '');
  for (const f of list) {
    if (!(OUTPUT_FORMATS as readonly string[]).includes(f)) throw new UsageError(`${option} must be a comma-separated list of ${OUTPUT_FORMATS.join(', ')}; got '${f}'`);
  }
  if (list.length === 0) throw new UsageError(`${option} names no format`);
  return list as OutputFormat[];
}

/** The options every command that reads MeetBot logs takes (replay, import). */
export const LOG_OPTIONS = {
  'url-prefix': { type: 'string' },
  tz: { type: 'string' },
  date: { type: 'string' },
  channel: { type: 'string' },
  wording: { type: 'string' },
  formats: { type: 'string' },
} as const;

export function toReplayOptions(v: { [K in keyof typeof LOG_OPTIONS]?: string | undefined }): ReplayOptions {
  const timezone = v.tz ?? 'UTC';
  if (!isValidZone(timezone)) throw new UsageError(`--tz must be an IANA time zone such as Europe/Berlin, got '${timezone}'`);
  const wording = v.wording ?? 'gavel';
  if (wording !== 'gavel' && wording !== 'meetbot') throw new UsageError(`--wording must be gavel or meetbot, got '${wording}'`);
  return {
    urlPrefix: urlPrefixOption(v['url-prefix']) ?? '',
    timezone,
    date: v.date === undefined ? undefined : parseDateOption(v.date),
    channel: channelOption(v.channel),
    wording,
    ...(v.formats !== undefined ? { formats: parseFormats(v.formats) } : {}),
  };
}

export function parseReplayArgs(argv: string[]): { files: string[]; out: string | undefined; db: string | undefined; opts: ReplayOptions } {
  const parsed = parseCliArgs(argv, { ...LOG_OPTIONS, out: { type: 'string' }, db: { type: 'string' } });
  const v = parsed.values as Record<string, string | undefined>;
  return { files: parsed.positionals, out: v.out, db: v.db, opts: toReplayOptions(v) };
}

export class LogFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${message}`, options);
    this.name = 'LogFileError';
  }
}

export interface LoadedLog {
  readonly meetings: Meeting[];
  readonly slices: MeetingSlice[];
  readonly warnings: string[];
  readonly lineCount: number;
  readonly bytes: Buffer;
  readonly text: string;
  /** Valid UTF-8 and all ASCII: an offset in the text is the same offset in the bytes. */
  readonly ascii: boolean;
}

export function readLogBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder (gavel import reads folders)' : code === 'EACCES' ? 'cannot read: permission denied' : `cannot read: ${code ?? (cause as Error).message}`;
    throw new LogFileError(file, why, { cause });
  }
}

export interface LogFileText {
  readonly config: MeetingConfig;
  readonly text: string;
  readonly invalidUtf8: boolean;
  readonly date: { y: number; m: number; d: number };
  readonly warnings: string[];
  readonly bytes: Buffer;
}

/** Reads one log file and works out its settings. Throws LogFileError when the file as a whole is unusable. */
export function readLogFile(file: string, opts: ReplayOptions, extra?: Partial<MeetingConfig>, given?: Buffer): LogFileText {
  const bytes = given ?? readLogBytes(file);
  const info = parseLogFileName(file);
  const channel = opts.channel ?? info.channel;
  if (channel === undefined) throw new LogFileError(file, "no channel in the file name (channel.YYYY-MM-DD-HH.MM.log.txt); give --channel '#name'");
  const date = opts.date ?? info.date;
  if (date === undefined) throw new LogFileError(file, 'no date in the file name (channel.YYYY-MM-DD-HH.MM.log.txt); give --date YYYY-MM-DD');
  const { text, invalidUtf8 } = decodeLog(bytes);
  const warnings: string[] = [];
  if (invalidUtf8) warnings.push(`${file}: bytes that are not UTF-8 were read as U+FFFD`);
  const config = meetingConfig({
    channel,
    urlPrefix: opts.urlPrefix,
    timezone: opts.timezone,
    texts: opts.wording === 'meetbot' ? MEETBOT_TEXTS : GAVEL_TEXTS,
    ...(opts.formats !== undefined ? { formats: opts.formats } : {}),
    ...extra,
  });
  return { config, text, invalidUtf8, date, warnings, bytes };
}

function whyNoMeeting(bytes: Buffer, lines: number): string {
  if (bytes.length === 0) return 'empty file';
  // Git's rule of thumb: a NUL byte near the start means binary data.
  if (bytes.subarray(0, 8000).includes(0)) return 'binary data, not a text log';
  if (lines === 0) return 'no MeetBot log lines ([HH:MM:SS] <nick> text) in it';
  return 'no #startmeeting line: not a meeting log';
}

export interface LoadOptions {
  readonly extra?: Partial<MeetingConfig>;
  /** The file's bytes, when already read. */
  readonly bytes?: Buffer;
  /** Keep each meeting's events (to store them); otherwise only the meetings are kept. */
  readonly keepEvents?: boolean;
}

/** Reads and folds one log file into its meetings; each line is folded as it is read. */
export function loadLogFile(file: string, opts: ReplayOptions, load: LoadOptions = {}): LoadedLog {
  const { config, text, invalidUtf8, date, warnings, bytes } = readLogFile(file, opts, load.extra, load.bytes);
  const replay = new Replay(config, load.keepEvents === true);
  let lineCount = 0;
  const problems = forEachLogLine(text, date, opts.timezone, (ev, start, end, verbatim) => {
    lineCount++;
    replay.add(ev, start, end, verbatim);
  });
  for (const p of problems) warnings.push(`${file}:${p.line}: ${p.reason}: ${JSON.stringify(p.text)}`);
  const slices = replay.sliced();
  if (slices.length === 0) throw new LogFileError(file, whyNoMeeting(bytes, lineCount));
  // Valid UTF-8 is longer in bytes than in UTF-16 units unless it is ASCII (U+FFFD for a bad byte is not).
  const ascii = !invalidUtf8 && bytes.length === text.length;
  return { meetings: slices.map((s) => s.meeting), slices, warnings, lineCount, bytes, text, ascii };
}

/**
 * A meeting's `.log.txt` as read, when its lines were read verbatim (see forEachLogLine): the file's
 * own bytes where it is ASCII, else its text encoded. Printing twenty thousand lines anew would give
 * the same bytes.
 */
export function verbatimLogTxt(loaded: LoadedLog, slice: MeetingSlice): Uint8Array | undefined {
  const span = slice.verbatim;
  if (span === undefined) return undefined;
  return loaded.ascii ? loaded.bytes.subarray(span.start, span.end) : Buffer.from(loaded.text.slice(span.start, span.end), 'utf8');
}

export async function replayMain(argv: string[], io: CliIo): Promise<number> {
  const { files, out, db, opts } = parseReplayArgs(argv);
  if (out === undefined) throw new UsageError('--out DIR is required');
  if (files.length === 0) throw new UsageError('no log files given');
  checkOutDir(out, io.cwd);
  const store = db === undefined ? undefined : (await import('../store/store.js')).Store.open(resolve(io.cwd, db));
  let failed = 0;
  try {
    for (const file of files) {
      try {
        const loaded = loadLogFile(file, opts, { keepEvents: store !== undefined });
        for (const w of loaded.warnings) io.stderr.write(`warning: ${w}\n`);
        for (const slice of loaded.slices) {
          const pending = renderMeetingLater(slice.meeting, undefined, { logTxt: verbatimLogTxt(loaded, slice) });
          for (const path of await writeMeetingAsRendered(resolve(io.cwd, out), pending)) io.stdout.write(`${path}\n`);
        }
        if (store !== undefined) {
          const hash = sha256(loaded.bytes);
          if (!store.isImported(hash)) store.importSlices({ file: resolve(io.cwd, file), hash }, loaded.slices);
        }
      } catch (err) {
        failed++;
        const e = err as Error;
        io.stderr.write(`error: ${e instanceof LogFileError ? e.message : `${file}: ${e.message}`}\n`);
      }
    }
  } finally {
    store?.close();
  }
  return failed > 0 ? 1 : 0;
}

export function sha256(bytes: Uint8Array): string {
  // node:crypto is twenty modules, needed only to store what was read: a replay without --db never loads it.
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(bytes).digest('hex');
}
