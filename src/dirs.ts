// Making a folder and its missing parents, failing with the first error instead of looping.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

function isDir(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}

/**
 * `mkdir -p`, one level at a time. Node 20's own recursive mkdir loops for ever where a folder
 * exists but refuses a child with ENOENT (anything under /proc): here each missing level is made
 * once and the first failure is thrown, naming the folder.
 */
export function makeDirs(dir: string): void {
  const path = resolve(dir);
  if (isDir(path)) return;
  const parent = dirname(path);
  // The depth of the path bounds the recursion: the root is its own parent.
  if (parent !== path) makeDirs(parent);
  try {
    mkdirSync(path);
  } catch (err) {
    // Made meanwhile by someone else: as good as made here.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST' && isDir(path)) return;
    throw err;
  }
}
