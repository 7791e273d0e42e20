// The import's reading thread: reads, hashes, parses and folds log files while the main thread writes the database.
import { parentPort, workerData } from 'node:worker_threads';
import { summarise } from '../store/journal.js';
import type { StoredSlice } from '../store/store.js';
import { LogFileError, loadLogFile, readLogBytes, sha256, type ReplayOptions } from './replay.js';
import type { MeetingConfig } from '../core/config.js';

export interface ImportJob {
  readonly opts: ReplayOptions;
  readonly extra: Partial<MeetingConfig>;
  /** Hashes of files already in the database: those are not parsed again. */
  readonly known: readonly string[];
}

export type ImportReply =
  | { readonly file: string; readonly status: 'parsed'; readonly hash: string; readonly slices: StoredSlice[]; readonly warnings: string[]; readonly lines: number }
  | { readonly file: string; readonly status: 'duplicate' }
  | { readonly file: string; readonly status: 'failed'; readonly message: string };

/** One file, start to finish (also used without a thread, for a single small file). */
export function parseForImport(file: string, job: ImportJob, known: Set<string>): ImportReply {
  try {
    const bytes = readLogBytes(file);
    const hash = sha256(bytes);
    if (known.has(hash)) return { file, status: 'duplicate' };
    known.add(hash);
    const loaded = loadLogFile(file, job.opts, { extra: job.extra, bytes, keepEvents: true });
    const slices = loaded.slices.map((s) => ({ events: s.events, summary: summarise(s.meeting) }));
    return { file, status: 'parsed', hash, slices, warnings: loaded.warnings, lines: loaded.lineCount };
  } catch (err) {
    const e = err as Error;
    return { file, status: 'failed', message: e instanceof LogFileError ? e.message : `${file}: ${e.message}` };
  }
}

if (parentPort !== null && (workerData as { importJob?: ImportJob } | undefined)?.importJob !== undefined) {
  const port = parentPort;
  const job = (workerData as { importJob: ImportJob }).importJob;
  const known = new Set(job.known);
  port.on('message', (file: string) => port.postMessage(parseForImport(file, job, known)));
}
