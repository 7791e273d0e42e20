// Full-text search over minutes items and log lines (FTS5, ranked by bm25), with snippets and filters.
import { joinUrl } from '../core/config.js';
import { toFtsQuery } from '../core/ftsquery.js';
import { highlight, queryTerms } from '../core/highlight.js';
import type { Db } from './db.js';

export const ITEM_KINDS = ['topic', 'info', 'action', 'agreed', 'accepted', 'rejected', 'idea', 'help', 'link', 'vote'] as const;
export const SEARCH_KINDS = [...ITEM_KINDS, 'line'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchQuery {
  readonly text: string;
  readonly kinds?: readonly SearchKind[];
  readonly channel?: string;
  /** Only these channels (the bot's search answers from the channels the asker is in). */
  readonly channels?: readonly string[];
  /** The meeting name (the series). */
  readonly name?: string;
  readonly nick?: string;
  /** Epoch ms, inclusive. */
  readonly since?: number;
  /** Epoch ms, exclusive. */
  readonly until?: number;
  readonly limit: number;
  readonly offset?: number;
  /** relevance (default): bands of bm25 score, newest first within a band; newest: by time only. */
  readonly sort?: 'relevance' | 'newest';
}

/** A piece of a snippet: the matched terms are marked. */
export interface SnippetPart {
  readonly text: string;
  readonly mark?: true;
}

export interface SearchHit {
  readonly meetingId: number;
  readonly network: string;
  readonly channel: string;
  readonly name: string;
  readonly meetingStart: number;
  readonly kind: SearchKind;
  /** The item's number within its meeting (items only). */
  readonly item?: number;
  readonly nick: string;
  readonly time: number;
  /** 1-based line of the meeting log: the `l-N` anchor. */
  readonly line: number;
  readonly text: string;
  readonly snippet: readonly SnippetPart[];
  /** The line in the HTML log, under the meeting's URL prefix (relative if it has none). */
  readonly url: string;
  readonly rank: number;
}

export interface SearchResult {
  readonly hits: SearchHit[];
  /** More hits exist past this page. */
  readonly more: boolean;
  /**
   * The filters kept fewer hits than a page among the newest matches the search scores (200,000 of
   * each index): older matches were not looked at. Narrow the words to see them.
   */
  readonly partial: boolean;
}

export class SearchQueryError extends Error {
  constructor(
    readonly query: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SearchQueryError';
  }
}

interface Row {
  rid: number;
  meeting_id: number;
  network: string;
  channel: string;
  name: string;
  start_time: number;
  base_path: string;
  url_prefix: string | null;
  kind: string;
  item_no: number | null;
  nick: string;
  time: number;
  line: number;
  text: string;
  rank: number;
}

function filters(q: SearchQuery, alias: string, params: unknown[]): string {
  // #restrictlogs meetings are their owner's: never in search.
  let sql = ' AND m.restricted = 0';
  if (q.channels !== undefined) {
    sql += ` AND m.channel COLLATE NOCASE IN (${q.channels.map(() => '?').join(', ') || 'NULL'})`;
    params.push(...q.channels);
  }
  if (q.channel !== undefined) {
    sql += ' AND m.channel = ? COLLATE NOCASE';
    params.push(q.channel);
  }
  if (q.name !== undefined) {
    sql += ' AND m.name = ? COLLATE NOCASE';
    params.push(q.name);
  }
  if (q.nick !== undefined) {
    sql += ` AND ${alias}.nick = ? COLLATE NOCASE`;
    params.push(q.nick);
  }
  if (q.since !== undefined) {
    sql += ` AND ${alias}.time >= ?`;
    params.push(q.since);
  }
  if (q.until !== undefined) {
    sql += ` AND ${alias}.time < ?`;
    params.push(q.until);
  }
  return sql;
}

const MEETING_COLS = "m.network, m.channel, m.name, m.start_time, m.base_path, json_extract(m.config, '$.urlPrefix') AS url_prefix";

// Each part scores only the newest `window` matches of its index (rowid order is storage order, about
// time order): bm25's cost grows with the matches it scores, and a common word matches half the archive.
// Without filters the best `need` are picked before the join, so only a page of rows is looked up.
function candidates(table: 'items_fts' | 'lines_fts', window: number, preLimit: number | undefined, newest: boolean, params: unknown[], fts: string): string {
  params.push(fts, window);
  // Items weigh twice a line: a decision is worth more than talk about it.
  const weight = table === 'items_fts' ? 2 : 1;
  const inner = `SELECT rowid AS id, bm25(${table}) * ${weight} AS score FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid DESC LIMIT ?`;
  if (preLimit === undefined) return inner;
  params.push(preLimit);
  return `SELECT id, score FROM (${inner}) ORDER BY ${newest ? 'id DESC' : 'round(score), id DESC'} LIMIT ?`;
}

function itemSql(q: SearchQuery, kinds: readonly string[], window: number, params: unknown[], need: number): string {
  const filtered = kinds.length < ITEM_KINDS.length || hasFilters(q);
  const c = candidates('items_fts', window, filtered ? undefined : need, q.sort === 'newest', params, q.text);
  let sql = `SELECT i.id AS rid, i.meeting_id, ${MEETING_COLS}, lower(i.kind) AS kind, i.item_no, i.nick, i.time, i.line, i.text,
      c.score AS rank
    FROM (${c}) c JOIN items i ON i.id = c.id JOIN meetings m ON m.id = i.meeting_id
    WHERE 1`;
  if (kinds.length < ITEM_KINDS.length) {
    sql += ` AND i.kind IN (${kinds.map(() => '?').join(',')})`;
    params.push(...kinds.map((k) => k.toUpperCase()));
  }
  return sql + filters(q, 'i', params);
}

function lineSql(q: SearchQuery, window: number, params: unknown[], need: number): string {
  const c = candidates('lines_fts', window, hasFilters(q) ? undefined : need, q.sort === 'newest', params, q.text);
  const sql = `SELECT e.id AS rid, e.meeting_id, ${MEETING_COLS}, 'line' AS kind, NULL AS item_no, e.nick, e.time, e.line, e.text,
      c.score AS rank
    FROM (${c}) c JOIN events e ON e.id = c.id JOIN meetings m ON m.id = e.meeting_id
    WHERE 1`;
  return sql + filters(q, 'e', params);
}

function hasFilters(q: SearchQuery): boolean {
  return q.channel !== undefined || q.channels !== undefined || q.name !== undefined || q.nick !== undefined || q.since !== undefined || q.until !== undefined;
}

/**
 * The window grows until it holds a full page of hits or every match, up to a bound: a filter that
 * keeps almost nothing must not make one request score the whole archive.
 */
const WINDOWS = [2_000, 20_000, 200_000];
/** Query limits, for the same reason: a prefix of one letter matches most of the vocabulary. */
const MIN_PREFIX = 3;
const MAX_TERMS = 16;

function matches(db: Db, table: 'items_fts' | 'lines_fts', fts: string, window: number): number {
  return db.prepare(`SELECT count(*) FROM (SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid DESC LIMIT ?)`).pluck().get(fts, window) as number;
}

function badQuery(q: SearchQuery, cause: unknown): never {
  const msg = (cause as Error).message;
  if (/fts5|syntax error|unterminated|no such column/i.test(msg)) {
    throw new SearchQueryError(q.text, `cannot search for ${JSON.stringify(q.text)}: ${msg}. Use words, "a phrase", prefix*, AND, OR, NOT and parentheses.`, { cause });
  }
  throw cause;
}

function checkQuery(q: SearchQuery, fts: string): void {
  if (fts.trim() === '') throw new SearchQueryError(q.text, 'the search query is empty');
  const terms = queryTerms(fts);
  const short = terms.prefixes.find((p) => [...p].length < MIN_PREFIX);
  if (short !== undefined) throw new SearchQueryError(q.text, `a prefix needs at least ${MIN_PREFIX} letters before the *: '${short}*' would match too many words`);
  if (terms.words.size + terms.prefixes.length > MAX_TERMS) throw new SearchQueryError(q.text, `a search takes at most ${MAX_TERMS} words`);
}

/** Searches; the query text may use phrases, prefix*, AND/OR/NOT. Throws SearchQueryError on a bad query. */
export function search(db: Db, q: SearchQuery): SearchResult {
  const fts = toFtsQuery(q.text);
  checkQuery(q, fts);
  const kinds = q.kinds === undefined || q.kinds.length === 0 ? SEARCH_KINDS : [...new Set(q.kinds)];
  const itemKinds = kinds.filter((k) => k !== 'line');
  const wantLines = kinds.includes('line');
  const query = { ...q, text: fts };
  const need = (q.offset ?? 0) + q.limit + 1;
  // bm25 scores of short texts differ by tiny amounts (a URL's length); within one band of score the
  // newer hit is the more useful one in an archive.
  const order = q.sort === 'newest' ? 'time DESC, rid DESC' : 'round(rank) ASC, time DESC, rid DESC';
  let rows: Row[] = [];
  let partial = false;
  try {
    for (const window of WINDOWS) {
      const params: unknown[] = [];
      const parts: string[] = [];
      if (itemKinds.length > 0) parts.push(itemSql(query, itemKinds, window, params, need));
      if (wantLines) parts.push(lineSql(query, window, params, need));
      params.push(need);
      rows = db.prepare(`SELECT * FROM (${parts.join(' UNION ALL ')}) ORDER BY ${order} LIMIT ?`).all(...params) as Row[];
      if (rows.length >= need) break;
      // Fewer hits than a page: done if the window already held every match of both indexes.
      const more = (itemKinds.length > 0 && matches(db, 'items_fts', fts, window + 1) > window) || (wantLines && matches(db, 'lines_fts', fts, window + 1) > window);
      if (!more) break;
      partial = window === WINDOWS[WINDOWS.length - 1];
    }
  } catch (cause) {
    badQuery(q, cause);
  }
  const page = rows.slice(q.offset ?? 0, (q.offset ?? 0) + q.limit);
  // Snippets from each hit's own text: asking FTS5 for them costs a whole query per hit.
  const terms = queryTerms(fts);
  const hits = page.map((r): SearchHit => ({
    meetingId: r.meeting_id,
    network: r.network,
    channel: r.channel,
    name: r.name,
    meetingStart: r.start_time,
    kind: r.kind as SearchKind,
    ...(r.item_no !== null ? { item: r.item_no } : {}),
    nick: r.nick,
    time: r.time,
    line: r.line,
    text: r.text,
    snippet: highlight(r.text, terms),
    url: joinUrl(r.url_prefix ?? '', `${r.base_path}.log.html#l-${r.line}`),
    rank: r.rank,
  }));
  return { hits, more: rows.length > (q.offset ?? 0) + q.limit, partial };
}
