// Imported logs get action numbers too: each meeting continues its series' numbering, in import order.
import { foldMeeting } from '../core/replay.js';
import { finish } from '../core/meeting.js';
import { stripFormatting } from '../core/text.js';
import type { OpenAction, SeriesContext } from '../core/types.js';
import { summarise, type MeetingSummary } from './journal.js';
import type { SeriesQueries } from './series.js';
import type { StoredSlice } from './store.js';

/**
 * Series state across one import: read from the database the first time a series is seen, then
 * carried forward in memory (the meetings of a batch are not in the database until it commits).
 */
export class ImportNumbering {
  private readonly series = new Map<string, { next: number; open: OpenAction[] }>();

  constructor(private readonly queries: SeriesQueries) {}

  /** The slice as its series numbers it: the reading thread folded it alone, from A1. */
  number(slice: StoredSlice): StoredSlice {
    const s = slice.summary;
    const key = JSON.stringify([s.config.network, s.config.channel.toLowerCase(), s.name]);
    let state = this.series.get(key);
    if (state === undefined) {
      const ctx = this.queries.context({ network: s.config.network, channel: s.config.channel, name: s.name });
      state = { next: ctx.nextAction, open: [...ctx.open] };
      this.series.set(key, state);
    }
    const context: SeriesContext = { nextAction: state.next, open: [...state.open] };
    const numbered = this.renumber(slice, context);
    const summary = numbered.summary;
    const closed = new Set(summary.closed.map((c) => c.ref));
    state.open = [
      ...state.open.filter((a) => !closed.has(a.ref)),
      ...summary.items.flatMap((i) =>
        i.kind === 'ACTION' && i.ref !== undefined && !closed.has(i.ref) ? [{ ref: i.ref, text: i.text, nick: i.nick, time: i.time, ...(i.assignee !== undefined ? { assignee: i.assignee } : {}) }] : [],
      ),
    ];
    // From the fold's own counter: numbers of undone actions are used up too, never given twice.
    state.next = Math.max(state.next, summary.nextAction);
    return numbered;
  }

  private renumber(slice: StoredSlice, context: SeriesContext): StoredSlice {
    const usesSeries = slice.events.some((e) => e.type === 'line' && /^#(done|assign|actions|undo|edit)\b/i.test(stripFormatting(e.text).trimStart()));
    if (usesSeries) {
      // Commands that refer to numbers need the real fold, with the series known at the start.
      const folded = foldMeeting(slice.summary.config, slice.events, { series: () => context });
      const m = folded.ended ?? finish(folded.state);
      if (m !== undefined) return { events: slice.events, summary: { ...summarise(m), end: slice.summary.end, endReason: slice.summary.endReason } };
    }
    const shift = context.nextAction - 1;
    const items = shift === 0 ? slice.summary.items : slice.summary.items.map((i) => (i.ref === undefined ? i : { ...i, ref: `A${Number(i.ref.slice(1)) + shift}` }));
    // No #done in this meeting: a refold needs only the number to start from (see storedSeries).
    const summary: MeetingSummary = { ...slice.summary, items, series: { nextAction: context.nextAction, open: [] }, nextAction: slice.summary.nextAction + shift };
    return { events: slice.events, summary };
  }
}
