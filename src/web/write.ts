// Writing the site: a file is replaced (atomically) only when its content changed, and never outside the site folder.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { pathInside, writeAtomic } from '../render/write.js';

/** The record of the last build, kept in the site folder: what each meeting's files were made from, and every file made. */
export const MANIFEST = '.gavel-site.json';

export interface Manifest {
  /** The renderer (code, templates, version) that made the files. */
  readonly stamp: string;
  /** Meeting base path → fingerprint of what its files were rendered from. */
  readonly meetings: Readonly<Record<string, string>>;
  /** Channel or series folder → fingerprint of what its pages were rendered from. */
  readonly groups: Readonly<Record<string, string>>;
  /** Every file of the site, relative to its folder. */
  readonly files: readonly string[];
}

export class SiteWriter {
  readonly written: string[] = [];
  unchanged = 0;
  private readonly paths = new Set<string>();

  constructor(readonly outDir: string) {}

  /** Claims a site path: two pages at one path (say a file pattern that makes `index.html`) is an error, not an overwrite. */
  claim(rel: string, what: string): string {
    if (this.paths.has(rel)) throw new Error(`two files of the site at ${rel} (the second is ${what}): change the file pattern or the names`);
    this.paths.add(rel);
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
    if (old === content) {
      this.unchanged++;
      return;
    }
    writeAtomic(full, content, mode);
    this.written.push(full);
  }

  /** A file kept as it is without reading it: its inputs did not change since it was written. */
  keep(rel: string, what: string): void {
    this.claim(rel, what);
    this.unchanged++;
  }

  exists(rel: string): boolean {
    return existsSync(pathInside(this.outDir, rel));
  }

  files(): string[] {
    return [...this.paths].sort();
  }

  /** Removes the files an earlier build made that this one did not (a meeting gone, a series renamed). */
  removeStale(previous: readonly string[]): string[] {
    const removed: string[] = [];
    for (const rel of previous) {
      if (this.paths.has(rel)) continue;
      let full: string;
      try {
        full = pathInside(this.outDir, rel);
      } catch {
        continue; // a tampered manifest must not make the builder delete outside the site
      }
      if (!existsSync(full)) continue;
      rmSync(full, { force: true });
      removed.push(full);
    }
    return removed;
  }
}

export function readManifest(outDir: string): Manifest | undefined {
  let text: string;
  try {
    text = readFileSync(pathInside(outDir, MANIFEST), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const m = JSON.parse(text) as Partial<Manifest>;
    if (typeof m.stamp !== 'string' || typeof m.meetings !== 'object' || m.meetings === null || !Array.isArray(m.files)) return undefined;
    const groups = typeof m.groups === 'object' && m.groups !== null ? m.groups : {};
    return { stamp: m.stamp, meetings: m.meetings, groups, files: m.files.filter((f): f is string => typeof f === 'string') };
  } catch {
    // A damaged manifest only costs a full rebuild.
    return undefined;
  }
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
