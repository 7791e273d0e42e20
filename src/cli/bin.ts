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
});
