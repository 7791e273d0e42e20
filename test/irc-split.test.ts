// Outgoing text split to IRC's 512-byte lines: UTF-8 boundaries, graphemes, words, the relay prefix.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byteLength, IRC_LINE_BYTES, splitText, textBudget, truncateBytes } from '../src/irc/split.js';

/** Every piece fits, is valid UTF-8 (no lone surrogates) and the pieces rebuild the text. */
function checkPieces(text: string, max: number, joiner: string): string[] {
  const parts = splitText(text, max);
  for (const p of parts) {
    assert.ok(byteLength(p) <= max, `${byteLength(p)} > ${max}: ${p}`);
    assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(p), `broken character in ${JSON.stringify(p)}`);
    assert.notEqual(p, '');
  }
  assert.equal(parts.join(joiner), text);
  return parts;
}

describe('splitText', () => {
  it('keeps a short line whole', () => {
    assert.deepEqual(splitText('hello world', 100), ['hello world']);
  });

  it('cuts at the last space that fits, dropping that one space', () => {
    assert.deepEqual(splitText('aaa bbb ccc ddd', 8), ['aaa bbb', 'ccc ddd']);
    assert.deepEqual(splitText('aaa bbb ccc', 7), ['aaa bbb', 'ccc']);
    checkPieces('the quick brown fox jumps over the lazy dog '.repeat(30).trim(), 50, ' ');
  });

  it('never cuts an IRC colour code from its numbers', () => {
    // Cut anywhere, "x\x0304,12y…" could leave "04,12" as text at the start of the next line.
    const text = `${'x'.repeat(9)}\x0304,12${'y'.repeat(20)}\x04ff0000,00ff00z`;
    for (let max = 15; max <= 24; max++) {
      const parts = checkPieces(text, max, '');
      assert.ok(parts.every((p) => !/^[\d,]/.test(p)), `${max}: ${JSON.stringify(parts)}`);
      assert.ok(parts.some((p) => p.includes('\x0304,12')), `${max}: the code stays whole`);
      assert.ok(parts.some((p) => p.includes('\x04ff0000,00ff00')), `${max}: the hex code stays whole`);
    }
    checkPieces(text, 5, '');
  });

  it('cuts a word longer than a line where it must', () => {
    assert.deepEqual(splitText('abcdefghij', 4), ['abcd', 'efgh', 'ij']);
    assert.deepEqual(splitText('ab cdefghijkl', 5), ['ab', 'cdefg', 'hijkl']);
    checkPieces('x'.repeat(1234), 100, '');
  });

  it('never cuts inside a multi-byte character: accents, CJK (3 bytes), emoji (4 bytes)', () => {
    const cjk = '会議の議事録を作成します'.repeat(20); // 3 bytes each
    for (const max of [4, 5, 7, 100, 101, 102]) {
      const parts = checkPieces(cjk, max, '');
      for (const p of parts.slice(0, -1)) assert.ok(byteLength(p) > max - 3, 'pieces are as full as whole characters allow');
    }
    checkPieces('😀🎉🚀'.repeat(50), 10, '');
    checkPieces('Zoë Łukasz Ærøskøbing '.repeat(40).trim(), 33, ' ');
  });

  it('keeps grapheme clusters whole: flags, skin tones, ZWJ families, combining accents', () => {
    const family = '👨‍👩‍👧‍👦'; // 25 bytes
    const parts = checkPieces(family.repeat(10), 60, '');
    for (const p of parts) assert.equal(p.length % family.length, 0, 'a family emoji was cut');
    const flags = '🇩🇪🇫🇷🇯🇵'.repeat(10);
    for (const p of checkPieces(flags, 17, '')) assert.equal([...p].length % 2, 0, 'a flag was cut in half');
    const accented = 'e\u0301'.repeat(40); // e + combining acute
    for (const p of checkPieces(accented, 10, '')) assert.ok(!p.startsWith('\u0301'));
  });

  it('falls back to code points for a grapheme larger than a line', () => {
    const zalgo = 'a' + '\u0301'.repeat(20); // one grapheme of 41 bytes
    const parts = checkPieces(zalgo, 8, '');
    assert.ok(parts.length > 1);
  });

  it('sends each line of a multi-line text separately and drops empty lines and NULs', () => {
    assert.deepEqual(splitText('one\ntwo\r\nthree\rfour\n\n', 100), ['one', 'two', 'three', 'four']);
    assert.deepEqual(splitText('a\0b', 100), ['ab']);
    assert.deepEqual(splitText('', 100), []);
  });

  it('refuses a budget too small for one character', () => {
    assert.throws(() => splitText('x', 3), /at least 4/);
  });
});

describe('textBudget', () => {
  it('leaves room for the prefix the server adds when relaying, and CRLF', () => {
    const p = { command: 'PRIVMSG' as const, target: '#meetings', nick: 'gavel', user: '~gavel', host: 'example.org' };
    const relayed = `:gavel!~gavel@example.org PRIVMSG #meetings :`;
    assert.equal(textBudget(p), IRC_LINE_BYTES - relayed.length - 2);
    const text = splitText('ü'.repeat(600), textBudget(p))[0] ?? '';
    assert.ok(byteLength(relayed + text) + 2 <= IRC_LINE_BYTES);
    assert.ok(byteLength(relayed + text + 'ü') + 2 > IRC_LINE_BYTES, 'the line is as full as it can be');
  });

  it('counts a non-ASCII channel name in bytes', () => {
    const a = textBudget({ command: 'NOTICE', target: '#ab', nick: 'n', user: 'u', host: 'h' });
    const b = textBudget({ command: 'NOTICE', target: '#äb', nick: 'n', user: 'u', host: 'h' });
    assert.equal(a - b, 1);
  });
});

describe('truncateBytes', () => {
  it('cuts on a character boundary', () => {
    assert.equal(truncateBytes('abc', 10), 'abc');
    assert.equal(truncateBytes('aé😀', 3), 'aé');
    assert.equal(truncateBytes('aé😀', 6), 'aé');
    assert.equal(truncateBytes('aé😀', 7), 'aé😀');
  });
});
