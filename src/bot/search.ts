// In-channel search: "gavel: search TERMS" answered with the best three items, as notices to the asker only.
import { DateTime } from 'luxon';
import { ITEM_KINDS, search, SearchQueryError } from '../store/search.js';
import type { Store } from '../store/store.js';

/** Answers at most this often per person, so a search can never become a flood. */
const COOLDOWN_MS = 10_000;
const SHOWN = 3;

export class ChannelSearch {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly clock: () => number,
  ) {}

  /**
   * The notice lines for `nick` (at most four), or none while they wait out the cooldown. Only
   * meetings of `channels` are searched: those the asker can see (the channel asked in, or the
   * channels they share with the bot).
   */
  answer(nick: string, query: string, channels: readonly string[]): string[] {
    const now = this.clock();
    const key = nick.toLowerCase();
    const before = this.last.get(key);
    if (before !== undefined && now - before < COOLDOWN_MS) return [];
    this.last.set(key, now);
    let hits;
    try {
      hits = search(this.store.db, { text: query.slice(0, 200), kinds: [...ITEM_KINDS], channels, limit: SHOWN }).hits;
    } catch (err) {
      if (err instanceof SearchQueryError) return [`Search: ${err.message}`];
      throw err;
    }
    if (hits.length === 0) return [`Search: nothing found for "${query.slice(0, 100)}".`];
    return [
      `Search: the best ${hits.length} for "${query.slice(0, 100)}":`,
      ...hits.map((h) => {
        const when = DateTime.fromMillis(h.time, { zone: 'utc' }).toFormat('yyyy-MM-dd');
        const text = h.text.length > 160 ? `${h.text.slice(0, 159)}…` : h.text;
        return `${when} ${h.channel} ${h.kind.toUpperCase()}: ${text} (${h.nick}) ${h.url}`;
      }),
    ];
  }
}
