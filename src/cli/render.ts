// `gavel render`: the files of stored meetings, written exactly as `gavel replay` writes them.
import { resolve } from 'node:path';
import { renderMeeting } from '../render/outputs.js';
import { writeMeeting } from '../render/write.js';
import type { MeetingRow } from '../store/journal.js';
import { Store } from '../store/store.js';
import { parseCliArgs, UsageError, type CliIo } from './io.js';
import { channelOption, checkOutDir, urlPrefixOption } from './options.js';
import { parseFormats } from './replay.js';

export function parseMeetingId(value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`--meeting must be a meeting id (a number, see 'gavel meetings'), got '${value}'`);
  return Number(value);
}

export async function renderMain(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv, {
    db: { type: 'string' },
    out: { type: 'string' },
    meeting: { type: 'string', multiple: true },
    channel: { type: 'string' },
    all: { type: 'boolean' },
    'url-prefix': { type: 'string' },
    formats: { type: 'string' },
  });
  const v = parsed.values as { db?: string; out?: string; meeting?: string[]; channel?: string; all?: boolean; 'url-prefix'?: string; formats?: string };
  if (v.db === undefined) throw new UsageError('--db FILE is required');
  if (v.out === undefined) throw new UsageError('--out DIR is required');
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`);
  const chosen = [v.meeting !== undefined, v.channel !== undefined, v.all === true].filter(Boolean).length;
  if (chosen !== 1) throw new UsageError('give exactly one of --meeting ID, --channel NAME or --all');
  const channel = channelOption(v.channel);
  const urlPrefix = urlPrefixOption(v['url-prefix']);
  const formats = v.formats === undefined ? undefined : parseFormats(v.formats);
  checkOutDir(v.out, io.cwd);
  const store = Store.open(resolve(io.cwd, v.db), { readonly: true });
  let failed = 0;
  try {
    let rows: MeetingRow[];
    if (v.meeting !== undefined) {
      rows = [];
      for (const id of v.meeting.map(parseMeetingId)) {
        const row = store.meetingRow(id);
        if (row === undefined) {
          io.stderr.write(`error: no meeting ${id} in ${v.db}\n`);
          failed++;
        } else rows.push(row);
      }
    } else {
      rows = store.meetings(channel === undefined ? {} : { channel });
      if (rows.length === 0) io.stderr.write(`warning: no meetings${channel === undefined ? '' : ` in ${channel}`} in ${v.db}\n`);
    }
    const overrides = {
      ...(urlPrefix === undefined ? {} : { urlPrefix }),
      ...(formats === undefined ? {} : { formats }),
    };
    const out = resolve(io.cwd, v.out);
    for (const row of rows) {
      try {
        for (const path of writeMeeting(out, renderMeeting(store.loadMeeting(row, overrides)))) io.stdout.write(`${path}\n`);
      } catch (err) {
        failed++;
        io.stderr.write(`error: meeting ${row.id} (${row.channel} ${new Date(row.start_time).toISOString()}): ${(err as Error).message}\n`);
      }
    }
  } finally {
    store.close();
  }
  return failed > 0 ? 1 : 0;
}
