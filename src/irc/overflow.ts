// Reports an overflow of the outgoing queue: one warning when lines start being dropped, one with the counts when it is over.
import type { Logger } from '../log.js';
import type { OutLine, QueueLimits } from './sendqueue.js';

/** The targets named in the closing report; the rest are summed (a flood from many nicks must not make a huge log line). */
const TARGETS_REPORTED = 10;

export class OverflowReport {
  /** Target → lines dropped, during an overflow; undefined otherwise. */
  private counts: Map<string, number> | undefined;

  constructor(private readonly logger: Logger) {}

  get active(): boolean {
    return this.counts !== undefined;
  }

  dropped(lines: readonly OutLine[], limits: QueueLimits): void {
    const first = lines[0];
    if (first === undefined) return;
    if (this.counts === undefined) {
      this.counts = new Map();
      this.logger.warn('outgoing queue full: dropping the oldest lines, meeting lines last', { target: first.target, ...limits });
    }
    for (const l of lines) this.counts.set(l.target, (this.counts.get(l.target) ?? 0) + 1);
  }

  /** The queue is back to normal: say what was lost, per target. */
  over(): void {
    if (this.counts === undefined) return;
    const ranked = [...this.counts].sort((a, b) => b[1] - a[1]);
    const dropped = Object.fromEntries(ranked.slice(0, TARGETS_REPORTED));
    const others = ranked.slice(TARGETS_REPORTED).reduce((n, [, c]) => n + c, 0);
    const lines = ranked.reduce((n, [, c]) => n + c, 0);
    this.logger.warn('outgoing queue no longer full; lines were dropped', { lines, dropped, ...(others > 0 ? { otherTargets: others } : {}) });
    this.counts = undefined;
  }
}
