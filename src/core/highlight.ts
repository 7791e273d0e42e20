// Search snippets made from the hit's own text: the query's words marked, as FTS5's unicode61 tokenizer matches them.
import { stripFormatting } from './text.js';

export interface Part {
  readonly text: string;
  readonly mark?: true;
}

export interface QueryTerms {
  readonly words: ReadonlySet<string>;
  readonly prefixes: readonly string[];
}

/** Lower case without accents, as the index compares (`remove_diacritics 2`). */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

const TOKEN = /[\p{L}\p{N}_]+/gu;

/** The words and prefixes of an FTS5 query as toFtsQuery writes it (operators, quotes and NOT-ed words aside). */
export function queryTerms(fts: string): QueryTerms {
  const words = new Set<string>();
  const prefixes: string[] = [];
  const body = fts.replace(/\bNOT\s+("(?:[^"]|"")*"\*?|\S+)/g, ' ');
  for (const m of body.matchAll(/("(?:[^"]|"")*"|[^\s()"*]+)(\*?)/g)) {
    const raw = m[1] ?? '';
    if (raw === 'AND' || raw === 'OR' || raw === 'NOT') continue;
    const tokens = [...fold(raw).matchAll(TOKEN)].map((t) => t[0]);
    const last = tokens.pop();
    for (const t of tokens) words.add(t);
    if (last !== undefined) {
      if (m[2] === '*') prefixes.push(last);
      else words.add(last);
    }
  }
  return { words, prefixes };
}

/** `[runtime]-[spec]` → `[runtime-spec]`: marks joined by a little punctuation read as one. */
function mergeMarks(parts: Part[]): void {
  for (let i = 0; i + 2 < parts.length; ) {
    const [a, sep, b] = [parts[i], parts[i + 1], parts[i + 2]];
    if (a?.mark && b?.mark && sep !== undefined && !sep.mark && /^[^\s\p{L}\p{N}]{1,2}$/u.test(sep.text)) {
      parts.splice(i, 3, { text: a.text + sep.text + b.text, mark: true });
    } else i++;
  }
}

/**
 * The text with the query's words marked; a long text is cut around its first match. IRC
 * formatting codes are removed first, so a snippet shows what people read.
 */
export function highlight(text: string, terms: QueryTerms, maxChars = 240): Part[] {
  const plain = stripFormatting(text);
  const parts: Part[] = [];
  let at = 0;
  let first = -1;
  for (const m of plain.matchAll(TOKEN)) {
    const t = fold(m[0]);
    if (!terms.words.has(t) && !terms.prefixes.some((p) => t.startsWith(p))) continue;
    const start = m.index ?? 0;
    if (first < 0) first = start;
    if (start > at) parts.push({ text: plain.slice(at, start) });
    parts.push({ text: m[0], mark: true });
    at = start + m[0].length;
  }
  if (at < plain.length) parts.push({ text: plain.slice(at) });
  mergeMarks(parts);
  if (plain.length <= maxChars) return parts;
  // Cut to a window that starts a little before the first match.
  const from = Math.max(0, (first < 0 ? 0 : first) - 40);
  const to = from + maxChars;
  const out: Part[] = from > 0 ? [{ text: '…' }] : [];
  let pos = 0;
  for (const p of parts) {
    const end = pos + p.text.length;
    if (end > from && pos < to) {
      const piece = p.text.slice(Math.max(0, from - pos), Math.min(p.text.length, to - pos));
      out.push(p.mark ? { text: piece, mark: true } : { text: piece });
    }
    pos = end;
  }
  if (plain.length > to) out.push({ text: '…' });
  return out;
}
