// The JSON API of `gavel serve`: query parameters checked and turned into store queries, answers as plain data.
import { parseDay } from '../dates.js';
import type { MeetingRow } from '../store/journal.js';
import { search, SEARCH_KINDS, SearchQueryError, type SearchKind, type SearchQuery } from '../store/search.js';
import type { Store } from '../store/store.js';

export class BadRequest extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
    this.name = 'BadRequest';
  }
}

export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
}

const MAX_LIMIT = 100;

function int(p: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const v = p.get(name);
  if (v === null || v === '') return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new BadRequest(name, `${name} must be a whole number from ${min} to ${max}, got '${v}'`);
  return Number(v);
}

function day(p: URLSearchParams, name: string): number | undefined {
  const v = p.get(name);
  if (v === null || v === '') return undefined;
  const parsed = parseDay(v, name);
  if (typeof parsed === 'string') throw new BadRequest(name, parsed);
  return parsed.utc;
}

function text(p: URLSearchParams, name: string): string | undefined {
  const v = p.get(name);
  if (v === null || v.trim() === '') return undefined;
  if (v.length > 500) throw new BadRequest(name, `${name} is longer than 500 characters`);
  return v.trim();
}

export function searchQueryFromParams(p: URLSearchParams): SearchQuery {
  const q = text(p, 'q');
  if (q === undefined) throw new BadRequest('q', 'q (the words to search for) is required');
  const kindParam = text(p, 'kind');
  const kinds = kindParam === undefined ? undefined : kindParam.split(',').map((k) => k.trim().toLowerCase());
  for (const k of kinds ?? []) {
    if (!(SEARCH_KINDS as readonly string[]).includes(k)) throw new BadRequest('kind', `kind must be a comma-separated list of ${SEARCH_KINDS.join(', ')}; got '${k}'`);
  }
  const sort = text(p, 'sort') ?? 'relevance';
  if (sort !== 'relevance' && sort !== 'newest') throw new BadRequest('sort', `sort must be relevance or newest, got '${sort}'`);
  const since = day(p, 'since');
  const until = day(p, 'until');
  const opt = <K extends string, V>(k: K, v: V | undefined): { [P in K]?: V } => (v === undefined ? {} : ({ [k]: v } as { [P in K]: V }));
  return {
    text: q,
    ...opt('kinds', kinds as SearchKind[] | undefined),
    ...opt('channel', text(p, 'channel')),
    ...opt('name', text(p, 'name')),
    ...opt('nick', text(p, 'nick')),
    ...opt('since', since),
    ...opt('until', until === undefined ? undefined : until + 86_400_000),
    limit: int(p, 'limit', 20, 1, MAX_LIMIT),
    offset: int(p, 'offset', 0, 0, 100_000),
    sort,
  };
}

/** A search hit as the API gives it: `url` is the line in the site's log page, relative to the site root. */
function apiSearch(store: Store, p: URLSearchParams): ApiAnswer {
  const q = searchQueryFromParams(p);
  const r = search(store.db, q);
  const base = store.db.prepare('SELECT base_path FROM meetings WHERE id = ?').pluck();
  const hits = r.hits.map((h) => ({ ...h, url: `${String(base.get(h.meetingId))}.log.html#l-${h.line}`, logUrl: h.url }));
  return { status: 200, body: { query: q.text, offset: q.offset ?? 0, limit: q.limit, more: r.more, partial: r.partial, hits } };
}

export function meetingJson(r: MeetingRow): Record<string, unknown> {
  return {
    id: r.id,
    network: r.network,
    channel: r.channel,
    name: r.name,
    topic: r.topic,
    start: new Date(r.start_time).toISOString(),
    end: r.end_time === null ? null : new Date(r.end_time).toISOString(),
    owner: r.owner,
    status: r.status,
    minutes: `${r.base_path}.html`,
    log: `${r.base_path}.log.html`,
  };
}

function apiMeetings(store: Store, p: URLSearchParams): ApiAnswer {
  const limit = int(p, 'limit', 50, 1, 500);
  const offset = int(p, 'offset', 0, 0, 10_000_000);
  const channel = text(p, 'channel');
  const where = channel === undefined ? 'WHERE restricted = 0' : 'WHERE restricted = 0 AND channel = ? COLLATE NOCASE';
  const rows = store.db
    .prepare(`SELECT * FROM meetings ${where} ORDER BY start_time DESC, id DESC LIMIT ? OFFSET ?`)
    .all(...(channel === undefined ? [] : [channel]), limit + 1, offset) as MeetingRow[];
  return { status: 200, body: { offset, limit, more: rows.length > limit, meetings: rows.slice(0, limit).map(meetingJson) } };
}

function apiMeeting(store: Store, idText: string): ApiAnswer {
  if (!/^\d{1,15}$/.test(idText)) throw new BadRequest('id', `a meeting id is a number, got '${idText.slice(0, 40)}'`);
  const row = store.meetingRow(Number(idText));
  // A #restrictlogs meeting is its owner's: the API does not know it.
  if (row === undefined || row.restricted !== 0) return { status: 404, body: { error: `no meeting ${idText}` } };
  const items = store.db.prepare('SELECT item_no AS id, lower(kind) AS kind, nick, time, line, text, url FROM items WHERE meeting_id = ? ORDER BY item_no').all(row.id);
  return { status: 200, body: { meeting: meetingJson(row), items } };
}

/** Answers one API request; `path` is the part after `/api/`. Never throws: a failure is a 500 and reported. */
export function answerApi(store: Store, path: string, params: URLSearchParams, onError: (err: unknown) => void = () => {}): ApiAnswer {
  try {
    if (path === 'search') return apiSearch(store, params);
    if (path === 'meetings') return apiMeetings(store, params);
    const m = /^meetings\/([^/]+)$/.exec(path);
    if (m?.[1] !== undefined) return apiMeeting(store, m[1]);
    return { status: 404, body: { error: `no API at /api/${path.slice(0, 80)}; there are /api/search, /api/meetings and /api/meetings/ID` } };
  } catch (err) {
    if (err instanceof BadRequest) return { status: 400, body: { error: err.message, param: err.param } };
    if (err instanceof SearchQueryError) return { status: 400, body: { error: err.message, param: 'q' } };
    onError(err);
    return { status: 500, body: { error: 'the server failed to answer; see its log' } };
  }
}
