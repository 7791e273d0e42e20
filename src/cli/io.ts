// What a CLI command may touch of the outside world, passed in so tests can run commands in-process, and its usage errors.
import { parseArgs } from 'node:util';

export interface Writable {
  write(chunk: string): unknown;
  /** A terminal gets progress bars; a pipe gets one summary line. */
  readonly isTTY?: boolean;
}

export interface CliIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** A user mistake on the command line: printed with the usage hint, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** node:util parseArgs, with its errors turned into usage errors. */
export function parseCliArgs<T extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: options as NonNullable<T> });
  } catch (cause) {
    const message = (cause as Error).message;
    // `--channel #meetings` unquoted: the shell took the name for a comment and passed nothing.
    const hint = /^Option '--channel <value>' argument missing/.test(message) ? "; quote the channel name, --channel '#name': an unquoted # starts a shell comment" : '';
    throw new UsageError(`${message}${hint}`);
  }
}
