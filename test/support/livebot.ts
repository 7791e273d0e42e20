// `gavel run` as a child process for end-to-end tests: its config, its JSON log lines, SIGTERM and SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../src/cli/bin.js', import.meta.url));

export interface LogLine {
  readonly level: string;
  readonly msg: string;
  readonly [field: string]: unknown;
}

export class LiveBot {
  readonly logs: LogLine[] = [];
  private child: ChildProcess | undefined;
  private stderr = '';

  constructor(readonly configFile: string) {}

  start(): void {
    this.stderr = '';
    const child = spawn(process.execPath, [BIN, 'run', '--config', this.configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    child.stderr?.setEncoding('utf8');
    let partial = '';
    child.stderr?.on('data', (d: string) => {
      this.stderr += d;
      partial += d;
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const l of lines) {
        try {
          this.logs.push(JSON.parse(l) as LogLine);
        } catch {
          this.logs.push({ level: 'raw', msg: l });
        }
      }
    });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** What the bot wrote on stderr, for failure messages. */
  output(): string {
    return this.stderr.slice(-4000);
  }

  private exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const c = this.child;
    if (c === undefined || c.exitCode !== null || c.signalCode !== null) return Promise.resolve({ code: c?.exitCode ?? null, signal: c?.signalCode ?? null });
    return new Promise((resolve) => c.once('exit', (code, signal) => resolve({ code, signal })));
  }

  async kill(): Promise<void> {
    const done = this.exited();
    this.child?.kill('SIGKILL');
    await done;
  }

  /** SIGTERM; resolves with the exit code (a clean stop is 0). */
  async stop(): Promise<number | null> {
    const done = this.exited();
    this.child?.kill('SIGTERM');
    const t = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
    const r = await done;
    clearTimeout(t);
    return r.code;
  }
}

/** A gavel.yaml for a test server: YAML is a superset of JSON, so the test writes JSON. */
export function writeBotConfig(dir: string, config: object): string {
  const file = join(dir, 'gavel.yaml');
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}
