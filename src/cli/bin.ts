#!/usr/bin/env node
// The `gavel` executable: runs the CLI against the real process and sets its exit code.
import { main } from './main.js';

// `gavel search … | head`: the reader has gone, which is no error of ours; stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

// A promise rather than a top-level await: the bundle made of this file is CommonJS (src/cli/bundle.ts).
void main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
}).then((code) => {
  process.exitCode = code;
  // With nothing left to run (no write, timer, child or socket pending; looked at on the next turn,
  // once the last callback's request is released) the process would end now anyway: exiting spares
  // tearing down the heap, some 10 ms after a large replay. Anything pending ends the usual way.
  // A terminal's handles count as idle once nothing waits to be written to them.
  setImmediate(() => {
    const pending = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap');
    if (pending.length === 0 && process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
  });
});
