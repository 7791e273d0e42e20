// `gavel search` and `gavel meetings`: the archive from the command line, as text or JSON.
import { resolve } from 'node:path';
import { DateTime } from 'luxon';
import { search, SEARCH_KINDS, SearchQueryError, type SearchHit, type SearchKind } from '../store/search.js';
import { Store } from '../store/store.js';
import { meetingJson } from '../web/api.js';
import { parseCliArgs, UsageError, type CliIo } from './io.js';
import { channelOption, parseDateOption } from './options.js';

export function parseKinds(value: string | undefined): SearchKind[] | undefined {
  if (value === undefined) return undefined;
  const kinds = value.split(',').map((k) => k.trim().toLowerCase()).filter((k) => k !== '');
  for (const k of kinds) {
    if (!(SEARCH_KINDS as readonly string[]).includes(k)) throw new UsageError(`--kind must be a comma-separated list of ${SEARCH_KINDS.join(', ')}; got '${k}'`);
  }
  return kinds as SearchKind[];
}

function positiveInt(value: string | undefined, option: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) throw new UsageError(`${option} must be a whole number from 1 to ${max}, got '${value}'`);
  return Number(value);
}

/** What people typed, without control characters: on a terminal they could move the cursor or retitle the window. */
function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

function hitText(h: SearchHit, tty: boolean): string {
  const when = DateTime.fromMillis(h.time, { zone: 'utc' }).toFormat("yyyy-MM-dd HH:mm:ss 'UTC'");
  const snip = h.snippet.map((p) => (p.mark ? (tty ? `\x1b[1m${printable(p.text)}\x1b[0m` : `[${printable(p.text)}]`) : printable(p.text))).join('');
  const what = h.kind === 'line' ? 'line' : h.kind.toUpperCase();
  return `${when}  ${printable(h.channel)} ${printable(h.name) || '(no name)'}  ${what} by ${printable(h.nick)}\n    ${snip}\n    ${printable(h.url)}\n`;
}

export async function searchMain(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv, {
    db: { type: 'string' },
    kind: { type: 'string' },
    channel: { type: 'string' },
    name: { type: 'string' },
    nick: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    limit: { type: 'string' },
    offset: { type: 'string' },
    sort: { type: 'string' },
    json: { type: 'boolean' },
  });
  const v = parsed.values as Record<string, string | undefined> & { json?: boolean };
  const sort = v.sort ?? 'relevance';
  if (sort !== 'relevance' && sort !== 'newest') throw new UsageError(`--sort must be relevance or newest, got '${sort}'`);
  if (v.db === undefined) throw new UsageError('--db FILE is required');
  const text = parsed.positionals.join(' ');
  if (text.trim() === '') throw new UsageError('give a search query, e.g. gavel search "runtime spec" --db FILE');
  const kinds = parseKinds(v.kind);
  const channel = channelOption(v.channel);
  const query = {
    text,
    ...(kinds !== undefined ? { kinds } : {}),
    ...(channel !== undefined ? { channel } : {}),
    ...(v.name !== undefined ? { name: v.name } : {}),
    ...(v.nick !== undefined ? { nick: v.nick } : {}),
    ...(v.since !== undefined ? { since: parseDateOption(v.since, '--since').utc } : {}),
    ...(v.until !== undefined ? { until: parseDateOption(v.until, '--until').utc + 86_400_000 } : {}),
    limit: positiveInt(v.limit, '--limit', 20, 1000),
    offset: v.offset === undefined ? 0 : positiveInt(v.offset, '--offset', 0, 1e9),
    sort,
  } as const;
  const store = Store.open(resolve(io.cwd, v.db), { readonly: true });
  try {
    const result = search(store.db, query);
    if (v.json === true) {
      io.stdout.write(`${JSON.stringify({ query: text, offset: query.offset, limit: query.limit, more: result.more, partial: result.partial, hits: result.hits }, null, 2)}\n`);
    } else if (result.hits.length === 0) {
      io.stdout.write('no matches\n');
    } else {
      for (const h of result.hits) io.stdout.write(hitText(h, io.stdout.isTTY === true));
      if (result.more) io.stdout.write(`… more results: --offset ${query.offset + query.limit}\n`);
      if (result.partial) io.stdout.write('(only the newest 200,000 matches of the words were searched: add words to reach older ones)\n');
    }
    return 0;
  } catch (err) {
    if (err instanceof SearchQueryError) {
      io.stderr.write(`gavel search: ${err.message}\n`);
      return 2;
    }
    throw err;
  } finally {
    store.close();
  }
}

export async function meetingsMain(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv, { db: { type: 'string' }, channel: { type: 'string' }, json: { type: 'boolean' } });
  const v = parsed.values as { db?: string; channel?: string; json?: boolean };
  if (v.db === undefined) throw new UsageError('--db FILE is required');
  const channel = channelOption(v.channel);
  const store = Store.open(resolve(io.cwd, v.db), { readonly: true });
  try {
    const rows = store.meetings(channel === undefined ? {} : { channel });
    if (v.json === true) {
      const out = rows.map(meetingJson);
      io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      for (const r of rows) {
        const when = DateTime.fromMillis(r.start_time, { zone: 'utc' }).toFormat('yyyy-MM-dd HH:mm');
        io.stdout.write(`${String(r.id).padStart(5)}  ${when}  ${r.network} ${r.channel}  ${r.name || '(no name)'}  ${r.status}  ${r.base_path}\n`);
      }
    }
    return 0;
  } finally {
    store.close();
  }
}
