// Python 2.7 textwrap as MeetBot configured it (whitespace-only breaks, break_long_words=False), at any width.
import { codePointLength } from './text.js';

// MeetBot subclassed TextWrapper with wordsep_re = (\s+): words break only at whitespace, never at hyphens.
const WORDSEP_RE = /(\s+)/u;
// Python's string.whitespace, which is what replace_whitespace turns into spaces.
const ASCII_WS_RE = /[\t\n\x0b\x0c\r]/g;
const SURROGATE_RE = /[\ud800-\udfff]/;

function expandTabs(text: string, tabSize = 8): string {
  if (!text.includes('\t')) return text;
  let out = '';
  let col = 0;
  for (const ch of text) {
    if (ch === '\t') {
      const n = tabSize - (col % tabSize);
      out += ' '.repeat(n);
      col += n;
    } else if (ch === '\n' || ch === '\r') {
      out += ch;
      col = 0;
    } else {
      out += ch;
      col++;
    }
  }
  return out;
}

/** Python's unicode.strip() == '' test: the chunk is whitespace only. */
function isBlank(chunk: string): boolean {
  return chunk.trim() === '';
}

export interface WrapOptions {
  readonly width: number;
  readonly initialIndent?: string;
  readonly subsequentIndent?: string;
}

export function wrap(text: string, opts: WrapOptions): string[] {
  const initialIndent = opts.initialIndent ?? '';
  const subsequentIndent = opts.subsequentIndent ?? '';
  const munged = expandTabs(text).replace(ASCII_WS_RE, ' ');
  // Text that fits on the first line and does not end in a blank is that line, as the loop below
  // would make it (its length in UTF-16 units is at least its length in code points).
  if (munged !== '' && munged.length <= opts.width - codePointLength(initialIndent) && munged.trimEnd() === munged) {
    return [initialIndent + munged];
  }
  const chunks = munged.split(WORDSEP_RE).filter((c) => c !== '');
  chunks.reverse();
  // Without surrogates a chunk's length in code points is its length: no count character by character.
  const codePoints = SURROGATE_RE.test(munged) ? codePointLength : (s: string): number => s.length;
  const lines: string[] = [];
  while (chunks.length > 0) {
    const curLine: string[] = [];
    let curLen = 0;
    const indent = lines.length > 0 ? subsequentIndent : initialIndent;
    const width = opts.width - codePointLength(indent);
    if (lines.length > 0 && isBlank(chunks[chunks.length - 1] ?? 'x')) chunks.pop();
    while (chunks.length > 0) {
      const l = codePoints(chunks[chunks.length - 1] ?? '');
      if (curLen + l <= width) {
        curLine.push(chunks.pop() ?? '');
        curLen += l;
      } else {
        break;
      }
    }
    // A chunk too long for any line stands alone (break_long_words=False).
    if (chunks.length > 0 && codePoints(chunks[chunks.length - 1] ?? '') > width && curLine.length === 0) {
      curLine.push(chunks.pop() ?? '');
    }
    if (curLine.length > 0 && isBlank(curLine[curLine.length - 1] ?? 'x')) curLine.pop();
    if (curLine.length > 0) lines.push(indent + curLine.join(''));
  }
  return lines;
}

export function fill(text: string, opts: WrapOptions): string {
  return wrap(text, opts).join('\n');
}
