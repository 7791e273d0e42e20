// The README's command reference comes from the command table, and its CLI reference covers the CLI.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { meetingCommandsHelp } from '../src/cli/meetingcommands.js';
import { CLI_COMMANDS } from '../src/cli/commands.js';
import { COMMANDS } from '../src/core/commands.js';
import { ROOT } from './support/paths.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('lists every meeting command and alias of the command table, as `gavel commands --markdown` prints it', () => {
    assert.ok(readme.includes(meetingCommandsHelp(true)), 'README command table is out of date: paste `npx gavel commands --markdown`');
    for (const c of COMMANDS) for (const w of [c.name, ...c.aliases]) assert.ok(readme.includes(`\`#${w}\``), `#${w}`);
  });

  it('documents every CLI command and every option of its help', () => {
    for (const c of CLI_COMMANDS) {
      assert.ok(readme.includes(`### \`gavel ${c.name}`), `gavel ${c.name}`);
      for (const opt of c.help.match(/^\s+(--[a-z-]+)/gm) ?? []) assert.ok(readme.includes(`\`${opt.trim()}`), `${c.name} ${opt.trim()}`);
    }
  });
});
