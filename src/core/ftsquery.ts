// What a person types into a search box, made into an FTS5 query: `runtime-spec` means the phrase, not syntax.

/** Words FTS5 reads as operators when written in capitals. */
const OPERATORS = new Set(['AND', 'OR', 'NOT']);
const BAREWORD = /^[\p{L}\p{N}_\u0080-\u{10FFFF}]+\*?$/u;

function quote(token: string): string {
  const star = token.endsWith('*') && token.length > 1;
  const body = star ? token.slice(0, -1) : token;
  return `"${body.replaceAll('"', '""')}"${star ? '*' : ''}`;
}

/**
 * Keeps phrases ("…"), prefixes (spec*), AND/OR/NOT and parentheses as FTS5 syntax, and
 * quotes every other token, so that punctuation inside words (runtime-spec, v1.0, #agreed) searches
 * for the words instead of failing. Unbalanced quotes are left for FTS5 to report.
 */
export function toFtsQuery(input: string): string {
  const out: string[] = [];
  const re = /"(?:[^"]|"")*"?\*?|[()]|[^\s()"]+/gu;
  for (const m of input.matchAll(re)) {
    const tok = m[0];
    if (tok.startsWith('"') || tok === '(' || tok === ')' || OPERATORS.has(tok) || BAREWORD.test(tok)) out.push(tok);
    else if (/^NEAR$/.test(tok)) out.push(tok);
    else out.push(quote(tok));
  }
  return out.join(' ');
}
