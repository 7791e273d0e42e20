// Pure decisions of the connection: how long to wait before reconnecting, which nick to try next.

export interface Backoff {
  /** The first wait, in milliseconds. */
  readonly minMs: number;
  /** The longest wait. */
  readonly maxMs: number;
  /** A connection that stayed registered this long counts as good: the next drop starts at minMs again. */
  readonly stableMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { minMs: 1_000, maxMs: 300_000, stableMs: 60_000 };

/**
 * The wait before attempt number `attempt` (0 = first retry): minMs doubling up to maxMs, then
 * spread by ±20% (`random` in [0, 1)) so that many bots dropped by one netsplit do not return at once.
 */
export function backoffDelay(attempt: number, b: Backoff, random: number): number {
  const base = Math.min(b.maxMs, b.minMs * 2 ** Math.min(attempt, 30));
  const spread = 0.8 + 0.4 * Math.min(Math.max(random, 0), 1);
  return Math.max(1, Math.round(Math.min(b.maxMs, base * spread)));
}

/**
 * The nick to try after `attempt` refusals of `base` (1 = the first): `base_`, `base__`, then
 * `base1`…`base9`, then four digits from `random`; cut to the server's NICKLEN.
 */
export function fallbackNick(base: string, attempt: number, nickLen: number, random: number): string {
  let suffix: string;
  if (attempt <= 2) suffix = '_'.repeat(attempt);
  else if (attempt <= 11) suffix = String(attempt - 2);
  else suffix = String(1000 + Math.floor(Math.min(Math.max(random, 0), 0.9999) * 9000));
  return base.slice(0, Math.max(1, nickLen - suffix.length)) + suffix;
}

/** At most one answer per key within `ms`; the memory is dropped when it grows large (a flood of names). */
export class Cooldown {
  private readonly last = new Map<string, number>();

  constructor(private readonly ms: number) {}

  /** Whether `key` asked too recently; if not, the answer is counted now. */
  tooSoon(key: string, now: number): boolean {
    const k = key.toLowerCase();
    const t = this.last.get(k);
    if (t !== undefined && now - t < this.ms) return true;
    if (this.last.size >= 1000) this.last.clear();
    this.last.set(k, now);
    return false;
  }
}
