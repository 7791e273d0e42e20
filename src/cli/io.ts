// What a CLI command may touch of the outside world, passed in so tests can run commands in-process.

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
