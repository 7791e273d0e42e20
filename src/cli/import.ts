// `gavel import`: MeetBot logs and folders of them into the database, each file once, bad files named.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Store } from '../store/store.js';
import { UsageError, type CliIo } from './io.js';
import { Progress } from './progress.js';
import { LOG_OPTIONS, LogFileError, loadLogFile, parseCliArgs, readLogBytes, sha256, toReplayOptions } from './replay.js';

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
  const store = Store.open(resolve(io.cwd, v.db));
  let doneBytes = 0;
  try {
    for (const [i, file] of files.entries()) {
      try {
        const bytes = readLogBytes(file);
        const hash = sha256(bytes);
        if (store.isImported(hash)) {
          t.duplicates++;
        } else {
          const loaded = loadLogFile(file, opts, extra, bytes);
          if (loaded.warnings.length > 0) {
            progress.clear();
            for (const w of loaded.warnings) io.stderr.write(`warning: ${w}\n`);
          }
          const ids = store.importSlices({ file, hash }, loaded.slices);
          t.imported++;
          t.meetings += ids.length;
          t.lines += loaded.lineCount;
        }
      } catch (err) {
        t.failed++;
        const e = err as Error;
        failures.push(e instanceof LogFileError ? e.message : `${file}: ${e.message}`);
      }
      doneBytes += sizes[i] ?? 0;
      progress.update({ done: i + 1, total: files.length, doneWeight: doneBytes, totalWeight: totalBytes, lines: t.lines });
    }
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
