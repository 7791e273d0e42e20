// URLs in lines: which lines are bare links, where a LINK item's URL is, and which URLs are safe to link.

/** MeetBot's UrlProtocols: a line that starts with one of these followed by `//` is a link. */
const LINE_PROTOCOLS = ['http:', 'https:', 'irc:', 'ftp:', 'mailto:', 'ssh:'];

export function startsWithUrl(text: string): boolean {
  // Each protocol starts with h, i, f, m or s: most lines are ruled out by their first character.
  const c = text.charCodeAt(0);
  if (c !== 0x68 && c !== 0x69 && c !== 0x66 && c !== 0x6d && c !== 0x73) return false;
  const i = text.indexOf('//');
  return i > 0 && LINE_PROTOCOLS.includes(text.slice(0, i));
}

/** The first `scheme://…` run of non-blanks, without trailing `.` or `)`. */
export function findUrl(text: string): string | undefined {
  const m = /[A-Za-z][A-Za-z0-9+.-]*:\/\/\S+/.exec(text);
  if (!m) return undefined;
  const url = m[0].replace(/[.)]+$/, '');
  return /:\/\/./.test(url) ? url : undefined;
}

/** Only these schemes become clickable links in HTML; everything else stays text. */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'ftp:', 'irc:', 'ircs:', 'mailto:', 'ssh:']);

export function safeHref(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return SAFE_SCHEMES.has(parsed.protocol) ? parsed.href : undefined;
}
