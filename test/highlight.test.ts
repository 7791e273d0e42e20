// Snippets from a hit's own text: the query's words marked as FTS5 matches them, formatting codes removed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toFtsQuery } from '../src/core/ftsquery.js';
import { highlight, queryTerms } from '../src/core/highlight.js';

const marks = (text: string, query: string): string =>
  highlight(text, queryTerms(toFtsQuery(query)))
    .map((p) => (p.mark ? `[${p.text}]` : p.text))
    .join('');

test('marks words, phrases, prefixes; not NOT-ed words; ignores case and accents like the index', () => {
  const cases: [string, string, string][] = [
    ['VM containers and vms', 'VM', '[VM] containers and vms'],
    ['Windows support in runtime-spec', 'runtime-spec', 'Windows support in [runtime-spec]'],
    ['the specification of specs', 'spec*', 'the [specification] of [specs]'],
    ['Café au lait', 'cafe', '[Café] au lait'],
    ['VM without containers', 'VM NOT containers', '[VM] without containers'],
    ['a "quoted" phrase here', '"quoted phrase"', 'a "[quoted]" [phrase] here'],
    ['nothing to see', 'absent', 'nothing to see'],
  ];
  for (const [text, query, want] of cases) assert.equal(marks(text, query), want, `${query} in ${text}`);
});

test('removes IRC formatting codes, which once collided with the markers', () => {
  assert.equal(marks('the \x02secret\x02 budget is \x0304red\x03 ok', 'budget'), 'the secret [budget] is red ok');
});

test('cuts a long text around the first match', () => {
  const text = `${'word '.repeat(100)}needle ${'tail '.repeat(100)}`;
  const parts = highlight(text, queryTerms(toFtsQuery('needle')), 120);
  const shown = parts.map((p) => p.text).join('');
  assert.ok(shown.startsWith('…') && shown.endsWith('…'));
  assert.ok(shown.length <= 122);
  assert.deepEqual(parts.filter((p) => p.mark).map((p) => p.text), ['needle']);
});
