// The option values several commands take, checked alike everywhere: dates, channels, URL prefixes, output folders.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { URL_PREFIX } from '../config/gavel-schema.js';
import { parseDay, type CalendarDay } from '../dates.js';
import { UsageError } from './io.js';

export function parseDateOption(value: string, option = '--date'): CalendarDay {
  const day = parseDay(value, option);
  if (typeof day === 'string') throw new UsageError(day);
  return day;
}

/**
 * A channel name as typed after --channel. Without its # it would match nothing: `meetings` and
 * `search` would print nothing at all, so every command refuses it. The usual cause is the shell:
 * an unquoted `#meetings` there starts a comment.
 */
export function channelOption(value: string | undefined, option = '--channel'): string | undefined {
  if (value === undefined || /^[#&!+]\S+$/.test(value)) return value;
  const hint = /^\w\S*$/.test(value) ? `; did you mean '#${value}'? (quote it: an unquoted # starts a shell comment)` : '';
  throw new UsageError(`${option} must be a channel name such as '#meetings', got '${value}'${hint}`);
}

/** --url-prefix as output.urlPrefix in gavel.yaml: an http(s) URL, or "" for relative links. */
export function urlPrefixOption(value: string | undefined, option = '--url-prefix'): string | undefined {
  if (value === undefined) return undefined;
  // The very check of output.urlPrefix in gavel.yaml: the command line takes what the file takes.
  const check = URL_PREFIX;
  const ok = check.test(value);
  if (ok === true) return value;
  throw new UsageError(`${option} must be ${check.expected}, got '${value}'${typeof ok === 'string' ? ` (${ok})` : ''}`);
}

/** An output folder may not exist yet (it is made) but must not be a file: that would fail once per file written. */
export function checkOutDir(value: string, cwd: string, option = '--out'): void {
  let isDir: boolean | undefined;
  try {
    isDir = statSync(resolve(cwd, value), { throwIfNoEntry: false })?.isDirectory();
  } catch {
    // Not even looked at (a file where a parent folder should be, no permission): writing names it.
    return;
  }
  if (isDir === false) throw new UsageError(`${option} ${value} is a file; expected a folder (made if missing)`);
}
