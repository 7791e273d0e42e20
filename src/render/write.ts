// Writing a rendered meeting under an output folder: atomically, and never outside that folder.
import { close, openSync, rename, renameSync, rmSync, write, writeFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { makeDirs } from '../dirs.js';
import type { PendingMeeting, RenderedMeeting } from './outputs.js';

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

/**
 * A new file beside the target, created only if nothing has that name ('wx'): a name someone could
 * guess and plant a symlink on would otherwise have us write through it (or keep its looser mode).
 */
function tempName(path: string): string {
  return `${path}.tmp-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 10)}`;
}

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
  const tmp = tempName(path);
  try {
    makeDirs(dirname(path));
    writeFileSync(tmp, typeof content === 'string' ? utf8(content) : content, { mode, flag: 'wx' });
    renameSync(tmp, path);
  } catch (cause) {
    throw writeFailed(path, tmp, cause);
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

function writeFailed(path: string, tmp: string, cause: unknown): Error {
  try {
    rmSync(tmp, { force: true });
  } catch {
    // The temporary file could not even be created (e.g. its folder is a file): nothing to clean.
  }
  return new Error(`cannot write ${path}: ${(cause as Error).message}`, { cause });
}

/**
 * writeAtomic with the copy into the kernel on the thread pool. The file is opened here (a cheap call)
 * so that the costly write is one job that runs while the caller renders the next file; a chain of
 * callbacks would wait for the busy main thread at every step.
 */
function writeAtomicLater(path: string, content: string | Uint8Array, mode: number): Promise<void> {
  const tmp = tempName(path);
  // Not the scratch buffer: it is still being written when the next file is encoded.
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  let fd: number;
  try {
    makeDirs(dirname(path));
    fd = openSync(tmp, 'wx', mode);
  } catch (cause) {
    return Promise.reject(writeFailed(path, tmp, cause));
  }
  return new Promise((done, fail) => {
    const finish = (err: Error | null): void => {
      close(fd, (closeErr) => {
        const e = err ?? closeErr;
        if (e !== null) return fail(writeFailed(path, tmp, e));
        rename(tmp, path, (renameErr) => (renameErr === null ? done() : fail(writeFailed(path, tmp, renameErr))));
      });
    };
    const from = (offset: number): void => {
      if (offset >= bytes.length) return finish(null);
      write(fd, bytes, offset, bytes.length - offset, null, (err, n) => (err !== null ? finish(err) : from(offset + n)));
    };
    from(0);
  });
}

/** Lets callbacks of finished writes run between two renders, so each write's last steps do not wait. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Renders and writes a meeting's files one by one, each written in the background while the next one
 * renders (the kernel's work for megabytes of pages overlaps with rendering). Returns the absolute paths
 * written, in order, once all are on disk; the first failure rejects, after every write has settled.
 */
export async function writeMeetingAsRendered(outDir: string, m: PendingMeeting): Promise<string[]> {
  const mode = m.restricted ? 0o600 : 0o644;
  const paths: string[] = [];
  const writes: Promise<void>[] = [];
  let renderError: { error: unknown } | undefined;
  try {
    for (const render of m.files) {
      const f = render();
      const path = pathInside(outDir, m.base + f.ext);
      paths.push(path);
      const written = writeAtomicLater(path, f.bytes ?? f.content, mode);
      // Settled below with the others; handled now, so a write that fails at once (its folder cannot
      // be made) is not an unhandled rejection while the next file renders.
      written.catch(() => undefined);
      writes.push(written);
      await turn();
    }
  } catch (error) {
    renderError = { error };
  }
  const results = await Promise.allSettled(writes);
  if (renderError !== undefined) throw renderError.error;
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  return paths;
}
