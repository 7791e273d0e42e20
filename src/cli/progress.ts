// Progress of a long CLI job: a redrawn bar on a terminal, nothing until the summary in a pipe.
import type { Writable } from './io.js';

export interface ProgressCounts {
  readonly done: number;
  readonly total: number;
  /** Work units behind `done` (e.g. bytes), for the time left; `done`/`total` when absent. */
  readonly doneWeight?: number;
  readonly totalWeight?: number;
  readonly lines: number;
}

function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function progressLine(c: ProgressCounts, elapsedMs: number, width = 20): string {
  const frac = c.totalWeight ? (c.doneWeight ?? 0) / c.totalWeight : c.total > 0 ? c.done / c.total : 1;
  const filled = Math.min(width, Math.round(frac * width));
  const rate = elapsedMs > 0 ? Math.round((c.lines * 1000) / elapsedMs) : 0;
  const left = frac > 0 ? (elapsedMs * (1 - frac)) / frac : 0;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${c.done}/${c.total} files · ${c.lines.toLocaleString('en')} lines · ${rate.toLocaleString('en')} lines/s · ${clock(left)} left`;
}

export class Progress {
  private last = 0;
  private shown = false;

  constructor(
    private readonly out: Writable,
    private readonly now: () => number,
    private readonly started = now(),
  ) {}

  update(c: ProgressCounts): void {
    if (out(this.out) === false) return;
    const t = this.now();
    if (t - this.last < 100 && c.done < c.total) return;
    this.last = t;
    this.shown = true;
    this.out.write(`\r${progressLine(c, t - this.started)}\x1b[K`);
  }

  /** Clears the bar so that messages and the summary start on a clean line. */
  clear(): void {
    if (this.shown) this.out.write('\r\x1b[K');
    this.shown = false;
    this.last = 0;
  }

  elapsed(): number {
    return this.now() - this.started;
  }
}

function out(w: Writable): boolean {
  return w.isTTY === true;
}
