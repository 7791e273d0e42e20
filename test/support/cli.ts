// Runs the CLI in-process with captured output, as a user would run `gavel …`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `cwd`: the folder relative paths on the command line are read against (the process's own by default). */
export async function runCli(argv: string[], env: Record<string, string> = {}, cwd = process.cwd()): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env,
    cwd,
  });
  return { code, stdout, stderr };
}

export function tempDir(prefix = 'gavel-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
