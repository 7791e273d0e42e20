// An IrcListener that records every event in order, with a bounded wait for the one a test expects.
import type { IrcListener } from '../../src/irc/events.js';

type Events = { [K in keyof IrcListener]-?: Parameters<NonNullable<IrcListener[K]>>[0] };
export type EventName = keyof Events;
export interface Recorded<K extends EventName = EventName> {
  readonly name: K;
  readonly e: Events[K];
}

const NAMES: readonly EventName[] = ['onLine', 'onPrivate', 'onNick', 'onTopic', 'onTopicRefused', 'onJoined', 'onParted', 'onJoinFailed', 'onConnected', 'onDisconnected'];

export class Recorder {
  readonly events: Recorded[] = [];
  readonly listener: IrcListener;
  private waiters: { from: number; test: (r: Recorded) => boolean; resolve: (r: Recorded) => void }[] = [];

  constructor() {
    const l: Record<string, (e: unknown) => void> = {};
    for (const name of NAMES) l[name] = (e) => this.record({ name, e } as Recorded);
    this.listener = l as IrcListener;
  }

  mark(): number {
    return this.events.length;
  }

  all<K extends EventName>(name: K, from = 0): Events[K][] {
    return this.events.slice(from).filter((r) => r.name === name).map((r) => r.e as Events[K]);
  }

  /** The first `name` event from `from` on that passes `pred`, waiting up to `timeoutMs`. */
  waitFor<K extends EventName>(name: K, pred: (e: Events[K]) => boolean = () => true, o: { from?: number; timeoutMs?: number } = {}): Promise<Events[K]> {
    const from = o.from ?? 0;
    const test = (r: Recorded): boolean => r.name === name && pred(r.e as Events[K]);
    const found = this.events.slice(from).find(test);
    if (found) return Promise.resolve(found.e as Events[K]);
    const timeoutMs = o.timeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      const w = { from, test, resolve: (r: Recorded) => (clearTimeout(t), resolve(r.e as Events[K])) };
      const t = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        const tail = this.events.slice(-6).map((r) => `${r.name} ${JSON.stringify(r.e)}`).join('\n  ');
        reject(new Error(`no matching ${name} within ${timeoutMs} ms; last events:\n  ${tail}`));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  private record(r: Recorded): void {
    this.events.push(r);
    const idx = this.events.length - 1;
    for (const w of [...this.waiters]) {
      if (idx >= w.from && w.test(r)) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve(r);
      }
    }
  }
}
