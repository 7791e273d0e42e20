// The site's input from the database: every ended meeting, folded from its journal, with its revision.
import type { MeetingConfig } from '../core/config.js';
import type { MeetingRow } from '../store/journal.js';
import type { Store } from '../store/store.js';
import type { SiteMeeting } from './model.js';

export function siteMeetingsFromStore(store: Store, overrides: Partial<MeetingConfig> = {}): SiteMeeting[] {
  const rows = store.db.prepare("SELECT * FROM meetings WHERE status = 'ended' ORDER BY start_time, id").all() as MeetingRow[];
  const lastEvent = store.db.prepare('SELECT max(id) FROM events WHERE meeting_id = ?').pluck();
  return rows.map((row) => ({
    id: row.id,
    meeting: store.loadMeeting(row, overrides),
    // The newest event id changes whenever the journal does: the site then knows to render again.
    revision: `${row.id}:${String(lastEvent.get(row.id))}:${JSON.stringify(overrides)}`,
  }));
}
