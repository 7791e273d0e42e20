// One connection attempt for `gavel check`: can we register (and log in), and as whom.
import type { IrcDeps, IrcOptions } from './options.js';
import { IrcConnection } from './connection.js';

export interface ProbeResult {
  readonly ok: boolean;
  /** The nick we got, when registered. */
  readonly nick?: string;
  /** The account SASL logged us in as. */
  readonly account?: string;
  /** What went wrong, in words. */
  readonly error?: string;
}

/** Connects once (no channels, no retry), waits for registration, and quits. SASL configured but failed is a failure. */
export async function probeIrc(options: IrcOptions, timeoutMs = 20_000, deps: IrcDeps = {}): Promise<ProbeResult> {
  let settle: (r: ProbeResult) => void = () => undefined;
  const result = new Promise<ProbeResult>((resolve) => (settle = resolve));
  const conn = new IrcConnection(
    { ...options, channels: [], backoff: { minMs: 3_600_000, maxMs: 3_600_000 } },
    {
      onConnected: (e) => {
        if (options.sasl && e.account === undefined) settle({ ok: false, nick: e.nick, error: `registered as ${e.nick}, but the SASL login as ${options.sasl.account} failed` });
        else settle({ ok: true, nick: e.nick, ...(e.account ? { account: e.account } : {}) });
      },
      onDisconnected: (e) => settle({ ok: false, error: e.error ?? 'the server closed the connection' }),
    },
    deps,
  );
  const timer = setTimeout(() => settle({ ok: false, error: `no registration within ${timeoutMs} ms` }), timeoutMs);
  conn.connect();
  const r = await result;
  clearTimeout(timer);
  await conn.quit('gavel check', 2_000);
  return r;
}
