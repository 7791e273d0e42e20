// `gavel run` and `gavel check`: the live bot from a config file, and a dry run of that config.
import { dirname, resolve } from 'node:path';
import { makeDirs } from '../dirs.js';
import { Bot, defaultTickMs } from '../bot/bot.js';
import { SiteUpdater } from '../bot/siteupdate.js';
import { joinUrl } from '../core/config.js';
import { channelMeetingConfig, channelOutput } from '../config/channel.js';
import { ConfigError, loadConfig } from '../config/load.js';
import type { GavelConfig } from '../config/types.js';
import { IrcConnection } from '../irc/connection.js';
import { probeIrc } from '../irc/probe.js';
import { createLogger } from '../log.js';
import { Store } from '../store/store.js';
import { channelDirName, seriesDirName } from '../web/paths.js';
import { parseCliArgs, UsageError, type CliIo } from './io.js';

function configArg(argv: string[], io: CliIo): GavelConfig | number {
  const parsed = parseCliArgs(argv, { config: { type: 'string' } });
  const file = (parsed.values as { config?: string }).config;
  if (file === undefined) throw new UsageError('--config FILE is required (see config/gavel.example.yaml)');
  try {
    return loadConfig(resolve(io.cwd, file), io.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      const hint = /ENOENT/.test(err.message) ? ' (copy config/gavel.example.yaml there and edit it)' : '';
      io.stderr.write(`gavel: the configuration is not valid: ${err.message}${hint}\n`);
      return 2;
    }
    throw err;
  }
}

export async function runMain(argv: string[], io: CliIo): Promise<number> {
  const cfg = configArg(argv, io);
  if (typeof cfg === 'number') return cfg;
  const log = createLogger({ stream: io.stderr, level: cfg.log.level });
  makeDirs(dirname(cfg.storage.db));
  const store = Store.open(cfg.storage.db);
  let irc: IrcConnection | undefined = undefined;
  const site = cfg.output.site === undefined ? undefined : new SiteUpdater({ db: cfg.storage.db, dir: cfg.output.site, urlPrefix: cfg.output.urlPrefix }, log);
  const bot = new Bot(store, {
    network: cfg.irc.network,
    // The nick the bot has now (it may be a fallback such as gavel_): its replies are logged under it.
    meetingConfig: (channel) => ({ ...channelMeetingConfig(cfg, channel), botNick: irc?.currentNick || cfg.irc.nick }),
    outputDir: (channel) => channelOutput(cfg, channel).dir,
    ...(cfg.output.site !== undefined
      ? { actionsUrl: (channel: string, name: string) => joinUrl(channelOutput(cfg, channel).urlPrefix, `${channelDirName(channel)}/series/${seriesDirName(name)}/actions.html`) }
      : {}),
    clock: Date.now,
    logger: log,
    // Often enough for the channel with the shortest idle time.
    tickMs: Math.min(60_000, ...cfg.irc.channels.map((ch) => defaultTickMs(channelMeetingConfig(cfg, ch).idleMinutes))),
    onEnded: () => site?.request(),
  });
  irc = new IrcConnection(cfg.irc, bot, { logger: log });
  bot.attach(irc);
  const resumed = bot.start();
  log.info('gavel started', { config: cfg.file, db: cfg.storage.db, network: cfg.irc.network, resumed: resumed.length });
  irc.connect();
  const signal = await new Promise<string>((done) => {
    process.once('SIGINT', () => done('SIGINT'));
    process.once('SIGTERM', () => done('SIGTERM'));
  });
  log.info('stopping', { signal });
  bot.stop();
  await irc.quit('Gavel stopping');
  store.close();
  log.info('stopped');
  return 0;
}

export async function checkMain(argv: string[], io: CliIo): Promise<number> {
  const cfg = configArg(argv, io);
  if (typeof cfg === 'number') return cfg;
  io.stdout.write(`${cfg.file}: the configuration is valid\n`);
  io.stdout.write(`  database ${cfg.storage.db}, minutes in ${cfg.output.dir}${cfg.output.site !== undefined ? `, website in ${cfg.output.site}` : ''}\n`);
  io.stdout.write(`  connecting to ${cfg.irc.host}:${cfg.irc.port}${cfg.irc.tls ? ' (TLS)' : ''} as ${cfg.irc.nick}…\n`);
  const r = await probeIrc(cfg.irc);
  if (!r.ok) {
    io.stderr.write(`gavel check: cannot connect to ${cfg.irc.host}:${cfg.irc.port}: ${r.error ?? 'unknown error'}\n`);
    return 1;
  }
  io.stdout.write(`  connected and registered as ${r.nick ?? cfg.irc.nick}${r.account !== undefined ? `, logged in as ${r.account}` : ''}\n`);
  return 0;
}
