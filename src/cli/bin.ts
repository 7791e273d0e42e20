#!/usr/bin/env node
// The `gavel` executable: runs the CLI against the real process and sets its exit code.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
