// The store as the rest of Gavel uses it: one open database with its prepared statements.
import type { MeetingConfig } from '../core/config.js';
import type { MeetingSlice } from '../core/replay.js';
import type { Meeting } from '../core/state.js';
import type { MeetingEvent } from '../core/types.js';
import { openDb, type Db, type OpenOptions } from './db.js';
import { ImportNumbering } from './numbering.js';
import { SeriesQueries } from './series.js';
import { appendEventsBulk, createMeeting, indexFrom, summarise, type MeetingSummary, loadMeeting, meetingRow, Statements, updateMeeting, type MeetingRow } from './journal.js';

export interface ImportedSource {
  readonly file: string;
  /** SHA-256 of the file's bytes: the same file imported twice is stored once. */
  readonly hash: string;
}

/** One meeting of a log file, ready to store: its events and what they fold to. */
export interface StoredSlice {
  readonly events: readonly MeetingEvent[];
  readonly summary: MeetingSummary;
}

export class Store {
  readonly st: Statements;
  private readonly hasSource;

  constructor(
    readonly db: Db,
    readonly file: string,
  ) {
    this.st = new Statements(db);
    this.hasSource = db.prepare('SELECT 1 FROM meetings WHERE source_hash = ? LIMIT 1').pluck();
  }

  static open(file: string, opts?: OpenOptions): Store {
    return new Store(openDb(file, opts), file);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Runs `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  importedHashes(): string[] {
    return this.db.prepare('SELECT DISTINCT source_hash FROM meetings WHERE source_hash IS NOT NULL').pluck().all() as string[];
  }

  isImported(hash: string): boolean {
    return this.hasSource.get(hash) !== undefined;
  }

  /** Stores the meetings of one log file, each with its journal and items, in one transaction. */
  importSlices(source: ImportedSource, slices: readonly MeetingSlice[]): number[] {
    const numbering = new ImportNumbering(new SeriesQueries(this.db));
    const numbered = slices.map((s) => numbering.number({ events: s.events, summary: summarise(s.meeting) }));
    return this.importBatch([{ source, slices: numbered }])[0] ?? [];
  }

  /**
   * Stores the meetings of several log files in one transaction: on import, one commit per batch
   * instead of one per file, and one bulk pass of the full-text index.
   */
  importBatch(files: readonly { readonly source: ImportedSource; readonly slices: readonly StoredSlice[] }[]): number[][] {
    return this.transaction(() => {
      const firstEvent = ((this.st.lastEventId.get() as number | null) ?? 0) + 1;
      const firstItem = ((this.st.lastItemId.get() as number | null) ?? 0) + 1;
      const ids = files.map(({ source, slices }) =>
        slices.map((slice, index) => {
          const m = slice.summary;
          const id = createMeeting(this.st, {
            config: m.config,
            owner: m.owner,
            start: m.start,
            originalTopic: m.originalTopic,
            source: { file: source.file, hash: source.hash, index },
          });
          // In a replayed log every line of the meeting is a log line: the line number is its position.
          appendEventsBulk(this.st, id, slice.events);
          updateMeeting(this.st, id, m, true, false);
          return id;
        }),
      );
      indexFrom(this.st, firstEvent);
      this.st.indexItemsFrom.run(firstItem);
      return ids;
    });
  }

  meetingRow(id: number): MeetingRow | undefined {
    return meetingRow(this.st, id);
  }

  /** Folds a stored meeting. `overrides` changes settings for this rendering only (e.g. the URL prefix). */
  loadMeeting(row: MeetingRow, overrides?: Partial<MeetingConfig>): Meeting {
    return loadMeeting(this.st, row, overrides);
  }

  meetings(filter: { channel?: string; all?: boolean } = {}): MeetingRow[] {
    if (filter.channel !== undefined) {
      return this.db.prepare('SELECT * FROM meetings WHERE channel = ? COLLATE NOCASE ORDER BY start_time, id').all(filter.channel) as MeetingRow[];
    }
    return this.db.prepare('SELECT * FROM meetings ORDER BY start_time, id').all() as MeetingRow[];
  }
}
