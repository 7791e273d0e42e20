// A meeting series in the database (network, channel, meeting name): the next action number and what is still open.
import type { OpenAction, SeriesContext } from '../core/types.js';
import type { Db } from './db.js';

export interface SeriesKey {
  readonly network: string;
  readonly channel: string;
  readonly name: string;
}

export class SeriesQueries {
  private readonly maxRef;
  private readonly open;

  constructor(db: Db) {
    const inSeries = 'm.network = ? AND m.channel = ? COLLATE NOCASE AND m.name = ?';
    // The meetings' own counters, so that the number of an undone action is not given again; the
    // items' numbers for meetings stored before the counter was.
    this.maxRef = db
      .prepare(
        `SELECT max(coalesce((SELECT max(next_action) - 1 FROM meetings m WHERE ${inSeries}), 0),
                    coalesce((SELECT max(CAST(substr(i.ref, 2) AS INTEGER)) FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE ${inSeries} AND i.ref IS NOT NULL), 0))`,
      )
      .pluck();
    this.open = db.prepare(
      `SELECT i.ref, i.text, i.nick, i.time, i.assignee FROM items i JOIN meetings m ON m.id = i.meeting_id
       WHERE ${inSeries} AND i.kind = 'ACTION' AND i.ref IS NOT NULL AND m.status = 'ended'
         AND NOT EXISTS (SELECT 1 FROM closures c JOIN meetings m2 ON m2.id = c.meeting_id
                         WHERE c.ref = i.ref AND m2.status = 'ended' AND m2.network = m.network AND m2.channel = m.channel COLLATE NOCASE AND m2.name = m.name)
       ORDER BY CAST(substr(i.ref, 2) AS INTEGER)`,
    );
  }

  /** The series as a new meeting of it starts; `listUrl` is where its open actions are published, if anywhere. */
  context(key: SeriesKey, listUrl?: string): SeriesContext {
    const max = (this.maxRef.get(key.network, key.channel, key.name, key.network, key.channel, key.name) as number | null) ?? 0;
    const rows = this.open.all(key.network, key.channel, key.name) as { ref: string; text: string; nick: string; time: number; assignee: string | null }[];
    const open: OpenAction[] = rows.map((r) => ({ ref: r.ref, text: r.text, nick: r.nick, time: r.time, ...(r.assignee !== null ? { assignee: r.assignee } : {}) }));
    return { nextAction: max + 1, open, ...(listUrl !== undefined ? { listUrl } : {}) };
  }
}
