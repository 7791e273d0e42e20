// Writing a rendered meeting under an output folder: atomically, and never outside that folder.
import { mkdirSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import type { RenderedMeeting } from './outputs.js';

export class OutputPathError extends Error {
  constructor(
    readonly path: string,
    readonly outDir: string,
  ) {
    super(`refusing to write ${path}: it is outside the output folder ${outDir}`);
    this.name = 'OutputPathError';
  }
}

/** The absolute path of `rel` under `outDir`, or an error if it would leave it. */
export function pathInside(outDir: string, rel: string): string {
  const root = resolve(outDir);
  const full = resolve(root, rel);
  if (rel.includes('\0') || !full.startsWith(root + sep)) throw new OutputPathError(rel, root);
  return full;
}

let counter = 0;

// One buffer reused for every file's bytes: a fresh buffer per file costs a page fault per 4 KB
// touched, a tenth of the time a large meeting takes to write.
let scratch = Buffer.alloc(0);

function utf8(content: string): Buffer {
  // A UTF-16 code unit never takes more than three bytes in UTF-8.
  if (scratch.length < content.length * 3) scratch = Buffer.allocUnsafeSlow(Math.max(content.length * 3, 1 << 16));
  return scratch.subarray(0, scratch.write(content, 0, 'utf8'));
}

/** Write to a temporary file beside the target, then rename: readers never see half a file. */
export function writeAtomic(path: string, content: string | Uint8Array, mode: number): void {
  const tmp = `${path}.tmp-${process.pid}-${++counter}`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, typeof content === 'string' ? utf8(content) : content, { mode });
    renameSync(tmp, path);
  } catch (cause) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // The temporary file could not even be created (e.g. its folder is a file): nothing to clean.
    }
    throw new Error(`cannot write ${path}: ${(cause as Error).message}`, { cause });
  }
}

/** Writes every file of the meeting; returns the absolute paths written, in order. */
export function writeMeeting(outDir: string, r: RenderedMeeting): string[] {
  const mode = r.restricted ? 0o600 : 0o644;
  const written: string[] = [];
  for (const f of r.files) {
    const path = pathInside(outDir, r.base + f.ext);
    writeAtomic(path, f.bytes ?? f.content, mode);
    written.push(path);
  }
  return written;
}
