// Meeting names, channel slugs and output paths that can never leave the output folder.
import { dateParts } from './time.js';

/** MeetBot's rule: lower-case, runs of blanks to `_`, then anything outside [a-z0-9] to `_`. */
export function sanitiseMeetingName(name: string): string {
  return name
    .toLowerCase()
    .replace(/\s+/gu, '_')
    .replace(/[^a-z0-9_]/gu, '_');
}

/** `#OpenContainers` → `opencontainers`: lower-case, no `#`, no `/`. */
export function channelSlug(channel: string): string {
  return channel.toLowerCase().replace(/^#+/, '').replace(/\//g, '');
}

export const DEFAULT_FILE_PATTERN = '{channel}/{YYYY}/{channel}.{YYYY}-{MM}-{DD}-{HH}.{mm}';
const PATTERN_VARS = new Set(['channel', 'network', 'meetingname', 'YYYY', 'MM', 'DD', 'HH', 'mm', 'ss']);

export class PathPatternError extends Error {
  constructor(
    message: string,
    readonly pattern: string,
  ) {
    super(message);
    this.name = 'PathPatternError';
  }
}

/** Checks a pattern once, at configuration time: known variables only, relative, no `..`. */
export function validateFilePattern(pattern: string): void {
  if (pattern.startsWith('/') || pattern.includes('\\') || pattern.includes('\0')) {
    throw new PathPatternError(`file pattern must be a relative path without '\\' or NUL: ${pattern}`, pattern);
  }
  for (const m of pattern.matchAll(/\{([^}]*)\}/g)) {
    if (!PATTERN_VARS.has(m[1] ?? '')) {
      throw new PathPatternError(
        `file pattern uses unknown variable {${m[1]}}; known: ${[...PATTERN_VARS].join(', ')}`,
        pattern,
      );
    }
  }
  for (const seg of pattern.split('/')) {
    if (seg === '' || seg === '.' || seg === '..') {
      throw new PathPatternError(`file pattern has an empty, '.' or '..' path segment: ${pattern}`, pattern);
    }
  }
}

/** A variable's value as one harmless path segment piece: no separators, NUL, controls or leading dots. */
function safeValue(value: string): string {
  const cleaned = value.replace(/[/\\\0-\x1f\x7f]/g, '').replace(/^\.+/, '');
  return cleaned === '' ? '_' : cleaned;
}

export interface PathVars {
  readonly channel: string;
  readonly network: string;
  readonly meetingName: string;
  readonly start: number;
  readonly timezone: string;
}

/** The base path of a meeting's files (without extension), relative to the output folder. */
export function meetingBasePath(pattern: string, vars: PathVars): string {
  const values: Record<string, string> = {
    channel: safeValue(channelSlug(vars.channel)),
    network: safeValue(vars.network),
    meetingname: safeValue(vars.meetingName),
    ...dateParts(vars.start, vars.timezone),
  };
  const path = pattern.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  // Belt and braces: whatever a value held, no segment may climb out.
  return path
    .split('/')
    .map((seg) => (seg === '' || seg === '.' || seg === '..' ? '_' : seg))
    .join('/');
}
