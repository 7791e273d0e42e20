// IRC formatting codes to styled text segments, and the text cleaning every string needs before HTML.

export interface IrcSegment {
  readonly text: string;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly underline: boolean;
  readonly strike: boolean;
  readonly mono: boolean;
  /** mIRC colour number 0–98; undefined for the default colour (99 means default too). */
  readonly fg?: number;
  readonly bg?: number;
}

/** What a template prints: `<span class="{{cls}}">{{text}}</span>`, or bare text when cls is empty. */
export interface StyledSpan {
  readonly text: string;
  readonly cls: string;
}

interface Style {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  mono: boolean;
  reverse: boolean;
  fg: number | undefined;
  bg: number | undefined;
}

const plain = (): Style => ({
  bold: false, italic: false, underline: false, strike: false, mono: false, reverse: false,
  fg: undefined, bg: undefined,
});

const TOGGLES: Readonly<Record<string, 'bold' | 'italic' | 'underline' | 'strike' | 'mono' | 'reverse'>> = {
  '\x02': 'bold',
  '\x1d': 'italic',
  '\x1f': 'underline',
  '\x1e': 'strike',
  '\x11': 'mono',
  '\x16': 'reverse',
};

const COLOUR_RE = /^(\d{1,2})(?:,(\d{1,2}))?/;
const HEX_RE = /^[0-9a-fA-F]{6}(?:,[0-9a-fA-F]{6})?/;

/** 99 is "default" in the extended mIRC palette: no class, so the page colour shows. */
function colour(digits: string): number | undefined {
  const n = Number(digits);
  return n >= 99 ? undefined : n;
}

/**
 * Characters an HTML parser reports as errors or that mean nothing on a page: C0 controls but tab,
 * DEL and C1 controls go; lone surrogates and noncharacters become U+FFFD.
 */
const DROP_RE = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/g;
const BAD_RE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufdd0-\ufdef\ufffe\uffff]|[\ud83f\ud87f\ud8bf\ud8ff\ud93f\ud97f\ud9bf\ud9ff\uda3f\uda7f\udabf\udaff\udb3f\udb7f\udbbf\udbff][\udffe\udfff]/g;

export function cleanText(text: string): string {
  return text.replace(DROP_RE, '').replace(BAD_RE, '\ufffd');
}

export function ircToSegments(text: string): IrcSegment[] {
  // Text without a control character is one unstyled segment (most linked lines and LINK items).
  if (isPlainText(text)) {
    return text === '' ? [] : [{ text, bold: false, italic: false, underline: false, strike: false, mono: false }];
  }
  const out: IrcSegment[] = [];
  const st = plain();
  let buf = '';
  const flush = (): void => {
    const t = cleanText(buf);
    buf = '';
    if (t === '') return;
    // Reverse video swaps the colours; with none set there is nothing to swap, so it is ignored.
    const fg = st.reverse ? st.bg : st.fg;
    const bg = st.reverse ? st.fg : st.bg;
    const seg: { -readonly [K in keyof IrcSegment]: IrcSegment[K] } = {
      text: t, bold: st.bold, italic: st.italic, underline: st.underline, strike: st.strike, mono: st.mono,
    };
    if (fg !== undefined) seg.fg = fg;
    if (bg !== undefined) seg.bg = bg;
    const prev = out[out.length - 1];
    if (prev !== undefined && sameStyle(prev, seg)) out[out.length - 1] = { ...prev, text: prev.text + t };
    else out.push(seg);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    const toggle = TOGGLES[c];
    if (toggle !== undefined) {
      flush();
      st[toggle] = !st[toggle];
    } else if (c === '\x03') {
      flush();
      const m = COLOUR_RE.exec(text.slice(i + 1, i + 6));
      if (m === null) {
        // A bare \x03 ends colouring; a following ",5" stays text, as clients show it.
        st.fg = undefined;
        st.bg = undefined;
      } else {
        st.fg = colour(m[1] ?? '');
        if (m[2] !== undefined) st.bg = colour(m[2]);
        i += m[0].length;
      }
    } else if (c === '\x04') {
      // Hex colours are rare and unsafe to trust for contrast: consumed and not shown.
      flush();
      const m = HEX_RE.exec(text.slice(i + 1, i + 14));
      if (m !== null) i += m[0].length;
    } else if (c === '\x0f') {
      flush();
      Object.assign(st, plain());
    } else {
      buf += c;
    }
  }
  flush();
  return out;
}

function sameStyle(a: IrcSegment, b: IrcSegment): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.underline === b.underline && a.strike === b.strike &&
    a.mono === b.mono && a.fg === b.fg && a.bg === b.bg;
}

// No control character, surrogate or noncharacter: the text is shown exactly as it is (the common case).
const PLAIN_RE = /^[^\x00-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]*$/;

export function isPlainText(text: string): boolean {
  return PLAIN_RE.test(text);
}

/** The text a reader sees: codes dropped, controls removed. */
export function visibleText(text: string): string {
  if (isPlainText(text)) return text;
  return ircToSegments(text).map((s) => s.text).join('');
}

/** `irc-b irc-i irc-fg4 irc-bg1`: the classes the page stylesheet defines (colours 0–15 are styled). */
export function segmentClass(seg: IrcSegment): string {
  const cls: string[] = [];
  if (seg.bold) cls.push('irc-b');
  if (seg.italic) cls.push('irc-i');
  if (seg.underline) cls.push('irc-u');
  if (seg.strike) cls.push('irc-s');
  if (seg.mono) cls.push('irc-m');
  if (seg.fg !== undefined) cls.push(`irc-fg${seg.fg}`);
  if (seg.bg !== undefined) cls.push(`irc-bg${seg.bg}`);
  return cls.join(' ');
}

export function segmentsToSpans(segs: readonly IrcSegment[]): StyledSpan[] {
  return segs.map((s) => ({ text: s.text, cls: segmentClass(s) }));
}
