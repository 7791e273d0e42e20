// `gavel replay`: MeetBot logs in, the four MeetBot files out, one process for many files.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { GAVEL_TEXTS, MEETBOT_TEXTS, meetingConfig, type MeetingConfig } from '../core/config.js';
import { decodeLog, forEachLogLine, parseLogFileName } from '../core/logreader.js';
import { Replay } from '../core/replay.js';
import type { Meeting } from '../core/state.js';
import { isValidZone } from '../core/time.js';
import { renderMeetingLater } from '../render/outputs.js';
import { writeMeetingAsRendered } from '../render/write.js';
import { UsageError, type CliIo } from './io.js';

export interface ReplayOptions {
  readonly urlPrefix: string;
  readonly timezone: string;
  readonly date: { y: number; m: number; d: number } | undefined;
  readonly channel: string | undefined;
  readonly wording: 'gavel' | 'meetbot';
}

export function parseDateOption(value: string): { y: number; m: number; d: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : undefined;
  if (date === undefined || date.m < 1 || date.m > 12 || date.d < 1 || date.d > 31) {
    throw new UsageError(`--date must be YYYY-MM-DD, got '${value}'`);
  }
  return date;
}

export function parseReplayArgs(argv: string[]): { files: string[]; out: string | undefined; opts: ReplayOptions } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        'url-prefix': { type: 'string' },
        tz: { type: 'string' },
        date: { type: 'string' },
        channel: { type: 'string' },
        wording: { type: 'string' },
      },
    });
  } catch (cause) {
    throw new UsageError((cause as Error).message);
  }
  const v = parsed.values;
  const timezone = v.tz ?? 'UTC';
  if (!isValidZone(timezone)) throw new UsageError(`--tz must be an IANA time zone such as Europe/Berlin, got '${timezone}'`);
  const wording = v.wording ?? 'gavel';
  if (wording !== 'gavel' && wording !== 'meetbot') throw new UsageError(`--wording must be gavel or meetbot, got '${wording}'`);
  if (v.channel !== undefined && !/^[#&!+]\S+$/.test(v.channel)) {
    throw new UsageError(`--channel must be a channel name such as '#meetings', got '${v.channel}'`);
  }
  return {
    files: parsed.positionals,
    out: v.out,
    opts: {
      urlPrefix: v['url-prefix'] ?? '',
      timezone,
      date: v.date === undefined ? undefined : parseDateOption(v.date),
      channel: v.channel,
      wording,
    },
  };
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
  readonly warnings: string[];
  readonly lineCount: number;
}

/** Reads and folds one log file. Throws LogFileError when the file as a whole is unusable. */
export function loadLogFile(file: string, opts: ReplayOptions, extra?: Partial<MeetingConfig>): LoadedLog {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    throw new LogFileError(file, `cannot read: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, { cause });
  }
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
    ...extra,
  });
  // Each line is folded as it is read: no array of every line's event is kept.
  const replay = new Replay(config);
  let lineCount = 0;
  const problems = forEachLogLine(text, date, opts.timezone, (ev) => {
    lineCount++;
    replay.add(ev);
  });
  for (const p of problems) warnings.push(`${file}:${p.line}: ${p.reason}: ${JSON.stringify(p.text)}`);
  const { meetings } = replay.result();
  if (meetings.length === 0) throw new LogFileError(file, 'no #startmeeting line: not a meeting log');
  return { meetings, warnings, lineCount };
}

export async function replayMain(argv: string[], io: CliIo): Promise<number> {
  const { files, out, opts } = parseReplayArgs(argv);
  if (out === undefined) throw new UsageError('--out DIR is required');
  if (files.length === 0) throw new UsageError('no log files given');
  let failed = 0;
  for (const file of files) {
    try {
      const loaded = loadLogFile(file, opts);
      for (const w of loaded.warnings) io.stderr.write(`warning: ${w}\n`);
      for (const m of loaded.meetings) {
        for (const path of await writeMeetingAsRendered(out, renderMeetingLater(m))) io.stdout.write(`${path}\n`);
      }
    } catch (err) {
      failed++;
      const e = err as Error;
      io.stderr.write(`error: ${e instanceof LogFileError ? e.message : `${file}: ${e.message}`}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}
