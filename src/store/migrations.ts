// The database schema as an append-only list of numbered migrations: never edit a shipped one, add the next.

export interface Migration {
  /** 1, 2, 3, …: the `user_version` the database has after this migration. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'meetings, their events, items and full-text indexes',
    sql: `
CREATE TABLE meetings (
  id             INTEGER PRIMARY KEY,
  network        TEXT NOT NULL,
  channel        TEXT NOT NULL,
  name           TEXT NOT NULL DEFAULT '',
  topic          TEXT,
  start_time     INTEGER NOT NULL,
  end_time       INTEGER,
  owner          TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('running', 'ended')),
  end_reason     TEXT,
  config         TEXT NOT NULL,
  original_topic TEXT,
  base_path      TEXT NOT NULL DEFAULT '',
  source         TEXT,
  source_hash    TEXT,
  source_index   INTEGER,
  files_written  INTEGER NOT NULL DEFAULT 0,
  UNIQUE (source_hash, source_index)
);
CREATE INDEX meetings_channel ON meetings (network, channel, start_time);
CREATE INDEX meetings_running ON meetings (status) WHERE status = 'running';

-- The journal: every line of a meeting's log (what people said and what the bot said), nick changes
-- and the ticks that ended a meeting, in order. Folding it through the core rebuilds the meeting.
CREATE TABLE events (
  id         INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meetings (id),
  time       INTEGER NOT NULL,
  type       INTEGER NOT NULL CHECK (type BETWEEN 0 AND 4),
  nick       TEXT NOT NULL,
  text       TEXT NOT NULL,
  account    TEXT,
  line       INTEGER
);
CREATE INDEX events_meeting ON events (meeting_id, id);

CREATE TABLE items (
  id         INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meetings (id),
  item_no    INTEGER NOT NULL,
  kind       TEXT NOT NULL,
  nick       TEXT NOT NULL,
  time       INTEGER NOT NULL,
  line       INTEGER NOT NULL,
  text       TEXT NOT NULL,
  url        TEXT,
  UNIQUE (meeting_id, item_no)
);

CREATE VIRTUAL TABLE items_fts USING fts5 (text, content = 'items', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE lines_fts USING fts5 (text, content = 'events', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');

-- The indexes follow their tables. Only log lines (types 0-2) are searchable; nick changes and ticks are
-- not. New lines and items are indexed by the store itself, in bulk on import (ten times faster than a
-- trigger); deleted ones by these triggers.
CREATE TRIGGER items_ad AFTER DELETE ON items BEGIN
  INSERT INTO items_fts (items_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER events_ad AFTER DELETE ON events WHEN old.type <= 2 BEGIN
  INSERT INTO lines_fts (lines_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
`,
  },
  {
    version: 2,
    name: 'action items across a series: numbers, assignees, closures, the series at each start',
    sql: `
ALTER TABLE items ADD COLUMN ref TEXT;
ALTER TABLE items ADD COLUMN assignee TEXT;
ALTER TABLE meetings ADD COLUMN series TEXT;
CREATE INDEX meetings_series ON meetings (network, channel COLLATE NOCASE, name);
CREATE INDEX items_refs ON items (meeting_id, ref) WHERE ref IS NOT NULL;

-- #done: an action item (of this meeting or an earlier one of its series) closed in a meeting.
CREATE TABLE closures (
  id         INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meetings (id),
  ref        TEXT NOT NULL,
  text       TEXT NOT NULL,
  nick       TEXT NOT NULL,
  time       INTEGER NOT NULL,
  line       INTEGER NOT NULL,
  note       TEXT NOT NULL
);
CREATE INDEX closures_meeting ON closures (meeting_id);
`,
  },
  {
    version: 3,
    name: 'restricted meetings and the next action number of each meeting',
    sql: `
-- #restrictlogs: kept out of search, the API and the website.
ALTER TABLE meetings ADD COLUMN restricted INTEGER NOT NULL DEFAULT 0;
-- The number the meeting's series continues from (numbers of undone actions are not reused).
ALTER TABLE meetings ADD COLUMN next_action INTEGER;
`,
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
