// Writing the site: a file is replaced (atomically) only when its content changed, and never outside the site folder.
import { readFileSync, rmSync, statSync } from 'node:fs';
import { pathInside, writeAtomic } from '../render/write.js';

/** The record of the last build, kept in the site folder: what each meeting's files were made from, and every file made. */
export const MANIFEST = '.gavel-site.json';

/** A file as the last build left it: size and modification time, so a file changed since (say by `gavel render`) is noticed. */
export type FileMark = readonly [size: number, mtimeMs: number];

export interface Manifest {
  /** The renderer (code, templates, version) that made the files. */
  readonly stamp: string;
  /** Meeting base path → fingerprint of what its files were rendered from. */
  readonly meetings: Readonly<Record<string, string>>;
  /** Channel or series folder → fingerprint of what its pages were rendered from. */
  readonly groups: Readonly<Record<string, string>>;
  /** Every file of the site, relative to its folder. */
  readonly files: Readonly<Record<string, FileMark>>;
}

function mark(full: string): FileMark | undefined {
  try {
    const st = statSync(full);
    return [st.size, st.mtimeMs];
  } catch {
    return undefined;
  }
}

export class SiteWriter {
  readonly written: string[] = [];
  unchanged = 0;
  private readonly marks = new Map<string, FileMark | undefined>();

  constructor(
    readonly outDir: string,
    private readonly previous: Readonly<Record<string, FileMark>>,
  ) {}

  /** Claims a site path: two pages at one path (say a file pattern that makes `index.html`) is an error, not an overwrite. */
  private claim(rel: string, what: string): string {
    if (this.marks.has(rel)) throw new Error(`two files of the site at ${rel} (the second is ${what}): change the file pattern or the names`);
    this.marks.set(rel, undefined);
    return pathInside(this.outDir, rel);
  }

  /** Writes `content` at `rel` unless the file already holds exactly that. */
  put(rel: string, content: string, what: string, mode = 0o644): void {
    const full = this.claim(rel, what);
    let old: string | undefined;
    try {
      old = readFileSync(full, 'utf8');
    } catch {
      old = undefined;
    }
    if (old === content) this.unchanged++;
    else {
      writeAtomic(full, content, mode);
      this.written.push(full);
    }
    this.marks.set(rel, mark(full));
  }

  /** Whether the file is still exactly as the last build left it (same size and time). */
  untouched(rel: string): boolean {
    const before = this.previous[rel];
    const now = mark(pathInside(this.outDir, rel));
    return before !== undefined && now !== undefined && before[0] === now[0] && before[1] === now[1];
  }

  /** A file kept as it is without rendering it: its inputs did not change, and neither did the file. */
  keep(rel: string, what: string): void {
    this.claim(rel, what);
    this.marks.set(rel, this.previous[rel]);
    this.unchanged++;
  }

  files(): Record<string, FileMark> {
    const out: Record<string, FileMark> = {};
    for (const rel of [...this.marks.keys()].sort()) {
      const m = this.marks.get(rel);
      if (m !== undefined) out[rel] = m;
    }
    return out;
  }

  /** Removes the files an earlier build made that this one did not (a meeting gone, a series renamed). */
  removeStale(): string[] {
    const removed: string[] = [];
    for (const rel of Object.keys(this.previous)) {
      if (this.marks.has(rel)) continue;
      let full: string;
      try {
        full = pathInside(this.outDir, rel);
      } catch {
        continue; // a tampered manifest must not make the builder delete outside the site
      }
      if (mark(full) === undefined) continue;
      rmSync(full, { force: true });
      removed.push(full);
    }
    return removed;
  }
}

const isMark = (v: unknown): v is FileMark => Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number';

function record<T>(v: unknown, ok: (x: unknown) => x is T): Record<string, T> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, T] => ok(e[1])));
}

/** The last build's manifest; a missing or damaged one only costs a full rebuild. */
export function readManifest(outDir: string): Manifest | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(pathInside(outDir, MANIFEST), 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const m = parsed as Record<string, unknown>;
  if (typeof m.stamp !== 'string') return undefined;
  const isString = (x: unknown): x is string => typeof x === 'string';
  return { stamp: m.stamp, meetings: record(m.meetings, isString), groups: record(m.groups, isString), files: record(m.files, isMark) };
}

export function writeManifest(outDir: string, manifest: Manifest): void {
  const full = pathInside(outDir, MANIFEST);
  const content = `${JSON.stringify(manifest)}\n`;
  let old: string | undefined;
  try {
    old = readFileSync(full, 'utf8');
  } catch {
    old = undefined;
  }
  if (old !== content) writeAtomic(full, content, 0o644);
}
