// Rebuilding the website after a meeting ends: in a child process, so the bot never stops listening.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BotLogger } from './ports.js';

const BIN = fileURLToPath(new URL('../cli/bin.js', import.meta.url));

export interface SiteTarget {
  readonly db: string;
  readonly dir: string;
  readonly urlPrefix: string;
}

/** One rebuild at a time; meetings that end during a rebuild are covered by one more afterwards. */
export class SiteUpdater {
  private running = false;
  private again = false;

  constructor(
    private readonly target: SiteTarget,
    private readonly log: BotLogger,
    private readonly onDone: (ok: boolean) => void = () => {},
  ) {}

  request(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    const args = [BIN, 'site', '--db', this.target.db, '--out', this.target.dir, ...(this.target.urlPrefix !== '' ? ['--url-prefix', this.target.urlPrefix] : [])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (err) => this.finish(false, err.message));
    child.on('exit', (code) => this.finish(code === 0, output.trim()));
  }

  private finish(ok: boolean, output: string): void {
    if (!this.running) return;
    this.running = false;
    if (ok) this.log.info('site updated', { dir: this.target.dir, output });
    else this.log.error('site update failed', { dir: this.target.dir, output });
    this.onDone(ok);
    if (this.again) {
      this.again = false;
      this.request();
    }
  }
}
