// What the bot knows of each channel it is in: the spelling, the topic and who is there, by IRC case rules.

/**
 * IRC's case folding (ISUPPORT CASEMAPPING): rfc1459 also folds []\~ to {}|^, strict-rfc1459 only
 * []\ , ascii only A-Z. An unknown mapping folds like ascii plus Unicode lower case.
 */
export function foldCase(s: string, casemapping = 'rfc1459'): string {
  let out = s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  if (casemapping === 'rfc1459' || casemapping === 'strict-rfc1459') {
    out = out.replace(/[[\]\\]/g, (c) => ({ '[': '{', ']': '}', '\\': '|' })[c] ?? c);
    if (casemapping === 'rfc1459') out = out.replace(/~/g, '^');
  } else if (casemapping !== 'ascii') {
    out = out.toLowerCase();
  }
  return out;
}

interface Channel {
  /** As the server spelled it when we joined. */
  name: string;
  topic: string | undefined;
  /** Folded nick → nick as last seen. */
  members: Map<string, string>;
}

export class ChannelBook {
  private readonly byKey = new Map<string, Channel>();

  /** `casemapping` is read at each use: the server announces it after registration. */
  constructor(
    private readonly casemapping: () => string = () => 'rfc1459',
    private readonly configured: readonly string[] = [],
  ) {}

  key(name: string): string {
    return foldCase(name, this.casemapping());
  }

  /** The same nick or channel, by the case rules known now. */
  same(a: string, b: string): boolean {
    return this.key(a) === this.key(b);
  }

  /** One of the channels the bot is configured to join. */
  isConfigured(name: string): boolean {
    return this.configured.some((c) => this.same(c, name));
  }

  /** The configured spelling of a channel, else as given. */
  spelling(name: string): string {
    return this.configured.find((c) => this.same(c, name)) ?? name;
  }

  /** We are in `name` now (a fresh member list and no topic until the server sends it). */
  joined(name: string): void {
    this.byKey.set(this.key(name), { name, topic: undefined, members: new Map() });
  }

  /** We left, were kicked, or lost the connection. */
  left(name: string): void {
    this.byKey.delete(this.key(name));
  }

  clear(): void {
    this.byKey.clear();
  }

  has(name: string): boolean {
    return this.byKey.has(this.key(name));
  }

  /** The channels we are in, as spelled by the server. */
  names(): string[] {
    return [...this.byKey.values()].map((c) => c.name);
  }

  setTopic(name: string, topic: string): void {
    const c = this.byKey.get(this.key(name));
    if (c) c.topic = topic;
  }

  /** The topic; '' when the channel has none; undefined if we are not in it or have not heard yet. */
  topic(name: string): string | undefined {
    return this.byKey.get(this.key(name))?.topic;
  }

  /** A NAMES reply: the complete list replaces what we had. */
  setMembers(name: string, nicks: readonly string[]): void {
    const c = this.byKey.get(this.key(name));
    if (!c) return;
    c.members = new Map(nicks.map((n) => [this.key(n), n]));
  }

  addMember(name: string, nick: string): void {
    this.byKey.get(this.key(name))?.members.set(this.key(nick), nick);
  }

  /** True if `nick` was there. */
  removeMember(name: string, nick: string): boolean {
    return this.byKey.get(this.key(name))?.members.delete(this.key(nick)) ?? false;
  }

  /** Someone quit: gone from every channel. Returns the channels they were in. */
  removeEverywhere(nick: string): string[] {
    const k = this.key(nick);
    return [...this.byKey.values()].filter((c) => c.members.delete(k)).map((c) => c.name);
  }

  /** A nick change: followed in every channel. Returns the channels the person is in. */
  rename(from: string, to: string): string[] {
    const kf = this.key(from);
    const kt = this.key(to);
    const out: string[] = [];
    for (const c of this.byKey.values()) {
      if (!c.members.delete(kf)) continue;
      c.members.set(kt, to);
      out.push(c.name);
    }
    return out;
  }

  isMember(name: string, nick: string): boolean {
    return this.byKey.get(this.key(name))?.members.has(this.key(nick)) ?? false;
  }

  members(name: string): string[] {
    return [...(this.byKey.get(this.key(name))?.members.values() ?? [])];
  }
}
