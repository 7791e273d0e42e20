// Writing a meeting's files from the live bot: atomically, and when the disk says no, keeping it to retry.
import { joinUrl } from '../core/config.js';
import type { Meeting } from '../core/state.js';
import { renderMeeting } from '../render/outputs.js';
import { writeMeeting } from '../render/write.js';
import type { MeetingRow } from '../store/journal.js';
import type { Store } from '../store/store.js';
import type { BotLogger } from './ports.js';

export interface WriteOutcome {
  readonly ok: boolean;
  readonly error?: string;
}

export class OutputWriter {
  private readonly unwritten;

  constructor(
    private readonly store: Store,
    private readonly network: string,
    private readonly outDir: (channel: string) => string,
    private readonly log: BotLogger,
  ) {
    this.unwritten = store.db.prepare("SELECT * FROM meetings WHERE status = 'ended' AND files_written = 0 AND network = ? ORDER BY id");
  }

  /** Writes every file of the meeting; on failure says why (the caller tells the channel). */
  write(meetingId: number, m: Meeting, reason: 'save' | 'end' | 'retry'): WriteOutcome {
    try {
      const paths = writeMeeting(this.outDir(m.config.channel), renderMeeting(m));
      if (reason !== 'save') this.store.st.markWritten.run(1, meetingId);
      this.log.info('wrote meeting files', { meetingId, reason, files: paths.length, channel: m.config.channel });
      return { ok: true };
    } catch (err) {
      const e = err as Error;
      if (reason !== 'save') this.store.st.markWritten.run(0, meetingId);
      this.log.error('cannot write meeting files', { meetingId, reason, channel: m.config.channel, err: e });
      return { ok: false, error: e.message };
    }
  }

  /** Ended meetings whose files could not be written yet (disk full, permissions): try them again. */
  retry(onWritten: (row: MeetingRow, m: Meeting) => void): number {
    const rows = this.unwritten.all(this.network) as MeetingRow[];
    let left = 0;
    for (const row of rows) {
      let m: Meeting;
      try {
        m = this.store.loadMeeting(row);
      } catch (err) {
        // One meeting that cannot be rebuilt must not stop the others, or the bot's start.
        this.log.error('cannot rebuild a meeting to write its files', { meetingId: row.id, err: err as Error });
        left++;
        continue;
      }
      if (this.write(row.id, m, 'retry').ok) onWritten(row, m);
      else left++;
    }
    return left;
  }

  static minutesUrl(m: Meeting, base: string): string {
    return joinUrl(m.config.urlPrefix, `${base}.html`);
  }
}
