// Text appended straight into UTF-8 bytes: a large file is built without one huge string to join and encode.
import type { Html } from './rows.js';

export class Utf8Builder {
  private buf: Buffer;
  private used = 0;
  /** Text appended since the last encoding: rows are encoded some sixty at a time, not one by one. */
  private pending = '';

  /** `expected`: about how many bytes the file will have; the buffer grows past it when needed. */
  constructor(expected: number) {
    this.buf = Buffer.allocUnsafe(Math.max(expected, 1 << 12));
  }

  append(text: string): void {
    // A call into the encoder per row costs more than the row's characters; a 16 KB chunk is flattened
    // and encoded at once, and is still too small to outlive a young collection.
    this.pending += text;
    if (this.pending.length >= PENDING_LIMIT) this.encode();
  }

  private encode(): void {
    const text = this.pending;
    this.pending = '';
    // A UTF-16 code unit never takes more than three bytes in UTF-8.
    const room = text.length * 3;
    if (this.buf.length - this.used < room) {
      const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.used + room));
      this.buf.copy(next, 0, 0, this.used);
      this.buf = next;
    }
    this.used += this.buf.write(text, this.used, 'utf8');
  }

  bytes(): Uint8Array {
    this.encode();
    return this.buf.subarray(0, this.used);
  }
}

const PENDING_LIMIT = 16 * 1024;

const ROWS_MARK = '<!-- rows -->';

/**
 * Where a page's rows go: a page template prints this through `{{name}}`, and the page is cut there.
 * User text is always escaped, so the comment cannot come from anything but this object.
 */
export const ROWS_HERE: Html = { toHTML: () => ROWS_MARK };

/** The rendered page around its rows: the text before and after the ROWS_HERE mark. */
export function splitAtRows(page: string): [before: string, after: string] {
  const at = page.indexOf(ROWS_MARK);
  if (at < 0 || page.indexOf(ROWS_MARK, at + 1) >= 0) throw new Error('the page template must print its rows exactly once');
  return [page.slice(0, at), page.slice(at + ROWS_MARK.length)];
}
