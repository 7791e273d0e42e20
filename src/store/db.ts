// Opening a Gavel database: pragmas for durability and speed, and the migrations up to the newest.
import { statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_VERSION, MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

export class StoreError extends Error {
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${message}`, options);
    this.name = 'StoreError';
  }
}

/** Brings the schema to the newest version, one migration per transaction. Returns the versions applied. */
export function migrate(db: Db, file = ':memory:', upTo = LATEST_VERSION): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) {
    throw new StoreError(file, `the database is at schema version ${current}, newer than this Gavel knows (${LATEST_VERSION}); upgrade Gavel`);
  }
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > upTo) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}

export interface OpenOptions {
  readonly readonly?: boolean;
}

/**
 * What SQLite would only call "unable to open database file" or "disk I/O error", said plainly:
 * a folder, a missing or empty file where one is read, a missing folder where one is made.
 */
function fileProblem(file: string, readonly: boolean): string | undefined {
  if (file === ':memory:' || file === '') return undefined;
  let st: Stats | undefined;
  try {
    st = statSync(file, { throwIfNoEntry: false });
  } catch {
    // Not even looked at (no permission, a file where a folder should be): SQLite's own words follow.
    return undefined;
  }
  if (st?.isDirectory() === true) return 'is a folder, not a database file';
  // SQLite takes an empty file for an empty database, which a reading command would then fill with tables.
  if (st !== undefined && readonly && st.size === 0) return 'is an empty file, not a Gavel database';
  if (st !== undefined) return undefined;
  if (readonly) return 'no such file (a database is made by gavel import, gavel replay --db or gavel run)';
  const folder = dirname(resolve(file));
  return statSync(folder, { throwIfNoEntry: false }) === undefined ? `no such folder ${folder} to make the database in` : undefined;
}

/**
 * Opens (creating if needed) a database. WAL with synchronous=NORMAL: a killed process loses nothing
 * committed; only a power cut may lose the last transactions.
 */
export function openDb(file: string, opts: OpenOptions = {}): Db {
  const problem = fileProblem(file, opts.readonly === true);
  if (problem !== undefined) throw new StoreError(file, problem);
  let db: Db;
  try {
    db = new Database(file, { readonly: opts.readonly === true, fileMustExist: opts.readonly === true });
  } catch (cause) {
    throw new StoreError(file, `cannot open the database: ${(cause as Error).message}`, { cause });
  }
  try {
    if (opts.readonly !== true) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -32000');
    if (opts.readonly !== true) migrate(db, file);
    else if ((db.pragma('user_version', { simple: true }) as number) < LATEST_VERSION) {
      // A database of an older Gavel: upgraded once, then read as asked.
      db.close();
      openDb(file).close();
      return openDb(file, opts);
    }
  } catch (cause) {
    db.close();
    if (cause instanceof StoreError) throw cause;
    throw new StoreError(file, `not a usable Gavel database: ${(cause as Error).message}`, { cause });
  }
  return db;
}
