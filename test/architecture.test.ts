// The core stays pure: no I/O libraries, no filesystem, no clock. Checked on the source, file by file.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from './support/paths.js';

const CORE = join(ROOT, 'src', 'core');
const FORBIDDEN_IMPORTS = ['irc-framework', 'better-sqlite3', 'handlebars', 'node:fs', 'fs', 'node:net', 'node:child_process', 'node:http'];
const CLOCK = [/\bDate\.now\s*\(/, /\bnew Date\s*\(\s*\)/, /DateTime\.now\s*\(/, /DateTime\.local\s*\(\s*\)/, /performance\.now/, /process\.hrtime/, /Math\.random/];

describe('src/core is pure', () => {
  const files = readdirSync(CORE).filter((f) => f.endsWith('.ts'));

  it('has files to check', () => assert.ok(files.length > 10));

  for (const f of files) {
    it(`${f}: imports no I/O and never reads the clock`, () => {
      const src = readFileSync(join(CORE, f), 'utf8');
      for (const m of src.matchAll(/from\s+'([^']+)'/g)) assert.ok(!FORBIDDEN_IMPORTS.includes(m[1] ?? ''), `imports ${m[1]}`);
      for (const re of CLOCK) assert.ok(!re.test(src), `reads the clock or randomness: ${re}`);
    });
  }

  it('every source file starts with a one-line header comment', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
    for (const f of [...walk(join(ROOT, 'src')), ...walk(join(ROOT, 'test'))]) {
      const first = readFileSync(f, 'utf8').split('\n').find((l) => !l.startsWith('#!'));
      assert.match(first ?? '', /^\/\/ \S/, f);
    }
  });
});
