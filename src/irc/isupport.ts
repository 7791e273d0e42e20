// What the server announced about itself (ISUPPORT), read with safe defaults.

export type IsupportOptions = Readonly<Record<string, unknown>>;

export function isupportNumber(options: IsupportOptions, key: string): number | undefined {
  const v = Number(options[key]);
  return Number.isInteger(v) && v > 0 ? v : undefined;
}

export function casemapping(options: IsupportOptions): string {
  const v = options.CASEMAPPING;
  return typeof v === 'string' ? v : 'rfc1459';
}

/** CHANTYPES (irc-framework splits it into characters); `#` and `&` until the server says. */
export function isChannelName(options: IsupportOptions, target: string): boolean {
  const types = options.CHANTYPES;
  const list = Array.isArray(types) ? (types as unknown[]) : ['#', '&'];
  return list.includes(target.charAt(0));
}

/**
 * How the server will show us when relaying our lines: exact once our own JOIN has shown our
 * user@host; before that, the longest the server allows (`~` marks an unchecked ident).
 */
export function relayPrefix(
  options: IsupportOptions,
  nick: string,
  self: { user: string; host: string } | undefined,
  wantedNick: string,
): { nick: string; user: string; host: string } {
  if (self && nick !== '') return { nick, ...self };
  const nickLen = Math.max(isupportNumber(options, 'NICKLEN') ?? 30, wantedNick.length + 4);
  const userLen = (isupportNumber(options, 'USERLEN') ?? 10) + 1;
  const hostLen = isupportNumber(options, 'HOSTLEN') ?? 63;
  return { nick: 'n'.repeat(nickLen), user: 'u'.repeat(userLen), host: 'h'.repeat(hostLen) };
}
