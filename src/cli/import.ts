// `gavel import`: MeetBot logs and folders of them into the database, each file once, bad files named.
import { readdirSync, statSync } from 'node:fs';
import { makeDirs } from '../dirs.js';
import { dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ImportNumbering } from '../store/numbering.js';
import { SeriesQueries } from '../store/series.js';
import { Store, type StoredSlice } from '../store/store.js';
import { parseForImport, type ImportJob, type ImportReply } from './importworker.js';
import { parseCliArgs, UsageError, type CliIo } from './io.js';
import { Progress } from './progress.js';
import { LOG_OPTIONS, toReplayOptions } from './replay.js';

/** Every `.log.txt` under the given paths (folders recursively, sorted); files named directly always count. */
export function collectLogFiles(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith('.log.txt')) files.push(p);
    }
  };
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      missing.push(p);
      continue;
    }
    if (isDir) walk(p);
    else files.push(p);
  }
  return { files, missing };
}

/** Lines per transaction: big enough that commits cost little, small enough to show progress. */
const BATCH_LINES = 20_000;

/** Files handed to the reading thread ahead of the writer: enough to keep both busy, not the whole archive in memory. */
const AHEAD = 64;

/**
 * Parses the files on a second thread, in order, while this thread writes what it gets: the two
 * halves of an import take about the same time, so an archive imports nearly twice as fast.
 */
function parseFiles(files: readonly string[], job: ImportJob, take: (r: ImportReply, i: number) => void): Promise<void> {
  if (files.length <= 1) {
    const known = new Set(job.known);
    files.forEach((f, i) => take(parseForImport(f, job, known), i));
    return Promise.resolve();
  }
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(new URL('./importworker.js', import.meta.url), { workerData: { importJob: job } });
    let sent = 0;
    let received = 0;
    const send = (): void => {
      while (sent < files.length && sent - received < AHEAD) worker.postMessage(files[sent++]);
    };
    worker.on('message', (r: ImportReply) => {
      try {
        take(r, received++);
      } catch (err) {
        void worker.terminate();
        reject(err as Error);
        return;
      }
      if (received === files.length) {
        void worker.terminate().then(() => resolvePromise());
      } else send();
    });
    worker.on('error', (err) => reject(new Error(`the import's reading thread failed: ${err.message}`, { cause: err })));
    send();
  });
}

interface Tally {
  imported: number;
  duplicates: number;
  failed: number;
  meetings: number;
  lines: number;
}

export async function importMain(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv, { ...LOG_OPTIONS, db: { type: 'string' }, network: { type: 'string' } });
  const v = parsed.values as Record<string, string | undefined>;
  const opts = toReplayOptions(v);
  if (v.db === undefined) throw new UsageError('--db FILE is required');
  if (parsed.positionals.length === 0) throw new UsageError('no log files or folders given');
  const extra = v.network === undefined ? {} : { network: v.network };
  const { files, missing } = collectLogFiles(parsed.positionals.map((p) => resolve(io.cwd, p)));
  const sizes = files.map((f) => {
    try {
      return statSync(f).size;
    } catch {
      return 0;
    }
  });
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  const failures: string[] = missing.map((p) => `${p}: no such file or folder`);
  const t: Tally = { imported: 0, duplicates: 0, failed: missing.length, meetings: 0, lines: 0 };
  const progress = new Progress(io.stderr, () => performance.now());
  // A new archive may be in a new folder.
  makeDirs(dirname(resolve(io.cwd, v.db)));
  const store = Store.open(resolve(io.cwd, v.db));
  const numbering = new ImportNumbering(new SeriesQueries(store.db));
  let doneBytes = 0;
  // Files are committed in batches: one commit per file would cost more than the parsing.
  let batch: { source: { file: string; hash: string }; slices: StoredSlice[]; lines: number }[] = [];
  let batchLines = 0;
  const flush = (): void => {
    if (batch.length === 0) return;
    const ids = store.importBatch(batch);
    ids.forEach((m, i) => {
      t.imported++;
      t.meetings += m.length;
      t.lines += batch[i]?.lines ?? 0;
    });
    batch = [];
    batchLines = 0;
  };
  const take = (r: ImportReply, i: number): void => {
    if (r.status === 'duplicate') t.duplicates++;
    else if (r.status === 'failed') {
      t.failed++;
      failures.push(r.message);
    } else {
      if (r.warnings.length > 0) {
        progress.clear();
        for (const w of r.warnings) io.stderr.write(`warning: ${w}\n`);
      }
      batch.push({ source: { file: r.file, hash: r.hash }, slices: r.slices.map((sl) => numbering.number(sl)), lines: r.lines });
      batchLines += r.lines;
      if (batchLines >= BATCH_LINES) flush();
    }
    doneBytes += sizes[i] ?? 0;
    progress.update({ done: i + 1, total: files.length, doneWeight: doneBytes, totalWeight: totalBytes, lines: t.lines + batchLines });
  };
  try {
    const job: ImportJob = { opts, extra, known: store.importedHashes() };
    await parseFiles(files, job, take);
    flush();
  } finally {
    store.close();
  }
  progress.clear();
  for (const f of failures) io.stderr.write(`failed: ${f}\n`);
  const secs = progress.elapsed() / 1000;
  const rate = secs > 0 ? Math.round(t.lines / secs) : 0;
  io.stdout.write(
    `imported ${t.imported} file(s): ${t.meetings} meeting(s), ${t.lines} line(s) in ${secs.toFixed(1)} s (${rate} lines/s); ` +
      `${t.duplicates} already imported; ${t.failed} failed\n`,
  );
  return t.failed > 0 ? 1 : 0;
}
